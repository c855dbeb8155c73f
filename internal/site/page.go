package site

import (
	"cmp"
	"encoding/json"
	"html/template"
	"slices"
	"time"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/content"
	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/format"
	"github.com/furusato/furusato/internal/markdown"
)

// Kind is what a page is.
type Kind string

// The kinds of page.
const (
	KindHome     Kind = "home"    // a language's home page
	KindSection  Kind = "section" // a section's list of pages
	KindPage     Kind = "page"    // a page written in content/
	KindTags     Kind = "tags"    // the list of a language's tags
	KindTag      Kind = "tag"     // the pages with one tag
	KindNotFound Kind = "404"     // the page for missing URLs
	KindSearch   Kind = "search"  // the search page (site.yaml search: true)
)

// Page is one page of the site in one language. Pages are read-only once
// the site is built.
type Page struct {
	Kind    Kind
	Lang    *config.Language
	Path    string // companies/kaname; companies for a section; "" for home; tags/<tag> for a tag
	Section string // companies; "" for top-level pages
	File    string // the Markdown file, or "" for pages no file describes

	URL       string // from the site root, with the base URL's path: /en/companies/kaname/
	Permalink string // absolute: https://example.jp/en/companies/kaname/

	Title       string
	Description string
	Date        time.Time // zero when not set
	Updated     time.Time // the updated key, else Date
	Draft       bool
	Tags        []*Page // the tag pages of the page's tags
	Image       *Image
	Weight      int
	Params      map[string]any // the section's fields: refs are *Page, lists []any ([]*Page for refs)
	// Event is what a page of an events section says of its event, or
	// nil for every other page.
	Event *Event
	// Aliases are the page's old URLs (front matter aliases), from the
	// site root with the base URL's path, each redirected to URL.
	Aliases []string

	Summary     string
	ReadingTime int // minutes
	Headings    []markdown.Heading
	Links       []markdown.Link // the links and images of Content, with where they are written

	// Pages are a list page's pages: a section's, a tag's, the home page's
	// (every regular page of the language), the tags page's (the tags).
	// A section's list also holds the pages of the section written only in
	// other languages (their Lang says so), so that a list in English shows
	// a page that exists only in Japanese, marked as such.
	Pages []*Page

	// Translations are the same page in the other languages, in the order
	// of site.yaml.
	Translations []*Page

	// Worked out once the graph is made. They are fields rather than
	// methods because a template reaches a field without a reflected call
	// (a method call costs it half a microsecond more, and pages read these
	// many times each).

	IsPage       bool // a page written in content/ (not a list)
	IsTranslated bool // the page exists in every language
	// OneLanguage: the page is in its language only, on purpose
	// (translations: none): it is not listed as missing a translation.
	OneLanguage bool
	// Parent is the page just above p in the breadcrumbs: a page's section
	// (the home page for a page in no section), a tag's list of tags, the
	// home page for a list; nil for the home page. Pages with the same
	// parent have the same ancestors, so it can key a cached partial of
	// them.
	Parent *Page
	// Prev and Next are the pages before and after p in its section's
	// order (for articles, sorted newest first: Prev is newer, Next is
	// older), or nil.
	Prev, Next *Page
	// Alternates list the page in every language, in the order of
	// site.yaml, for language switchers and hreflang links.
	Alternates []Alternate
	// XDefault is the URL for hreflang="x-default": the page in the
	// default language, or the page itself when it has no default-language
	// version.
	XDefault string
	// LastModified is when the page last changed: updated, else date, else
	// the newest of its pages for a list.
	LastModified time.Time
	// Expires is when the page leaves the site (front matter expires:
	// the start of that day), or zero.
	Expires time.Time
	// Application is the page's application period and its status at the
	// build's date, or nil when the page gives none.
	Application *Application

	referrersAll []*Page  // every page whose ref fields name p, in p's language
	referrerKeys []string // section.field=ID of each, sorted, for fingerprints
	lastModSet   bool

	seq        int           // the page's index in Site.Pages
	content    *pageHTML     // the page's HTML, when kept (see Content)
	warnings   []*diag.Error // of its Markdown: links to pages that left the site
	src        *content.Source
	bodySum    uint64 // a hash of the body and its HTML, when a markdown.Cache made it
	slug       string
	imageSrc   string
	imageAlt   string
	imageFocus string
	tagNames   []any
	aliases    []content.Alias
	aliasPos   []diag.Pos      // where each of Aliases is written
	group      string          // the translation group: pages that translate each other share it
	base       *content.Source // the group's page whose front matter translations inherit
	section    *config.Section
	site       *Site
}

