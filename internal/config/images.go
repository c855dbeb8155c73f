package config

import "fmt"

// Images says how photos are published (see package images):
//
//	images:
//	  widths: [480, 800, 1200, 1600]   # the widths made of each photo, never wider than it is
//	  quality: 80                      # JPEG and WebP quality, 1 to 100
//	  sizes: (min-width: 42rem) 40rem, 100vw   # how wide a photo shows on the page, for browsers
//	  maxMegapixels: 50                # a larger photo is an error, before it is read
//	  originals: false                 # true publishes each photo's own file too
type Images struct {
	Widths        []int   `yaml:"widths"`
	Quality       int     `yaml:"quality"`
	Sizes         string  `yaml:"sizes"`
	MaxMegapixels float64 `yaml:"maxMegapixels"`
	Originals     bool    `yaml:"originals"`
}

// Default values of the images settings.
const (
	DefaultImageQuality  = 80
	DefaultImageSizes    = "(min-width: 42rem) 40rem, 100vw"
	DefaultMaxMegapixels = 50
)

// DefaultImageWidths are the widths made of each photo.
var DefaultImageWidths = []int{480, 800, 1200, 1600}

func defaultImages(c *Config) {
	c.Images = Images{Widths: append([]int(nil), DefaultImageWidths...), Quality: DefaultImageQuality,
		Sizes: DefaultImageSizes, MaxMegapixels: DefaultMaxMegapixels}
}

func (c *Config) checkImages(bad func(path, format string, args ...any)) {
	im := &c.Images
	if len(im.Widths) == 0 {
		bad("$.images.widths", "images: widths is empty; give the widths to make of each photo, such as [480, 800, 1200, 1600]")
	}
	for i, w := range im.Widths {
		if w < 16 || w > 8192 {
			bad(fmt.Sprintf("$.images.widths[%d]", i), "images: widths: %d is not a width for a web page; use 16 to 8192 pixels", w)
		}
	}
	if im.Quality < 1 || im.Quality > 100 {
		bad("$.images.quality", "images: quality is %d; use 1 to 100 (80 is a good balance)", im.Quality)
	}
	if im.MaxMegapixels <= 0 {
		bad("$.images.maxMegapixels", "images: maxMegapixels must be more than 0, such as 50")
	}
	if im.Sizes == "" {
		bad("$.images.sizes", "images: sizes is empty; give how wide photos show, such as %q", DefaultImageSizes)
	}
}
