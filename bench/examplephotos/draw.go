package main

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"strconv"

	"golang.org/x/image/vector"
)

// canvas draws flat shapes on a picture in logical units (1200 across),
// scaled to the picture's pixels.
type canvas struct {
	img *image.RGBA
	s   float32 // pixels per logical unit
	z   *vector.Rasterizer
}

func newCanvas(w, h int) *canvas {
	return &canvas{img: image.NewRGBA(image.Rect(0, 0, w, h)), s: float32(w) / 1200, z: vector.NewRasterizer(w, h)}
}

// rgb reads #rrggbb or #rrggbbaa.
func rgb(hex string) color.NRGBA {
	v, _ := strconv.ParseUint(hex[1:], 16, 32)
	if len(hex) == 7 {
		return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}
	}
	return color.NRGBA{uint8(v >> 24), uint8(v >> 16), uint8(v >> 8), uint8(v)}
}

func (c *canvas) begin() *vector.Rasterizer {
	b := c.img.Bounds()
	c.z.Reset(b.Dx(), b.Dy())
	return c.z
}

func (c *canvas) paint(col string) {
	c.z.Draw(c.img, c.img.Bounds(), image.NewUniform(rgb(col)), image.Point{})
}

// poly fills a polygon given as x, y pairs.
func (c *canvas) poly(col string, pts ...float32) {
	z, s := c.begin(), c.s
	z.MoveTo(pts[0]*s, pts[1]*s)
	for i := 2; i+1 < len(pts); i += 2 {
		z.LineTo(pts[i]*s, pts[i+1]*s)
	}
	z.ClosePath()
	c.paint(col)
}

func (c *canvas) rect(x, y, w, h float32, col string) {
	c.poly(col, x, y, x+w, y, x+w, y+h, x, y+h)
}

// round fills a rectangle with rounded corners of radius r.
func (c *canvas) round(x, y, w, h, r float32, col string) {
	z, s := c.begin(), c.s
	const k = 0.5523
	x0, y0, x1, y1 := x*s, y*s, (x+w)*s, (y+h)*s
	r *= s
	z.MoveTo(x0+r, y0)
	z.LineTo(x1-r, y0)
	z.CubeTo(x1-r+k*r, y0, x1, y0+r-k*r, x1, y0+r)
	z.LineTo(x1, y1-r)
	z.CubeTo(x1, y1-r+k*r, x1-r+k*r, y1, x1-r, y1)
	z.LineTo(x0+r, y1)
	z.CubeTo(x0+r-k*r, y1, x0, y1-r+k*r, x0, y1-r)
	z.LineTo(x0, y0+r)
	z.CubeTo(x0, y0+r-k*r, x0+r-k*r, y0, x0+r, y0)
	z.ClosePath()
	c.paint(col)
}

// ellipse fills an ellipse, turned by angle a (radians).
func (c *canvas) ellipse(cx, cy, rx, ry, a float32, col string) {
	z, s := c.begin(), c.s
	const k = 0.5523
	sin, cos := float32(math.Sin(float64(a))), float32(math.Cos(float64(a)))
	p := func(x, y float32) (float32, float32) {
		return (cx + x*cos - y*sin) * s, (cy + x*sin + y*cos) * s
	}
	z.MoveTo(p(rx, 0))
	for _, q := range [][6]float32{
		{rx, k * ry, k * rx, ry, 0, ry},
		{-k * rx, ry, -rx, k * ry, -rx, 0},
		{-rx, -k * ry, -k * rx, -ry, 0, -ry},
		{k * rx, -ry, rx, -k * ry, rx, 0},
	} {
		bx, by := p(q[0], q[1])
		ccx, ccy := p(q[2], q[3])
		dx, dy := p(q[4], q[5])
		z.CubeTo(bx, by, ccx, ccy, dx, dy)
	}
	z.ClosePath()
	c.paint(col)
}

func (c *canvas) circle(cx, cy, r float32, col string) { c.ellipse(cx, cy, r, r, 0, col) }

// line draws a straight stroke of width w with round ends.
func (c *canvas) line(x0, y0, x1, y1, w float32, col string) {
	dx, dy := x1-x0, y1-y0
	l := float32(math.Hypot(float64(dx), float64(dy)))
	if l == 0 {
		return
	}
	nx, ny := -dy/l*w/2, dx/l*w/2
	c.poly(col, x0+nx, y0+ny, x1+nx, y1+ny, x1-nx, y1-ny, x0-nx, y0-ny)
	c.circle(x0, y0, w/2, col)
	c.circle(x1, y1, w/2, col)
}

// path draws a polyline of width w through x, y pairs.
func (c *canvas) path(w float32, col string, pts ...float32) {
	for i := 0; i+3 < len(pts); i += 2 {
		c.line(pts[i], pts[i+1], pts[i+2], pts[i+3], w, col)
	}
}

// ring draws the outline of a circle.
func (c *canvas) ring(cx, cy, r, w float32, col string) {
	const n = 72
	var pts []float32
	for i := 0; i <= n; i++ {
		a := 2 * math.Pi * float64(i) / n
		pts = append(pts, cx+r*float32(math.Cos(a)), cy+r*float32(math.Sin(a)))
	}
	c.path(w, col, pts...)
}

// gradient fills a rectangle from one colour at its top to another at its
// bottom.
func (c *canvas) gradient(x, y, w, h float32, top, bottom string) {
	t, b := rgb(top), rgb(bottom)
	s := c.s
	y0, y1 := int(y*s), int((y+h)*s)
	x0, x1 := int(x*s), int((x+w)*s)
	for py := y0; py < y1; py++ {
		f := float64(py-y0) / float64(max(y1-y0-1, 1))
		col := color.RGBA{mix(t.R, b.R, f), mix(t.G, b.G, f), mix(t.B, b.B, f), 255}
		for px := x0; px < x1; px++ {
			c.img.SetRGBA(px, py, col)
		}
	}
}

func mix(a, b uint8, f float64) uint8 { return uint8(float64(a)*(1-f) + float64(b)*f + 0.5) }

// hills fills the land below a wavy skyline between y-amp and y+amp.
func (c *canvas) hills(y, amp, waves, phase float32, col string) {
	pts := []float32{0, 800}
	for x := float32(0); x <= 1200; x += 10 {
		f := float64(x/1200*waves*2*math.Pi + phase)
		pts = append(pts, x, y-amp*float32(math.Sin(f)+0.35*math.Sin(2.7*f+1)))
	}
	pts = append(pts, 1200, 800)
	c.poly(col, pts...)
}

// grain adds a little even noise and a soft darkening of the corners, as a
// camera's picture has, from a fixed seed: the same picture every time.
func (c *canvas) grain(seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	b := c.img.Bounds()
	cx, cy := float64(b.Dx())/2, float64(b.Dy())/2
	maxd := cx*cx + cy*cy
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			i := c.img.PixOffset(x, y)
			dx, dy := float64(x)-cx, float64(y)-cy
			v := 1 - 0.16*(dx*dx+dy*dy)/maxd
			n := float64(rng.IntN(7) - 3)
			for k := range 3 {
				p := float64(c.img.Pix[i+k])*v + n
				c.img.Pix[i+k] = uint8(min(max(p, 0), 255))
			}
		}
	}
}