// Image is a page's image.
type Image struct {
	URL           string
	Alt           string
	Width, Height int // 0 when the file does not tell
	// Type is the file's media type, read from its content (image/png,
	// image/jpeg, image/gif, image/webp) or its name (image/svg+xml); ""
	// for an image on another site. Sharing cards show only raster images.
	// For a photo published in several widths, it is the type of URL,
	// the widest JPEG or PNG.
	Type string
	// A photo published in several widths has them in Srcset (JPEG or
	// PNG) and WebPSrcset, and Sizes says how wide it shows: see the
	// partial templates/partials/picture.html.
	Srcset, WebPSrcset, Sizes string
	// FocusX and FocusY are the point that crops keep (front matter
	// image_focus), 0 to 1 across and down.
	FocusX, FocusY float64

	src, out string // the file in the site folder, and as published
}

// Cropped reports whether the image can be cropped: a photo of the site.
func (img *Image) Cropped() bool { return img != nil && img.src != "" }

// pageHTML holds a page's HTML behind a pointer: html/template copies a
// page it prints, and the copy must not read the HTML while a single build
// lets go of it (ReleaseContent) on another goroutine.
type pageHTML struct{ html template.HTML }

// Content is the page's Markdown as HTML.
func (p *Page) Content() template.HTML {
	if p.content == nil {
		return ""
	}
	return p.content.html
}

// String is the page's title: what a template shows when it prints a page,
// as {{.Value}} does for a ref field.
func (p *Page) String() string { return p.Title }

// MarshalJSON is the page's title too, for a page printed in a script,
// which html/template writes as JSON.
func (p *Page) MarshalJSON() ([]byte, error) { return json.Marshal(p.Title) }

// Seq is the page's index in Site.Pages, for tables of pages.
func (p *Page) Seq() int { return p.seq }

// IsList reports whether p lists other pages.
func (p *Page) IsList() bool {
	return p.Kind == KindHome || p.Kind == KindSection || p.Kind == KindTag || p.Kind == KindTags
}

// ShowsFilters reports whether p, a section's list, shows filters: its
// section has at least as many pages as site.yaml's filterFrom, counting
// those listed from other languages. A short list reads whole without
// them.
func (p *Page) ShowsFilters() bool {
	return p.Kind == KindSection && p.section != nil && len(p.Pages) >= p.section.FilterFrom
}

// NoIndex reports whether search engines are asked to leave p out, and
// the sitemap leaves it out: the page for missing URLs, and the lists of
// tags and of one tag, which have no text of their own and repeat the
// titles and summaries of pages that are listed themselves.
func (p *Page) NoIndex() bool {
	return p.Kind == KindNotFound || p.Kind == KindTag || p.Kind == KindTags
}

// Translation returns the page in language code, or nil.
func (p *Page) Translation(code string) *Page {
	if p.Lang.Code == code {
		return p
	}
	for _, t := range p.Translations {
		if t.Lang.Code == code {
			return t
		}
	}
	return nil
}

// Param returns the value of a section field, or nil.
func (p *Page) Param(name string) any { return p.Params[name] }

// Referrers returns the pages of section whose field refers to p (in p's
// language, or in the default language where a referrer has no
// translation), sorted as their section sorts them. A company page lists
// its stories with {{range .Page.Referrers "stories" "company"}}.
func (p *Page) Referrers(section, field string) []*Page {
	var out []*Page
	for _, r := range p.site.referrers[refKey{p.group, section, field}] {
		if p.shows(r) {
			out = append(out, r)
		}
	}
	return out
}

// shows reports whether a page in another group belongs on p's lists: it
// is in p's language, or it has no version in p's language and is the
// first language's.
func (p *Page) shows(r *Page) bool {
	return r.Lang == p.Lang || (p.site.groups[r.group][p.Lang.Code] == nil && p.site.anyLanguage(r.group) == r)
}

// Pos returns where a front matter key is written, for errors.
func (p *Page) Pos(key string) diag.Pos {
	if p.src == nil {
		return diag.Pos{}
	}
	return p.src.Pos(key)
}

// AliasPos is where the alias whose URL is u (one of Aliases) is
// written in the front matter.
func (p *Page) AliasPos(u string) diag.Pos {
	if i := slices.Index(p.Aliases, u); i >= 0 && i < len(p.aliasPos) {
		return p.aliasPos[i]
	}
	return p.Pos("aliases")
}

// Source is the file the page was read from, or nil.
func (p *Page) Source() *content.Source { return p.src }

// setLastModified works out LastModified for p and the pages it lists.
func (p *Page) setLastModified() time.Time {
	if p.lastModSet {
		return p.LastModified
	}
	p.lastModSet = true
	p.LastModified = p.Updated
	if p.LastModified.IsZero() {
		for _, q := range p.Pages {
			if m := q.setLastModified(); m.After(p.LastModified) {
				p.LastModified = m
			}
		}
	}
	return p.LastModified
}

