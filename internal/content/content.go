// Package content reads the Markdown files of content/ and checks their
// front matter.
//
// # Files
//
//	content/_index.ja.md                 the home page's title and introduction
//	content/about.ja.md                  a page at the top level: /about/
//	content/companies/_index.ja.md       the companies section's title and introduction
//	content/companies/kaname.ja.md       a page: /companies/kaname/ (and /en/companies/kaname/)
//	content/stories/sato/index.ja.md     a page bundle: the page and, beside it,
//	content/stories/sato/photo.jpg       its images, published at /stories/sato/photo.jpg
//
// The part before .md names the language (kaname.en.md); a file without one
// (kaname.md) is in the default language. Files with the same path and
// another language are translations of each other; so are files that share
// a translationKey.
//
// Besides pages, content/ publishes web files at their path, so that a
// bundle's images sit beside its page: images (.jpg .jpeg .png .gif .webp
// .avif .svg .ico), PDF, audio and video (.mp3 .m4a .ogg .oga .opus .wav
// .mp4 .m4v .webm .ogv, .vtt subtitles), open data and maps (.csv .json
// .geojson .gpx .kml .kmz .ics), in small or capital letters. Other files
// (notes.txt, page.html) are not published, and the build warns about
// each: put a file in static/ to publish it as it is. Office documents
// (.doc .docx .xls .xlsx .ppt .pptx) and ZIP files are published when a
// page links to them, and warned about when none does. What systems
// and editors leave (desktop.ini, Thumbs.db, ~$memo.docx, x~, hidden
// files; see sitefiles.Ignored) and output folders of furusato build are
// left out. A file that looks like a page but is not read as one
// (notes.ja.md.txt, as Notepad saves it, or About.JA.MD) is an error that
// says how to rename it.
//
// # Front matter
//
// YAML between --- lines (or TOML between +++ lines) at the top of the file.
// Every page may use the common keys:
//
//	title: 株式会社 要           # required
//	description: 一文の説明       # for search engines, cards and summaries
//	date: 2026-11-24            # publication date; a future date is not published
//	updated: 2026-11-30         # last update, shown in the footer
//	draft: true                 # not published (furusato build --drafts shows it)
//	tags: [テレワーク, 北見工業大学]
//	image: photo.jpg            # beside the page in a bundle, or /images/... from static/
//	image_alt: 説明文
//	slug: kaname                # the last part of the URL, per language
//	translationKey: kaname      # links translations whose file names differ
//	weight: 1                   # lower comes first in lists sorted by weight
//	aliases: [/old/about.html]  # old addresses that lead to the page
//	translated: title=3f9a2c1e body=9a1e47d0  # what a translation follows (furusato translated writes it)
//	translations: none          # the page is in its language only, on purpose
//	expires: 2027-03-31         # from this day on the page is not published (see below)
//	apply_from: 2027-04-01      # an application period: the first day applications are taken
//	apply_until: 2027-06-30     # and the last; either may be left out (open-ended)
//	fiscal_year: 2027           # or a fiscal year (年度): 2027-04-01 to 2028-03-31
//
// and the fields that site.yaml declares for its section. Any other key is
// an error. Front matter is at most 64 kB (MaxFrontMatter), with lists and
// mappings nested at most 64 deep (config.MaxNesting): long text belongs
// in the body.
//
// An expired page (expires on or before the build's date, see furusato build
// --date) leaves the site like a draft: its page, its lists, feeds and the
// sitemap. Unlike a link to a draft, a link to it is not an error: it
// becomes its text, with a warning (see package site). An application period's status (open, upcoming, closed) is
// computed at the build's date; a period that ends before it starts, or one
// given both as a fiscal year and as dates, is an error. A date written as a
// month or a year (2027-06, 2027) covers all of it: apply_until: 2027-06
// takes applications until the end of June.
//
// # Translations
//
// A translation inherits from its default-language page every key it does
// not set that is the same in every language: date, draft, image, weight,
// and the section's dates, numbers, amounts, enums, refs, URLs and
// booleans. Text is not inherited, since it would show the default
// language on the translated page: title, description, tags, slug,
// translationKey, image_alt, aliases, and the section's string and text
// fields (and lists of them) are written in each language. Nor is what is
// true of one version only: updated (a translation was not updated when
// its source was), translated and translations (see package translation). A required text field
// missing in a translation is an error; an optional one that the
// default-language page has, or a missing image_alt, is a warning. A
// field's translate setting in site.yaml changes what is inherited (see
// config.Field.Translated). Groups puts the files that translate each
// other together; a Group's Params and Check apply these rules.
package content

