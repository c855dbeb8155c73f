package images

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"io"
	"math"

	"github.com/gen2brain/heic"
	"github.com/rwcarlsen/goexif/exif"
)

// Header is what a photo's file says before its pixels are decoded.
type Header struct {
	Type string // media type: image/jpeg, image/png, image/gif, image/webp, image/heic
	// Width and Height are as shown: with the EXIF orientation applied.
	Width, Height int
	Orientation   int  // EXIF orientation, 1 to 8 (1 when absent)
	GPS           bool // the file carries a GPS position
	Animated      bool // an animated GIF: published as it is
	P3            bool // colours in Display P3, turned into sRGB
}

// ReadHeader reads a photo's header: its type, size, orientation and
// whether it carries a GPS position, without decoding its pixels. A file
// over maxPixels, a truncated file, a CMYK JPEG and a file that is no
// photo at all are errors that say what to do.
func ReadHeader(data []byte, maxPixels int) (Header, error) {
	var h Header
	cfg, format, err := decodeConfig(data)
	if err != nil {
		return h, err
	}
	h.Type = "image/" + format
	w, hh := cfg.Width, cfg.Height
	if w <= 0 || hh <= 0 {
		return h, errors.New("the image has no pixels")
	}
	if maxPixels > 0 && int64(w)*int64(hh) > int64(maxPixels) {
		return h, fmt.Errorf("the image is %d×%d pixels (%.0f megapixels), more than the %.0f that site.yaml's images: maxMegapixels allows; make it smaller before adding it", w, hh, float64(w)*float64(hh)/1e6, float64(maxPixels)/1e6)
	}
	switch format {
	case "jpeg":
		if cfg.ColorModel == color.CMYKModel {
			return h, errors.New("this JPEG is in CMYK colours (for print), which browsers show wrongly; save it as an RGB (sRGB) JPEG, for example with 'Export for web' in your photo editor")
		}
		if sos := scanStart(data); sos < 0 || !bytes.Contains(data[sos:], []byte{0xff, 0xd9}) {
			return h, errors.New("the JPEG is cut short (truncated): copy or export it again")
		}
		if p := iccProfile(data); p != nil && isDisplayP3(p) {
			h.P3 = true
		}
	case "png":
		if !bytes.Contains(data[max(0, len(data)-64):], []byte("IEND")) {
			return h, errors.New("the PNG is cut short (truncated): copy or export it again")
		}
	case "gif":
		g, err := gif.DecodeAll(bytes.NewReader(data))
		if err != nil {
			return h, fmt.Errorf("the GIF cannot be read: %v", err)
		}
		h.Animated = len(g.Image) > 1
	}
	h.Orientation = 1
	if x := readExif(data); x != nil {
		if t, err := x.Get(exif.Orientation); err == nil {
			if o, err := t.Int(0); err == nil && o >= 1 && o <= 8 {
				h.Orientation = o
			}
		}
		h.GPS = hasGPS(x)
	}
	h.GPS = h.GPS || gpsElsewhere(data)
	if format == "heic" {
		h.Orientation = 1 // libheif applies HEIF's own rotation; EXIF's is informative there
	}
	if h.Orientation >= 5 {
		w, hh = hh, w
	}
	h.Width, h.Height = w, hh
	return h, nil
}

// decodeConfig reads the header with the decoders furusato uses.
func decodeConfig(data []byte) (image.Config, string, error) {
	if isHEIC(data) {
		cfg, err := heic.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return cfg, "", fmt.Errorf("the HEIC photo cannot be read (%v); convert it to JPEG: on an iPhone set Settings > Camera > Formats to 'Most Compatible', or export it as JPEG", err)
		}
		return cfg, "heic", nil
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err == nil {
		return cfg, format, nil
	}
	kind := signature(data)
	switch {
	case len(data) == 0:
		err = errors.New("the file is empty: copy or export it again")
	case kind != "" && (errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)):
		err = fmt.Errorf("the %s is cut short (truncated): copy or export it again", kind)
	case kind != "":
		err = fmt.Errorf("the %s is damaged and cannot be read (%v): copy or export it again", kind, err)
	default:
		err = errors.New("not an image furusato can read: a photo must be a JPEG, PNG, GIF, WebP or HEIC file; export it again in one of these")
	}
	return cfg, "", err
}