// derive works out the fields that templates read many times, once the
// graph is made and URLs are assigned.
func (p *Page) derive() {
	p.IsPage = p.Kind == KindPage
	p.IsTranslated = len(p.Translations) == len(p.site.Config.Languages)-1
	p.Parent = p.parent()
	p.Alternates = p.alternates()
	p.XDefault = p.Permalink
	if t := p.Translation(p.site.Config.Languages[0].Code); t != nil {
		p.XDefault = t.Permalink
	}
}

// Site returns the language site the page belongs to.
func (p *Page) Site() *Lang { return p.site.Langs[p.Lang.Index] }

// Alternate is one language's version of a page, for language switchers
// and hreflang links.
type Alternate struct {
	Lang      *config.Language
	URL       string
	Permalink string // absolute, for hreflang links
	// Title is the page's title in that language; for a page it has not,
	// the title of where URL leads (the home page's is the language's
	// "home" string).
	Title   string
	Current bool // the page itself
	// Exists is false when the page has no translation in that language:
	// URL then leads to the nearest list in it (see Fallback).
	Exists bool
}

func (p *Page) alternates() []Alternate {
	out := make([]Alternate, 0, len(p.site.Config.Languages))
	for _, l := range p.site.Config.Languages {
		if t := p.Translation(l.Code); t != nil {
			out = append(out, Alternate{Lang: l, URL: t.URL, Permalink: t.Permalink, Title: t.Title, Current: t == p, Exists: true})
			continue
		}
		f := p.Fallback(l)
		title := f.Title
		if f.Kind == KindHome {
			title = cmp.Or(l.Strings["home"], title)
		}
		out = append(out, Alternate{Lang: l, URL: f.URL, Permalink: f.Permalink, Title: title})
	}
	return out
}

// Fallback is where a reader who wants p in language l goes when p has no
// translation in l: the same section's list (every language has a list of
// every section), the list of tags for a tag, else the home page.
func (p *Page) Fallback(l *config.Language) *Page {
	ls := p.site.Langs[l.Index]
	switch {
	case p.Kind == KindTag:
		return ls.Tags
	case p.Kind == KindPage && p.Section != "" && ls.Sections[p.Section] != nil:
		return ls.Sections[p.Section]
	}
	return ls.Home
}

// Ancestors returns the pages above p, from the home page down, for
// breadcrumbs.
func (p *Page) Ancestors() []*Page { return p.AppendFollow(nil, Ancestors) }

func (p *Page) parent() *Page {
	ls := p.site.Langs[p.Lang.Index]
	switch p.Kind {
	case KindHome:
		return nil
	case KindPage:
		if s := ls.Sections[p.Section]; s != nil {
			return s
		}
	case KindTag:
		return ls.Tags
	}
	return ls.Home
}

// InSection reports whether p belongs to a section, for menus.
func (p *Page) InSection(s *Page) bool {
	return s != nil && (p == s || s.Kind == KindSection && p.Section == s.Section)
}

func sortPages(pages []*Page, order string) {
	// comparePages ends on the path and language, which no two pages of a
	// list share: the order is total, and needs no stable sort.
	slices.SortFunc(pages, func(a, b *Page) int { return comparePages(a, b, order) })
}

// Fields returns the section fields the page sets, in declaration order,
// with their labels in the page's language.
func (p *Page) Fields() []format.Field { return format.Fields(p.section, p.Lang.Code, p.Params) }

// FieldDecl returns the declaration of a field of the page's section.
func (p *Page) FieldDecl(name string) *config.Field {
	if p.section == nil {
		return nil
	}
	return p.section.Field(name)
}

// Application is a page's application period (front matter apply_from,
// apply_until or fiscal_year) and its status at the build's date:
//
//	{{with .Page.Application}}
//	  <p class="status-{{.Status}}">{{t (print "apply_" .Status)}}</p>
//	  {{if .FiscalYear}}{{.FiscalYear}}年度{{end}}
//	  {{with .From}}{{date .}}{{end}} – {{with .Last}}{{date .}}{{end}}
//	{{end}}
type Application struct {
	From       content.Date // the first day applications are taken; zero when open-ended
	Last       content.Date // the last day; zero when open-ended
	FiscalYear int          // for fiscal_year, else 0
	// Status is "upcoming" (受付予定), "open" (受付中) or "closed"
	// (受付終了) at the build's date.
	Status string
}

// Open, Upcoming and Closed say the status, for {{if}}.
func (a *Application) Open() bool     { return a.Status == content.StatusOpen }
func (a *Application) Upcoming() bool { return a.Status == content.StatusUpcoming }
func (a *Application) Closed() bool   { return a.Status == content.StatusClosed }
