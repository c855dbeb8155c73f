// Package site builds the page graph of a site from its content: the pages
// of every language, their translations, URLs, sections, tags and
// references between pages.
//
// # Lifecycle
//
// The graph is whole when New returns: its pages, URLs, lists, references
// and each page's HTML (New converts the Markdown, in parallel). From then
// on it is read-only, so many goroutines render from it at once, and a
// rebuild makes a new graph, with two exceptions, each with one owner and
// a time of its own:
//
//   - Page.ReleaseContent: in a single build, the render of a page's only
//     output lets go of the page's HTML once it is written, when no
//     template shows another page's HTML (the rebuild analysis says so).
//     The HTML sits behind a pointer, so that a copy of a page that
//     html/template makes reads only the pointer.
//   - Site.Edit: the dev server's build.Builder brings the previous good
//     build's graph up to date in place when nothing but some pages'
//     bodies changed (a new graph of 10,000 pages costs some 80 ms of a
//     save's rebuild, an edit a few). It runs between builds: a Builder
//     runs one build at a time, nothing else holds the graph (the server
//     serves the bytes of the outputs, not the graph), and templates are
//     bound to a graph only while a render runs.
//
// The random-edit tests of package build run every rebuild under the race
// detector and compare it with a clean build of the same files.
//
// # URLs
//
// The default language is at the site root and every other language under
// its code: content/companies/kaname.ja.md is /companies/kaname/ and
// content/companies/kaname.en.md is /en/companies/kaname/. A page's slug
// replaces the last part of its URL in its language. Section lists are at
// /companies/ (then /companies/page/2/ ...), tags at /tags/ and
// /tags/<tag>/, and the page for missing URLs at /404.html.
//
// URLs are also the names of folders in the output, which must work on any
// web server and on Windows: every part of a page's path, slug and tag is
// made a URL name by package slug, in small letters with hyphens for
// spaces and URL signs (content/things/My Page.ja.md is /things/my-page/,
// the tag C# is /tags/c-sharp/, a page con.ja.md is /con_/), and so are the
// files beside pages (content/stories/My Story/Photo 1.JPG is published at
// /stories/my-story/photo-1.jpg, beside its page). Links and references
// still name the files as they are. A name longer than a file system
// takes for one file or folder (255 bytes, 85 Japanese characters) is an
// error at the slug, tag or file that made it.
package site

import (
	"cmp"
	"context"
	"io/fs"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/content"
	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/markdown"
	"github.com/furusato/furusato/internal/slug"
)

// Options are the choices of one build that change which pages exist,
// and how their Markdown is converted.
type Options struct {
	Drafts bool      // publish drafts
	Future bool      // publish pages whose date is after Now
	Now    time.Time // the time of the build
	Assets Assets    // published names of static/ files; nil keeps their names

	// Markdown converts the pages' bodies as the graph is made; without
	// it pages have no HTML (for what reads only the graph's shape).
	Markdown *markdown.Converter
	Cache    *markdown.Cache // conversions of earlier builds to reuse; may be nil
	// ReleaseBodies lets go of each page's Markdown and list of links
	// (which furusato check reads) once it is converted: for a single
	// build whose templates show neither .Source nor .Links, so that a
	// large site does not hold every file in memory.
	ReleaseBodies bool
}

// Site is the page graph.
type Site struct {
	Config    *config.Config
	Langs     []*Lang             // in the order of site.yaml
	Pages     []*Page             // every page of every kind and language, in a fixed order
	Resources []*content.Resource // the files of content/ that are published, one per output path

	groups      map[string]map[string]*Page // group → language → page
	paths       map[string]string           // content path → group, of published pages
	unpublished map[string]string           // content path → why it is not published
	referrers   map[refKey][]*Page
	static      map[string]bool  // files of static/, by path
	aliases     map[string]*Page // old URLs → the pages they lead to
	assets      Assets
	resources   map[string]string // files of content/ that are not pages: path in content/ → output path
	published   map[string]string // their output paths → their files
	skipped     map[string]bool   // files of content/ that are not published, by file
	fsys        fs.FS
	images      sync.Map // file → imageInfo
	used        sync.Map // content file → true: a file of content/ that a published page links to or shows
	heldBack    int      // files of content/ left out because their page is not published
	warnings    diag.List

	sources    []*content.Source // what the graph was made from
	broken     map[string]bool   // content paths of pages whose files could not be read
	opts       Options
	nextFuture time.Time // the earliest date of a page held back for its date
}

