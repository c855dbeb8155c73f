// Command examplephotos makes the pictures of the example site: flat
// illustrations drawn here, saved as JPEGs the size of a phone's photo,
// so that the site's image handling has real photos to work on. It draws
// the same bytes every time.
//
// From bench/:
//
//	go run ./examplephotos -site ..
//
// writes content/…/photo.jpg for each story, company and article that has
// one. One of them, the accountant's story, is stored as a phone stores a
// picture taken upright: turned on its side with EXIF orientation 6, so a
// viewer must turn it, and with a GPS position, which the build must not
// publish. The position is plainly not where anything was taken: 44°30′N
// 144°30′E, in the Sea of Okhotsk off Abashiri.
//
// With -leaflet, it also prints leaflet.ja.html and leaflet.en.html
// (beside this file) to content/programs/leaflet-ja.pdf and
// leaflet-en.pdf with headless Chromium (Debian's chromium and
// fonts-noto-cjk).
package main

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"image"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
)

// A picture: where it goes, what draws it.
type picture struct {
	file    string // in the site folder
	draw    func(*canvas)
	rotated bool // stored turned, with EXIF orientation 6 and a GPS position
}

var pictures = []picture{
	{"content/stories/salmon-engineer/photo.jpg", salmon, false},
	{"content/stories/iturn-pr-officer/photo.jpg", desk, false},
	{"content/stories/accountant/photo.jpg", accountant, true},
	{"content/companies/i-enter/photo.jpg", curling, false},
	{"content/companies/kaname/photo.jpg", road, false},
	{"content/articles/kitami-base/photo.jpg", base, false},
}

const width, height = 2400, 1600

func main() {
	site := flag.String("site", "..", "the site folder")
	leaflet := flag.Bool("leaflet", false, "print the programme leaflets with chromium too")
	flag.Parse()
	if err := run(*site, *leaflet); err != nil {
		fmt.Fprintln(os.Stderr, "examplephotos:", err)
		os.Exit(1)
	}
}

func run(site string, leaflet bool) error {
	for i, p := range pictures {
		c := newCanvas(width, height)
		p.draw(c)
		c.grain(uint64(i + 1))
		var img image.Image = c.img
		if p.rotated {
			img = turnLeft(c.img)
		}
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80}); err != nil {
			return err
		}
		data := buf.Bytes()
		if p.rotated {
			data = withExif(data, exifOrientation6GPS())
		}
		file := filepath.Join(site, filepath.FromSlash(p.file))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(file, data, 0o644); err != nil {
			return err
		}
		fmt.Printf("%s: %d KB\n", p.file, len(data)/1024)
	}
	if leaflet {
		for _, lang := range []string{"ja", "en"} {
			if err := printLeaflet(site, lang); err != nil {
				return err
			}
		}
	}
	return nil
}

// turnLeft turns a picture a quarter turn anticlockwise: what a camera
// stores when it is told to show it turned a quarter clockwise
// (orientation 6).
func turnLeft(src *image.RGBA) *image.RGBA {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	dst := image.NewRGBA(image.Rect(0, 0, h, w))
	for y := range w {
		for x := range h {
			// Turned back a quarter clockwise, the stored pixel (x, y)
			// shows at (w-1-y, x).
			dst.SetRGBA(x, y, src.RGBAAt(w-1-y, x))
		}
	}
	return dst
}

// withExif puts an APP1 Exif segment right after a JPEG's start marker.
func withExif(jpg, tiff []byte) []byte {
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(2+6+len(tiff)))
	seg = append(seg, "Exif\x00\x00"...)
	seg = append(seg, tiff...)
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}

// exifOrientation6GPS is a little-endian TIFF structure with IFD0 holding
// Orientation 6 and a pointer to a GPS IFD at 44°30′N 144°30′E.
func exifOrientation6GPS() []byte {
	le := binary.LittleEndian
	b := make([]byte, 0, 160)
	u16 := func(v uint16) { b = le.AppendUint16(b, v) }
	u32 := func(v uint32) { b = le.AppendUint32(b, v) }
	entry := func(tag, typ uint16, count, value uint32) { u16(tag); u16(typ); u32(count); u32(value) }
	const short, long, ascii, byteT, rational = 3, 4, 2, 1, 5
	b = append(b, 'I', 'I', 42, 0)
	u32(8)
	// IFD0 at 8: 2 entries.
	const gpsIFD = 8 + 2 + 2*12 + 4
	u16(2)
	entry(0x0112, short, 1, 6) // Orientation: turn a quarter clockwise to show
	entry(0x8825, long, 1, gpsIFD)
	u32(0)
	// GPS IFD: 5 entries, then the two positions.
	const data = gpsIFD + 2 + 5*12 + 4
	u16(5)
	entry(0x0000, byteT, 4, 0x00000302)  // GPSVersionID 2.3.0.0
	entry(0x0001, ascii, 2, uint32('N')) // GPSLatitudeRef
	entry(0x0002, rational, 3, data)     // GPSLatitude
	entry(0x0003, ascii, 2, uint32('E')) // GPSLongitudeRef
	entry(0x0004, rational, 3, data+3*8) // GPSLongitude
	u32(0)
	for _, v := range []uint32{44, 1, 30, 1, 0, 1, 144, 1, 30, 1, 0, 1} {
		u32(v)
	}
	return b
}

// printLeaflet prints leaflet.LANG.html to content/programs/leaflet-LANG.pdf.
func printLeaflet(site, lang string) error {
	src, err := filepath.Abs(filepath.Join(site, "bench", "examplephotos", "leaflet."+lang+".html"))
	if err != nil {
		return err
	}
	out, err := filepath.Abs(filepath.Join(site, "content", "programs", "leaflet-"+lang+".pdf"))
	if err != nil {
		return err
	}
	cmd := exec.Command("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
		"--print-to-pdf="+out, "file://"+filepath.ToSlash(src))
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("chromium: %w", err)
	}
	fi, err := os.Stat(out)
	if err != nil {
		return err
	}
	fmt.Printf("%s: %d KB\n", out, fi.Size()/1024)
	return nil
}
