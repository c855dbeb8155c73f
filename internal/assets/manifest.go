package assets

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/outputs"
)

// Entry is one published file in the manifest.
type Entry struct {
	Path            string       `json:"path"` // from the output folder: css/site.3f9a1c2b.css
	Size            int64        `json:"size"`
	SHA256          string       `json:"sha256"` // hex
	ContentType     string       `json:"contentType"`
	CacheControl    string       `json:"cacheControl"`
	ContentEncoding string       `json:"contentEncoding,omitempty"` // gzip or br for pre-compressed copies
	Kind            outputs.Kind `json:"kind"`
	Immutable       bool         `json:"immutable,omitempty"` // a fingerprinted name: its content never changes
	// Redirect is where a redirect page (an old URL of a page) sends
	// visitors: an encoded URL from the host's root, for hosts that
	// redirect by the object (S3's website redirect).
	Redirect string `json:"redirect,omitempty"`
}

// Manifest lists every file of a build with what a host needs to serve
// it. furusato deploy compares it with the manifest stored in the bucket.
type Manifest struct {
	Files []Entry `json:"files"` // sorted by path
}

// Catalog records the files of a build as they are written, makes their
// pre-compressed copies, and gives the manifest and _headers at the end.
// It is safe for concurrent use.
type Catalog struct {
	// Redirects are where the redirect pages send visitors, by output
	// path (see outputs.RedirectTargets); set before the first Add.
	Redirects map[string]string

	cache       *config.Cache
	static      *Static
	precompress bool

	mu      sync.Mutex
	entries map[string]Entry
}

// NewCatalog returns an empty catalog.
func NewCatalog(cache *config.Cache, static *Static, precompress bool) *Catalog {
	return &Catalog{cache: cache, static: static, precompress: precompress, entries: map[string]Entry{}}
}

// Variant is a pre-compressed copy of a file, to publish beside it.
type Variant struct {
	Name string
	Data []byte
}

// Add records a published file of format f, whose SHA-256 is sum, and
// returns its pre-compressed copies (when pre-compression is on and they
// are smaller), which the caller publishes too.
func (c *Catalog) Add(name string, f *outputs.Format, data []byte, sum [sha256.Size]byte) ([]Variant, error) {
	e := c.entryOf(name, f, int64(len(data)), sum)
	var out []Variant
	if c.precompress && f.Compress {
		for _, enc := range encodings {
			z, err := enc.compress(data)
			if err != nil {
				return nil, fmt.Errorf("compress %s: %w", name, err)
			}
			if len(z) >= len(data) {
				continue
			}
			v := c.entry(name+enc.ext, f, z)
			v.ContentType, v.CacheControl, v.Kind, v.Immutable = e.ContentType, e.CacheControl, e.Kind, e.Immutable
			v.ContentEncoding = enc.name
			c.put(v)
			out = append(out, Variant{Name: v.Path, Data: z})
		}
	}
	c.put(e)
	return out, nil
}

func (c *Catalog) put(e Entry) {
	c.mu.Lock()
	c.entries[e.Path] = e
	c.mu.Unlock()
}

func (c *Catalog) entry(name string, f *outputs.Format, data []byte) Entry {
	return c.entryOf(name, f, int64(len(data)), sha256.Sum256(data))
}

// AddHashed adds a file whose SHA-256 is known (a photo's variant, kept
// with it in the image cache), not compressed.
func (c *Catalog) AddHashed(name string, f *outputs.Format, size int64, sum [sha256.Size]byte) {
	c.put(c.entryOf(name, f, size, sum))
}

// AddSum is AddHashed with the SHA-256 in hex, as the image cache keeps
// it.
func (c *Catalog) AddSum(name string, f *outputs.Format, size int64, sum string) {
	c.put(c.entryOfHex(name, f, size, sum))
}

func (c *Catalog) entryOf(name string, f *outputs.Format, size int64, sum [sha256.Size]byte) Entry {
	return c.entryOfHex(name, f, size, hex.EncodeToString(sum[:]))
}