// signature names the image format that data starts as, or "".
func signature(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xd8}):
		return "JPEG"
	case bytes.HasPrefix(data, []byte("\x89PNG")):
		return "PNG"
	case bytes.HasPrefix(data, []byte("GIF8")):
		return "GIF"
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return "WebP"
	}
	return ""
}

// isHEIC tells an HEIF file by its ftyp box.
func isHEIC(data []byte) bool {
	if len(data) < 12 || string(data[4:8]) != "ftyp" {
		return false
	}
	switch string(data[8:12]) {
	case "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1":
		return true
	}
	return false
}

// decode decodes a photo's pixels, as its header said.
func decode(data []byte, h Header) (image.Image, error) {
	var img image.Image
	var err error
	switch h.Type {
	case "image/heic":
		img, err = heic.Decode(bytes.NewReader(data))
	default:
		img, _, err = image.Decode(bytes.NewReader(data))
	}
	if err != nil {
		return nil, fmt.Errorf("the image is damaged and cannot be read: %v; copy or export it again", err)
	}
	return img, nil
}

// CarriesGPS reports whether a photo's file carries a GPS position, in
// its EXIF (a JPEG's APP1, a PNG's eXIf chunk, a WebP's EXIF chunk,
// HEIC's Exif item) or in its XMP (as Lightroom and Photoshop write it),
// or a video's the place where it was filmed (see Filmed): published as
// it is, it tells where it was taken.
func CarriesGPS(data []byte) bool {
	if moov, ok := topBox(data, "moov"); ok {
		return filmedAt(moov)
	}
	if x := readExif(data); x != nil && hasGPS(x) {
		return true
	}
	return gpsElsewhere(data)
}

// gpsElsewhere reports whether a photo carries a GPS position where
// readExif does not look: a PNG's or WebP's own EXIF chunk, or XMP.
func gpsElsewhere(data []byte) bool {
	for _, tiff := range chunks(data, "eXIf", "EXIF") {
		tiff = bytes.TrimPrefix(tiff, []byte("Exif\x00\x00"))
		if x, err := exif.Decode(bytes.NewReader(tiff)); (err == nil || (x != nil && !exif.IsCriticalError(err))) && hasGPS(x) {
			return true
		}
	}
	return xmpGPS(data)
}

func hasGPS(x *exif.Exif) bool {
	for _, f := range []exif.FieldName{exif.GPSLatitude, exif.GPSLongitude} {
		if _, err := x.Get(f); err == nil {
			return true
		}
	}
	return false
}

// readExif finds a file's EXIF block: in a JPEG's APP1 segment, or after
// the "Exif\0\0" header that HEIC, PNG and WebP files keep it under.
func readExif(data []byte) *exif.Exif {
	if len(data) > 2 && data[0] == 0xff && data[1] == 0xd8 {
		x, err := exif.Decode(bytes.NewReader(data))
		if err == nil || (x != nil && !exif.IsCriticalError(err)) {
			return x
		}
		return nil
	}
	i := bytes.Index(data, []byte("Exif\x00\x00"))
	if i < 0 {
		return nil
	}
	x, err := exif.Decode(bytes.NewReader(data[i+6:]))
	if err == nil || (x != nil && !exif.IsCriticalError(err)) {
		return x
	}
	return nil
}

// scanStart is where a JPEG's pixels begin (its first SOS segment), or -1.
// The end-of-image marker can only come after it: the compressed data
// never holds one, so a file without it after is cut short.
func scanStart(data []byte) int {
	sos := -1
	jpegSegments(data, func(marker byte, at int, seg []byte) {
		if marker == 0xda {
			sos = at
		}
	})
	return sos
}

// jpegSegments calls f with each header segment of a JPEG, up to and
// including its first SOS, whose seg is empty.
func jpegSegments(data []byte, f func(marker byte, at int, seg []byte)) {
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xff {
			return
		}
		marker := data[i+1]
		if marker == 0xff { // fill byte
			i++
			continue
		}
		if marker == 0xda {
			f(marker, i, nil)
			return
		}
		if marker == 0xd9 {
			return
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		end := i + 2 + n
		if n < 2 || end > len(data) {
			return
		}
		f(marker, i, data[i+4:end])
		i = end
	}
}