import (
	"bytes"
	"context"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/parallel"
	"github.com/furusato/furusato/internal/sitefiles"
	"github.com/furusato/furusato/internal/slug"
	"github.com/furusato/furusato/internal/textfile"
)

// Dir is the content folder in a site.
const Dir = "content"

// Placeholders are the texts that furusato new writes as a new page's
// body, by language ("" for any other): a page published with one of
// them has not been written yet.
var Placeholders = map[string]string{"ja": "ここに本文を書きます。", "": "Write the page here."}

// Placeholder returns the placeholder that is the whole of a body, or "".
func Placeholder(body []byte) string {
	b := string(bytes.TrimSpace(body))
	for _, text := range Placeholders {
		if b == text {
			return text
		}
	}
	return ""
}

// Source is one Markdown file of content/, read and checked.
type Source struct {
	File     string // content/companies/kaname.ja.md
	Lang     string // ja
	Path     string // companies/kaname; companies for a section's _index; "" for the home page
	Section  string // companies; "" for top-level pages and the home page
	IsIndex  bool   // an _index file: a section's or the home page's own text
	Bundle   string // stories/sato for content/stories/sato/index.ja.md, else ""
	Params   map[string]any
	Body     []byte
	BodyLine int  // the line of the file the body starts on
	Keys     Keys // the front matter's keys, with where they are written
}

// Keys are the keys of a file's front matter, in the order written, with
// where each value is written (the key, when the value is empty): a list
// rather than a map, for a large site holds one per file.
type Keys []Key

// Key is one front matter key and where its value is written.
type Key struct {
	Name      string
	Line, Col int32
}

// Has reports whether the front matter has the key, even without a value.
func (k Keys) Has(name string) bool {
	for _, key := range k {
		if key.Name == name {
			return true
		}
	}
	return false
}

// Pos returns the position of a front matter key, or of the file's start.
func (s *Source) Pos(key string) diag.Pos {
	for _, k := range s.Keys {
		if k.Name == key {
			return diag.Pos{File: s.File, Line: int(k.Line), Col: int(k.Col)}
		}
	}
	return diag.Pos{File: s.File, Line: 1, Col: 1}
}

// Resource is a file of content/ that is not Markdown, such as a bundle's
// image. It is published at its path, made a URL as pages' are (see
// package slug): content/stories/My Story/Photo.JPG at
// stories/my-story/photo.jpg, beside its page.
type Resource struct {
	File string // content/stories/sato/photo.jpg
	Path string // stories/sato/photo.jpg
	// Linked says that the file is published only when a page links to
	// it: an Office document (.doc .docx .xls .xlsx .ppt .pptx) or a ZIP
	// file, which could as well be a draft or a note left beside a page.
	Linked bool
}

// Content is everything read from content/.
type Content struct {
	Sources   []*Source   // sorted by file
	Resources []*Resource // sorted by file
	Skipped   []string    // files that are neither pages nor published (see Files), sorted
	Warnings  []*diag.Error
	// Broken are the content paths of pages whose files could not be
	// read, whose errors are reported: later stages say nothing more about
	// them (a missing field, a reference to them) than those errors.
	Broken map[string]bool
}

// Cache keeps the sources read by one Load for the next, so that a rebuild
// parses only the files that changed. A Cache belongs to one site.yaml:
// make a new one when the configuration changes. It is safe for
// concurrent use.
type Cache struct {
	mu      sync.Mutex
	entries map[string]cacheEntry
	walked  *walked
}

type cacheEntry struct {
	version uint64 // the file's version, when the file system gives versions
	data    []byte // the file as read
	bundles string // which folders above it are bundles, which changes its meaning
	src     *Source
	err     error
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{entries: map[string]cacheEntry{}} }

