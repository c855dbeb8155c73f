package rebuild

import (
	"html/template"
	"reflect"
	"slices"
	"testing"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/format"
	"github.com/furusato/furusato/internal/outputs"
	"github.com/furusato/furusato/internal/render"
	"github.com/furusato/furusato/internal/site"
)

var pageType = reflect.TypeFor[*site.Page]()

// mayHoldPage reports whether a value of type t can lead to a page.
func mayHoldPage(t reflect.Type, seen map[reflect.Type]bool) bool {
	if t == pageType || t.Kind() == reflect.Interface {
		return true
	}
	if seen[t] {
		return false
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return mayHoldPage(t.Elem(), seen)
	case reflect.Map:
		return mayHoldPage(t.Key(), seen) || mayHoldPage(t.Elem(), seen)
	case reflect.Struct:
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() && mayHoldPage(f.Type, seen) {
				return true
			}
		}
	}
	return false
}

// TestEveryWayToAPageIsFollowed keeps rebuilds sound: each exported field
// or method of what templates see that can lead to another page must be
// followed by the analysis, or a rebuild could keep an output that shows
// stale data of another page.
func TestEveryWayToAPageIsFollowed(t *testing.T) {
	kinds := map[reflect.Type]kind{
		reflect.TypeFor[*render.Data]():      kData,
		reflect.TypeFor[*site.Lang]():        kLang,
		reflect.TypeFor[*site.Page]():        kPage,
		reflect.TypeFor[*render.Paginator](): kPaginator,
		reflect.TypeFor[outputs.Feed]():      kFeed,
		reflect.TypeFor[site.Alternate]():    kAlternate,
		reflect.TypeFor[site.MenuEntry]():    kMenu,
		reflect.TypeFor[format.Field]():      kField,
		reflect.TypeFor[*site.Image]():       kAny,
		reflect.TypeFor[*config.Contact]():   kAny,
	}
	for typ, k := range kinds {
		r := route{root: rootPage}
		if k == kData || k == kLang {
			r = route{root: rootNone}
		}
		check := func(name string, ft reflect.Type) {
			if k == kPage && (name == "Source" || name == "MarshalJSON") {
				return // the file as written: its refs are names, not pages; the title as JSON
			}
			if !mayHoldPage(ft, map[reflect.Type]bool{}) || ft == reflect.TypeFor[*config.Language]() {
				return
			}
			a := &analysis{reads: map[route]bool{}, named: map[string]bool{}}
			if v := a.field(val{kind: k, r: r}, name); len(v) == 0 {
				t.Errorf("%v.%s can lead to a page, but the analysis does not follow it", typ, name)
			}
		}
		for i := range typ.NumMethod() {
			m := typ.Method(i)
			for j := range m.Type.NumOut() {
				check(m.Name, m.Type.Out(j))
			}
		}
		st := typ
		if st.Kind() == reflect.Pointer {
			st = st.Elem()
		}
		for _, f := range reflect.VisibleFields(st) {
			if f.IsExported() {
				check(f.Name, f.Type)
			}
		}
	}
}

// TestDataFuncsReturnNoPages checks the functions the analysis takes as
// giving text or numbers: none can return a page.
func TestDataFuncsReturnNoPages(t *testing.T) {
	fm := render.FuncSignatures()
	for name := range dataFuncs {
		f, ok := fm[name]
		if !ok {
			continue // a builtin of text/template
		}
		ft := reflect.TypeOf(f)
		for i := range ft.NumOut() {
			if out := ft.Out(i); out != reflect.TypeFor[error]() && mayHoldPage(out, map[reflect.Type]bool{}) {
				t.Errorf("%s returns %v, which can hold a page", name, out)
			}
		}
	}
	for name := range fm {
		switch name {
		case "pages", "page", "ref", "static", "photo", "partialCached", "jsonld":
			continue
		}
		if !dataFuncs[name] && !listFuncs[name] {
			ft := reflect.TypeOf(fm[name])
			if ft.NumOut() > 0 && !mayHoldPage(ft.Out(0), map[reflect.Type]bool{}) {
				t.Errorf("%s returns no page: add it to dataFuncs", name)
			}
		}
	}
}

