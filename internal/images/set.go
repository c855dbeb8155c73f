package images

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/gen2brain/webp"
)

// Settings are site.yaml's images: what a build makes of each photo.
type Settings struct {
	Widths    []int  // the widths published, in pixels, when the photo is as wide
	Quality   int    // JPEG and WebP quality, 1 to 100
	MaxPixels int    // the largest photo read, in pixels (width × height)
	Originals bool   // publish the original files too
	Sizes     string // the sizes attribute: how wide the picture shows
	// Encoder names the WebP encoder, which is part of the cache key:
	// a system's libwebp makes other bytes than the built-in one.
	Encoder string
}

// DefaultSettings are the settings when site.yaml says nothing.
func DefaultSettings() Settings {
	return Settings{Widths: []int{480, 800, 1200, 1600}, Quality: 80, MaxPixels: 50_000_000,
		Sizes: "(min-width: 42rem) 40rem, 100vw", Encoder: Encoder()}
}

// Encoder says which WebP encoder this program uses: the built-in one
// (libwebp compiled to WebAssembly), or the system's libwebp.so, which
// github.com/gen2brain/webp takes when it finds one, unless furusato is
// built with -tags nodynamic.
func Encoder() string {
	if webp.Dynamic() == nil {
		return "system libwebp"
	}
	return "built-in"
}

// Crop asks for a part of a photo of a given shape (Width:Height), as
// large as the photo allows, around a focus point (0 to 1 across and
// down; 0.5, 0.5 is the centre), at most Width pixels wide. A zero Crop
// is the whole photo.
type Crop struct {
	Width, Height  int
	FocusX, FocusY float64
}

// Picture is a photo as pages show it: its variants, widest last.
type Picture struct {
	Src      string // the photo's file in the site folder
	Width    int    // of the widest variant
	Height   int
	Type     string    // media type of the fallback: image/jpeg or image/png
	WebP     []Variant // widest last
	Fallback []Variant // JPEG or PNG, widest last
	Header   Header
}

// URL is the path of the widest fallback, from the output's root.
func (p *Picture) URL() string { return p.Fallback[len(p.Fallback)-1].Path }

// Variant is one file made from a photo.
type Variant struct {
	Path          string // in the output: _photos/photo.3f9a1c2b7d.800w.webp
	Width, Height int
	Format        string // webp, jpeg or png
	crop          image4 // the part of the photo, in pixels as shown
}

type image4 struct{ x0, y0, x1, y1 int }

// Set is the photos of one build and the variants its pages ask for.
// Many goroutines may ask at once.
type Set struct {
	fsys     fs.FS
	settings Settings
	mu       sync.Mutex
	sources  map[string]*source // by file
	cache    *Cache             // what it knows of the photos; nil: nothing
}

// source is one photo file of the build.
type source struct {
	once     sync.Once
	file     string
	sum      string // SHA-256 of the file, hex
	header   Header
	err      error
	variants map[string]Variant // by output path
}

// NewSet returns an empty set of photos read from fsys. cache, when not
// nil, is the cache that Make will use: a photo whose file is as the last
// build recorded it there is not read again until Make needs its pixels.
func NewSet(fsys fs.FS, s Settings, cache *Cache) *Set {
	return &Set{fsys: fsys, settings: s, sources: map[string]*source{}, cache: cache}
}

// Settings are the set's settings.
func (s *Set) Settings() Settings { return s.settings }

// Raster reports whether a file's name is that of a photo that a build
// publishes in several widths (JPEG, PNG, WebP, GIF, HEIC).
func Raster(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".png", ".webp", ".gif", ".heic", ".heif":
		return true
	}
	return false
}

// Header reads a photo's header once per build.
func (s *Set) Header(file string) (Header, error) {
	src := s.source(file)
	return src.header, src.err
}

