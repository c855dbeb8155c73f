package images

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/furusato/furusato/internal/images/imagetest"
)

// TestCarriesGPS: a photo's GPS position in its EXIF or XMP, in each
// place JPEG, PNG and WebP files keep them, and the place where a phone's
// video was filmed in its metadata (not in its pictures' bytes, which
// may hold anything).
func TestCarriesGPS(t *testing.T) {
	jpeg := imagetest.JPEG(imagetest.Picture(40, 30))
	png := imagetest.PNG(imagetest.Picture(40, 30))
	// An XMP packet, as it is in a PNG or WebP file.
	xmp := func(gps bool) []byte {
		x := imagetest.WithXMP(jpeg, gps)
		n := int(binary.BigEndian.Uint16(x[4:]))
		return bytes.SplitN(x[6:4+n], []byte{0}, 2)[1]
	}
	filmed := imagetest.MP4("+43.8034+143.8960/")
	// The same video with its pictures in a box of 64-bit size (over 4
	// GB, as a long video's are), before its metadata.
	moov, _ := topBox(filmed, "moov")
	mdat, _ := topBox(filmed, "mdat")
	large := append(binary.BigEndian.AppendUint32(nil, 1), "mdat"...)
	large = binary.BigEndian.AppendUint64(large, uint64(16+len(mdat)))
	reordered := bytes.Join([][]byte{filmed[:binary.BigEndian.Uint32(filmed)], large, mdat, binary.BigEndian.AppendUint32(nil, uint32(8+len(moov))), []byte("moov"), moov}, nil)
	// Apple's way: a key in moov/meta/keys, its value in moov/meta/ilst.
	box := func(typ string, parts ...[]byte) []byte {
		body := bytes.Join(parts, nil)
		return append(append(binary.BigEndian.AppendUint32(nil, uint32(8+len(body))), typ...), body...)
	}
	apple := bytes.Join([][]byte{
		box("ftyp", []byte("qt  \x00\x00\x00\x00qt  ")),
		box("moov", box("mvhd", make([]byte, 100)), box("meta", box("keys", []byte("\x00\x00\x00\x00\x00\x00\x00\x01"), box("mdta", []byte("com.apple.quicktime.location.ISO6709"))))),
		box("mdat", make([]byte, 64)),
	}, nil)
	for _, c := range []struct {
		name string
		data []byte
		want bool
	}{
		{"photo with a position", imagetest.WithExif(jpeg, 1, true, true), true},
		{"photo without", imagetest.WithExif(jpeg, 6, false, false), false},
		{"photo with no EXIF", jpeg, false},
		{"photo with a position in its XMP", imagetest.WithXMP(jpeg, true), true},
		{"photo with XMP and no position", imagetest.WithXMP(jpeg, false), false},
		{"PNG with a position in its eXIf chunk", imagetest.PNGWithChunk(png, "eXIf", imagetest.ExifTIFF(1, true, true)), true},
		{"PNG with an eXIf chunk and no position", imagetest.PNGWithChunk(png, "eXIf", imagetest.ExifTIFF(6, false, false)), false},
		{"PNG with a position in its XMP", imagetest.PNGWithChunk(png, "iTXt", append([]byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00"), xmp(true)...)), true},
		{"PNG with no metadata", png, false},
		{"WebP with a position in its EXIF chunk", imagetest.WebPFile([2]string{"VP8X", "\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00"}, [2]string{"EXIF", string(imagetest.ExifTIFF(1, true, false))}), true},
		{"WebP with a position in its XMP", imagetest.WebPFile([2]string{"VP8X", "\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00"}, [2]string{"XMP ", string(xmp(true))}), true},
		{"WebP with an EXIF chunk and no position", imagetest.WebPFile([2]string{"EXIF", string(imagetest.ExifTIFF(3, false, false))}), false},
		{"PNG whose pixels hold exif:GPSLatitude", imagetest.PNGWithChunk(png, "IDAT", []byte("exif:GPSLatitude")), false},
		{"video filmed at a place", filmed, true},
		{"the same, its pictures in a box of 64-bit size", reordered, true},
		{"video with Apple's location key", apple, true},
		{"video without (©xyz only in its pictures)", imagetest.MP4(""), false},
		{"video cut short before its metadata", filmed[:len(filmed)-50], false},
		{"nothing", nil, false},
	} {
		if got := CarriesGPS(c.data); got != c.want {
			t.Errorf("%s: CarriesGPS = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestHeaderGPS: the build's list of photos that carried a position
// names those whose position is in XMP or in a PNG's own EXIF chunk too.
func TestHeaderGPS(t *testing.T) {
	png := imagetest.PNG(imagetest.Picture(40, 30))
	jpeg := imagetest.JPEG(imagetest.Picture(40, 30))
	for name, data := range map[string][]byte{
		"PNG, eXIf": imagetest.PNGWithChunk(png, "eXIf", imagetest.ExifTIFF(1, true, true)),
		"JPEG, XMP": imagetest.WithXMP(jpeg, true),
	} {
		h, err := ReadHeader(data, 50_000_000)
		if err != nil || !h.GPS {
			t.Errorf("%s: ReadHeader = %+v, %v; want GPS", name, h, err)
		}
	}
}
