// Package site builds the page graph of a site from its content: the pages
// of every language, their translations, URLs, sections, tags and
// references between pages.
//
// # Lifecycle
//
// The graph is whole when New returns: its pages, URLs, lists, references
// and each page's HTML (New converts the Markdown, in parallel, with links
// resolved by package bundle). From then on it is read-only, so many
// goroutines render from it at once, and a rebuild makes a new graph,
// with two exceptions, each with one owner and a time of its own:
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
// the tag C# is /tags/c-sharp/, a page con.ja.md is /con_/); so are the
// files beside pages (see package bundle). Links and references still
// name the files as they are. A name longer than a file system takes for
// one file or folder (255 bytes, 85 Japanese characters) is an error at
// the slug, tag or file that made it.
package site

import (
	"bytes"
	"cmp"
	"context"
	"io/fs"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/furusato/furusato/internal/bundle"
	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/content"
	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/images"
	"github.com/furusato/furusato/internal/markdown"
)

// Options are the choices of one build that change which pages exist,
// and how their Markdown is converted.
type Options struct {
	Drafts bool          // publish drafts
	Future bool          // publish pages whose date is after Now
	Now    time.Time     // the time of the build
	Assets bundle.Assets // published names of static/ files; nil keeps their names
	// Images publishes the photos that pages show in several widths;
	// nil shows every image as it is.
	Images *images.Set

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
	unpublished map[string]unpublished      // content path → why it is not published
	referrers   map[refKey][]*Page
	aliases     map[string]*Page // old URLs → the pages they lead to
	files       *bundle.Files    // the files that are not pages, which links resolve to
	warnings    diag.List

	sources    []*content.Source // what the graph was made from
	broken     map[string]bool   // content paths of pages whose files could not be read
	opts       Options
	nextFuture time.Time // the earliest date of a page held back for its date
	expired    []Expired
	future     []Expired // pages held back for their date, with it
	drafts     []string  // files of drafts left out
	nextOver   time.Time // the earliest time an event will be over or closed, after Now
}

// Expired is a page left out because its expires date has come.
type Expired struct {
	File    string
	Expires time.Time
}

// Expired lists the pages left out because they expired, by file, for the
// build's summary.
func (s *Site) Expired() []Expired { return byFile(s.expired) }

// Future lists the pages left out because they are dated in the future,
// by file, with that date (in Expires), for the build's summary: a date
// typed wrong hides a page without an error.
func (s *Site) Future() []Expired { return byFile(s.future) }

// Drafts lists the files of the drafts left out, for the build's summary.
func (s *Site) Drafts() []string { return slices.Sorted(slices.Values(s.drafts)) }

// LeftWithPages lists the files of content/ beside the pages left out
// (drafts, dated in the future, expired) that are left out with them,
// for the build's summary: they are published with their page.
func (s *Site) LeftWithPages() []string {
	if s.files == nil {
		return nil
	}
	return s.files.LeftWithPages()
}

func byFile(list []Expired) []Expired {
	return slices.SortedFunc(slices.Values(list), func(a, b Expired) int { return strings.Compare(a.File, b.File) })
}

