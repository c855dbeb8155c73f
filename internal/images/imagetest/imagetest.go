// Package imagetest makes photos for tests: JPEGs with the EXIF tags
// phones write (orientation, GPS position) and PNGs.
package imagetest

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
)

// Picture is a w×h picture: red in its top left quarter, blue elsewhere,
// so that a test can tell which way up it came out.
func Picture(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{0, 0, 255, 255}
			if x < w/2 && y < h/2 {
				c = color.RGBA{255, 0, 0, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// JPEG encodes img as a JPEG of quality 95.
func JPEG(img image.Image) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 95}); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// PNG encodes img as a PNG.
func PNG(img image.Image) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// WithExif puts an EXIF block into a JPEG, as phones write it: an
// orientation, and when gps is set a GPS position (a latitude, and a
// longitude too when lonToo is set: some phones write only one).
func WithExif(jpg []byte, orientation int, gps, lonToo bool) []byte {
	le := binary.LittleEndian
	var tiff bytes.Buffer
	w := func(v any) { binary.Write(&tiff, le, v) }
	tiff.WriteString("II*\x00")
	w(uint32(8))
	entries := 1
	if gps {
		entries++
	}
	w(uint16(entries))
	w([2]uint16{0x0112, 3}) // Orientation, SHORT
	w(uint32(1))
	w(uint16(orientation))
	w(uint16(0))
	gpsIFD := 8 + 2 + 12*entries + 4
	if gps {
		w([2]uint16{0x8825, 4}) // GPS IFD pointer, LONG
		w(uint32(1))
		w(uint32(gpsIFD))
	}
	w(uint32(0))
	if gps {
		n := 1
		if lonToo {
			n = 2
		}
		data := gpsIFD + 2 + 12*n + 4
		w(uint16(n))
		w([2]uint16{2, 5}) // GPSLatitude, RATIONAL
		w(uint32(3))
		w(uint32(data))
		if lonToo {
			w([2]uint16{4, 5}) // GPSLongitude
			w(uint32(3))
			w(uint32(data + 24))
		}
		w(uint32(0))
		w([]uint32{43, 1, 48, 1, 30, 1})
		if lonToo {
			w([]uint32{143, 1, 53, 1, 50, 1})
		}
	}
	app1 := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	var out bytes.Buffer
	out.Write(jpg[:2])
	out.Write([]byte{0xff, 0xe1})
	binary.Write(&out, binary.BigEndian, uint16(len(app1)+2))
	out.Write(app1)
	out.Write(jpg[2:])
	return out.Bytes()
}

// MP4 returns a small MP4 file as a phone writes one: ftyp, the pictures
// (mdat, whose bytes are noise that holds a ©xyz by chance) and the
// metadata (moov), with the place where it was filmed in a ©xyz box of
// moov/udta when filmedAt is not "" (such as "+43.8034+143.8960/").
func MP4(filmedAt string) []byte {
	box := func(typ string, parts ...[]byte) []byte {
		body := bytes.Join(parts, nil)
		b := binary.BigEndian.AppendUint32(nil, uint32(8+len(body)))
		return append(append(b, typ...), body...)
	}
	udta := box("udta", box("\xa9too", []byte("Lavf")))
	if filmedAt != "" {
		udta = box("udta", box("\xa9xyz", []byte{0, byte(len(filmedAt)), 0x15, 0xc7}, []byte(filmedAt)))
	}
	return bytes.Join([][]byte{
		box("ftyp", []byte("isom\x00\x00\x02\x00isomiso2mp41")),
		box("mdat", bytes.Repeat([]byte("\x00\x01\xa9xyz\x42"), 64)),
		box("moov", box("mvhd", make([]byte, 100)), udta),
	}, nil)
}
