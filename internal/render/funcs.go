package render

import (
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/content"
	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/format"
	"github.com/furusato/furusato/internal/jsonld"
	"github.com/furusato/furusato/internal/outputs"
	"github.com/furusato/furusato/internal/site"
)

// FuncSignatures returns the template functions with no site behind them,
// for what reads templates without running them: the rebuild analysis,
// which must know which functions can return a page.
func FuncSignatures() template.FuncMap {
	return funcs(&config.Config{}, &graph{}, &config.Language{}, nil)
}

// funcs returns the template functions for one language. Functions that
// depend on the language (strings, dates, amounts, links) use it without
// being told, so templates stay the same for every language:
//
//	{{t "read_more"}}                    the UI string read_more of site.yaml
//	{{t "page_of" 2 5}}                  with fmt verbs: "%d / %d ページ"
//	{{date .Page.Date}}                  2026年11月24日 / November 24, 2026
//	{{isodate .Page.Date}}               2026-11-24, for <time datetime>
//	{{date today}}                       the day of the build in the site's timezone (furusato build
//	                                     --date 2027-04-01 changes it), for "as of …" notes (statuses, expiry
//	                                     and which events are past are computed at the build's date)
//	{{yen 200000}}                       20万円 / ¥200,000
//	{{ref "companies/kaname"}}           the URL of that page in this language; the build fails when it does not exist
//	{{page "companies/kaname"}}          the page itself
//	{{with findPage "data"}}…{{end}}     the page, or nothing when the site has no such page (for
//	                                     templates shared by sites that may lack it)
//	{{pages "articles"}}                 the pages of a section, in the section's order
//	{{where (pages "stories") "move" "salmon"}}   pages whose field (or kind, section, lang) equals a value
//	{{sortBy (pages "articles") "date" "desc"}}   sorted by date, title, weight or a field
//	{{limit 3 (pages "articles")}}       the first 3
//	{{tagged "テレワーク" (pages "articles")}}     pages with a tag
//	{{label "companies" "industry"}}     a field's label in this language
//	{{valueLabel "companies" "industry" "dx"}}    an enum value's label
//	{{valueLabel "companies" "local_staff" 2}}    a number with the field's unit: 2人
//	{{range choices "companies" "industry"}}{{.Value}} {{.Label}}{{end}}   an enum field's values, with labels, for filters
//	{{if foreign .}}                     the page is in another language than this one (a page listed from
//	                                     the language that has it): mark it and give it lang="{{.Lang.Code}}"
//	{{static "css/site.css"}}            the URL of a file of static/, with a content hash in its name
//	                                     (/css/site.3f9a1c2b.css) unless site.yaml turns fingerprinting off;
//	                                     the build fails when it does not exist
//	{{sri "css/site.css"}}               its Subresource Integrity value, for integrity="…": sha384-…
//	{{photo "images/hero.jpg"}}          a photo of static/ in its widths, for
//	                                     {{template "partials/picture.html" (dict "Image" $img "Alt" "…")}}
//	{{crop .Page.Image 800 450}}         the page's photo cut to 16:9 around its focus (front matter
//	                                     image_focus, default the centre), at most 800 pixels wide, in
//	                                     the widths of site.yaml that fit; show it with
//	                                     {{template "partials/picture.html" (dict "Image" $img)}};
//	                                     an image that is not a photo of the site comes back as it is
//	{{relURL "feed.xml"}}  {{absURL .Page.URL}}
//	{{dict "a" 1 "b" 2}}  {{list 1 2 3}}  {{append $list 4}}  {{add 1 2}}  {{sub 3 1}}  {{join ", " .Page.Params.conditions}}
//	{{compact (dict "url" (.Page.Param "website") "name" .Page.Title)}}   the dict without its empty values
//	                                     (nil, "", empty lists and dicts), for JSON-LD
//	{{jsonld . (dict "publisher" $id "image" $url)}}   the page's structured data for search engines,
//	                                     for <script type="application/ld+json"> (see jsonLD)
//	{{with catalogue .Page}}             on the page that site.yaml's data: page names, the open data
//	  {{range .Sets}}{{.Title}} {{range .Files}}<a href="{{.URL}}">{{.Type}}</a> {{.Size}}{{end}}{{end}}
//	  <script type="application/ld+json">{{.JSONLD}}</script>   (schema.org Dataset, with its files)
//	{{end}}                              files of the site (see outputs.Catalogue); nil on other pages
//	{{upcoming (pages "events")}}        the events that are not over at the time of the build, soonest first
//	{{past (pages "events")}}            the events that are over, the latest first
//	{{eventDates .Page.Event}}           when: 2027年2月10日（水）14:00〜16:30 / Wed, February 10, 2027, 14:00–16:30
//	{{eventDeadline .Page.Event}}        the deadline to apply, with its time when it has one
//	{{googleCalendar .Page}}             the address that adds the event to Google Calendar
//	{{partialCached "partials/footer.html" .}}   a partial rendered once and shown on every page;
//	{{partialCached "partials/menu.html" . (.Site.MenuState .Page)}}   once for each value after the
//	                                     dot, which must hold all that makes it differ (see partials)
func funcs(cfg *config.Config, g *graph, lang *config.Language, cached *partials) template.FuncMap {
	return template.FuncMap{
		"partialCached": cached.run,
		"jsonld": func(d *Data, opts map[string]any) (any, error) {
			if d == nil || d.Page == nil {
				return nil, errors.New("want the page's dot: {{jsonld . (dict ...)}}")
			}
			return jsonld.Page(g.site(), lang, d.Page, d.Permalink, opts)
		},
		"t": func(key string, args ...any) (string, error) {
			v, ok := lang.Strings[key]
			if !ok {
				var keys []string
				for k := range lang.Strings {
					keys = append(keys, k)
				}
				return "", fmt.Errorf("no UI string %q for %s in site.yaml%s", key, lang.Code, diag.DidYouMean(key, keys))
			}
			if len(args) > 0 {
				v = fmt.Sprintf(v, args...)
			}
			return v, nil
		},
		"date": func(v any) (string, error) {
			t, p, err := format.Time(v)
			return format.Date(dateLang(lang), t, p), err
		},
		"today":     func() time.Time { return g.site().Today() },
		"catalogue": func(p *site.Page) (*Catalogue, error) { return catalogue(g.site(), lang, p) },
		"isodate": func(v any) (string, error) {
			t, p, err := format.Time(v)
			if t.IsZero() {
				return "", err
			}
			return format.ISODate(t, p), err
		},
		"yen": func(v any) (string, error) {
			n, err := format.Int(v)
			return format.Yen(lang.Code, n), err
		},
		"ref": func(path string) (string, error) {
			p, err := lookup(g.site(), lang, path)
			if err != nil {
				return "", err
			}
			return p.URL, nil
		},
		"page":     func(path string) (*site.Page, error) { return lookup(g.site(), lang, path) },
		"findPage": func(path string) *site.Page { return g.site().Lookup(lang, path) },
		"pages": func(section string) ([]*site.Page, error) {
			ls := g.site().Langs[lang.Index]
			if _, ok := cfg.Sections[section]; !ok && ls.Sections[section] == nil {
				return nil, fmt.Errorf("there is no section %q%s", section, diag.DidYouMean(section, cfg.SectionNames()))
			}
			return ls.PagesOf(section), nil
		},
		"upcoming": site.Upcoming,
		"past":     site.Past,
		"eventDates": func(e *site.Event) string {
			if e == nil {
				return ""
			}
			return format.EventDates(dateLang(lang), e.Start, e.End, e.AllDay)
		},
		"eventDeadline": func(e *site.Event) string {
			if e == nil || e.Deadline.IsZero() {
				return ""
			}
			if e.DeadlineClock {
				return format.DateTime(dateLang(lang), e.Deadline, true)
			}
			return format.DateTime(dateLang(lang), e.DeadlineDay, false)
		},
		"googleCalendar": func(p *site.Page) string {
			if p == nil {
				return ""
			}
			return outputs.GoogleCalendarURL(g.site(), p)
		},
		"where":  where,
		"sortBy": sortBy,
		"limit": func(n int, pages []*site.Page) []*site.Page {
			return pages[:min(max(n, 0), len(pages))]
		},
		"tagged": func(tag string, pages []*site.Page) []*site.Page {
			slug := site.TagSlug(tag)
			var out []*site.Page
			for _, p := range pages {
				if slices.ContainsFunc(p.Tags, func(t *site.Page) bool { return t.Path == "tags/"+slug }) {
					out = append(out, p)
				}
			}
			return out
		},
		"label": func(section, field string) (string, error) {
			f, err := fieldDecl(cfg, section, field)
			if err != nil {
				return "", err
			}
			return cmp.Or(f.Label[lang.Code], f.Name), nil
		},
		"valueLabel": func(section, field string, value any) (string, error) {
			f, err := fieldDecl(cfg, section, field)
			if err != nil {
				return "", err
			}
			if f.Type == config.TypeInt {
				return format.WithUnit(f, lang.Code, value), nil
			}
			return format.ValueLabel(f, lang.Code, fmt.Sprint(value)), nil
		},
		"choices": func(section, field string) ([]Choice, error) {
			f, err := fieldDecl(cfg, section, field)
			if err != nil {
				return nil, err
			}
			if f.Type != config.TypeEnum {
				return nil, fmt.Errorf("field %s of %s has type %s, not enum", field, section, f.Type)
			}
			out := make([]Choice, len(f.Values))
			for i, v := range f.Values {
				out[i] = Choice{Value: v.Value, Label: format.ValueLabel(f, lang.Code, v.Value)}
			}
			return out, nil
		},
		"foreign": func(p *site.Page) bool { return p != nil && p.Lang.Code != lang.Code },
		"static": func(p string) (string, error) {
			u, ok := g.site().StaticURL(strings.TrimPrefix(p, "/"))
			if !ok {
				return "", fmt.Errorf("there is no static/%s", strings.TrimPrefix(p, "/"))
			}
			return u, nil
		},
		"sri": func(p string) (string, error) {
			s := g.site()
			if _, ok := s.StaticURL(strings.TrimPrefix(p, "/")); !ok {
				return "", fmt.Errorf("there is no static/%s", strings.TrimPrefix(p, "/"))
			}
			return s.StaticIntegrity(strings.TrimPrefix(p, "/")), nil
		},
		"photo": func(p string) (*site.Image, error) { return g.site().StaticPhoto(p) },
		"crop": func(img *site.Image, width, height int) (*site.Image, error) {
			if img == nil {
				return nil, nil
			}
			return g.site().Crop(img, width, height)
		},
		"relURL": func(p string) string { return g.site().RelURL(p) },
		"absURL": func(p string) string { return g.site().AbsURL(p) },
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, errors.New("want keys and values in pairs")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("key %v is not text", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
		"list": func(items ...any) []any { return items },
		"append": func(items []any, item any) []any {
			return append(slices.Clip(items), item)
		},
		"compact": compact,
		"add":     func(a, b int) int { return a + b },
		"sub":     func(a, b int) int { return a - b },
		"join": func(sep string, items any) (string, error) {
			switch v := items.(type) {
			case []string:
				return strings.Join(v, sep), nil
			case []any:
				parts := make([]string, len(v))
				for i, x := range v {
					parts[i] = fmt.Sprint(x)
				}
				return strings.Join(parts, sep), nil
			case nil:
				return "", nil
			}
			return "", fmt.Errorf("want a list, got %T", items)
		},
	}
}

// graph is the page graph that the functions read: Render sets it for
// each render, so that templates parsed once serve every graph made from
// the same site.yaml, and nothing keeps a graph alive or changes one.
type graph struct{ p atomic.Pointer[site.Site] }

func (g *graph) site() *site.Site { return g.p.Load() }

// Choice is one value of an enum field, with its label in the language
// being rendered.
type Choice struct {
	Value string
	Label string
}

// compact returns a copy of m without its empty values, recursively, so
// that JSON-LD carries no null or "" properties.
func compact(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		switch x := v.(type) {
		case nil:
			continue
		case string:
			if x == "" {
				continue
			}
		case map[string]any:
			x = compact(x)
			if len(x) == 0 {
				continue
			}
			v = x
		case []any:
			if len(x) == 0 {
				continue
			}
			items := make([]any, len(x))
			for i, item := range x {
				if d, ok := item.(map[string]any); ok {
					item = compact(d)
				}
				items[i] = item
			}
			v = items
		}
		out[k] = v
	}
	return out
}

