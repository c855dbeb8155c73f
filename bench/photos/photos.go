// Package photos makes the photographs of the image benchmark: phone-sized
// JPEGs (4032×3024 by default) drawn from a seed, so that every run of the
// benchmark, on every machine, resizes the same pixels.
//
// A photo is a landscape: a sky that darkens upwards, hills, a ground with
// texture, a few buildings and grain everywhere, so that it compresses as
// a phone's photo does (2–4 MB at quality 90) and not as a flat test card.
package photos

import (
	"bufio"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"os"
	"path/filepath"
)

// Size is the width and height of a photo.
type Size struct{ W, H int }

// Phone is the size of a 12-megapixel phone photo.
var Phone = Size{4032, 3024}

// Name is the file name of the i-th photo.
func Name(i int) string { return fmt.Sprintf("photo-%03d.jpg", i) }

// Write writes photos 0 to n-1 of size s into dir, keeping those that are
// already there (they are the same for the same i and size).
func Write(dir string, n int, s Size) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i := range n {
		name := filepath.Join(dir, Name(i))
		if _, err := os.Stat(name); err == nil {
			continue
		}
		if err := writeJPEG(name, Draw(i, s)); err != nil {
			return err
		}
	}
	return nil
}

func writeJPEG(name string, img image.Image) error {
	tmp := name + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	err = jpeg.Encode(w, img, &jpeg.Options{Quality: 90})
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, name)
}

// Draw draws photo i.
func Draw(i int, s Size) *image.RGBA {
	r := rng(uint64(i)*0x9e3779b97f4a7c15 + 1)
	img := image.NewRGBA(image.Rect(0, 0, s.W, s.H))
	horizon := s.H * (35 + int(r.next()%20)) / 100
	sky := [2]color.RGBA{
		{uint8(40 + r.next()%40), uint8(80 + r.next()%60), uint8(150 + r.next()%80), 255},
		{uint8(170 + r.next()%60), uint8(190 + r.next()%50), uint8(210 + r.next()%45), 255},
	}
	ground := color.RGBA{uint8(60 + r.next()%80), uint8(90 + r.next()%70), uint8(40 + r.next()%50), 255}
	hill := color.RGBA{uint8(30 + r.next()%40), uint8(60 + r.next()%50), uint8(40 + r.next()%40), 255}
	// The hills' outline: a sum of a few sines.
	var amp, freq, phase [4]float64
	for k := range 4 {
		amp[k] = float64(s.H) * (0.02 + float64(r.next()%60)/1000)
		freq[k] = (1 + float64(r.next()%6)) * math.Pi / float64(s.W) * float64(k+1)
		phase[k] = float64(r.next()%628) / 100
	}
	type box struct {
		x0, y0, x1, y1 int
		c              color.RGBA
	}
	var boxes []box
	for range 3 + r.next()%6 {
		w := s.W / (8 + int(r.next()%12))
		h := s.H / (4 + int(r.next()%8))
		x := int(r.next() % uint64(s.W-w))
		y := horizon + s.H/20 - h + int(r.next()%uint64(s.H/10))
		boxes = append(boxes, box{x, y, x + w, y + h, color.RGBA{uint8(120 + r.next()%120), uint8(110 + r.next()%110), uint8(100 + r.next()%100), 255}})
	}
	grain := rng(uint64(i) + 7)
	for x := range s.W {
		top := float64(horizon)
		for k := range 4 {
			top -= amp[k] * (1 + math.Sin(freq[k]*float64(x)+phase[k])) / 2
		}
		for y := range s.H {
			var c color.RGBA
			switch {
			case y < int(top):
				c = mix(sky[0], sky[1], float64(y)/top)
			case y < horizon:
				c = hill
			default:
				c = mix(ground, color.RGBA{ground.R / 2, ground.G / 2, ground.B / 2, 255}, float64(y-horizon)/float64(s.H-horizon))
				// Furrows: stripes that widen towards the viewer.
				if (y-horizon)*(y-horizon)/max(1, s.H/8)%24 < 3 {
					c = mix(c, color.RGBA{0, 0, 0, 255}, 0.25)
				}
			}
			for _, b := range boxes {
				if x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1 {
					c = b.c
					if (x-b.x0)%(max(8, (b.x1-b.x0)/6)) < 6 || (y-b.y0)%(max(8, (b.y1-b.y0)/5)) < 6 {
						c = mix(c, color.RGBA{30, 30, 40, 255}, 0.6)
					}
				}
			}
			n := int(grain.next()%17) - 8
			o := img.PixOffset(x, y)
			img.Pix[o+0] = clamp(int(c.R) + n)
			img.Pix[o+1] = clamp(int(c.G) + n)
			img.Pix[o+2] = clamp(int(c.B) + n)
			img.Pix[o+3] = 255
		}
	}
	return img
}

func mix(a, b color.RGBA, t float64) color.RGBA {
	t = min(max(t, 0), 1)
	f := func(x, y uint8) uint8 { return uint8(float64(x)*(1-t) + float64(y)*t) }
	return color.RGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 255}
}

func clamp(v int) uint8 { return uint8(min(max(v, 0), 255)) }

// rng is xorshift64*: small, fast and the same everywhere.
type rng uint64

func (r *rng) next() uint64 {
	x := uint64(*r)
	x ^= x >> 12
	x ^= x << 25
	x ^= x >> 27
	*r = rng(x)
	return x * 0x2545f4914f6cdd1d
}
