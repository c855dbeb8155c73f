package render_test

import (
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/render"
	"github.com/furusato/furusato/internal/site"
)

// cachedSite has a partial cached by section: the pages of a section share
// it, and each shows its own title beside it.
const cachedSite = `
-- site.yaml --
baseURL: https://example.jp/
languages:
  - {code: ja, title: サイト}
  - {code: en, title: Site}
sections:
  articles: {}
  companies: {}
-- templates/page.html --
<p>{{.Page.Title}}</p>{{partialCached "partials/where.html" . .Page.Section}}
-- templates/home.html --
<p>home</p>{{partialCached "partials/where.html" . .Page.Section}}
-- templates/section.html --
<p>section</p>{{partialCached "partials/where.html" . .Page.Section}}
-- templates/404.html --
404
-- templates/tags.html --
tags
-- templates/tag.html --
tag
-- templates/partials/where.html --
<nav>{{.Site.Title}}: {{with .Page.Section}}{{.}}{{else}}top{{end}}</nav>
-- content/articles/a.ja.md --
---
title: A
---
-- content/articles/b.ja.md --
---
title: B
---
-- content/articles/b.en.md --
---
title: B in English
---
-- content/companies/c.ja.md --
---
title: C
---
`

func TestPartialCached(t *testing.T) {
	out := buildtest.MustBuild(t, cachedSite, build.Options{CheckPartials: true})
	for name, want := range map[string]string{
		"articles/a/index.html":    "<p>A</p><nav>サイト: articles</nav>",
		"articles/b/index.html":    "<p>B</p><nav>サイト: articles</nav>",
		"en/articles/b/index.html": "<p>B in English</p><nav>Site: articles</nav>",
		"companies/c/index.html":   "<p>C</p><nav>サイト: companies</nav>",
		"index.html":               "<p>home</p><nav>サイト: top</nav>",
		"en/index.html":            "<p>home</p><nav>Site: top</nav>",
	} {
		if got := strings.TrimSpace(out.Read(t, name)); got != want {
			t.Errorf("%s:\n got  %q\n want %q", name, got, want)
		}
	}
}

// TestPartialCachedMistakes: an error inside a cached partial is reported
// where it is; a name that is not a partial is an error at the call; a
// variant that misses what makes pages differ is found by check
// (CheckPartials), which goes on to check the rest.
func TestPartialCachedMistakes(t *testing.T) {
	tests := []struct {
		name, file, text string
		check            bool
		want             string // a whole error: path:line:col: message
	}{
		{"error inside", "templates/partials/where.html", "<nav>\n{{.Page.Nope}}</nav>", false,
			`templates/partials/where.html:2:8: <.Page.Nope>: can't evaluate field Nope`},
		{"not a partial", "templates/page.html", `{{partialCached "where.html" .}}`, false,
			`templates/page.html:1:3: partialCached: there is no partial "where.html"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := buildtest.FS(cachedSite + "-- templates/partials/title.html --\n{{.Page.Title}}\n")
			fsys[tc.file].Data = []byte(tc.text)
			_, err := buildtest.BuildFS(t, fsys, build.Options{CheckPartials: tc.check})
			if err == nil {
				t.Fatal("the build succeeded")
			}
			var all []string
			for _, e := range diag.All(err) {
				all = append(all, e.Error())
			}
			found := false
			for _, e := range all {
				found = found || strings.HasPrefix(e, tc.want)
			}
			if !found {
				t.Errorf("no error starting %q in:\n%s", tc.want, strings.Join(all, "\n"))
			}
		})
	}
	// With the check, a variant that misses what makes pages differ is
	// reported, and every page shows its own version.
	fsys := buildtest.FS(cachedSite + "-- templates/partials/title.html --\n{{.Page.Title}}\n")
	fsys["templates/page.html"].Data = []byte("<p>{{.Page.Title}}</p>\n<p>{{partialCached \"partials/title.html\" .}}</p>")
	checked, err := buildtest.BuildFS(t, fsys, build.Options{CheckPartials: true})
	if err != nil {
		t.Fatal(err)
	}
	want := "templates/partials/title.html:1:1: partialCached: /articles/a/ and /articles/b/ show this partial differently"
	if len(checked.Result.Mistakes) != 1 || !strings.HasPrefix(checked.Result.Mistakes[0].Error(), want) {
		t.Errorf("mistakes %v, want one starting %q", checked.Result.Mistakes, want)
	}
	if got := checked.Read(t, "articles/b/index.html"); !strings.Contains(got, "<p>B</p><p>B</p>") {
		t.Errorf("with the check, a page shows %q", got)
	}

	// Without the check, the same mistake builds: the cache is trusted,
	// and every page of a language shows the version of one of them.
	fsys = buildtest.FS(cachedSite + "-- templates/partials/title.html --\n{{.Page.Title}}\n")
	fsys["templates/page.html"].Data = []byte(`{{partialCached "partials/title.html" .}}`)
	out, err := buildtest.BuildFS(t, fsys, build.Options{})
	if err != nil {
		t.Fatalf("build without the check: %v", err)
	}
	a, b, c := out.Read(t, "articles/a/index.html"), out.Read(t, "articles/b/index.html"), out.Read(t, "companies/c/index.html")
	if a != b || b != c {
		t.Errorf("the partial was not cached: %q, %q, %q", a, b, c)
	}
	if en := out.Read(t, "en/articles/b/index.html"); strings.TrimSpace(en) != "B in English" {
		t.Errorf("English page shows %q: the cache is not kept per language", en)
	}
}

// TestVariantKeys checks that pages are told apart wherever they are in a
// variant, even when they print the same (pages print as their titles).
func TestVariantKeys(t *testing.T) {
	s := newSite(t, buildtest.FS(funcSite), []string{"css/site.css"})
	ja := s.Config.Language("ja")
	x, y := s.Lookup(ja, "companies/x"), s.Lookup(ja, "companies/y")
	y.Title = x.Title
	type holder struct {
		P      *site.Page
		hidden *site.Page
	}
	same := [][2]any{
		{[]*site.Page{x, y}, []*site.Page{x, y}},
		{map[string]any{"a": x, "b": "t"}, map[string]any{"b": "t", "a": x}},
	}
	for _, c := range same {
		if a, b := render.VariantKeyForTest(c[0]), render.VariantKeyForTest(c[1]); a != b {
			t.Errorf("the same values give %q and %q", a, b)
		}
	}
	differ := [][2]any{
		{x, y},
		{[]*site.Page{x}, []*site.Page{y}},
		{[]any{x, "t"}, []any{y, "t"}},
		{map[string]any{"a": x}, map[string]any{"a": y}},
		{holder{P: x}, holder{P: y}},
		{holder{hidden: x}, holder{hidden: y}},
		{"1", 1},
	}
	for _, c := range differ {
		if a, b := render.VariantKeyForTest(c[0]), render.VariantKeyForTest(c[1]); a == b {
			t.Errorf("different values (%v, %v) give the same key %q", c[0], c[1], a)
		}
	}
}