func (s *Set) source(file string) *source {
	s.mu.Lock()
	src, ok := s.sources[file]
	if !ok {
		src = &source{file: file, variants: map[string]Variant{}}
		s.sources[file] = src
	}
	s.mu.Unlock()
	src.once.Do(func() {
		var st string
		if fi, err := fs.Stat(s.fsys, file); err == nil {
			st = stamp(fi, s.settings.MaxPixels)
		}
		if k, ok := s.cache.source(file, st); ok {
			src.sum, src.header = k.Sum, k.Header
			return
		}
		data, err := fs.ReadFile(s.fsys, file)
		if err != nil {
			src.err = fmt.Errorf("cannot read: %v", err)
			return
		}
		sum := sha256.Sum256(data)
		src.sum = hex.EncodeToString(sum[:])
		src.header, src.err = ReadHeader(data, s.settings.MaxPixels)
		if src.err == nil {
			s.cache.remember(file, known{Stamp: st, Sum: src.sum, Header: src.header})
		}
	})
	return src
}

// Picture asks for the variants of the photo file (a path in the site
// folder) published as out (its path in the output), cut as crop says.
// It reads the photo's header, not its pixels: Make makes the files.
// An animated GIF has no variants: it is published as it is, and
// Picture returns nil.
func (s *Set) Picture(file, out string, crop Crop) (*Picture, error) {
	src := s.source(file)
	if src.err != nil {
		return nil, src.err
	}
	h := src.header
	if h.Animated {
		return nil, nil
	}
	r := image4{0, 0, h.Width, h.Height}
	maxW := h.Width
	tag := ""
	if crop.Width > 0 && crop.Height > 0 {
		r = cropRect(h.Width, h.Height, crop)
		maxW = min(crop.Width, r.x1-r.x0)
		tag = "." + strconv.Itoa(crop.Width) + "x" + strconv.Itoa(crop.Height)
		if crop.FocusX != 0.5 || crop.FocusY != 0.5 {
			tag += fmt.Sprintf("-%d-%d", int(crop.FocusX*100+0.5), int(crop.FocusY*100+0.5))
		}
	}
	cw, ch := r.x1-r.x0, r.y1-r.y0
	widths := Widths(s.settings.Widths, maxW)
	base := path.Base(out)
	stem := Dir + "/" + strings.TrimSuffix(base, path.Ext(base)) + "." + s.version(src) + tag
	fallback, ext := "jpeg", ".jpg"
	if h.Type == "image/png" || h.Type == "image/gif" || h.Type == "image/webp" {
		fallback, ext = "png", ".png"
	}
	p := &Picture{Src: file, Type: "image/" + fallback, Header: h,
		WebP: make([]Variant, 0, len(widths)), Fallback: make([]Variant, 0, len(widths))}
	for _, w := range widths {
		hh := max(1, (w*ch+cw/2)/cw)
		name := stem + "." + strconv.Itoa(w) + "w"
		p.WebP = append(p.WebP, Variant{Path: name + ".webp", Width: w, Height: hh, Format: "webp", crop: r})
		p.Fallback = append(p.Fallback, Variant{Path: name + ext, Width: w, Height: hh, Format: fallback, crop: r})
	}
	last := p.Fallback[len(p.Fallback)-1]
	p.Width, p.Height = last.Width, last.Height
	s.mu.Lock()
	for _, vs := range [][]Variant{p.WebP, p.Fallback} {
		for _, v := range vs {
			src.variants[v.Path] = v
		}
	}
	s.mu.Unlock()
	return p, nil
}

// Dir is the folder of the output that holds every photo's variants,
// named after the photo and a hash of what makes their bytes (the
// photo's file and content, the settings, furusato's way of making
// them): a changed photo gets new names, so that hosts and browsers can
// keep each file for good (site.yaml's cache: hashed), and one rule of
// _headers covers them all. A build whose photos did not change takes
// the folder of the previous output as it is (see publish.Stage.Keep).
const Dir = "_photos"