// dateLang is what dates are written for: the language's locale (en_GB
// writes the day first), or its code.
func dateLang(lang *config.Language) string { return cmp.Or(lang.Locale, lang.Code) }

func lookup(s *site.Site, lang *config.Language, path string) (*site.Page, error) {
	if p := s.Lookup(lang, path); p != nil {
		return p, nil
	}
	target := site.ContentPath(path)
	if why := s.Unpublished(target); why != "" {
		if s.PageExpired(target) {
			// The template names it for good: it has to say what to show
			// once the page is gone.
			return nil, fmt.Errorf("page %q is %s, so it is not published; for a page that may leave the site, write {{with findPage %q}}…{{end}}", path, why, path)
		}
		return nil, fmt.Errorf("page %q is %s, so it is not published", path, why)
	}
	return nil, fmt.Errorf("there is no page %q%s", path, diag.DidYouMean(target, s.Paths()))
}

func fieldDecl(cfg *config.Config, section, field string) (*config.Field, error) {
	sec := cfg.Sections[section]
	if sec == nil {
		return nil, fmt.Errorf("there is no section %q in site.yaml", section)
	}
	f := sec.Field(field)
	if f == nil {
		var names []string
		for _, f := range sec.Fields {
			names = append(names, f.Name)
		}
		return nil, fmt.Errorf("section %s has no field %q%s", section, field, diag.DidYouMean(field, names))
	}
	return f, nil
}