// Today is the day of the build (Options.Now) in the site's time zone, at
// midnight: what statuses and "as of" dates are computed at.
func (s *Site) Today() time.Time {
	loc := s.Config.Location
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := s.opts.Now.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
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
	Search   *Page // the search page, or nil when site.yaml has no search: true
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
		unpublished: map[string]unpublished{},
		referrers:   map[refKey][]*Page{},
		sources:     c.Sources,
		broken:      c.Broken,
		opts:        opts,
	}
	var errs diag.List
	files, err := bundle.New(cfg, c, fsys, static, opts.Assets, bundlePages{s}, opts.Images)
	errs.Add(err)
	s.files, s.Resources = files, files.Resources()
	for _, l := range cfg.Languages {
		s.Langs = append(s.Langs, &Lang{Language: l, Sections: map[string]*Page{}, TagPages: map[string]*Page{}})
	}
	groups := content.Groups(c.Sources, cfg, &errs)
	for _, g := range groups {
		s.addGroup(g, opts, &errs)
	}
	s.addLists()
	s.resolveRefs(&errs)
	s.readEvents(&errs)
	s.link()
	s.buildMenus(&errs)
	s.assignAliases(s.assignURLs(&errs), &errs)
	for _, p := range s.Pages {
		p.derive()
	}
	if opts.Markdown != nil {
		errs.Add(s.convert(ctx, s.Pages))
		s.warnings.AddAll(s.files.HoldBack(s.sources))
		s.Resources = s.files.Resources()
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
	if s.files.HeldBack() > 0 || len(c.Sources) != len(s.sources) || len(c.Resources) != len(s.Resources) ||
		opts.Drafts != s.opts.Drafts || opts.Future != s.opts.Future || opts.Assets != s.opts.Assets {
		return nil, false, nil
	}
	if !opts.Future && !s.nextFuture.IsZero() && !opts.Now.Before(s.nextFuture) {
		return nil, false, nil // a page's date has come
	}
	if !sameDay(opts.Now, s.opts.Now, s.Config.Location) {
		return nil, false, nil // expiry and application statuses change with the day
	}
	if !s.nextOver.IsZero() && !opts.Now.Before(s.nextOver) {
		return nil, false, nil // an event is over or closed: its page and the lists of upcoming events change
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
		if content.Placeholder(src.Body) != "" {
			return nil, false, nil // New reports it, unless the page is a draft
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

// addGroup makes the pages of one translation group, with inheritance.
func (s *Site) addGroup(g *content.Group, opts Options, errs *diag.List) {
	pages := map[string]*Page{}
	baseChecked := false // the default-language page was checked: it reports what its translations inherit
	for _, l := range s.Config.Languages {
		src := g.Sources[l.Code]
		if src == nil {
			continue
		}
		params := make(map[string]any, len(g.Base.Params)+len(src.Params))
		g.Inherit(params, src, s.Config)
		p := s.newPage(src, l, params)
		p.group, p.base = g.ID, g.Base
		if p.Draft && !opts.Drafts {
			s.unpublished[src.Path] = unpublished{why: "a draft"}
			s.drafts = append(s.drafts, src.File)
			continue
		}
		if !p.Date.IsZero() && p.Date.After(opts.Now) && !opts.Future {
			s.unpublished[src.Path] = unpublished{why: "dated in the future (" + p.Date.Format("2006-01-02") + ")"}
			s.future = append(s.future, Expired{File: src.File, Expires: p.Date})
			if s.nextFuture.IsZero() || p.Date.Before(s.nextFuture) {
				s.nextFuture = p.Date
			}
			continue
		}
		if !p.Expires.IsZero() && !opts.Now.Before(p.Expires) {
			s.unpublished[src.Path] = unpublished{why: "expired (" + p.Expires.Format("2006-01-02") + ")", expired: true}
			s.expired = append(s.expired, Expired{File: src.File, Expires: p.Expires})
			continue
		}
		if text := content.Placeholder(src.Body); text != "" && !p.Draft {
			line := src.BodyLine + bytes.Count(src.Body[:bytes.Index(src.Body, []byte(text))], []byte("\n"))
			errs.Addf(diag.Pos{File: src.File, Line: line, Col: 1}, "the page still has the text that furusato new wrote (%q), and would be published: write the page, or keep it a draft (draft: true) until it is written", text)
		}
		if per, ok := content.PeriodOf(params, s.Config.Location); ok {
			p.Application = &Application{From: per.From, Last: per.Last, FiscalYear: per.FiscalYear, Status: per.Status(opts.Now)}
		}
		g.Check(src, params, s.Config, baseChecked, s.broken[src.Path], errs, &s.warnings)
		baseChecked = baseChecked || src == g.Base
		pages[l.Code] = p
		s.paths[src.Path] = g.ID
		s.Pages = append(s.Pages, p)
	}
	if len(pages) > 0 {
		s.groups[g.ID] = pages
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
	if d, ok := params["expires"].(content.Date); ok {
		p.Expires = d.Time
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
	p.imageFocus = str("image_focus")
	p.slug = str("slug")
	p.aliases, _ = params["aliases"].([]content.Alias)
	p.OneLanguage = params["translations"] == "none"
	return p
}

// Lookup finds a page by content path in a language: "" or "/" is the
// home page, "companies" a section, "companies/kaname" a page, "tags" the
// tags page. When the page has no translation in l, it returns the page in
// the first language that has it.
func (s *Site) Lookup(l *config.Language, contentPath string) *Page {
	p := ContentPath(contentPath)
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
func (s *Site) Unpublished(contentPath string) string { return s.unpublished[contentPath].why }

// ContentPath is a page's content path as Lookup reads it from what a
// template or site.yaml names: companies/kaname for /companies/kaname/,
// content/companies/kaname.md or companies/kaname.
func ContentPath(name string) string {
	p := strings.Trim(name, "/")
	return strings.TrimSuffix(strings.TrimPrefix(p, "content/"), ".md")
}

// PageExpired reports whether the page at a content path has left the
// site because its expires date came: links and references to it are
// dropped with a warning, not an error, since the page was published
// until then and is meant to go.
func (s *Site) PageExpired(contentPath string) bool { return s.unpublished[contentPath].expired }

// unpublished says why a page is not published.
type unpublished struct {
	why     string
	expired bool
}

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
func (s *Site) Warnings() []*diag.Error {
	var all diag.List
	all.AddAll(s.warnings.Errors())
	for _, p := range s.Pages {
		all.AddAll(p.warnings)
	}
	return all.Errors()
}

// sameDay reports whether a and b are the same day in loc.
func sameDay(a, b time.Time, loc *time.Location) bool {
	if loc == nil {
		loc = time.UTC
	}
	y1, m1, d1 := a.In(loc).Date()
	y2, m2, d2 := b.In(loc).Date()
	return y1 == y2 && m1 == m2 && d1 == d2
}
