// Package images reads what furusato needs to know of an image file.
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