func (c *Catalog) entryOfHex(name string, f *outputs.Format, size int64, sum string) Entry {
	e := Entry{Path: name, Size: size, SHA256: sum, ContentType: f.MediaType, Kind: f.Kind}
	if f.Kind == outputs.KindRedirect {
		e.Redirect = c.Redirects[name]
	}
	rule := f.Cache
	switch {
	case c.static.IsHashed(name):
		e.Kind, e.Immutable, rule = outputs.KindAsset, true, outputs.CacheHashed
	case rule == outputs.CacheHashed: // named by its content, such as a search shard
		e.Immutable = true
	}
	e.CacheControl = c.cache.CacheControl(name, rule)
	return e
}

// Manifest returns the files recorded so far, sorted by path.
func (c *Catalog) Manifest() *Manifest {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := &Manifest{Files: make([]Entry, 0, len(c.entries))}
	for _, e := range c.entries {
		m.Files = append(m.Files, e)
	}
	slices.SortFunc(m.Files, func(a, b Entry) int { return cmp.Compare(a.Path, b.Path) })
	return m
}

// JSON is the manifest as written to furusato-manifest.json.
func (m *Manifest) JSON() []byte {
	data, _ := json.MarshalIndent(m, "", " ") // plain strings and numbers cannot fail
	return append(data, '\n')
}

// Headers returns the _headers file of Netlify and Cloudflare Pages for a
// site whose base URL has the path basePath (/ or /kitami/): the
// Cache-Control of every file of the manifest. A folder whose files all
// share one value gets one rule (/en/articles/*); others get a rule per
// file, and a folder's index.html is named by its URL (/about/). Rules
// never overlap, since both hosts combine the values of overlapping
// rules. Cloudflare Pages reads at most 100 rules.
func (m *Manifest) Headers(basePath string) []byte {
	root := &headerDir{dirs: map[string]*headerDir{}}
	for _, e := range m.Files {
		if e.Path == outputs.HeadersFile || e.ContentEncoding != "" {
			continue
		}
		d := root
		parts := strings.Split(e.Path, "/")
		for _, p := range parts[:len(parts)-1] {
			if d.dirs[p] == nil {
				d.dirs[p] = &headerDir{dirs: map[string]*headerDir{}}
			}
			d = d.dirs[p]
		}
		d.files = append(d.files, headerFile{name: parts[len(parts)-1], value: e.CacheControl})
	}
	var b bytes.Buffer
	root.write(&b, basePath)
	return b.Bytes()
}

type headerDir struct {
	files []headerFile
	dirs  map[string]*headerDir
}

type headerFile struct{ name, value string }

// value is the one Cache-Control of every file under d, or "".
func (d *headerDir) value() string {
	v := ""
	for _, f := range d.files {
		if v != "" && f.value != v {
			return ""
		}
		v = f.value
	}
	for _, sub := range d.dirs {
		sv := sub.value()
		if sv == "" || v != "" && sv != v {
			return ""
		}
		v = sv
	}
	return v
}

func (d *headerDir) write(b *bytes.Buffer, prefix string) {
	rule := func(p, v string) { fmt.Fprintf(b, "%s\n  Cache-Control: %s\n", p, v) }
	if v := d.value(); v != "" {
		rule(prefix+"*", v)
		return
	}
	slices.SortFunc(d.files, func(a, b headerFile) int { return cmp.Compare(a.name, b.name) })
	for _, f := range d.files {
		if f.name == "index.html" {
			rule(prefix, f.value)
		}
		rule(prefix+f.name, f.value)
	}
	names := make([]string, 0, len(d.dirs))
	for n := range d.dirs {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		d.dirs[n].write(b, prefix+n+"/")
	}
}

// AddKnown records a file whose entry an earlier build worked out, for a
// file it publishes again unchanged.
func (c *Catalog) AddKnown(e Entry) { c.put(e) }

// Size writes a number of bytes for people: 639 kB, 119.8 MB.
func Size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