// version is the hash in the names of src's variants.
func (s *Set) version(src *source) string {
	h := sha256.Sum256([]byte(cacheVersion + "|" + src.file + "|" + src.sum + "|q" + strconv.Itoa(s.settings.Quality) + "|" + s.settings.Encoder))
	return hex.EncodeToString(h[:5])
}

// Widths are the widths published of a photo at most max pixels wide:
// those of the settings that fit, and max itself when it is narrower
// than the widest of them, so that the photo is never shown smaller than
// it is.
func Widths(settings []int, max int) []int {
	var out []int
	widest := 0
	for _, w := range settings {
		if w <= max && !slices.Contains(out, w) {
			out = append(out, w)
		}
		widest = maxInt(widest, w)
	}
	if max < widest && !slices.Contains(out, max) {
		out = append(out, max)
	}
	if len(out) == 0 {
		out = append(out, max)
	}
	slices.Sort(out)
	return out
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// cropRect is the largest part of a w×h photo of crop's shape, placed so
// that the focus point is as near its centre as the photo allows.
func cropRect(w, h int, c Crop) image4 {
	cw, ch := w, w*c.Height/c.Width
	if ch > h {
		cw, ch = h*c.Width/c.Height, h
	}
	cw, ch = maxInt(cw, 1), maxInt(ch, 1)
	place := func(size, part int, focus float64) int {
		x := int(focus*float64(size)+0.5) - part/2
		return min(maxInt(x, 0), size-part)
	}
	x0, y0 := place(w, cw, c.FocusX), place(h, ch, c.FocusY)
	return image4{x0, y0, x0 + cw, y0 + ch}
}

// Srcset is the srcset attribute of variants, with URLs made by url from
// their paths.
func Srcset(vs []Variant, url func(string) string) string {
	var b strings.Builder
	for i, v := range vs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(url(v.Path))
		b.WriteString(" ")
		b.WriteString(strconv.Itoa(v.Width))
		b.WriteString("w")
	}
	return b.String()
}

// GPS lists the photos of the build that carry a GPS position, sorted.
func (s *Set) GPS() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for f, src := range s.sources {
		if src.err == nil && src.header.GPS && len(src.variants) > 0 {
			out = append(out, f)
		}
	}
	slices.Sort(out)
	return out
}

// Animated lists the animated GIFs that pages show, published as they
// are, sorted.
func (s *Set) Animated() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for f, src := range s.sources {
		if src.err == nil && src.header.Animated {
			out = append(out, f)
		}
	}
	slices.Sort(out)
	return out
}

// Shown reports whether a page shows the photo file through its variants.
func (s *Set) Shown(file string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	src, ok := s.sources[file]
	return ok && len(src.variants) > 0
}

// Paths are the paths of the variants that pages asked for, sorted.
func (s *Set) Paths() []string {
	var out []string
	for _, src := range s.jobs() {
		s.mu.Lock()
		for p := range src.variants {
			out = append(out, p)
		}
		s.mu.Unlock()
	}
	slices.Sort(out)
	return out
}

// jobs are the photos with variants to make, sorted by file.
func (s *Set) jobs() []*source {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*source
	for _, src := range s.sources {
		if src.err == nil && len(src.variants) > 0 {
			out = append(out, src)
		}
	}
	slices.SortFunc(out, func(a, b *source) int { return strings.Compare(a.file, b.file) })
	return out
}

// Adopt asks for the variants that another set asked for, of the photos
// that are still the same files and that keep says are still shown: for
// the dev server, whose pages kept from an earlier build do not ask
// again. keep leaves out a photo whose page has left the site.
func (s *Set) Adopt(ctx context.Context, old *Set, keep func(file string) bool) {
	if old == nil || old == s {
		return
	}
	for _, o := range old.jobs() {
		if ctx.Err() != nil {
			return
		}
		if !keep(o.file) {
			continue
		}
		src := s.source(o.file)
		if src.err != nil || src.sum != o.sum {
			continue
		}
		s.mu.Lock()
		for k, v := range o.variants {
			src.variants[k] = v
		}
		s.mu.Unlock()
	}
}
