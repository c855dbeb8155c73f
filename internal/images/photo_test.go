package images

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rwcarlsen/goexif/exif"
	_ "golang.org/x/image/webp"

	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/images/imagetest"
)

func withExif(t *testing.T, jpg []byte, orientation int, gps, lonToo bool) []byte {
	return imagetest.WithExif(jpg, orientation, gps, lonToo)
}

func encodeJPEG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// upright is a 40×20 picture: red in its top left quarter, blue elsewhere.
func upright() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for y := 0; y < 20; y++ {
		for x := 0; x < 40; x++ {
			c := color.RGBA{0, 0, 255, 255}
			if x < 20 && y < 10 {
				c = color.RGBA{255, 0, 0, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// asStored is how a camera stores a picture that it tags with
// orientation o, from the EXIF specification's words: for 6, "the 0th row
// is the visual right-hand side of the image, and the 0th column is the
// visual top".
func asStored(up *image.RGBA, o int) *image.RGBA {
	w, h := up.Rect.Dx(), up.Rect.Dy()
	sw, sh := w, h
	if o >= 5 {
		sw, sh = h, w
	}
	st := image.NewRGBA(image.Rect(0, 0, sw, sh))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var sx, sy int
			switch o {
			case 1:
				sx, sy = x, y
			case 2:
				sx, sy = w-1-x, y
			case 3:
				sx, sy = w-1-x, h-1-y
			case 4:
				sx, sy = x, h-1-y
			case 5:
				sx, sy = y, x
			case 6:
				sx, sy = y, sh-1-x
			case 7:
				sx, sy = sw-1-y, sh-1-x
			case 8:
				sx, sy = sw-1-y, x
			}
			st.SetRGBA(sx, sy, up.RGBAAt(x, y))
		}
	}
	return st
}

// makeAll asks for the whole picture of each file and makes it into a
// map of output path → bytes, by the path without its folder and hash
// (see plain).
func makeAll(t *testing.T, fsys fs.FS, s Settings, cache *Cache, crop Crop) (map[string][]byte, map[string]*Picture, Stats, error) {
	t.Helper()
	set := NewSet(fsys, s, cache)
	pics := map[string]*Picture{}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		p, err := set.Picture(name, strings.TrimPrefix(name, "content/"), crop)
		pics[name] = p
		return err
	})
	if err != nil {
		return nil, nil, Stats{}, err
	}
	out := map[string][]byte{}
	var mu sync.Mutex // Make writes from several goroutines
	st, err := set.Make(context.Background(), cache, func(f File) error {
		data := bytes.Clone(f.Data)
		if f.Data == nil {
			var err error
			if data, err = os.ReadFile(f.Cached); err != nil {
				return err
			}
		}
		if int64(len(data)) != f.Size || sha256.Sum256(data) != f.Sum {
			return fmt.Errorf("%s: %d bytes, size %d; sum %x, said %x", f.Path, len(data), f.Size, sha256.Sum256(data), f.Sum)
		}
		name, err := plain(f.Path)
		if err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		out[name] = data
		return nil
	}, nil)
	return out, pics, st, err
}

// plain is a variant's path without the folder and the hash: p.40w.jpg
// for _photos/p.3f9a1c2b7d.40w.jpg. It fails for a path not so made.
func plain(p string) (string, error) {
	rest, ok := strings.CutPrefix(p, Dir+"/")
	parts := strings.SplitN(rest, ".", 3)
	if !ok || len(parts) < 3 || len(parts[1]) != 10 || strings.Trim(parts[1], "0123456789abcdef") != "" {
		return "", fmt.Errorf("%s: want %s/name.hash.rest", p, Dir)
	}
	return parts[0] + "." + parts[2], nil
}

func testSettings() Settings {
	s := DefaultSettings()
	s.Widths = []int{16, 40, 1600}
	return s
}