type refKey struct{ group, section, field string }

// Lang is the part of the site in one language.
type Lang struct {
	*config.Language
	Home     *Page
	Sections map[string]*Page // the section list pages, by section name
	Regular  []*Page          // every page written in content/, newest first
	Tags     *Page            // the list of tags
	TagPages map[string]*Page // by tag slug
	NotFound *Page
	Menu     []MenuEntry
}

// MenuEntry is one resolved menu item.
type MenuEntry struct {
	Title string
	URL   string
	Page  *Page // nil for external links
}

// Current says what the entry is to page p, for aria-current: "page" when
// it is p itself, "true" when p is in the entry's section, else "".
func (m MenuEntry) Current(p *Page) string {
	switch {
	case m.Page == nil || p == nil:
		return ""
	case m.Page == p:
		return "page"
	case p.InSection(m.Page):
		return "true"
	}
	return ""
}

// MenuState is what the language's menu shows differently on page p: the
// Current of each entry, in one string. Pages with the same state have
// the same menu, so a template can cache the menu by it:
//
//	{{partialCached "partials/menu.html" . (.Site.MenuState .Page)}}
func (l *Lang) MenuState(p *Page) string {
	var b strings.Builder
	for i, m := range l.Menu {
		if c := m.Current(p); c != "" {
			b.WriteString(strconv.Itoa(i))
			b.WriteString(c)
		}
	}
	return b.String()
}

// SectionList returns the language's section pages sorted by name.
func (l *Lang) SectionList() []*Page {
	out := make([]*Page, 0, len(l.Sections))
	for _, s := range l.Sections {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b *Page) int { return cmp.Compare(a.Section, b.Section) })
	return out
}

// PagesOf returns the pages of a section, sorted as the section sorts.
func (l *Lang) PagesOf(name string) []*Page {
	if s := l.Sections[name]; s != nil {
		return s.Pages
	}
	return nil
}

// untranslatedKeys are not inherited by translations: text that must be
// written in each language, and what is true of one version of a page
// only (when it was last updated, which source text it translates).
var untranslatedKeys = []string{"title", "description", "tags", "slug", "translationKey", "image_alt", "aliases", "updated", "translated", "translations"}

// New builds the graph, and converts the pages' Markdown with
// opts.Markdown, in parallel. static lists the files of static/ (slash
// paths relative to it); fsys is the site folder, for reading image sizes.
// Every problem found is returned in one *diag.List, with the graph when
// it could still be built; cancelling ctx stops the conversion.
func New(ctx context.Context, cfg *config.Config, c *content.Content, fsys fs.FS, static []string, opts Options) (*Site, error) {
	s := &Site{
		Config:      cfg,
		groups:      map[string]map[string]*Page{},
		paths:       map[string]string{},
		unpublished: map[string]string{},
		referrers:   map[refKey][]*Page{},
		static:      map[string]bool{},
		resources:   map[string]string{},
		published:   map[string]string{},
		skipped:     map[string]bool{},
		fsys:        fsys,
		assets:      opts.Assets,
		sources:     c.Sources,
		broken:      c.Broken,
		opts:        opts,
	}
	for _, f := range c.Skipped {
		s.skipped[f] = true
	}
	for _, f := range static {
		s.static[f] = true
	}
	var errs diag.List
	for _, r := range c.Resources {
		s.resources[strings.TrimPrefix(r.File, content.Dir+"/")] = r.Path
		if long := slug.TooLong(r.Path); long != "" {
			// Only a name with signs spelt out (# as sharp) grows.
			errs.Addf(diag.Pos{File: r.File}, "the name %q is too long: as a URL it is %d bytes, and the name of a file of the output can have at most %d; rename the file", slug.Short(long), len(long), slug.MaxName)
		}
		if other, ok := s.published[r.Path]; ok {
			errs.Addf(diag.Pos{File: r.File}, "%s and %s would both be published as %s; rename one", other, r.File, r.Path)
			continue
		}
		s.published[r.Path] = r.File
		s.Resources = append(s.Resources, r)
	}
	for _, l := range cfg.Languages {
		s.Langs = append(s.Langs, &Lang{Language: l, Sections: map[string]*Page{}, TagPages: map[string]*Page{}})
	}
	groups := groupSources(c.Sources, cfg, &errs)
	for _, g := range groups {
		s.addGroup(g, opts, &errs)
	}
	s.addLists()
	s.resolveRefs(&errs)
	s.link()
	s.buildMenus(&errs)
	s.assignAliases(s.assignURLs(&errs), &errs)
	for _, p := range s.Pages {
		p.derive()
	}
	if opts.Markdown != nil {
		errs.Add(s.convert(ctx, s.Pages))
		s.holdBack()
	}
	return s, errs.Err()
}

