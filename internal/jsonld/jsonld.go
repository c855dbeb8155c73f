// Package jsonld writes the structured data of a page for search engines
// (schema.org JSON-LD): its breadcrumbs and, for a page of a section whose
// site.yaml gives a schema type, the page itself. Templates call it as
// {{jsonld . (dict "publisher" "#office" "image" "images/share.png")}}
// (see package render).
package jsonld

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/format"
	"github.com/furusato/furusato/internal/site"
)

// The structured data of a page (see the package documentation) is built
// in Go rather than with dict and list in templates: it is on every page,
// and building it value by value in a template cost a fifth of rendering.

// ldDocument is the JSON-LD of a page.
type ldDocument struct {
	Context string `json:"@context"`
	Graph   []any  `json:"@graph"`
}

type ldBreadcrumbs struct {
	Type  string    `json:"@type"`
	Items []ldCrumb `json:"itemListElement"`
}

type ldCrumb struct {
	Type     string `json:"@type"`
	Position int    `json:"position"`
	Name     string `json:"name"`
	Item     string `json:"item"`
}

type ldRef struct {
	ID string `json:"@id"`
}

// articleTypes are the schema.org types that take the shape of an article.
var articleTypes = []string{"Article", "NewsArticle", "BlogPosting", "TechArticle", "Report", "ScholarlyArticle", "AnalysisNewsArticle"}

// Page returns the structured data of an output of page p in language
// lang, whose address is permalink (a list's page 2 has its own), as a
// value for a <script type="application/ld+json"> of html/template, which
// writes it as JSON. opts are the template's options: publisher and
// image (see package render).
func Page(s *site.Site, lang *config.Language, p *site.Page, permalink string, opts map[string]any) (any, error) {
	var publisher, image string
	for _, k := range slices.Sorted(maps.Keys(opts)) { // the same mistake reported on every page
		v := opts[k]
		text, ok := v.(string)
		switch {
		case k != "publisher" && k != "image":
			return nil, fmt.Errorf("unknown option %q: want publisher (the @id of who publishes the site) or image (the address of the picture of pages without one)", k)
		case !ok:
			return nil, fmt.Errorf("%s: want text, got %T", k, v)
		case text == "":
			// left out
		case k == "publisher" && strings.HasPrefix(text, "#"):
			publisher = s.Langs[lang.Index].Home.Permalink + text // the home page's, as in #office
		case k == "publisher" && !strings.Contains(text, "://"):
			return nil, fmt.Errorf("publisher: %q is neither an address (https://...) nor a fragment of the home page's (#office)", text)
		case k == "publisher":
			publisher = text
		case strings.Contains(text, "://"):
			image = text
		default:
			u, ok := s.StaticURL(strings.TrimPrefix(text, "/"))
			if !ok {
				return nil, fmt.Errorf("image: there is no static/%s: give a file of static/ or an address", strings.TrimPrefix(text, "/"))
			}
			image = s.AbsURL(u)
		}
	}
	home := lang.Strings["home"]
	name := func(a *site.Page) string {
		if a.Kind == site.KindHome && home != "" {
			return home
		}
		return a.Title
	}
	ancestors := p.Ancestors()
	crumbs := ldBreadcrumbs{Type: "BreadcrumbList", Items: make([]ldCrumb, 0, len(ancestors)+1)}
	for i, a := range ancestors {
		crumbs.Items = append(crumbs.Items, ldCrumb{Type: "ListItem", Position: i + 1, Name: name(a), Item: a.Permalink})
	}
	crumbs.Items = append(crumbs.Items, ldCrumb{Type: "ListItem", Position: len(ancestors) + 1, Name: name(p), Item: permalink})
	doc := ldDocument{Context: "https://schema.org", Graph: []any{crumbs}}
	sec := s.Config.Sections[p.Section]
	if !p.IsPage || sec == nil || sec.Schema == "" {
		return doc, nil
	}
	if p.Event != nil {
		if img := p.Image; img != nil && slices.Contains([]string{"image/png", "image/jpeg", "image/webp"}, img.Type) {
			image = s.AbsURL(img.URL)
		}
		doc.Graph = append(doc.Graph, event(s, lang, p, image))
		return doc, nil
	}
	thing := map[string]any{"@type": sec.Schema}
	set := func(k string, v any) {
		if v != nil && v != "" {
			thing[k] = v
		}
	}
	if slices.Contains(articleTypes, sec.Schema) {
		set("headline", p.Title)
		set("inLanguage", lang.Code)
		set("url", p.Permalink)
		set("mainEntityOfPage", p.Permalink)
		if !p.Date.IsZero() {
			set("datePublished", p.Date.Format("2006-01-02"))
		}
		if !p.Updated.IsZero() {
			set("dateModified", p.Updated.Format("2006-01-02"))
		}
		if img := p.Image; img != nil && slices.Contains([]string{"image/png", "image/jpeg", "image/webp"}, img.Type) {
			image = s.AbsURL(img.URL)
		}
		set("image", image)
		if publisher != "" {
			thing["author"] = ldRef{publisher}
			thing["publisher"] = ldRef{publisher}
		}
	} else {
		set("name", p.Title)
		set("@id", p.Permalink+"#"+strings.ToLower(sec.Schema))
		if sec.Schema == "GovernmentService" && publisher != "" {
			// Who provides a public service is the office that publishes it.
			thing["provider"] = ldRef{publisher}
		}
	}
	set("description", p.Description)
	for _, f := range sec.Fields {
		if _, builtIn := thing[f.Schema]; f.Schema != "" && !builtIn && f.Schema != "@type" {
			set(f.Schema, ldValue(f, f.Type, p.Params[f.Name], lang.Code))
		}
	}
	doc.Graph = append(doc.Graph, thing)
	return doc, nil
}

// ldValue is a field's value as structured data.
func ldValue(f *config.Field, typ string, v any, lang string) any {
	switch typ {
	case config.TypeList:
		var out []any
		add := func(item any) {
			if x := ldValue(f, f.Of, item, lang); x != nil {
				out = append(out, x)
			}
		}
		switch items := v.(type) {
		case []any:
			for _, item := range items {
				add(item)
			}
		case []*site.Page: // refs, resolved
			for _, item := range items {
				add(item)
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	case config.TypeDate:
		t, prec, err := format.Time(v)
		if err != nil || t.IsZero() {
			return nil
		}
		return format.ISODate(t, prec)
	case config.TypeEnum:
		if v == nil {
			return nil
		}
		return format.ValueLabel(f, lang, fmt.Sprint(v))
	case config.TypeRef:
		if p, ok := v.(*site.Page); ok && p != nil {
			return p.Permalink
		}
		return nil
	case config.TypeYen, config.TypeInt:
		if n, err := format.Int(v); err == nil {
			return n
		}
		return nil
	}
	return v // text, a URL, a truth value
}
