package images

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"testing"
)

func TestProbe(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 30, 20))
	img.Set(1, 1, color.White)
	encode := map[string]func(*bytes.Buffer) error{
		"image/png":  func(b *bytes.Buffer) error { return png.Encode(b, img) },
		"image/jpeg": func(b *bytes.Buffer) error { return jpeg.Encode(b, img, nil) },
		"image/gif":  func(b *bytes.Buffer) error { return gif.Encode(b, img, nil) },
	}
	for typ, enc := range encode {
		var b bytes.Buffer
		if err := enc(&b); err != nil {
			t.Fatal(err)
		}
		// The name does not decide: a JPEG saved as .png is a JPEG.
		if w, h, got := Probe("photo.png", b.Bytes()); w != 30 || h != 20 || got != typ {
			t.Errorf("%s: %dx%d %s", typ, w, h, got)
		}
	}
	for svg, want := range map[string][2]int{
		`<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40px"></svg>`: {120, 40},
		`<svg viewBox="0 0 300.4 150"><rect/></svg>`:                               {300, 150},
		`<svg width="100%" viewBox="0,0,64,32"></svg>`:                             {64, 32},
		`<svg></svg>`: {0, 0},
	} {
		if w, h, typ := Probe("map.SVG", []byte(svg)); w != want[0] || h != want[1] || typ != "image/svg+xml" {
			t.Errorf("%s: %dx%d %s", svg, w, h, typ)
		}
	}
	if w, h, typ := Probe("notes.jpg", []byte("not an image")); w != 0 || h != 0 || typ != "" {
		t.Errorf("not an image: %dx%d %q", w, h, typ)
	}
}
