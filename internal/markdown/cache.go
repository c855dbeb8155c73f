package markdown

import (
	"bytes"
	"encoding/binary"
	"hash/maphash"
	"html/template"
	"sync"
)

// Cache keeps the Markdown of each page between builds, with what
// its links and images resolved to. A page is converted again only when
// its body changed or one of its links or images now resolves differently,
// so a rebuild gives the same HTML as a clean build. It is safe for
// concurrent use; a cache belongs to one Converter.
type Cache struct {
	mu      sync.Mutex
	seed    maphash.Seed
	entries map[string]*Converted
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{seed: maphash.MakeSeed(), entries: map[string]*Converted{}}
}

// Converted is what a page's Markdown became.
type Converted struct {
	Result *Result       // without its HTML, which is in HTML
	HTML   template.HTML // the page's HTML
	Sum    uint64        // a hash of the body and all of the result, for rebuilds; 0 when not remembered
	Err    error         // the conversion's errors

	body     []byte
	bodyLine int
	lead     bool // converted for a page with a lead image (Page.LeadImage)
	lookups  []lookup
}

func newConverted(body []byte, bodyLine int, r *Result, err error, seed *maphash.Seed) *Converted {
	c := &Converted{body: body, bodyLine: bodyLine, Result: r, Err: err}
	if r == nil {
		c.Result = &Result{}
	}
	// goldmark's output with raw HTML off (or on by the site's own
	// choice) is the page's HTML, written by the site's authors.
	c.HTML = template.HTML(c.Result.HTML)
	c.Result.HTML = nil // kept once, as text
	if seed != nil {
		var h maphash.Hash
		h.SetSeed(*seed)
		writeString(&h, string(body))
		writeInt(&h, int64(bodyLine))
		writeString(&h, string(c.HTML))
		writeString(&h, c.Result.Summary)
		writeInt(&h, int64(c.Result.ReadingTime))
		for _, hd := range c.Result.Headings {
			writeInt(&h, int64(hd.Level))
			writeString(&h, hd.ID)
			writeString(&h, hd.Text)
		}
		c.Sum = h.Sum64() | 1 // never 0, which means "not hashed"
	}
	return c
}

// writeString and writeInt hash a value with its length, so that two
// different lists of values never hash alike by running together.
func writeString(h *maphash.Hash, v string) {
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(len(v)))
	h.Write(n[:])
	h.WriteString(v)
}

func writeInt(h *maphash.Hash, v int64) {
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(v))
	h.Write(n[:])
}

// lookup is one question a page's Markdown asked its resolver, and the answer.
type lookup struct {
	image bool
	size  bool // a FileSize of n bytes
	dest  string
	url   string // of a link
	img   Image  // what an image resolved to
	n     int64
	err   string
}

// recorder is a resolver that notes every lookup.
type recorder struct {
	resolver Resolver
	lookups  []lookup
}

func (r *recorder) Link(dest string) (string, error) {
	u, err := r.resolver.Link(dest)
	r.lookups = append(r.lookups, lookup{dest: dest, url: u, err: errText(err)})
	return u, err
}

func (r *recorder) Image(dest string) (Image, error) {
	img, err := r.resolver.Image(dest)
	r.lookups = append(r.lookups, lookup{image: true, dest: dest, img: img, err: errText(err)})
	return img, err
}

// FileSize asks the resolver, when it knows, for the size of a linked file.
func (r *recorder) FileSize(dest string) int64 {
	n := fileSize(r.resolver, dest)
	r.lookups = append(r.lookups, lookup{size: true, dest: dest, n: n})
	return n
}

func fileSize(res Resolver, dest string) int64 {
	if fs, ok := res.(FileSizer); ok {
		return fs.FileSize(dest)
	}
	return -1
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// valid reports whether a cached conversion still holds for page p.
func (c *Converted) valid(p Page) bool {
	if c.bodyLine != p.BodyLine || c.lead != p.LeadImage || !bytes.Equal(c.body, p.Body) {
		return false
	}
	res := p.Resolver
	for _, l := range c.lookups {
		if l.size {
			if fileSize(res, l.dest) != l.n {
				return false
			}
			continue
		}
		if l.image {
			img, err := res.Image(l.dest)
			if img != l.img || errText(err) != l.err {
				return false
			}
		} else if u, err := res.Link(l.dest); u != l.url || errText(err) != l.err {
			return false
		}
	}
	return true
}

// Convert converts a page with conv, or returns its conversion of an
// earlier build when it still holds. A nil cache converts and remembers
// nothing.
func (c *Cache) Convert(conv *Converter, p Page) *Converted {
	if c == nil {
		r, err := conv.Convert(p)
		return newConverted(p.Body, p.BodyLine, r, err, nil)
	}
	c.mu.Lock()
	old := c.entries[p.File]
	c.mu.Unlock()
	if old != nil && old.valid(p) {
		return old
	}
	rec := &recorder{resolver: p.Resolver}
	q := p
	q.Resolver = rec
	r, err := conv.Convert(q)
	cv := newConverted(p.Body, p.BodyLine, r, err, &c.seed)
	cv.lead = p.LeadImage
	cv.lookups = rec.lookups
	c.mu.Lock()
	c.entries[p.File] = cv
	c.mu.Unlock()
	return cv
}