func TestOrientation(t *testing.T) {
	for o := 1; o <= 8; o++ {
		stored := asStored(upright(), o) // as the camera wrote it
		data := withExif(t, encodeJPEG(t, stored), o, false, false)
		h, err := ReadHeader(data, 0)
		if err != nil || h.Orientation != o || h.Width != 40 || h.Height != 20 {
			t.Fatalf("orientation %d: header %+v, %v", o, h, err)
		}
		out, _, _, err := makeAll(t, fstest.MapFS{"content/p.jpg": {Data: data}}, testSettings(), nil, Crop{})
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"p.40w.jpg", "p.40w.webp"} {
			img, _, err := image.Decode(bytes.NewReader(out[name]))
			if err != nil {
				t.Fatalf("orientation %d: %s: %v", o, name, err)
			}
			if b := img.Bounds(); b.Dx() != 40 || b.Dy() != 20 {
				t.Fatalf("orientation %d: %s is %v", o, name, b)
			}
			if r, _, bl, _ := img.At(5, 3).RGBA(); r>>8 < 200 || bl>>8 > 60 {
				t.Errorf("orientation %d: %s: top left is %v, want red", o, name, img.At(5, 3))
			}
			if r, _, bl, _ := img.At(35, 16).RGBA(); r>>8 > 60 || bl>>8 < 200 {
				t.Errorf("orientation %d: %s: bottom right is %v, want blue", o, name, img.At(35, 16))
			}
		}
	}
}

func TestGPSStripped(t *testing.T) {
	for _, lonToo := range []bool{true, false} {
		data := withExif(t, encodeJPEG(t, upright()), 1, true, lonToo)
		if x, err := exif.Decode(bytes.NewReader(data)); err != nil {
			t.Fatal(err)
		} else if _, err := x.Get(exif.GPSLatitude); err != nil {
			t.Fatal("the fixture has no GPS:", err)
		}
		fsys := fstest.MapFS{"content/p.jpg": {Data: data}, "content/q.jpg": {Data: encodeJPEG(t, upright())}}
		set := NewSet(fsys, testSettings(), nil)
		for name := range fsys {
			if _, err := set.Picture(name, name, Crop{}); err != nil {
				t.Fatal(err)
			}
		}
		if got := set.GPS(); len(got) != 1 || got[0] != "content/p.jpg" {
			t.Errorf("GPS = %v", got)
		}
		var n atomic.Int32
		_, err := set.Make(context.Background(), nil, func(f File) error {
			path, out := f.Path, f.Data
			n.Add(1)
			if x, err := exif.Decode(bytes.NewReader(out)); err == nil {
				if _, err := x.Get(exif.GPSLatitude); err == nil {
					t.Errorf("%s has a GPS position", path)
				}
			}
			if bytes.Contains(out, []byte("Exif\x00")) || bytes.Contains(out, []byte("EXIF")) {
				t.Errorf("%s has EXIF data", path)
			}
			return nil
		}, nil)
		if n := n.Load(); err != nil || n != 8 { // 2 photos × 2 widths × 2 formats
			t.Fatalf("made %d, %v", n, err)
		}
	}
}

func TestCMYK(t *testing.T) {
	// A JPEG whose frame has four components (C, M, Y, K), after Adobe's
	// APP14 segment, as Photoshop writes them.
	data := []byte{0xff, 0xd8,
		0xff, 0xee, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0,
		0xff, 0xc0, 0, 20, 8, 0, 10, 0, 10, 4, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0,
		0xff, 0xda, 0, 14, 4, 1, 0, 2, 0, 3, 0, 4, 0, 0, 63, 0,
		0xff, 0xd9}
	_, err := ReadHeader(data, 0)
	if err == nil || !strings.Contains(err.Error(), "CMYK") || !strings.Contains(err.Error(), "sRGB") {
		t.Fatalf("CMYK: %v", err)
	}
}