func (c *Cache) get(file string, data []byte, bundles string) (cacheEntry, bool) {
	if c == nil {
		return cacheEntry{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[file]
	return e, ok && e.bundles == bundles && bytes.Equal(e.data, data)
}

func (c *Cache) put(file string, e cacheEntry) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[file] = e
}

// Load reads content/ in parallel. Every problem found is returned in one
// *diag.List; the sources that were read without problems are returned too.
// cache may be nil.
func Load(ctx context.Context, site fs.FS, cfg *config.Config, cache *Cache) (*Content, error) {
	var errs diag.List
	w := cache.walk(site)
	files, bundles := w.files, w.bundles
	c := &Content{
		Resources: w.resources,
		Skipped:   w.skipped,
		Warnings:  slices.Clone(w.warnings),
	}
	errs.AddAll(w.errs)

	sources := make([]*Source, len(files))
	var toRead []int
	for i, f := range files {
		// Files the cache knows unchanged are not read again.
		if src, err, ok := cache.unchanged(site, f, bundles); ok {
			errs.Add(err)
			sources[i] = src
			continue
		}
		toRead = append(toRead, i)
	}
	err := parallel.Each(ctx, len(toRead), func(k int) {
		i := toRead[k]
		s, err := cache.read(site, files[i], cfg, bundles)
		errs.Add(err)
		sources[i] = s
	})
	if err != nil {
		return nil, err
	}
	for i, s := range sources {
		if s != nil {
			c.Sources = append(c.Sources, s)
		} else if loc, err := locate(files[i], cfg, bundles); err == nil {
			if c.Broken == nil {
				c.Broken = map[string]bool{}
			}
			c.Broken[loc.Path] = true
		}
	}
	return c, errs.Err()
}

// walked is what a walk of content/ found.
type walked struct {
	listings  uint64 // of the file system the walk read, when it gives them
	files     []string
	bundles   map[string]bool
	resources []*Resource
	skipped   []string
	warnings  []*diag.Error
	errs      []*diag.Error
}

// listed is a file system that tells when its folders' lists of files
// may have changed, such as the dev server's watch.FS.
type listed interface {
	Listings() uint64
}

// walk walks content/, or takes the cache's last walk when the file
// system says that no folder changed since.
func (c *Cache) walk(site fs.FS) *walked {
	lf, ok := site.(listed)
	if !ok || c == nil {
		return walk(site)
	}
	listings := lf.Listings() // before walking: a change during the walk shows next time
	c.mu.Lock()
	last := c.walked
	c.mu.Unlock()
	if last != nil && last.listings == listings {
		return last
	}
	w := walk(site)
	w.listings = listings
	c.mu.Lock()
	c.walked = w
	c.mu.Unlock()
	return w
}

func walk(site fs.FS) *walked {
	w := &walked{bundles: map[string]bool{}}
	var errs diag.List
	wellKnown := map[string]bool{} // the .well-known folders of content/ reported
	warnings, err := sitefiles.Walk(site, Dir, func(p string, d fs.DirEntry) {
		if i := strings.Index(p, "/"+sitefiles.WellKnown+"/"); i >= 0 {
			// Published, it would lose its dot (/well-known/) and be
			// lists of pages; the files other services look for are
			// published as they are from static/.
			if dir := p[:i+len(sitefiles.WellKnown)+1]; !wellKnown[dir] {
				wellKnown[dir] = true
				errs.Addf(diag.Pos{File: dir}, "a %s folder in content/ is not published: files that other services look for at /%s/ (security.txt, assetlinks.json) go in static/%s/, which is published as it is", sitefiles.WellKnown, sitefiles.WellKnown, sitefiles.WellKnown)
			}
			return
		}
		switch kind, msg := classify(p); kind {
		case filePage:
			w.files = append(w.files, p)
			if strings.HasPrefix(d.Name(), "index.") {
				w.bundles[path.Dir(p)] = true
			}
		case fileResource, fileDocument:
			w.resources = append(w.resources, &Resource{File: p, Path: slug.File(strings.TrimPrefix(p, Dir+"/")), Linked: kind == fileDocument})
		case fileOther:
			w.skipped = append(w.skipped, p)
			w.warnings = append(w.warnings, unpublished(p, msg))
		case fileBadPage:
			errs.Add(unpublished(p, msg))
		}
	})
	w.warnings = append(w.warnings, warnings...)
	errs.Add(err)
	w.errs = diag.All(errs.Err())
	return w
}

// read reads one Markdown file, and parses it unless the cache has it.
func (c *Cache) read(site fs.FS, file string, cfg *config.Config, bundles map[string]bool) (*Source, error) {
	if src, err, ok := c.unchanged(site, file, bundles); ok {
		return src, err
	}
	var version uint64
	if v, ok := site.(versioned); ok {
		version, _ = v.Version(file)
	}
	above := bundlesAbove(file, bundles)
	data, err := fs.ReadFile(site, file)
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: file}, "cannot read: %v", err)
	}
	if e, ok := c.get(file, data, above); ok {
		if e.version != version {
			e.version = version
			c.put(file, e)
		}
		return e.src, e.err
	}
	src, err := parse(file, data, cfg, bundles)
	c.put(file, cacheEntry{version: version, data: data, bundles: above, src: src, err: err})
	return src, err
}

