package config

import (
	"slices"
	"strings"
	"testing"
)

func TestImagesSettings(t *testing.T) {
	base := "baseURL: https://e.jp/\nlanguages: [{code: ja, title: T}]\n"
	c, err := Parse([]byte(base))
	if err != nil {
		t.Fatal(err)
	}
	if im := c.Images; !slices.Equal(im.Widths, []int{480, 800, 1200, 1600}) || im.Quality != 80 || im.MaxMegapixels != 50 || im.Originals {
		t.Errorf("defaults: %+v", im)
	}
	c, err = Parse([]byte(base + "images:\n  widths: [640, 1280]\n  quality: 70\n  originals: true\n"))
	if err != nil || !slices.Equal(c.Images.Widths, []int{640, 1280}) || c.Images.Quality != 70 || !c.Images.Originals {
		t.Fatalf("%+v %v", c.Images, err)
	}
	for _, tt := range []struct{ yaml, want string }{
		{"images:\n  quality: 0\n", "site.yaml:4:12: images: quality is 0; use 1 to 100"},
		{"images:\n  widths: [480, 99999]\n", "site.yaml:4:17: images: widths: 99999 is not a width"},
		{"images:\n  widths: []\n", "images: widths is empty"},
		{"images:\n  maxMegapixels: -1\n", "images: maxMegapixels must be more than 0"},
		{"images:\n  width: [480]\n", "unknown key width (did you mean widths?)"},
	} {
		_, err := Parse([]byte(base + tt.yaml))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: want %q, got %v", tt.yaml, tt.want, err)
		}
	}
}
