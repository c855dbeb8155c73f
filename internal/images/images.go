// Package images reads what furusato needs to know of an image file, and
// publishes photos the way phones take them as pages should show them.
//
// # Photos
//
// Every raster image a page shows (a Markdown image beside the page or in
// static/, a front matter image, a crop that a template asks for) is a
// photo: JPEG, PNG, WebP, a still GIF, or HEIC. A build publishes it in the
// widths of site.yaml's images: widths (480, 800, 1200, 1600) that are no
// wider than the photo, and in its own width when that is narrower than
// the widest, each as WebP and as JPEG (PNG for PNG, GIF and WebP photos,
// which may be transparent), in one folder (Dir), named after the photo
// and a hash of its file, its content and the settings:
//
//	stories/salmon/photo.jpg → _photos/photo.3f9a1c2b7d.480w.webp … _photos/photo.3f9a1c2b7d.1600w.jpg
//	a crop of 1200×630 around the top → _photos/photo.3f9a1c2b7d.1200x630-50-0.1200w.jpg
//
// The photo's own file is not published, unless a page links to it or
// site.yaml says images: originals: true; a photo that no page shows or
// links to is not published at all. Pages show the widths with
// <picture>, srcset and sizes (see package markdown).
//
// Before its pixels are read, a photo's header is checked (ReadHeader): a
// photo of more pixels than images: maxMegapixels (50), a file cut short,
// a CMYK JPEG and a file that is no image are errors at the file, and at
// the line of the page that shows it. The EXIF orientation (all 8) turns
// the photo upright; a Display P3 JPEG (iPhone) is converted to sRGB; the
// published files hold no metadata, so no GPS position: the build lists the
// photos that carried one. An animated GIF is published as it is, with a
// warning. HEIC is decoded with github.com/gen2brain/heic.
//
// # Making
//
// Set.Make decodes each photo once, with one photo per core at a time,
// and makes each width from the next wider one (Catmull-Rom). WebP comes
// from github.com/gen2brain/webp (libwebp as WebAssembly; see Encoder).
// Each variant is kept in a Cache (.furusato/cache/images beside
// site.yaml), keyed by the photo's content, the settings and the variant,
// so that a build with unchanged photos encodes nothing; the same photo
// always gives the same bytes.
package images

import (
	"bytes"
	"encoding/xml"
	"image"
	_ "image/gif" // image.DecodeConfig reads the formats registered
	_ "image/jpeg"
	_ "image/png"
	"strconv"
	"strings"

	_ "golang.org/x/image/webp"
)

// Probe returns the size of an image file in pixels and its media type
// (image/png, image/jpeg, image/gif, image/webp, image/svg+xml), read
// from its content, or from its name for SVG; zero and "" when it cannot
// tell. It reads only the file's header, not its pixels.
func Probe(name string, data []byte) (width, height int, mediaType string) {
	if strings.HasSuffix(strings.ToLower(name), ".svg") {
		w, h := svgSize(data)
		return w, h, "image/svg+xml"
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return 0, 0, ""
	}
	return cfg.Width, cfg.Height, "image/" + format
}

// svgSize reads width and height from an SVG's root element, or from its
// viewBox when they are missing or relative.
func svgSize(data []byte) (int, int) {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err != nil {
			return 0, 0
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		var w, h int
		var box []string
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "width":
				w = pixels(a.Value)
			case "height":
				h = pixels(a.Value)
			case "viewBox":
				box = strings.Fields(strings.ReplaceAll(a.Value, ",", " "))
			}
		}
		if (w == 0 || h == 0) && len(box) == 4 {
			w, h = pixels(box[2]), pixels(box[3])
		}
		return w, h
	}
}

func pixels(v string) int {
	v = strings.TrimSuffix(strings.TrimSpace(v), "px")
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f <= 0 {
		return 0
	}
	return int(f + 0.5)
}