// unchanged returns what the cache has for a file when the file system
// says, by its version, that the file did not change.
func (c *Cache) unchanged(site fs.FS, file string, bundles map[string]bool) (*Source, error, bool) {
	v, ok := site.(versioned)
	if !ok || c == nil {
		return nil, nil, false
	}
	version, ok := v.Version(file)
	if !ok {
		return nil, nil, false
	}
	c.mu.Lock()
	e, hit := c.entries[file]
	c.mu.Unlock()
	if !hit || e.version != version || e.bundles != bundlesAbove(file, bundles) {
		return nil, nil, false
	}
	return e.src, e.err, true
}

// bundlesAbove names the bundle folders above a file, which change what
// the file is.
func bundlesAbove(file string, bundles map[string]bool) string {
	var above strings.Builder
	for d := path.Dir(file); d != Dir && d != "." && d != "/"; d = path.Dir(d) {
		if bundles[d] {
			above.WriteString(d + "\n")
		}
	}
	return above.String()
}

// versioned is a file system that numbers the versions of its files, such
// as the dev server's watch.FS.
type versioned interface {
	Version(name string) (uint64, bool)
}

// parse checks one Markdown file. It returns the source even when some
// keys had errors, so later stages can still report their own problems.
// The source must not be changed afterwards: caches share it.
func parse(file string, data []byte, cfg *config.Config, bundles map[string]bool) (*Source, error) {
	data, err := textfile.Clean(file, data)
	if err != nil {
		return nil, err
	}
	s, err := locate(file, cfg, bundles)
	if err != nil {
		return nil, err
	}
	fm, body, bodyLine, err := Split(file, data)
	if err != nil {
		return nil, err
	}
	s.Body, s.BodyLine = body, bodyLine
	var errs diag.List
	s.Params, s.Keys = decodeFront(fm, cfg, cfg.Sections[s.Section], s.IsIndex, &errs)
	if s.IsIndex && s.Section == "" && s.Path != "" {
		errs.Addf(diag.Pos{File: file, Line: 1, Col: 1}, "_index files belong at content/ or directly in a section folder")
	}
	return s, errs.Err()
}