// Edit brings the graph up to date with c in place, for a rebuild, when
// nothing but the bodies of some pages changed: the same files with the
// same front matter, and the same build options but for the time. It
// converts the pages whose bodies changed, and again those of again (the
// pages a failed build edited), and returns the pages whose bodies
// changed; false means the graph must be made anew with New. The caller
// makes sure that the files beside the pages and in static/ did not
// change either, and that nothing reads the graph meanwhile (see the
// package documentation).
func (s *Site) Edit(ctx context.Context, c *content.Content, opts Options, again []*Page) ([]*Page, bool, error) {
	if s.heldBack > 0 || len(c.Sources) != len(s.sources) || len(c.Resources) != len(s.Resources) ||
		opts.Drafts != s.opts.Drafts || opts.Future != s.opts.Future || opts.Assets != s.opts.Assets {
		return nil, false, nil
	}
	if !opts.Future && !s.nextFuture.IsZero() && !opts.Now.Before(s.nextFuture) {
		return nil, false, nil // a page's date has come
	}
	for i, r := range c.Resources {
		if *r != *s.Resources[i] {
			return nil, false, nil
		}
	}
	changed := map[*content.Source]*content.Source{}
	for i, src := range c.Sources {
		old := s.sources[i]
		if src == old {
			continue
		}
		if src.File != old.File || src.Lang != old.Lang || src.Path != old.Path || src.Section != old.Section ||
			src.IsIndex != old.IsIndex || src.Bundle != old.Bundle || !reflect.DeepEqual(src.Params, old.Params) {
			return nil, false, nil
		}
		changed[old] = src
	}
	var pages []*Page
	for _, p := range s.Pages {
		if src, ok := changed[p.src]; ok {
			p.src = src
			pages = append(pages, p)
		}
	}
	s.sources = c.Sources
	s.opts.Now = opts.Now
	var err error
	if opts.Markdown != nil {
		convert := slices.Clone(pages)
		for _, p := range again {
			if !slices.Contains(convert, p) {
				convert = append(convert, p)
			}
		}
		slices.SortFunc(convert, func(a, b *Page) int { return a.seq - b.seq })
		s.opts.Markdown, s.opts.Cache = opts.Markdown, opts.Cache
		err = s.convert(ctx, convert)
	}
	return pages, true, err
}

// group is the sources that translate each other, by language.
type group struct {
	id      string
	sources map[string]*content.Source
}