func TestDisplayP3(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for i := 0; i < len(img.Pix); i += 4 {
		copy(img.Pix[i:], []byte{40, 180, 60, 255})
	}
	jpg := encodeJPEG(t, img)
	profile := append([]byte("ICC_PROFILE\x00\x01\x01"), []byte("....desc....Display P3....")...)
	var b bytes.Buffer
	b.Write(jpg[:2])
	b.Write([]byte{0xff, 0xe2})
	binary.Write(&b, binary.BigEndian, uint16(len(profile)+2))
	b.Write(profile)
	b.Write(jpg[2:])
	h, err := ReadHeader(b.Bytes(), 0)
	if err != nil || !h.P3 {
		t.Fatalf("%+v %v", h, err)
	}
	s := testSettings()
	s.Widths = []int{8}
	out, _, _, err := makeAll(t, fstest.MapFS{"p.jpg": {Data: b.Bytes()}}, s, nil, Crop{})
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := image.Decode(bytes.NewReader(out["p.8w.jpg"]))
	if err != nil {
		t.Fatal(err)
	}
	// P3 (40,180,60) is sRGB (about 0,184,50): greener, no red.
	r, g, _, _ := got.At(4, 4).RGBA()
	if r>>8 > 20 || g>>8 < 175 {
		t.Errorf("P3 green came out as %v", got.At(4, 4))
	}
}

func TestAlphaKept(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 40, 20))
	for x := 0; x < 20; x++ {
		for y := 0; y < 20; y++ {
			img.SetNRGBA(x, y, color.NRGBA{200, 30, 30, 255})
		}
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	out, pics, _, err := makeAll(t, fstest.MapFS{"map.png": {Data: b.Bytes()}}, testSettings(), nil, Crop{})
	if err != nil {
		t.Fatal(err)
	}
	if pics["map.png"].Type != "image/png" {
		t.Errorf("fallback %s, want PNG", pics["map.png"].Type)
	}
	for _, name := range []string{"map.40w.webp", "map.40w.png"} {
		got, _, err := image.Decode(bytes.NewReader(out[name]))
		if err != nil {
			t.Fatal(name, err)
		}
		if _, _, _, a := got.At(30, 10).RGBA(); a != 0 {
			t.Errorf("%s: transparent pixel has alpha %d", name, a)
		}
		if _, _, _, a := got.At(5, 10).RGBA(); a>>8 != 255 {
			t.Errorf("%s: opaque pixel has alpha %d", name, a)
		}
	}
}

func TestHEIC(t *testing.T) {
	data, err := os.ReadFile("testdata/gray.heic")
	if err != nil {
		t.Fatal(err)
	}
	s := testSettings()
	s.Widths = []int{100}
	out, pics, _, err := makeAll(t, fstest.MapFS{"content/iphone.heic": {Data: data}}, s, nil, Crop{})
	if err != nil {
		t.Fatal(err)
	}
	if p := pics["content/iphone.heic"]; p.Type != "image/jpeg" || p.Width != 100 || p.Height != 100 {
		t.Errorf("%+v", p)
	}
	got, err := jpeg.Decode(bytes.NewReader(out["iphone.100w.jpg"]))
	if err != nil || got.Bounds().Dx() != 100 {
		t.Fatalf("%v %v", got, err)
	}
	// A damaged HEIC says how to convert.
	_, err = ReadHeader(append(data[:40:40], 0, 0, 0), 0)
	if err == nil || !strings.Contains(err.Error(), "Most Compatible") {
		t.Errorf("damaged HEIC: %v", err)
	}
}

// pngHeader is a PNG of w×h pixels that has its header and nothing else.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 17)
	copy(ihdr, "IHDR")
	binary.BigEndian.PutUint32(ihdr[4:], w)
	binary.BigEndian.PutUint32(ihdr[8:], h)
	copy(ihdr[12:], []byte{8, 6, 0, 0, 0})
	binary.Write(&b, binary.BigEndian, uint32(13))
	b.Write(ihdr)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(ihdr))
	return b.Bytes()
}

func TestBomb(t *testing.T) {
	// 100,000 × 100,000 pixels in a file of 33 bytes: 40 GB decoded.
	bomb := pngHeader(100000, 100000)
	set := NewSet(fstest.MapFS{"content/bomb.png": {Data: bomb}}, DefaultSettings(), nil)
	_, err := set.Picture("content/bomb.png", "bomb.png", Crop{})
	if err == nil || !strings.Contains(err.Error(), "10000000000 pixels") && !strings.Contains(err.Error(), "megapixels") {
		t.Fatalf("bomb: %v", err)
	}
	if len(bomb) > 100 {
		t.Fatal("not a bomb")
	}
}