// locate works out a file's language, path and section from its name.
func locate(file string, cfg *config.Config, bundles map[string]bool) (*Source, error) {
	rel := strings.TrimPrefix(file, Dir+"/")
	dir, name := path.Split(rel)
	dir = strings.TrimSuffix(dir, "/")
	base := strings.TrimSuffix(name, ".md")
	s := &Source{File: file, Lang: cfg.DefaultLanguage().Code}
	if i := strings.LastIndexByte(base, '.'); i >= 0 {
		code := base[i+1:]
		if cfg.Language(code) == nil {
			var codes []string
			for _, l := range cfg.Languages {
				codes = append(codes, l.Code)
			}
			return nil, diag.Errorf(diag.Pos{File: file}, "the file name says language %q, but site.yaml has only %s; name it %s.md for the default language or add the language to site.yaml",
				code, strings.Join(codes, ", "), base[:i])
		}
		s.Lang, base = code, base[:i]
	}
	switch {
	case base == "_index":
		s.IsIndex = true
		s.Path = dir
	case base == "index" && bundles[path.Dir(file)]:
		s.Bundle = dir
		s.Path = dir
	default:
		s.Path = path.Join(dir, base)
		// A Markdown file inside a bundle's subfolder is the bundle's
		// resource, not a page; it is rare enough to report.
		for d := dir; d != "" && d != "."; d = path.Dir(d) {
			if bundles[path.Join(Dir, d)] {
				return nil, diag.Errorf(diag.Pos{File: file}, "this file is inside the page bundle %s/%s; a bundle has one page (index.*.md), so move this page out of it", Dir, d)
			}
		}
	}
	if dir != "" {
		s.Section, _, _ = strings.Cut(dir, "/")
	}
	if s.Path == "" && !s.IsIndex {
		return nil, diag.Errorf(diag.Pos{File: file}, "a page needs a name")
	}
	return s, nil
}

// decodeFront checks front matter against the common keys and the
// section's fields. It returns the values that are correct and records the
// others in errs.
func decodeFront(fm FrontMatter, cfg *config.Config, sec *config.Section, isIndex bool, errs *diag.List) (map[string]any, Keys) {
	params := make(map[string]any, len(fm))
	keys := make(Keys, 0, len(fm))
	d := decoder{loc: cfg.Location, errs: errs, events: sec != nil && sec.Kind == config.KindEvents && !isIndex}
	for _, r := range fm {
		f := commonFields[r.Key]
		if f == nil && sec != nil && !isIndex {
			f = sec.Field(r.Key)
		}
		keys = append(keys, Key{Name: r.Key, Line: int32(r.Pos.Line), Col: int32(r.Pos.Col)})
		if f == nil {
			if k := keyOfLabel(r.Key, sec, isIndex); k != "" {
				errs.Addf(r.KeyPos, "front matter: unknown key %s: keys are written in English; for %s, write %s:", r.Key, r.Key, k)
				continue
			}
			errs.Addf(r.KeyPos, "front matter: unknown key %s%s", r.Key, diag.DidYouMean(r.Key, knownKeys(sec, isIndex)))
			continue
		}
		if empty(r.Value) {
			// An empty key is the same as no key, except that a key that
			// must have a value is reported where it is written.
			switch {
			case r.Key == "title":
				errs.Addf(r.KeyPos, "front matter: title is empty; every page needs one")
			case f.Required:
				errs.Addf(r.KeyPos, "front matter: %s is empty; pages of %s need it", r.Key, sec.Name)
			}
			continue
		}
		if r.Key == "aliases" {
			params[r.Key] = aliases(r, errs)
		} else if v, ok := d.value(f, f.Type, r); ok {
			params[r.Key] = v
		}
	}
	checkPeriod(fm, params, errs)
	return params, keys
}

// empty reports whether a front matter value says nothing: no value, null,
// blank text or an empty list.
func empty(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(v) == ""
	case []Raw:
		return len(v) == 0
	}
	return false
}

// commonLabels are the words PR staff may write for the common keys.
var commonLabels = map[string]string{
	"タイトル": "title", "題名": "title", "表題": "title", "件名": "title",
	"説明": "description", "概要": "description",
	"日付": "date", "公開日": "date", "日時": "date",
	"タグ": "tags", "下書き": "draft", "画像": "image", "写真": "image",
	"掲載期限": "expires", "別名": "aliases",
}

// keyOfLabel returns the key whose label (in any language) or common
// name is label, or "".
func keyOfLabel(label string, sec *config.Section, isIndex bool) string {
	if sec != nil && !isIndex {
		for _, f := range sec.Fields {
			for _, l := range f.Label {
				if l != "" && strings.EqualFold(l, label) {
					return f.Name
				}
			}
		}
	}
	return commonLabels[label]
}

func knownKeys(sec *config.Section, isIndex bool) []string {
	keys := slices.Clone(config.CommonKeys)
	if sec != nil && !isIndex {
		for _, f := range sec.Fields {
			keys = append(keys, f.Name)
		}
	}
	return keys
}
