package render_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/assets"
	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/render"
)

const minifySite = `
-- site.yaml --
baseURL: https://example.jp/
languages:
  - {code: ja, title: サイト, strings: {more: もっと}}
-- templates/base.html --
<!DOCTYPE html>
<html lang="ja">
  <head>
    <title>{{.Page.Title}}</title>
    <script>var title = {{.Page.Title}};</script>
  </head>
  <body>
    {{template "partials/nav.html" .}}
    <main>
      {{block "main" .}}{{end}}
    </main>
  </body>
</html>
-- templates/partials/nav.html --
{{- /* The site's links: an apostrophe in a comment is not a quote. */ -}}
<nav>
  <a href="{{.Site.Home.URL}}">{{t "more"}}</a>
</nav>
-- templates/page.html --
{{define "main"}}
  <article>
    <h1>{{.Page.Title}}</h1>
    {{.Page.Content}}
  </article>
{{end}}
-- templates/home.html --
{{define "main"}}<p>home</p>{{end}}
-- templates/404.html --
{{define "main"}}<p>404</p>{{end}}
-- templates/tags.html --
{{define "main"}}<p>tags</p>{{end}}
-- templates/tag.html --
{{define "main"}}<p>tag</p>{{end}}
-- content/about.ja.md --
---
title: "北見の\"冬\""
---
# 見出し

段落です。

- 一
- 二
`

// TestMinifiedTemplates: with minify on, pages come out minified from
// minified templates and bodies, with actions escaped for their context as
// written (the script), and the same text as without minify.
func TestMinifiedTemplates(t *testing.T) {
	got := buildtest.MustBuild(t, minifySite, build.Options{}).Read(t, "about/index.html")
	want := `<!doctype html><html lang="ja"><head><title>北見の&#34;冬&#34;</title>` +
		`<script>var title = "北見の\"冬\"";</script></head><body>` +
		`<nav><a href="/">もっと</a></nav><main><article><h1>北見の&#34;冬&#34;</h1>` +
		`<h1 id="見出し">見出し</h1><p>段落です。</p><ul><li>一</li><li>二</li></ul>` +
		`</article></main></body></html>`
	if got != want {
		t.Errorf("minified page:\n got  %s\n want %s", got, want)
	}
	plain := buildtest.MustBuild(t, minifySite, build.Options{NoMinify: true}).Read(t, "about/index.html")
	if words(got) != words(plain) {
		t.Errorf("the text differs from the page built without minify:\n%s\n%s", words(got), words(plain))
	}
}

// TestTemplateKeptAsWritten: a template whose text the minifier would
// change (the spacing of a <textarea>) is kept as written, and the others
// are still minified.
func TestTemplateKeptAsWritten(t *testing.T) {
	fsys := buildtest.FS(minifySite)
	fsys["templates/page.html"].Data = []byte("{{define \"main\"}}\n  <form>\n    <textarea>  {{.Page.Title}}  </textarea>\n  </form>\n{{end}}\n")
	out, err := buildtest.BuildFS(t, fsys, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := out.Read(t, "about/index.html")
	if !strings.Contains(got, "<textarea>  北見の&#34;冬&#34;  </textarea>") || !strings.Contains(got, "<nav><a href=\"/\">もっと</a></nav>") {
		t.Errorf("page:\n%s", got)
	}
}

// words is the text of a page without its spacing and tags.
func words(page string) string {
	var b strings.Builder
	in := false
	for _, r := range page {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in && !strings.ContainsRune(" \n\t", r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// TestMinifiedTemplateErrors: errors in minified templates are reported at
// their place in the files as written, as without minify.
func TestMinifiedTemplateErrors(t *testing.T) {
	tests := []struct{ name, file, text, want string }{
		{"field in an indented layout", "templates/page.html",
			"{{define \"main\"}}\n  <article>\n    <h1>{{.Page.Title}}</h1>\n      <p>北見 {{.Page.Nope}}</p>\n  </article>\n{{end}}\n",
			"templates/page.html:4:20: <.Page.Nope>: can't evaluate field Nope"},
		{"UI string in a partial", "templates/partials/nav.html",
			"{{/* it's */}}<nav>\n\n  <a href=\"{{.Site.Home.URL}}\">{{t \"mroe\"}}</a>\n</nav>\n",
			`templates/partials/nav.html:3:34: t: no UI string "mroe" for ja in site.yaml (did you mean more?)`},
		{"branches in different contexts", "templates/page.html",
			"{{define \"main\"}}\n  <article>\n    {{if .Page.Title}}<a href='{{end}}\n  </article>\n{{end}}\n",
			"templates/page.html:3:10: {{if}} branches end in different contexts"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var lists [2][]string
			for i, noMinify := range []bool{false, true} {
				fsys := buildtest.FS(minifySite)
				fsys[tc.file].Data = []byte(tc.text)
				_, err := buildtest.BuildFS(t, fsys, build.Options{NoMinify: noMinify})
				for _, e := range diag.All(err) {
					lists[i] = append(lists[i], e.Error())
				}
			}
			if !slices.Equal(lists[0], lists[1]) {
				t.Errorf("errors differ with minify:\n%s\nwithout:\n%s", strings.Join(lists[0], "\n"), strings.Join(lists[1], "\n"))
			}
			if len(lists[0]) == 0 || !strings.HasPrefix(lists[0][0], tc.want) {
				t.Errorf("got %q, want %q…", lists[0], tc.want)
			}
		})
	}
}

// TestExampleTemplatesAreMinified: the example site's templates can all be
// minified, so its pages are not minified again once rendered (a template
// the minifier cannot read leaves them all as written, and the build
// slower).
func TestExampleTemplatesAreMinified(t *testing.T) {
	fsys := os.DirFS("../..")
	tmpl, err := render.Load(fsys, newSite(t, fsys, nil).Config, assets.NewMinifier().Template)
	if err != nil {
		t.Fatal(err)
	}
	if !tmpl.Minified() || len(tmpl.KeptAsWritten()) > 0 {
		t.Errorf("the example site's templates were not all minified: %v kept as written", tmpl.KeptAsWritten())
	}
}
