package images

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io/fs"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/disintegration/imaging"
	"github.com/gen2brain/webp"
	"golang.org/x/image/draw"

	"github.com/furusato/furusato/internal/diag"
)

// Stats say what Make did.
type Stats struct {
	Made      int // variants encoded
	FromCache int // variants taken from the cache
	// The time spent in each step, added up over the workers.
	Decode, Resize, Encode, Write time.Duration
}

// A File is one variant to publish: its path in the output, its format
// (webp, jpeg, png), its size and the SHA-256 of its bytes. The bytes are
// in Data when the variant was just made; Cached names the cache file
// that holds them when there is one, to link into the output rather than
// copy (taken from the cache, Data is nil).
type File struct {
	Path, Format string
	Data         []byte
	Cached       string
	Size         int64
	Sum          [sha256.Size]byte
}

// Write publishes one variant. Make calls it from several goroutines at
// once.
type Write func(File) error

// Make makes the variants that pages asked for, or takes them from the
// cache, and writes each with write. Photos are made in parallel, one per
// core at a time, each decoded once: the widths of one photo are made
// each from the next wider one. progress, when not nil, is told how many
// photos are done of how many. Every photo that cannot be made is an
// error at its file.
func (s *Set) Make(ctx context.Context, cache *Cache, write Write, progress func(done, total int)) (Stats, error) {
	jobs := s.jobs()
	var (
		st              Stats
		made, fromCache atomic.Int64
		dec, res, enc   atomic.Int64
		wr              atomic.Int64
		done            atomic.Int64
		mu              sync.Mutex
		errs            diag.List
	)
	next := make(chan *source)
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), max(len(jobs), 1))
	for range workers {
		wg.Go(func() {
			for src := range next {
				err := s.make(ctx, cache, src, func(f File, cached bool) error {
					t := time.Now()
					err := write(f)
					wr.Add(int64(time.Since(t)))
					if cached {
						fromCache.Add(1)
					} else {
						made.Add(1)
					}
					return err
				}, &dec, &res, &enc)
				if err != nil && ctx.Err() == nil {
					mu.Lock()
					errs.Add(diag.Errorf(diag.Pos{File: src.file}, "%v", err))
					mu.Unlock()
				}
				n := done.Add(1)
				if progress != nil {
					progress(int(n), len(jobs))
				}
			}
		})
	}
feed:
	for _, src := range jobs {
		select {
		case next <- src:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	st.Made, st.FromCache = int(made.Load()), int(fromCache.Load())
	st.Decode, st.Resize, st.Encode, st.Write = time.Duration(dec.Load()), time.Duration(res.Load()), time.Duration(enc.Load()), time.Duration(wr.Load())
	if err := ctx.Err(); err != nil {
		return st, err
	}
	return st, errs.Err()
}

// cacheVersion changes when what furusato makes of the same photo
// changes, so that old cache entries are not taken.
const cacheVersion = "3"

// key is the cache key of a variant: the photo's content, the settings
// that change its bytes, and the variant's part, size and format.
func (s *Set) key(src *source, v Variant) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s|%s|q%d|%s|%d,%d,%d,%d|%dx%d|%s", cacheVersion, src.sum, s.settings.Quality, s.settings.Encoder,
		v.crop.x0, v.crop.y0, v.crop.x1, v.crop.y1, v.Width, v.Height, v.Format)
	return hex.EncodeToString(h.Sum(nil))
}

