// Package imagetest makes photos for tests: JPEGs with the EXIF tags
// phones write (orientation, GPS position) or an XMP packet, PNGs with
// chunks of metadata, WebP containers, and MP4 files.
package imagetest

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
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
	return withAPP1(jpg, append([]byte("Exif\x00\x00"), ExifTIFF(orientation, gps, lonToo)...))
}

// ExifTIFF is an EXIF block as WithExif writes it, without the
// "Exif\0\0" header: as a PNG's eXIf chunk or a WebP's EXIF chunk holds it.
func ExifTIFF(orientation int, gps, lonToo bool) []byte {
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
	return tiff.Bytes()
}

// WithXMP puts an XMP packet into a JPEG, as Lightroom and Photoshop
// write it, holding the GPS position where the photo was taken when gps
// is set.
func WithXMP(jpg []byte, gps bool) []byte {
	where := ""
	if gps {
		where = ` exif:GPSLatitude="43,48.5N" exif:GPSLongitude="143,53.8E"`
	}
	packet := `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:DateTimeOriginal="2026-06-01T10:00:00"` + where + `/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`
	return withAPP1(jpg, append([]byte("http://ns.adobe.com/xap/1.0/\x00"), packet...))
}

// PNGWithChunk puts a chunk of type typ holding data into a PNG, after
// its header chunk (IHDR), with its CRC.
func PNGWithChunk(p []byte, typ string, data []byte) []byte {
	const head = 8 + 12 + 13 // signature, IHDR
	c := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	c = append(append(c, typ...), data...)
	c = binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
	return bytes.Join([][]byte{p[:head], c, p[head:]}, nil)
}

// WebPFile is a WebP file's container (RIFF) holding chunks, each a type
// and its data: what a test of metadata needs, without pixels.
func WebPFile(chunks ...[2]string) []byte {
	var body []byte
	for _, c := range chunks {
		body = append(body, c[0]...)
		body = binary.LittleEndian.AppendUint32(body, uint32(len(c[1])))
		body = append(body, c[1]...)
		if len(c[1])%2 == 1 {
			body = append(body, 0)
		}
	}
	out := append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(4+len(body)))...)
	return append(append(out, "WEBP"...), body...)
}

// withAPP1 puts an APP1 segment holding app1 into a JPEG, first.
func withAPP1(jpg, app1 []byte) []byte {
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