func TestCorrupt(t *testing.T) {
	good := encodeJPEG(t, upright())
	// Cut short: found from the header, before decoding.
	if _, err := ReadHeader(good[:len(good)-10], 0); err == nil || !strings.Contains(err.Error(), "cut short") {
		t.Errorf("truncated: %v", err)
	}
	// Damaged in the middle: found when decoding, at the file.
	bad := bytes.Clone(good)
	sos := scanStart(bad)
	for i := sos + 20; i < len(bad)-2; i++ {
		bad[i] = 0xff
	}
	_, _, _, err := makeAll(t, fstest.MapFS{"content/bad.jpg": {Data: bad}}, testSettings(), nil, Crop{})
	var l *diag.List
	if err == nil {
		t.Fatal("damaged JPEG made")
	}
	if e := diag.All(err); len(e) != 1 || e[0].Pos.File != "content/bad.jpg" {
		t.Errorf("damaged: %v (%T %v)", err, err, l)
	}
	if _, err := ReadHeader([]byte("GIF89a"), 0); err == nil {
		t.Error("a GIF of 6 bytes read")
	}
	// Files that are no image, or too little of one, say so in words,
	// without the decoders' own ("unexpected EOF", "unknown format").
	for name, tt := range map[string]struct {
		data []byte
		want string
	}{
		"empty":          {nil, "the file is empty"},
		"JPEG, 100 B":    {good[:100], "the JPEG is cut short"},
		"JPEG, 2 B":      {good[:2], "the JPEG is cut short"},
		"PNG, 20 B":      {pngHeader(10, 10)[:20], "the PNG is cut short"},
		"text":           {[]byte("hello, this is not a photo"), "not an image furusato can read"},
		"random bytes":   {bytes.Repeat([]byte{0x13, 0x37, 0xc0, 0xde}, 100), "not an image furusato can read"},
		"damaged header": {append([]byte{0xff, 0xd8, 0xff, 0xc0, 0, 3}, bytes.Repeat([]byte{0}, 50)...), "the JPEG is damaged"},
	} {
		_, err := ReadHeader(tt.data, 0)
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "EOF") || strings.Contains(err.Error(), "unknown format") {
			t.Errorf("%s: %v, want %q", name, err, tt.want)
		}
	}
	if _, err := ReadHeader(pngHeader(10, 10), 0); err == nil || !strings.Contains(err.Error(), "cut short") {
		t.Errorf("PNG without IEND: %v", err)
	}
}

func TestWidths(t *testing.T) {
	set := []int{480, 800, 1200, 1600}
	for max, want := range map[int]string{
		4032: "[480 800 1200 1600]",
		1600: "[480 800 1200 1600]",
		1000: "[480 800 1000]",
		300:  "[300]",
		480:  "[480]",
	} {
		if got := fmt.Sprint(Widths(set, max)); got != want {
			t.Errorf("%d: %s, want %s", max, got, want)
		}
		for _, w := range Widths(set, max) {
			if w > max {
				t.Errorf("%d: width %d wider than the original", max, w)
			}
		}
	}
}