// make makes the variants of one photo.
func (s *Set) make(ctx context.Context, cache *Cache, src *source, write func(f File, cached bool) error, dec, res, enc *atomic.Int64) error {
	s.mu.Lock()
	vs := make([]Variant, 0, len(src.variants))
	for _, v := range src.variants {
		vs = append(vs, v)
	}
	s.mu.Unlock()
	slices.SortFunc(vs, func(a, b Variant) int {
		if c := cmpRect(a.crop, b.crop); c != 0 {
			return c
		}
		if a.Width != b.Width {
			return b.Width - a.Width // widest first: each width is made from the one before
		}
		return cmpString(a.Format, b.Format)
	})
	var missing []Variant
	for _, v := range vs {
		if name, size, sum, ok := cache.Get(s.key(src, v), src.file); ok {
			if err := write(File{Path: v.Path, Format: v.Format, Cached: name, Size: size, Sum: sum}, true); err != nil {
				return err
			}
			continue
		}
		missing = append(missing, v)
	}
	if len(missing) == 0 {
		return nil
	}
	t := time.Now()
	data, err := fs.ReadFile(s.fsys, src.file)
	if err != nil {
		return fmt.Errorf("cannot read: %v", err)
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != src.sum {
		cache.forget(src.file) // the next build reads it again
		return fmt.Errorf("the file changed during the build; build again")
	}
	decoded, err := decode(data, src.header)
	if err != nil {
		return err
	}
	data = nil
	upright := toRGBA(decoded, src.header)
	decoded = nil
	dec.Add(int64(time.Since(t)))
	// One part of the photo at a time, widest variant first.
	var cur image.Image
	var curRect image4
	curW := -1
	for _, v := range missing {
		if err := ctx.Err(); err != nil {
			return err
		}
		if cur == nil || v.crop != curRect {
			r := v.crop
			cur, curRect, curW = upright.SubImage(image.Rect(r.x0, r.y0, r.x1, r.y1)), r, r.x1-r.x0
		}
		if v.Width != curW {
			t = time.Now()
			cur, curW = resize(cur, v.Width, v.Height), v.Width
			res.Add(int64(time.Since(t)))
		}
		t = time.Now()
		out, err := s.encode(cur, v.Format)
		enc.Add(int64(time.Since(t)))
		if err != nil {
			return fmt.Errorf("cannot make %s: %v", v.Path, err)
		}
		f := File{Path: v.Path, Format: v.Format, Data: out, Size: int64(len(out)), Sum: sha256.Sum256(out)}
		f.Cached, _ = cache.Put(s.key(src, v), src.file, out, f.Sum)
		if err := write(f, false); err != nil {
			return err
		}
	}
	return nil
}

// resize scales img to w×h with the Catmull-Rom filter, in two passes
// (across, then down) through an 8-bit image of w × img's height: a
// 12-megapixel photo takes 20 MB on the way to 1600 px wide, where
// x/image/draw's one pass takes 155 MB of float64s (with it, 200 photos
// on 2 cores peaked at 1.16 GB).
func resize(img image.Image, w, h int) *image.RGBA {
	n := imaging.Resize(img, w, h, imaging.CatmullRom)
	if n.Opaque() {
		// An opaque NRGBA's bytes are those of the same RGBA image:
		// the JPEG encoder's fast path takes *image.RGBA.
		return &image.RGBA{Pix: n.Pix, Stride: n.Stride, Rect: n.Rect}
	}
	dst := image.NewRGBA(n.Rect)
	draw.Draw(dst, dst.Rect, n, n.Rect.Min, draw.Src)
	return dst
}

// encode writes pixels in a format, with no metadata: no EXIF, no GPS.
func (s *Set) encode(img image.Image, format string) ([]byte, error) {
	var b bytes.Buffer
	var err error
	switch format {
	case "webp":
		err = webp.Encode(&b, img, webp.Options{Quality: s.settings.Quality, Method: webp.DefaultMethod})
	case "jpeg":
		err = jpeg.Encode(&b, img, &jpeg.Options{Quality: s.settings.Quality})
	case "png":
		err = png.Encode(&b, img)
	default:
		err = fmt.Errorf("unknown format %s", format)
	}
	return b.Bytes(), err
}

func cmpRect(a, b image4) int {
	for _, d := range [][2]int{{a.x0, b.x0}, {a.y0, b.y0}, {a.x1, b.x1}, {a.y1, b.y1}} {
		if d[0] != d[1] {
			return d[0] - d[1]
		}
	}
	return 0
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
