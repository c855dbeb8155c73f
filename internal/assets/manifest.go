package assets

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"iter"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

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
	run     []Entry // added by AddSorted, sorted by path
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

// Known is a file whose size and SHA-256 (in hex, as the image cache
// keeps it) are known.
type Known struct {
	Path   string
	Format *outputs.Format
	Size   int64
	SHA256 string
}

// AddSorted records files sorted by path, as AddHashed would one by one:
// the photos' folder taken whole from the last output, 1,600 files on a
// site of 200 photos. They are kept in their order, out of the map that
// other files go in: putting them in it, and sorting them again for the
// manifest, took a tenth of a warm build (one that made no variant, on
// the 200-photo site of bench/compare). Files out of order (or a path
// twice), or a second call, go in the map.
func (c *Catalog) AddSorted(files []Known) {
	run := make([]Entry, len(files))
	for i, f := range files {
		run[i] = c.entryOfHex(f.Path, f.Format, f.Size, f.SHA256)
	}
	sorted := true // and no path twice
	for i := 1; i < len(run) && sorted; i++ {
		sorted = run[i-1].Path < run[i].Path
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if sorted && c.run == nil {
		c.run = run
		return
	}
	for _, e := range run {
		c.entries[e.Path] = e
	}
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
	// Sorting the paths and then taking the entries moves 16 bytes for
	// each swap, where sorting the entries moved 168. The files of
	// AddSorted are merged in (a file in both is the map's, which never
	// happens in a build: nothing else publishes into the photos' folder).
	m := &Manifest{Files: make([]Entry, 0, len(c.entries)+len(c.run))}
	run := c.run
	for _, p := range slices.Sorted(maps.Keys(c.entries)) {
		for len(run) > 0 && run[0].Path <= p {
			if run[0].Path < p {
				m.Files = append(m.Files, run[0])
			}
			run = run[1:]
		}
		m.Files = append(m.Files, c.entries[p])
	}
	m.Files = append(m.Files, run...)
	return m
}

// JSON is the manifest as written to furusato-manifest.json: what
// json.MarshalIndent(m, "", " ") gives, written without reflection, which
// on a site of 200 photos, each in 8 files, took a sixth of a build that
// made nothing.
func (m *Manifest) JSON() []byte {
	if m.Files == nil {
		return []byte("{\n \"files\": null\n}\n")
	}
	if len(m.Files) == 0 {
		return []byte("{\n \"files\": []\n}\n")
	}
	n := 32
	for _, e := range m.Files {
		n += 200 + len(e.Path) + len(e.SHA256) + len(e.ContentType) + len(e.CacheControl) + len(e.ContentEncoding) + len(e.Kind) + len(e.Redirect)
	}
	b := make([]byte, 0, n) // one allocation when nothing is escaped
	b = append(b, "{\n \"files\": ["...)
	for i, e := range m.Files {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n  {\n   \"path\": "...)
		b = appendString(b, e.Path)
		b = append(b, ",\n   \"size\": "...)
		b = strconv.AppendInt(b, e.Size, 10)
		b = append(b, ",\n   \"sha256\": "...)
		b = appendString(b, e.SHA256)
		b = append(b, ",\n   \"contentType\": "...)
		b = appendString(b, e.ContentType)
		b = append(b, ",\n   \"cacheControl\": "...)
		b = appendString(b, e.CacheControl)
		if e.ContentEncoding != "" {
			b = append(b, ",\n   \"contentEncoding\": "...)
			b = appendString(b, e.ContentEncoding)
		}
		b = append(b, ",\n   \"kind\": "...)
		b = appendString(b, string(e.Kind))
		if e.Immutable {
			b = append(b, ",\n   \"immutable\": true"...)
		}
		if e.Redirect != "" {
			b = append(b, ",\n   \"redirect\": "...)
			b = appendString(b, e.Redirect)
		}
		b = append(b, "\n  }"...)
	}
	return append(b, "\n ]\n}\n"...)
}

// appendString appends s as encoding/json writes it: as it is, in
// quotes, when nothing in it needs escaping (a path, even in Japanese),
// else as json.Marshal escapes it.
func appendString(b []byte, s string) []byte {
	plain, high := true, byte(0)
	for i := 0; i < len(s) && plain; i++ {
		c := s[i]
		high |= c
		plain = c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	if plain && high >= utf8.RuneSelf {
		plain = utf8.ValidString(s) && !strings.ContainsAny(s, "\u2028\u2029")
	}
	if !plain {
		q, _ := json.Marshal(s) // a string cannot fail
		return append(b, q...)
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// Headers returns the _headers file of Netlify and Cloudflare Pages for a
// site whose base URL has the path basePath (/ or /kitami/): the
// Cache-Control of every file of the manifest. A folder whose files all
// share one value gets one rule (/en/articles/*); others get a rule per
// file, and a folder's index.html is named by its URL (/about/). Rules
// never overlap, since both hosts combine the values of overlapping
// rules. Cloudflare Pages reads at most 100 rules.
func (m *Manifest) Headers(basePath string) []byte {
	return headers(slices.Values(m.Files), basePath)
}

// Headers is the manifest's Headers, of the files recorded so far: the
// same, without sorting them first.
func (c *Catalog) Headers(basePath string) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	return headers(func(yield func(Entry) bool) {
		for _, e := range c.entries {
			if !yield(e) {
				return
			}
		}
		for _, e := range c.run {
			if _, dup := c.entries[e.Path]; !dup && !yield(e) {
				return
			}
		}
	}, basePath)
}

// headers gives the same rules whatever the order of files: each folder
// sorts its own.
func headers(files iter.Seq[Entry], basePath string) []byte {
	root := &headerDir{dirs: map[string]*headerDir{}}
	for e := range files {
		if e.Path == outputs.HeadersFile || e.ContentEncoding != "" {
			continue
		}
		d, name := root, e.Path
		for {
			dir, rest, ok := strings.Cut(name, "/")
			if !ok {
				break
			}
			if d.dirs[dir] == nil {
				d.dirs[dir] = &headerDir{dirs: map[string]*headerDir{}}
			}
			d, name = d.dirs[dir], rest
		}
		d.files = append(d.files, headerFile{name: name, value: e.CacheControl})
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