func TestCrop(t *testing.T) {
	if r := cropRect(4000, 3000, Crop{16, 9, 0.5, 0.5}); r != (image4{0, 375, 4000, 2625}) {
		t.Errorf("centre: %v", r)
	}
	if r := cropRect(4000, 3000, Crop{16, 9, 0.5, 0}); r != (image4{0, 0, 4000, 2250}) {
		t.Errorf("top: %v", r)
	}
	if r := cropRect(3000, 4000, Crop{16, 9, 0.5, 0.9}); r.y1 != 4000 || r.x1-r.x0 != 3000 {
		t.Errorf("bottom of a portrait photo: %v", r)
	}
	if r := cropRect(4000, 3000, Crop{1, 1, 0.1, 0.5}); r != (image4{0, 0, 3000, 3000}) {
		t.Errorf("square at the left: %v", r)
	}
	// Cropped variants of a picture: 16:9, focus at the top (red).
	s := testSettings()
	data := encodeJPEG(t, upright())
	out, pics, _, err := makeAll(t, fstest.MapFS{"p.jpg": {Data: data}}, s, nil, Crop{Width: 16, Height: 9, FocusX: 0.5, FocusY: 0})
	if err != nil {
		t.Fatal(err)
	}
	p := pics["p.jpg"]
	if url, _ := plain(p.URL()); p.Width != 16 || p.Height != 9 || url != "p.16x9-50-0.16w.jpg" {
		t.Errorf("%+v", p)
	}
	img, _, err := image.Decode(bytes.NewReader(out["p.16x9-50-0.16w.webp"]))
	if err != nil || img.Bounds().Dx() != 16 || img.Bounds().Dy() != 9 {
		t.Fatal(img.Bounds(), err)
	}
}