// groupSources puts translations together: files with the same content path,
// and files that share a translationKey.
func groupSources(srcs []*content.Source, cfg *config.Config, errs *diag.List) []*group {
	parent := make([]int, len(srcs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b int) {
		ra, rb := find(a), find(b)
		if ra != rb {
			parent[max(ra, rb)] = min(ra, rb)
		}
	}
	first := map[string]int{}
	for i, src := range srcs {
		kind := "page"
		if src.IsIndex {
			kind = "index"
		}
		keys := []string{kind + ":" + src.Path}
		if tk, ok := src.Params["translationKey"].(string); ok && tk != "" {
			keys = append(keys, "key:"+tk)
		}
		for _, k := range keys {
			if j, ok := first[k]; ok {
				union(i, j)
			} else {
				first[k] = i
			}
		}
	}
	byRoot := map[int]*group{}
	var out []*group
	for i, src := range srcs {
		r := find(i)
		g := byRoot[r]
		if g == nil {
			g = &group{id: srcs[r].File, sources: map[string]*content.Source{}}
			byRoot[r] = g
			out = append(out, g)
		}
		if other := g.sources[src.Lang]; other != nil {
			errs.Addf(diag.Pos{File: src.File, Line: 1, Col: 1}, "%s is also written in %s: each language can have one version of a page (check file names and translationKey)", src.Lang, other.File)
			continue
		}
		g.sources[src.Lang] = src
	}
	return out
}

// addGroup makes the pages of one translation group, with inheritance.
func (s *Site) addGroup(g *group, opts Options, errs *diag.List) {
	var base *content.Source
	for _, l := range s.Config.Languages {
		if base = g.sources[l.Code]; base != nil {
			break
		}
	}
	pages := map[string]*Page{}
	baseChecked := false // the default-language page was checked: it reports what its translations inherit
	for _, l := range s.Config.Languages {
		src := g.sources[l.Code]
		if src == nil {
			continue
		}
		params := make(map[string]any, len(base.Params)+len(src.Params))
		if src != base {
			sec := s.Config.Sections[base.Section]
			for k, v := range base.Params {
				if !slices.Contains(untranslatedKeys, k) && (sec == nil || base.IsIndex || sec.Field(k) == nil || !sec.Field(k).Translated()) {
					params[k] = v
				}
			}
		}
		for k, v := range src.Params {
			params[k] = v
		}
		p := s.newPage(src, l, params)
		p.group = g.id
		if p.Draft && !opts.Drafts {
			s.unpublished[src.Path] = "a draft"
			continue
		}
		if !p.Date.IsZero() && p.Date.After(opts.Now) && !opts.Future {
			s.unpublished[src.Path] = "dated in the future (" + p.Date.Format("2006-01-02") + ")"
			if s.nextFuture.IsZero() || p.Date.Before(s.nextFuture) {
				s.nextFuture = p.Date
			}
			continue
		}
		s.checkPage(p, base, baseChecked, errs)
		baseChecked = baseChecked || src == base
		pages[l.Code] = p
		s.paths[src.Path] = g.id
		s.Pages = append(s.Pages, p)
	}
	if len(g.sources) > 1 {
		for _, l := range s.Config.Languages {
			if src := g.sources[l.Code]; src != nil && src.Params["translations"] == "none" {
				var others []string
				for _, o := range s.Config.Languages {
					if t := g.sources[o.Code]; t != nil && t != src {
						others = append(others, t.File)
					}
				}
				errs.Addf(src.Pos("translations"), "front matter: translations: none says the page is in %s only, but %s translates it; remove one of them", l.Code, strings.Join(others, " and "))
			}
		}
	}
	if len(pages) > 0 {
		s.groups[g.id] = pages
	}
}

// newPage makes the page of one source.
func (s *Site) newPage(src *content.Source, l *config.Language, params map[string]any) *Page {
	p := &Page{
		Kind: KindPage, Lang: l, Path: src.Path, Section: src.Section, File: src.File,
		src: src, site: s, section: s.Config.Sections[src.Section],
	}
	switch {
	case src.IsIndex && src.Path == "":
		p.Kind = KindHome
	case src.IsIndex:
		p.Kind = KindSection
	}
	str := func(k string) string { v, _ := params[k].(string); return v }
	p.Title = str("title")
	p.Description = str("description")
	if d, ok := params["date"].(content.Date); ok {
		p.Date = d.Time
	}
	p.Updated = p.Date
	if d, ok := params["updated"].(content.Date); ok {
		p.Updated = d.Time
	}
	p.Draft, _ = params["draft"].(bool)
	p.Weight, _ = params["weight"].(int)
	p.Params = map[string]any{}
	if p.section != nil {
		for _, f := range p.section.Fields {
			if v, ok := params[f.Name]; ok {
				p.Params[f.Name] = v
			}
		}
	}
	p.tagNames, _ = params["tags"].([]any)
	p.imageSrc = str("image")
	p.imageAlt = str("image_alt")
	p.slug = str("slug")
	p.aliases, _ = params["aliases"].([]content.Alias)
	p.OneLanguage = params["translations"] == "none"
	return p
}

// checkPage reports what a page lacks after inheritance.
// A required key that is written but has a wrong value is reported where
// it is written, not again as missing.
func (s *Site) checkPage(p *Page, base *content.Source, baseChecked bool, errs *diag.List) {
	if p.Title == "" && !p.src.Keys.Has("title") {
		errs.Addf(diag.Pos{File: p.File, Line: 1, Col: 1}, "front matter: title is missing; every page needs one")
	}
	if p.imageSrc != "" && p.imageAlt == "" && !p.src.Keys.Has("image_alt") {
		from := ""
		if !p.src.Keys.Has("image") {
			from = " (inherited from " + base.File + ")"
		}
		s.warnings.Addf(diag.Pos{File: p.File, Line: 1, Col: 1}, "front matter: image_alt is missing: the image%s has no description for people who cannot see it; write what it shows in %s", from, p.Lang.Code)
	}
	if p.Kind != KindPage || p.section == nil || s.broken[p.Path] {
		return // a version that could not be read may have what is missing
	}
	// A draft, shown with --drafts, may still lack what a published page
	// needs: furusato new writes required fields for the user to fill in.
	missing, draft := errs.Addf, ""
	if p.Draft {
		missing, draft = s.warnings.Addf, "; fill it in before this draft is published"
	}
	for _, f := range p.section.Fields {
		_, has := p.Params[f.Name]
		written := p.src.Keys.Has(f.Name)
		_, baseHas := base.Params[f.Name]
		baseWritten := base.Keys.Has(f.Name)
		own := p.src == base || f.Translated() // the page gives its own value
		switch {
		case has || written || misspelled(p.src, p.section, f.Name) || (!own && p.src != base && baseChecked):
			// Written, or written with a typo that is reported, or to be
			// inherited from a page whose own check reports it.
		case f.Required && own && p.src != base:
			missing(diag.Pos{File: p.File, Line: 1, Col: 1}, "front matter: %s is missing; pages of %s need it in every language, and text is not taken from %s: write it in %s%s",
				f.Name, p.Section, base.File, p.Lang.Code, draft)
		case f.Required && (own || !baseWritten):
			missing(diag.Pos{File: p.File, Line: 1, Col: 1}, "front matter: %s is missing; pages of %s need it%s", f.Name, p.Section, draft)
		case own && p.src != base && baseHas:
			s.warnings.Addf(diag.Pos{File: p.File, Line: 1, Col: 1}, "front matter: %s is not translated: %s has it and this page does not; write it in %s", f.Name, base.File, p.Lang.Code)
		}
	}
}

// misspelled reports whether a page's front matter has an unknown key
// that is a typo of a field's name, already reported as such.
func misspelled(src *content.Source, sec *config.Section, name string) bool {
	names := make([]string, len(sec.Fields))
	for i, f := range sec.Fields {
		names[i] = f.Name
	}
	for _, key := range src.Keys {
		k := key.Name
		if _, ok := src.Params[k]; !ok && sec.Field(k) == nil && diag.Nearest(k, names) == name {
			return true
		}
	}
	return false
}

// Lookup finds a page by content path in a language: "" or "/" is the
// home page, "companies" a section, "companies/kaname" a page, "tags" the
// tags page. When the page has no translation in l, it returns the page in
// the first language that has it.
func (s *Site) Lookup(l *config.Language, contentPath string) *Page {
	p := strings.Trim(contentPath, "/")
	p = strings.TrimSuffix(strings.TrimPrefix(p, "content/"), ".md")
	ls := s.Langs[l.Index]
	switch {
	case p == "":
		return ls.Home
	case p == "tags":
		return ls.Tags
	case ls.Sections[p] != nil:
		return ls.Sections[p]
	case strings.HasPrefix(p, "tags/"):
		return ls.TagPages[strings.TrimPrefix(p, "tags/")]
	}
	g, ok := s.paths[p]
	if !ok {
		return nil
	}
	if t := s.groups[g][l.Code]; t != nil {
		return t
	}
	return s.anyLanguage(g)
}

// Paths lists the content paths of the published pages, for suggestions.
func (s *Site) Paths() []string {
	out := make([]string, 0, len(s.paths))
	for p := range s.paths {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// Unpublished says why a content path exists but is not published, or "".
func (s *Site) Unpublished(contentPath string) string { return s.unpublished[contentPath] }

// Untranslated returns the written pages that lack a language, for
// reports, but for those in one language on purpose (OneLanguage).
func (s *Site) Untranslated() []*Page {
	var out []*Page
	for _, p := range s.Pages {
		if p.src != nil && !p.IsTranslated && !p.OneLanguage && (p.Lang.Index == 0 || p.Translation(s.Config.Languages[0].Code) == nil) {
			out = append(out, p)
		}
	}
	return out
}

// Warnings returns the problems found that do not stop the build: text
// not translated, an image without a description.
func (s *Site) Warnings() []*diag.Error { return s.warnings.Errors() }

// StaticExists reports whether static/ has a file (slash path without
// leading slash).
func (s *Site) StaticExists(p string) bool { return s.static[p] }
