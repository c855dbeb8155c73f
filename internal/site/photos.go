package site

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/furusato/furusato/internal/images"
)

// ParseFocus reads front matter image_focus: the point of a photo that
// crops keep, as two percentages across and down ("30% 20%", "50 10"), or
// words: center, top, bottom, left, right ("top", "bottom right").
func ParseFocus(s string) (x, y float64, err error) {
	x, y = 0.5, 0.5
	f := strings.Fields(strings.ToLower(strings.ReplaceAll(s, ",", " ")))
	if len(f) == 0 || len(f) > 2 {
		return x, y, fmt.Errorf("want two percentages across and down, such as \"50%% 30%%\", or words such as \"top\" or \"bottom left\"; got %q", s)
	}
	words := map[string][2]float64{"top": {-1, 0}, "bottom": {-1, 1}, "left": {0, -1}, "right": {1, -1}, "center": {-1, -1}, "centre": {-1, -1}}
	if _, ok := words[f[0]]; ok {
		for _, w := range f {
			v, ok := words[w]
			if !ok {
				return 0.5, 0.5, fmt.Errorf("%q is not one of top, bottom, left, right, center", w)
			}
			if v[0] >= 0 {
				x = v[0]
			}
			if v[1] >= 0 {
				y = v[1]
			}
		}
		return x, y, nil
	}
	if len(f) != 2 {
		return x, y, fmt.Errorf("want two percentages, across and down, such as \"50%% 30%%\"; got %q", s)
	}
	var v [2]float64
	for i, p := range f {
		n, err := strconv.ParseFloat(strings.TrimSuffix(p, "%"), 64)
		if err != nil || n < 0 || n > 100 {
			return 0.5, 0.5, fmt.Errorf("%q is not a percentage from 0%% to 100%%", p)
		}
		v[i] = n / 100
	}
	return v[0], v[1], nil
}

// Crop returns a photo cut to the shape width:height around its focus,
// at most width pixels wide, in the widths that fit: for cards (16:9)
// and sharing pictures (1200×630). An image that is not a photo of the
// site is returned as it is.
func (s *Site) Crop(img *Image, width, height int) (*Image, error) {
	if width <= 0 || height <= 0 {
		return nil, fmt.Errorf("crop: want a width and a height in pixels, such as 800 450; got %d %d", width, height)
	}
	if !img.Cropped() || s.files == nil {
		return img, nil
	}
	i, typ, ok, err := s.files.Picture(img.src, img.out, images.Crop{Width: width, Height: height, FocusX: img.FocusX, FocusY: img.FocusY})
	if err != nil || !ok {
		return img, err
	}
	c := *img
	c.URL, c.Width, c.Height, c.Type, c.Srcset, c.WebPSrcset, c.Sizes = i.URL, i.Width, i.Height, typ, i.Srcset, i.WebPSrcset, i.Sizes
	return &c, nil
}

// StaticPhoto returns a photo of static/ (a slash path relative to it,
// such as images/hero.jpg) as pages show it, in its widths, for
// templates; it has no Alt, which the template gives.
func (s *Site) StaticPhoto(p string) (*Image, error) {
	p = strings.TrimPrefix(p, "/")
	if _, ok := s.files.StaticURL(p); !ok {
		return nil, fmt.Errorf("there is no static/%s", p)
	}
	file := "static/" + p
	if !images.Raster(file) {
		return nil, fmt.Errorf("static/%s is not a photo (JPEG, PNG, WebP, GIF or HEIC); use static for other files", p)
	}
	i, typ, ok, err := s.files.Picture(file, p, images.Crop{})
	if err != nil {
		return nil, fmt.Errorf("static/%s: %v", p, err)
	}
	if !ok { // an animated GIF, shown as it is
		u, _ := s.files.StaticURL(p)
		return &Image{URL: u, Type: "image/gif"}, nil
	}
	return &Image{URL: i.URL, Width: i.Width, Height: i.Height, Type: typ, Srcset: i.Srcset, WebPSrcset: i.WebPSrcset, Sizes: i.Sizes,
		FocusX: 0.5, FocusY: 0.5, src: file, out: p}, nil
}

// Photos are the photos the build publishes in several widths, or nil.
func (s *Site) Photos() *images.Set {
	if s.files == nil {
		return nil
	}
	return s.files.Photos()
}

// HeldBack reports whether a file of content/ is not published because
// its page is not (see bundle.Files.HoldBack).
func (s *Site) HeldBack(file string) bool { return s.files != nil && s.files.IsHeldBack(file) }

// OriginalPublished reports whether a file of content/ is published as it
// is, rather than only through the variants of a photo (see
// bundle.Files.OriginalPublished).
func (s *Site) OriginalPublished(file string) bool {
	return s.files == nil || s.files.OriginalPublished(file)
}
