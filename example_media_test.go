package furusato_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"image"
	_ "image/jpeg"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/furusato/furusato"
	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
)

// TestExamplePhotos checks the photos of the example site (made by
// bench/examplephotos): at least six JPEGs the size of a phone's photo
// but light enough for the repository, each the image of its page with alt
// text in both languages, and one stored turned with EXIF orientation 6
// and a GPS position, as phones store them.
func TestExamplePhotos(t *testing.T) {
	site := furusato.Example()
	var photos []string
	err := fs.WalkDir(site, "content", func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".jpg") {
			photos = append(photos, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(photos) < 6 {
		t.Fatalf("%d photos in content/, want at least 6: %v", len(photos), photos)
	}
	turned := 0
	for _, p := range photos {
		data, err := fs.ReadFile(site, p)
		if err != nil {
			t.Fatal(err)
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil || format != "jpeg" {
			t.Errorf("%s: not a JPEG: %v", p, err)
			continue
		}
		orientation, gps := exif(data)
		w, h := cfg.Width, cfg.Height
		if orientation >= 5 {
			w, h = h, w
		}
		if w < 2000 || w > 2400 || h >= w {
			t.Errorf("%s: %d×%d as shown, want a landscape photo 2000–2400 px wide", p, w, h)
		}
		if len(data) > 400<<10 {
			t.Errorf("%s: %d KB, want less than 400 KB", p, len(data)>>10)
		}
		if orientation == 6 && gps {
			turned++
		}
	}
	if turned == 0 {
		t.Error("no photo is stored turned (EXIF orientation 6) with a GPS position")
	}

	out := filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(context.Background(), build.Options{Site: site, Out: out, NoMinify: true,
		Now: time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{
		"stories/salmon-engineer", "stories/iturn-pr-officer", "stories/accountant",
		"companies/i-enter", "companies/kaname", "articles/kitami-base",
	} {
		for _, prefix := range []string{"", "en/"} {
			html := buildtest.Unhashed(readFile(t, filepath.Join(out, prefix+page, "index.html")))
			// The photo in its widths: WebP, and JPEG for older browsers.
			if !strings.Contains(html, `<source type="image/webp" srcset="/_photos/photo.#.480w.webp 480w`) {
				t.Errorf("%s%s: no WebP widths of the photo", prefix, page)
			}
			want := `<img class="lead-image" src="/_photos/photo.#.1600w.jpg" srcset="`
			i := strings.Index(html, want)
			if i < 0 {
				t.Errorf("%s%s: no %s", prefix, page, want)
				continue
			}
			alt := html[i:]
			alt = alt[strings.Index(alt, ` alt="`)+len(` alt="`):]
			alt = alt[:strings.IndexByte(alt, '"')]
			if prefix == "" && !strings.HasPrefix(alt, "イラスト：") || prefix == "en/" && !strings.HasPrefix(alt, "Illustration: ") {
				t.Errorf("%s%s: alt %q does not say, in the page's language, that it is an illustration", prefix, page, alt)
			}
		}
	}
}

// TestExampleLeaflet checks that the programme leaflets are linked from
// the programmes page with their format and size.
func TestExampleLeaflet(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(context.Background(), build.Options{Site: furusato.Example(), Out: out, NoMinify: true,
		Now: time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"ja", "en"} {
		data, err := os.ReadFile(filepath.Join(out, "programs", "leaflet-"+lang+".pdf"))
		if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
			t.Fatalf("leaflet-%s.pdf: %v", lang, err)
		}
	}
	if html := readFile(t, filepath.Join(out, "programs", "index.html")); !strings.Contains(html, `<a href="/programs/leaflet-ja.pdf">IT企業向け支援制度のご案内（PDF形式：`) {
		t.Errorf("the programmes page does not link the leaflet with its label:\n%s", html)
	}
	if html := readFile(t, filepath.Join(out, "en", "programs", "index.html")); !strings.Contains(html, `<a href="/programs/leaflet-en.pdf">Support for IT companies (PDF, `) {
		t.Errorf("the English programmes page does not link the leaflet with its label:\n%s", html)
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// exif reads a JPEG's EXIF orientation (0 when none) and whether it has
// a GPS position.
func exif(jpg []byte) (orientation int, gps bool) {
	for i := 2; i+4 <= len(jpg) && jpg[i] == 0xFF; {
		marker, n := jpg[i+1], int(binary.BigEndian.Uint16(jpg[i+2:]))
		seg := jpg[i+4 : min(i+2+n, len(jpg))]
		i += 2 + n
		if marker != 0xE1 || !bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
			continue
		}
		tiff := seg[6:]
		var bo binary.ByteOrder = binary.LittleEndian
		if bytes.HasPrefix(tiff, []byte("MM")) {
			bo = binary.BigEndian
		}
		ifd := int(bo.Uint32(tiff[4:]))
		count := int(bo.Uint16(tiff[ifd:]))
		for e := range count {
			entry := tiff[ifd+2+12*e:]
			switch bo.Uint16(entry) {
			case 0x0112:
				orientation = int(bo.Uint16(entry[8:]))
			case 0x8825:
				gps = true
			}
		}
	}
	return orientation, gps
}