// pageValue returns what where and sortBy compare: a few page properties,
// then the page's fields.
func pageValue(p *site.Page, key string) any {
	switch key {
	case "kind":
		return string(p.Kind)
	case "section":
		return p.Section
	case "lang":
		return p.Lang.Code
	case "title":
		return p.Title
	case "date":
		return p.Date
	case "weight":
		return p.Weight
	}
	return p.Params[key]
}

// where keeps the pages whose key equals value. A ref field matches a page
// or its path (where (pages "stories") "company" .Page); a list field
// matches when it contains the value.
func where(pages []*site.Page, key string, value any) []*site.Page {
	var out []*site.Page
	for _, p := range pages {
		if matches(pageValue(p, key), value) {
			out = append(out, p)
		}
	}
	return out
}

func matches(have, want any) bool {
	switch h := have.(type) {
	case string:
		if w, ok := want.(string); ok {
			return h == w // as fmt.Sprint compares them below, without printing
		}
	case *site.Page:
		switch w := want.(type) {
		case *site.Page:
			return h == w || h.Translation(w.Lang.Code) == w
		case string:
			return h.Path == w || h.Path == h.Section+"/"+w
		}
		return false
	case []*site.Page:
		return slices.ContainsFunc(h, func(p *site.Page) bool { return matches(p, want) })
	case []any:
		return slices.ContainsFunc(h, func(x any) bool { return matches(x, want) })
	case content.Yen:
		n, err := format.Int(want)
		return err == nil && int64(h) == n
	case nil:
		return want == nil
	}
	return fmt.Sprint(have) == fmt.Sprint(want)
}