// iccProfile returns the ICC profile of a JPEG (its APP2 segments, joined),
// or nil.
func iccProfile(data []byte) []byte {
	var out []byte
	jpegSegments(data, func(marker byte, _ int, seg []byte) {
		if marker == 0xe2 && bytes.HasPrefix(seg, []byte("ICC_PROFILE\x00")) && len(seg) > 14 {
			out = append(out, seg[14:]...)
		}
	})
	return out
}

// isDisplayP3 tells Apple's and others' Display P3 profiles by their
// description, written in ASCII (ICC v2) or UTF-16 (v4).
func isDisplayP3(p []byte) bool {
	return bytes.Contains(p, []byte("Display P3")) ||
		bytes.Contains(p, []byte("D\x00i\x00s\x00p\x00l\x00a\x00y\x00 \x00P\x003"))
}

// toRGBA returns the photo as upright RGBA pixels in sRGB: the EXIF
// orientation applied, Display P3 colours converted.
func toRGBA(img image.Image, h Header) *image.RGBA {
	b := img.Bounds()
	src, ok := img.(*image.RGBA)
	if !ok || b.Min != (image.Point{}) {
		src = image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
		draw.Draw(src, src.Bounds(), img, b.Min, draw.Src)
	}
	if h.P3 {
		p3ToSRGB(src)
	}
	return orient(src, h.Orientation)
}

// orient turns pixels as stored into pixels as shown, for the 8 EXIF
// orientations: 2 mirrored, 3 turned 180°, 4 upside down mirrored, 5
// mirrored and turned, 6 turned 90° (a phone held upright), 7, 8.
func orient(src *image.RGBA, o int) *image.RGBA {
	if o <= 1 || o > 8 {
		return src
	}
	w, h := src.Rect.Dx(), src.Rect.Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := 0; y < h; y++ {
		row := src.Pix[y*src.Stride : y*src.Stride+4*w]
		for x := 0; x < w; x++ {
			var dx, dy int
			switch o {
			case 2:
				dx, dy = w-1-x, y
			case 3:
				dx, dy = w-1-x, h-1-y
			case 4:
				dx, dy = x, h-1-y
			case 5:
				dx, dy = y, x
			case 6:
				dx, dy = h-1-y, x
			case 7:
				dx, dy = h-1-y, w-1-x
			case 8:
				dx, dy = y, w-1-x
			}
			copy(dst.Pix[dy*dst.Stride+4*dx:dy*dst.Stride+4*dx+4], row[4*x:4*x+4])
		}
	}
	return dst
}

// p3ToSRGB converts Display P3 pixels to sRGB in place: both use the sRGB
// tone curve; the primaries differ, so linear values go through the
// P3-to-sRGB matrix, and colours outside sRGB are clipped.
func p3ToSRGB(img *image.RGBA) {
	var lin [256]float64
	for i := range lin {
		v := float64(i) / 255
		if v <= 0.04045 {
			lin[i] = v / 12.92
		} else {
			lin[i] = math.Pow((v+0.055)/1.055, 2.4)
		}
	}
	const steps = 4096
	var enc [steps + 1]uint8
	for i := range enc {
		v := float64(i) / steps
		if v <= 0.0031308 {
			v *= 12.92
		} else {
			v = 1.055*math.Pow(v, 1/2.4) - 0.055
		}
		enc[i] = uint8(math.Round(v * 255))
	}
	m := [3][3]float64{
		{1.2249401, -0.2249404, 0},
		{-0.0420569, 1.0420571, 0},
		{-0.0196376, -0.0786361, 1.0982735},
	}
	put := func(v float64) uint8 {
		return enc[int(math.Round(min(max(v, 0), 1)*steps))]
	}
	for i := 0; i+3 < len(img.Pix); i += 4 {
		a := img.Pix[i+3]
		if a != 255 { // keep it simple: photos with P3 profiles are opaque JPEGs
			continue
		}
		r, g, b := lin[img.Pix[i]], lin[img.Pix[i+1]], lin[img.Pix[i+2]]
		img.Pix[i] = put(m[0][0]*r + m[0][1]*g + m[0][2]*b)
		img.Pix[i+1] = put(m[1][0]*r + m[1][1]*g + m[1][2]*b)
		img.Pix[i+2] = put(m[2][0]*r + m[2][1]*g + m[2][2]*b)
	}
}