func TestCacheAndDeterminism(t *testing.T) {
	dir := t.TempDir()
	fsys := fstest.MapFS{
		"content/a.jpg": {Data: withExif(t, encodeJPEG(t, upright()), 6, true, true)},
		"content/b.png": {Data: func() []byte { var b bytes.Buffer; png.Encode(&b, upright()); return b.Bytes() }()},
	}
	cache := OpenCache(dir, false)
	first, _, st, err := makeAll(t, fsys, testSettings(), cache, Crop{})
	if err != nil || st.Made != 8 || st.FromCache != 0 {
		t.Fatalf("first: %+v %v", st, err)
	}
	// A build stopped before it recorded the cache files: those its
	// checkpoint recorded (the first file at once, then one every few
	// seconds) are taken, the others made again, as nothing says what
	// they should hold.
	_, _, st, err = makeAll(t, fsys, testSettings(), OpenCache(dir, false), Crop{})
	if err != nil || st.FromCache < 1 || st.Made+st.FromCache != 8 {
		t.Fatalf("unrecorded cache: %+v %v", st, err)
	}
	if err := cache.Record(nil); err != nil {
		t.Fatal(err)
	}
	again, _, st, err := makeAll(t, fsys, testSettings(), nil, Crop{})
	if err != nil || st.Made != 8 {
		t.Fatal(err)
	}
	for name, data := range first {
		if !bytes.Equal(data, again[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
	cache = OpenCache(dir, false)
	cached, _, st, err := makeAll(t, fsys, testSettings(), cache, Crop{})
	if err != nil || st.Made != 0 || st.FromCache != 8 {
		t.Fatalf("warm cache: %+v %v", st, err)
	}
	for name, data := range first {
		if !bytes.Equal(data, cached[name]) {
			t.Errorf("%s differs from the cache", name)
		}
	}
	// A file the record does not know, left by a stopped build: a build
	// that used just what the record lists does not look for it (it
	// lists no folder); the next one that makes a variant removes it.
	stray := filepath.Join(dir, "zz", "zz-stray.bin")
	os.MkdirAll(filepath.Dir(stray), 0o755)
	os.WriteFile(stray, []byte("stray"), 0o644)
	if n := cache.Prune(nil); n != 0 {
		t.Errorf("pruned %d in use", n)
	}
	if _, err := os.Stat(stray); err != nil {
		t.Errorf("a build that made nothing listed the cache's folders: %v", err)
	}
	// A cache file cut short is made again.
	files, _ := filepath.Glob(filepath.Join(dir, "[0-9a-f][0-9a-f]", "*.bin"))
	if len(files) != 8 {
		t.Fatalf("%d cache files", len(files))
	}
	data, _ := os.ReadFile(files[0])
	os.WriteFile(files[0], data[:len(data)/2], 0o644)
	_, _, st, err = makeAll(t, fsys, testSettings(), OpenCache(dir, false), Crop{})
	if err != nil || st.Made != 1 || st.FromCache != 7 {
		t.Fatalf("truncated cache file: %+v %v", st, err)
	}
	// One touched but unchanged is read, found right, and taken.
	later := time.Now().Add(time.Hour)
	os.Chtimes(files[1], later, later)
	_, _, st, err = makeAll(t, fsys, testSettings(), OpenCache(dir, false), Crop{})
	if err != nil || st.Made != 0 || st.FromCache != 8 {
		t.Fatalf("touched cache file: %+v %v", st, err)
	}
	// Other settings: new entries, and the old ones are pruned.
	s := testSettings()
	s.Quality = 60
	cache = OpenCache(dir, false)
	set := NewSet(fsys, s, nil)
	set.Picture("content/a.jpg", "a.jpg", Crop{})
	if _, err := set.Make(context.Background(), cache, func(File) error { return nil }, nil); err != nil {
		t.Fatal(err)
	}
	if n := cache.Prune(nil); n != 9 {
		t.Errorf("pruned %d, want the 8 of the old settings and the stray file", n)
	}
	if _, err := os.Stat(stray); err == nil {
		t.Errorf("the stray file is still there")
	}
}

// readCounter is a file system that counts the files read from it.
type readCounter struct {
	fstest.MapFS
	mu    *sync.Mutex
	reads map[string]int
}

func (r readCounter) Open(name string) (fs.File, error) {
	r.mu.Lock()
	r.reads[name]++
	r.mu.Unlock()
	return r.MapFS.Open(name)
}

func (r readCounter) ReadFile(name string) ([]byte, error) {
	r.mu.Lock()
	r.reads[name]++
	r.mu.Unlock()
	return r.MapFS.ReadFile(name)
}

func (r readCounter) Stat(name string) (fs.FileInfo, error) { return r.MapFS.Stat(name) }

// TestWarmBuildReadsNoPhoto checks that a build with a warm cache takes
// the photos' checksums and headers from the cache's record and reads no
// photo, and that a photo changed since is read again.
func TestWarmBuildReadsNoPhoto(t *testing.T) {
	dir := t.TempDir()
	when := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	fsys := readCounter{MapFS: fstest.MapFS{
		"content/a.jpg": {Data: withExif(t, encodeJPEG(t, upright()), 6, true, true), ModTime: when},
		"content/b.jpg": {Data: encodeJPEG(t, upright()), ModTime: when},
	}, mu: new(sync.Mutex), reads: map[string]int{}}
	build := func() (map[string][]byte, Stats) {
		t.Helper()
		cache := OpenCache(dir, false)
		out, _, st, err := makeAll(t, fsys, testSettings(), cache, Crop{})
		if err != nil {
			t.Fatal(err)
		}
		cache.Prune(nil)
		return out, st
	}
	first, st := build()
	if st.Made != 8 || fsys.reads["content/a.jpg"] == 0 {
		t.Fatalf("first build: %+v, reads %v", st, fsys.reads)
	}
	clear(fsys.reads)
	warm, st := build()
	if st.Made != 0 || st.FromCache != 8 || len(fsys.reads) != 0 {
		t.Errorf("warm build: %+v, read %v, want no photo read", st, fsys.reads)
	}
	for name, data := range first {
		if !bytes.Equal(data, warm[name]) {
			t.Errorf("%s differs from the first build", name)
		}
	}
	// Another photo in a's place, saved later: read, and made again.
	fsys.MapFS["content/a.jpg"] = &fstest.MapFile{Data: encodeJPEG(t, asStored(upright(), 3)), ModTime: when.Add(time.Minute)}
	clear(fsys.reads)
	changed, st := build()
	if st.Made != 4 || st.FromCache != 4 || fsys.reads["content/a.jpg"] == 0 || fsys.reads["content/b.jpg"] != 0 {
		t.Errorf("a changed: %+v, reads %v; want a read and made again, b from the cache", st, fsys.reads)
	}
	for name, data := range changed {
		if strings.HasPrefix(name, "a.") && bytes.Equal(data, first[name]) {
			t.Errorf("the changed photo's %s is the old one", name)
		}
	}
	// A damaged record is no error: the photos are read again.
	if err := os.WriteFile(filepath.Join(dir, sourcesFile), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	clear(fsys.reads)
	if _, st := build(); st.FromCache != 8 || fsys.reads["content/b.jpg"] == 0 {
		t.Errorf("damaged record: %+v, reads %v", st, fsys.reads)
	}
}

func TestAnimatedGIF(t *testing.T) {
	// Two frames of 1×1.
	gif := []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff" +
		"\x21\xf9\x04\x00\x0a\x00\x00\x00\x2c\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02\x44\x01\x00" +
		"\x21\xf9\x04\x00\x0a\x00\x00\x00\x2c\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02\x4c\x01\x00\x3b")
	set := NewSet(fstest.MapFS{"a.gif": {Data: gif}}, DefaultSettings(), nil)
	p, err := set.Picture("a.gif", "a.gif", Crop{})
	if err != nil || p != nil {
		t.Fatalf("%v %v", p, err)
	}
	if got := set.Animated(); len(got) != 1 {
		t.Errorf("animated = %v", got)
	}
}

func TestMakeStopsAndProgress(t *testing.T) {
	fsys := fstest.MapFS{}
	for i := range 6 {
		fsys[fmt.Sprintf("p%d.jpg", i)] = &fstest.MapFile{Data: encodeJPEG(t, upright())}
	}
	set := NewSet(fsys, testSettings(), nil)
	for name := range fsys {
		if _, err := set.Picture(name, name, Crop{}); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	var seen []int
	st, err := set.Make(context.Background(), nil, func(File) error { return nil }, func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		if total != 6 {
			t.Errorf("total %d", total)
		}
		seen = append(seen, done)
	})
	if err != nil || st.Made != 24 || len(seen) != 6 || slices.Max(seen) != 6 {
		t.Fatalf("progress %v, %+v, %v", seen, st, err)
	}
	// Stopped after the first file: the workers stop, and say why.
	ctx, cancel := context.WithCancel(context.Background())
	var writes atomic.Int32
	_, err = set.Make(ctx, nil, func(File) error {
		writes.Add(1)
		cancel()
		return nil
	}, nil)
	if writes := writes.Load(); err != context.Canceled || int(writes) > runtime.GOMAXPROCS(0) { // at most one per worker in flight
		t.Errorf("stopped: %v after %d writes", err, writes)
	}
}

// TestNames checks the names of the variants: in Dir, named after the
// photo, with a hash that changes with whatever changes their bytes, so
// that hosts may keep each file for good.
func TestNames(t *testing.T) {
	a, b := encodeJPEG(t, upright()), encodeJPEG(t, image.NewRGBA(image.Rect(0, 0, 40, 20)))
	url := func(fsys fstest.MapFS, file string, s Settings) string {
		t.Helper()
		p, err := NewSet(fsys, s, nil).Picture(file, "stories/x/"+path.Base(file), Crop{})
		if err != nil {
			t.Fatal(err)
		}
		return p.URL()
	}
	s := testSettings()
	first := url(fstest.MapFS{"p.jpg": {Data: a}}, "p.jpg", s)
	if name, err := plain(first); err != nil || name != "p.40w.jpg" {
		t.Fatalf("%s: %v", first, err)
	}
	if again := url(fstest.MapFS{"p.jpg": {Data: a}}, "p.jpg", s); again != first {
		t.Errorf("the same photo is named %s, then %s", first, again)
	}
	q := s
	q.Quality = 60
	for what, other := range map[string]string{
		"other pixels":  url(fstest.MapFS{"p.jpg": {Data: b}}, "p.jpg", s),
		"other quality": url(fstest.MapFS{"p.jpg": {Data: a}}, "p.jpg", q),
		"other file":    url(fstest.MapFS{"x/p.jpg": {Data: a}}, "x/p.jpg", s),
	} {
		if other == first {
			t.Errorf("%s: the same name %s", what, first)
		}
	}
}