// sortBy returns a sorted copy: by date, title, weight or a field; "desc"
// reverses. Ties keep their order.
func sortBy(pages []*site.Page, key string, order ...string) []*site.Page {
	out := slices.Clone(pages)
	desc := len(order) > 0 && order[0] == "desc"
	compare := func(a, b *site.Page) int { return compareValues(pageValue(a, key), pageValue(b, key)) }
	switch key { // as compareValues compares them, without boxing each value
	case "date":
		compare = func(a, b *site.Page) int { return a.Date.Compare(b.Date) }
	case "weight":
		compare = func(a, b *site.Page) int { return cmp.Compare(a.Weight, b.Weight) }
	}
	slices.SortStableFunc(out, func(a, b *site.Page) int {
		c := compare(a, b)
		if desc {
			return -c
		}
		return c
	})
	return out
}

func compareValues(a, b any) int {
	ta, pa, ea := format.Time(a)
	tb, pb, eb := format.Time(b)
	if ea == nil && eb == nil && pa >= 0 && pb >= 0 {
		return ta.Compare(tb)
	}
	ia, ea := format.Int(a)
	ib, eb := format.Int(b)
	if ea == nil && eb == nil {
		return cmp.Compare(ia, ib)
	}
	if pa, ok := a.(*site.Page); ok {
		if pb, ok := b.(*site.Page); ok {
			return cmp.Compare(pa.Title, pb.Title)
		}
	}
	return cmp.Compare(fmt.Sprint(a), fmt.Sprint(b))
}

// Catalogue is the open data of the site, for its catalogue page.
type Catalogue struct {
	Sets   []outputs.Dataset
	JSONLD any // schema.org Dataset of each set, for <script type="application/ld+json">
}

// catalogue returns the open data catalogue when p is the page that
// site.yaml's data: page names, else nil.
func catalogue(s *site.Site, lang *config.Language, p *site.Page) (*Catalogue, error) {
	want := strings.Trim(s.Config.Data.Page, "/")
	if p == nil || want == "" || p.Kind != site.KindPage || p.Path != want {
		return nil, nil
	}
	sets, err := outputs.Catalogue(s, lang)
	if err != nil {
		return nil, err
	}
	ld := make([]jsonld.Dataset, len(sets))
	for i, d := range sets {
		ld[i] = jsonld.Dataset{Name: d.Title, Description: d.Description, URL: p.Permalink + "#" + d.Anchor(),
			License: cmp.Or(d.License.URL, d.License.Name), Modified: d.Updated, Publisher: lang.Office,
			InLanguage: s.Config.Languages[0].Code}
		for _, f := range d.Files {
			ld[i].Files = append(ld[i].Files, jsonld.DataDownload{URL: s.AbsURL(f.URL), MediaType: strings.TrimSuffix(f.Format.MediaType, "; charset=utf-8"), Size: f.Size()})
		}
	}
	return &Catalogue{Sets: sets, JSONLD: jsonld.Datasets(ld)}, nil
}