func routes(d Deps) []string {
	var out []string
	for _, r := range d.routes {
		s := []string{"page", "paginator", "home", "sections", "section", "tags", "404", "search", "menu", "feeds", "named", "any"}[r.root]
		if r.name != "" {
			s += "(" + r.name + ")"
		}
		if r.anyLang {
			s += "*"
		}
		for _, rel := range r.path {
			s += "." + []string{"Pages", "Translations", "Ancestors", "Referrers", "Neighbours", "Tags", "Refs"}[rel]
		}
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

func TestDeps(t *testing.T) {
	fm := template.FuncMap{
		"pages": func(string) []*site.Page { return nil }, "page": func(string) *site.Page { return nil },
		"ref": func(string) string { return "" }, "static": func(string) string { return "" }, "t": func(string) string { return "" },
		"dict": func(...any) map[string]any { return nil }, "partialCached": func(string, any, ...any) string { return "" }, "jsonld": func(any, any) any { return nil }, "where": func([]*site.Page, string, any) []*site.Page { return nil },
	}
	tests := []struct {
		name string
		tmpl string
		want []string
		all  bool
	}{
		{"own data", `{{.Page.Title}}{{.URL}}{{t "x"}}`, []string{"page"}, false},
		{"breadcrumbs", `{{range .Page.Ancestors}}{{.Title}}{{end}}`, []string{"page", "page.Ancestors"}, false},
		{"tags of the page, then their pages",
			`{{range .Page.Tags}}{{range .Pages}}{{.Title}}{{end}}{{end}}`,
			[]string{"page", "page.Tags", "page.Tags.Pages"}, false},
		{"a section's pages and their companies",
			`{{range where (pages "stories") "move" "salmon"}}{{.Params.company.Title}}{{end}}`,
			[]string{"section(stories)", "section(stories).Pages", "section(stories).Pages.Refs"}, false},
		{"variables and partials",
			`{{$p := .Page}}{{template "card" $p.Next}}{{define "card"}}{{.Title}}{{with .Translations}}{{end}}{{end}}`,
			[]string{"page", "page.Neighbours", "page.Neighbours.Translations"}, false},
		{"dict carries pages",
			`{{template "x" dict "p" .Page "s" .Site}}{{define "x"}}{{.p.Prev.Title}}{{.s.Home.Title}}{{end}}`,
			[]string{"home", "page", "page.Neighbours"}, false},
		{"menu and paginator",
			`{{range .Site.Menu}}{{.Page.Title}}{{end}}{{range .Paginator.Pages}}{{.Title}}{{end}}`,
			[]string{"menu", "paginator"}, false},
		{"another language's site", `{{range .Page.Translations}}{{.Site.Home.Title}}{{end}}`,
			[]string{"home*", "page", "page.Translations"}, false},
		{"a page named by a variable", `{{$n := "about"}}{{(page $n).Title}}`, nil, true},
		{"a cached partial runs on its dot",
			`{{partialCached "partials/p" . .Page.Section}}{{define "partials/p"}}{{.Page.Prev.Title}}{{end}}`,
			[]string{"page", "page.Neighbours"}, false},
		{"structured data", `{{jsonld . nil}}`, []string{"page", "page.Ancestors", "page.Refs"}, false},
		{"a cached partial named by a variable", `{{$n := "partials/p"}}{{partialCached $n .}}`, nil, true},
		{"named pages", `{{ref "contact"}}{{(page "about").Title}}`, []string{"named(about)", "named(contact)"}, false},
	}
	for _, tc := range tests {
		set := template.Must(template.New("l").Funcs(fm).Parse(tc.tmpl))
		d := deps(set, "l")
		got := routes(d)
		if tc.all {
			if !d.All {
				t.Errorf("%s: want everything, got %v", tc.name, got)
			}
			continue
		}
		if d.All || !slices.Equal(got, tc.want) {
			t.Errorf("%s:\n got  %v (all %v)\n want %v", tc.name, got, d.All, tc.want)
		}
	}
	// jsonld's image option may be a file of static/, whose address
	// changes with its content.
	if d := deps(template.Must(template.New("l").Funcs(fm).Parse(`{{jsonld . nil}}`)), "l"); !d.Static {
		t.Error("jsonld: outputs do not depend on static/")
	}
}

// TestOthersContent: a layout that shows the HTML of pages other than its
// own keeps every page's HTML for the whole build.
func TestOthersContent(t *testing.T) {
	fm := template.FuncMap{"pages": func(string) []*site.Page { return nil }}
	for tmpl, want := range map[string]bool{
		`{{.Page.Content}}`:                                         false,
		`{{range .Page.Pages}}{{.Summary}}{{end}}`:                  false,
		`{{range .Page.Pages}}{{.Content}}{{end}}`:                  true,
		`{{range pages "articles"}}{{.Content}}{{end}}`:             true,
		`{{with .Page.Translations}}{{(index . 0).Content}}{{end}}`: true,
	} {
		d := deps(template.Must(template.New("l").Funcs(fm).Parse(tmpl)), "l")
		if d.OthersContent != want {
			t.Errorf("%s: OthersContent %v, want %v", tmpl, d.OthersContent, want)
		}
	}
}
