package images

import (
	"bytes"
	"encoding/binary"
	"path"
	"strings"

	"github.com/furusato/furusato/internal/diag"
)

// Filmed reports whether a file's name is that of a video that a phone
// may have written the place it was filmed into (MP4, QuickTime).
func Filmed(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".mp4", ".m4v", ".mov":
		return true
	}
	return false
}

// PositionPublished is the warning for file, a photo or a video published
// as it is whose metadata tells where it was taken (CarriesGPS). static
// says that it is a file of static/, every one of which is published as
// it is; otherwise a page links to it, or site.yaml asks for originals.
func PositionPublished(file string, static bool) *diag.Error {
	at := diag.Pos{File: file}
	switch {
	case Filmed(file) && static:
		return diag.Errorf(at, "published as it is, with the GPS position where it was filmed, as every file of static/ is: anyone can read the place from it; save the video again without its location")
	case Filmed(file):
		return diag.Errorf(at, "published as it is, with the GPS position where it was filmed: anyone can read the place from it; save the video again without its location")
	case static:
		return diag.Errorf(at, "published as it is, with the GPS position where it was taken, as every file of static/ is: anyone can read the place from it; save the photo again without its location, or put it beside its page in content/, where pages show photos in sizes that carry no position")
	}
	return diag.Errorf(at, "published as it is, with the GPS position where it was taken (a page links to the file, or site.yaml's images: originals is on): anyone can read the place from it; save the photo again without its location, or show it with ![what it shows](%s), whose sizes carry no position", path.Base(file))
}

// filmedAt reports whether moov, the metadata box of an MP4 or QuickTime
// file, holds the position where it was filmed, as phones write it: a
// ©xyz box (iPhone, Android) or Apple's
// com.apple.quicktime.location.ISO6709 key. Only moov is searched: it
// holds names and tables, where the compressed pictures (mdat) could
// hold any bytes.
func filmedAt(moov []byte) bool {
	return bytes.Contains(moov, []byte("\xa9xyz")) || bytes.Contains(moov, []byte("com.apple.quicktime.location.ISO6709"))
}

// topBox returns the content of the first top-level box of type typ of an
// ISO base media file (MP4, QuickTime, HEIC).
func topBox(data []byte, typ string) ([]byte, bool) {
	for len(data) >= 8 {
		size, head := uint64(binary.BigEndian.Uint32(data)), uint64(8)
		switch size {
		case 0: // to the end of the file
			size = uint64(len(data))
		case 1: // a 64-bit size follows the type
			if len(data) < 16 {
				return nil, false
			}
			size, head = binary.BigEndian.Uint64(data[8:]), 16
		}
		if size < head || size > uint64(len(data)) {
			return nil, false
		}
		if string(data[4:8]) == typ {
			return data[head:size], true
		}
		data = data[size:]
	}
	return nil, false
}

// chunks returns the contents of the chunks of a PNG file of type png,
// or of a WebP file (RIFF) of type webp, in the file's order.
func chunks(data []byte, png, webp string) [][]byte {
	var out [][]byte
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		for rest := data[8:]; len(rest) >= 12; {
			n := uint64(binary.BigEndian.Uint32(rest))
			if n > uint64(len(rest)-12) {
				break
			}
			if string(rest[4:8]) == png {
				out = append(out, rest[8:8+n])
			}
			rest = rest[12+n:] // length, type, data, CRC
		}
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		for rest := data[12:]; len(rest) >= 8; {
			n := uint64(binary.LittleEndian.Uint32(rest[4:]))
			if n > uint64(len(rest)-8) {
				break
			}
			if string(rest[:4]) == webp {
				out = append(out, rest[8:8+n])
			}
			rest = rest[min(uint64(len(rest)), 8+n+n%2):] // padded to an even size
		}
	}
	return out
}

// xmpGPS reports whether a photo's XMP packet holds a GPS position
// (exif:GPSLatitude or exif:GPSLongitude, as an attribute or an
// element): in a JPEG's APP1 segment, a PNG's iTXt chunk or a WebP's
// "XMP " chunk. Only the packets are searched, not the pixels' bytes.
func xmpGPS(data []byte) bool {
	has := func(p []byte) bool {
		return bytes.Contains(p, []byte("exif:GPSLatitude")) || bytes.Contains(p, []byte("exif:GPSLongitude"))
	}
	found := false
	if len(data) > 2 && data[0] == 0xff && data[1] == 0xd8 {
		jpegSegments(data, func(marker byte, _ int, seg []byte) {
			if marker == 0xe1 && (bytes.HasPrefix(seg, []byte("http://ns.adobe.com/xap/1.0/")) || bytes.HasPrefix(seg, []byte("http://ns.adobe.com/xmp/extension/"))) {
				found = found || has(seg)
			}
		})
		return found
	}
	for _, p := range chunks(data, "iTXt", "XMP ") {
		found = found || has(p)
	}
	return found
}
