package render_test

import (
	"bytes"
	"context"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/content"
	"github.com/furusato/furusato/internal/markdown"
	"github.com/furusato/furusato/internal/render"
	"github.com/furusato/furusato/internal/site"
)

const funcSite = `
-- site.yaml --
baseURL: https://example.jp/kitami/
languages:
  - {code: ja, title: サイト, strings: {hello: こんにちは, count: "%d件"}}
  - {code: en, title: Site, strings: {hello: Hello, count: "%d items"}}
sections:
  articles: {sort: date}
  companies:
    fields:
      - {name: industry, type: enum, values: [{value: dx, label: {ja: DX, en: Digital}}], label: {ja: 業種, en: Industry}}
      - {name: programs, type: list, of: ref, section: programs}
      - {name: staff, type: int, unit: {ja: "%d人", en: "%d people"}}
  programs:
    fields:
      - {name: amount, type: yen}
-- static/css/site.css --
body{}
-- content/articles/a.ja.md --
---
title: 記事A
date: 2026-01-01
tags: [テレワーク]
---
-- content/articles/b.ja.md --
---
title: 記事B
date: 2026-03-01
---
-- content/articles/c.ja.md --
---
title: 記事C
date: 2026-02-01
tags: [テレワーク, 北見]
---
-- content/companies/x.ja.md --
---
title: X社
industry: dx
programs: [rent]
staff: 3
---
-- content/companies/y.ja.md --
---
title: Y社
industry: dx
programs: [rent, hire]
staff: 1
---
-- content/programs/rent.ja.md --
---
title: 家賃
amount: 100000
---
-- content/programs/hire.ja.md --
---
title: 雇用
amount: 200000
---
-- content/programs/hire.en.md --
---
title: Hiring
---
`

// execute runs a template snippet on page programs/hire in a language of the
// test site.
func execute(t *testing.T, lang, text string) (string, error) {
	t.Helper()
	return executeIn(t, funcSite, lang, text)
}

// executeIn runs a template snippet on page programs/hire in a language of
// a site written as a txtar archive.
func executeIn(t *testing.T, siteText, lang, text string) (string, error) {
	t.Helper()
	fsys := buildtest.FS(siteText)
	fsys["templates/page.html"] = &fstest.MapFile{Data: []byte(text)}
	s := newSite(t, fsys, []string{"css/site.css"})
	tmpl, err := render.Load(fsys, s.Config, nil)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	err = render.ExecuteForTest(tmpl, &buf, s.Lookup(s.Config.Language(lang), "programs/hire"), s)
	return buf.String(), err
}

// newSite reads a site's settings and content into its page graph.
func newSite(t *testing.T, fsys fs.FS, static []string) *site.Site {
	t.Helper()
	cfg, err := config.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	c, err := content.Load(context.Background(), fsys, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	s, err := site.New(context.Background(), cfg, c, fsys, static, site.Options{Now: buildtest.Now, Markdown: markdown.New(markdown.Options{})})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestFuncs(t *testing.T) {
	tests := []struct{ lang, tmpl, want string }{
		{"ja", `{{t "hello"}}`, "こんにちは"},
		{"en", `{{t "hello"}}`, "Hello"},
		{"ja", `{{t "count" 3}}`, "3件"},
		{"en", `{{t "count" 3}}`, "3 items"},
		{"ja", `{{date (page "articles/a").Date}}`, "2026年1月1日"},
		{"en", `{{date (page "articles/a").Date}}`, "January 1, 2026"},
		{"ja", `{{isodate (page "articles/a").Date}}`, "2026-01-01"},
		{"ja", `{{yen 200000}}`, "20万円"},
		{"en", `{{yen 200000}}`, "¥200,000"},
		{"ja", `{{with page "programs/hire"}}{{yen (.Param "amount")}}{{end}}`, "20万円"},
		{"ja", `{{ref "companies/x"}}`, "/kitami/companies/x/"},
		// A page printed shows its title, in text, in an attribute and in a script.
		{"ja", `<p title="{{page "companies/x"}}">{{page "companies/x"}}</p>`, `<p title="X社">X社</p>`},
		{"ja", `<script>var p = {{page "companies/x"}};</script>`, `<script>var p = "X社";</script>`},
		{"en", `{{ref "programs/hire"}}`, "/kitami/en/programs/hire/"},
		{"en", `{{ref "programs/rent"}}`, "/kitami/programs/rent/"}, // no translation: the Japanese page
		{"ja", `{{ref "articles"}}`, "/kitami/articles/"},
		{"ja", `{{ref ""}}`, "/kitami/"},
		{"ja", `{{(page "companies/y").Title}}`, "Y社"},
		{"en", `{{with findPage "programs/hire"}}{{.URL}}{{end}}`, "/kitami/en/programs/hire/"},
		{"ja", `{{with findPage "data"}}{{.URL}}{{else}}none{{end}}`, "none"},
		{"ja", `{{isodate today}}`, "2026-11-24"},                          // buildtest.Now, in Asia/Tokyo
		{"ja", `{{with catalogue .Page}}{{.}}{{else}}none{{end}}`, "none"}, // site.yaml has no data: page
		{"ja", `{{range pages "articles"}}{{.Title}},{{end}}`, "記事B,記事C,記事A,"},
		{"ja", `{{range sortBy (pages "articles") "date"}}{{.Title}},{{end}}`, "記事A,記事C,記事B,"},
		{"ja", `{{range sortBy (pages "companies") "staff" "desc"}}{{.Title}},{{end}}`, "X社,Y社,"},
		{"ja", `{{range sortBy (pages "articles") "title" "desc"}}{{.Title}},{{end}}`, "記事C,記事B,記事A,"},
		{"ja", `{{range limit 2 (pages "articles")}}{{.Title}},{{end}}`, "記事B,記事C,"},
		{"ja", `{{range limit 9 (pages "articles")}}{{.Title}},{{end}}`, "記事B,記事C,記事A,"},
		{"ja", `{{range where (pages "companies") "programs" "hire"}}{{.Title}},{{end}}`, "Y社,"},
		{"ja", `{{range where (pages "companies") "programs" (page "programs/rent")}}{{.Title}},{{end}}`, "X社,Y社,"},
		{"ja", `{{range where (pages "companies") "staff" 3}}{{.Title}},{{end}}`, "X社,"},
		{"ja", `{{range where (pages "articles") "kind" "page"}}{{.Title}},{{end}}`, "記事B,記事C,記事A,"},
		{"ja", `{{range tagged "テレワーク" (pages "articles")}}{{.Title}},{{end}}`, "記事C,記事A,"},
		{"ja", `{{label "companies" "industry"}}`, "業種"},
		{"en", `{{label "companies" "industry"}}`, "Industry"},
		{"en", `{{valueLabel "companies" "industry" "dx"}}`, "Digital"},
		{"ja", `{{valueLabel "companies" "staff" 3}}`, "3人"},
		{"en", `{{valueLabel "companies" "staff" 3}}`, "3 people"},
		{"ja", `{{valueLabel "companies" "staff" (page "companies/y").Params.staff}}`, "1人"},
		{"ja", `{{valueLabel "companies" "staff" "three"}}`, "three"},
		{"ja", `{{range (page "companies/x").Fields}}{{if eq .Name "staff"}}{{.Number}}{{end}}{{end}}`, "3人"},
		{"ja", `{{static "css/site.css"}}`, "/kitami/css/site.css"},
		{"ja", `{{relURL "feed.xml"}}`, "/kitami/feed.xml"},
		{"ja", `{{absURL "/kitami/a/"}}`, "https://example.jp/kitami/a/"},
		{"ja", `{{absURL "a/"}}`, "https://example.jp/kitami/a/"},
		{"ja", `{{(dict "a" 1 "b" "x").b}}`, "x"},
		{"ja", `{{len (list 1 2 3)}}`, "3"},
		{"ja", `{{len (append (list 1 2) 3)}}`, "3"},
		{"ja", `{{add 2 3}} {{sub 5 3}}`, "5 2"},
		{"ja", `{{join "、" (list "a" "b")}}`, "a、b"},
		{"en", `{{range choices "companies" "industry"}}{{.Value}}={{.Label}}{{end}}`, "dx=Digital"},
		{"ja", `{{range choices "companies" "industry"}}{{.Value}}={{.Label}}{{end}}`, "dx=DX"},
		// programs/rent has no English version: English lists carry the Japanese page.
		{"en", `{{range pages "programs"}}{{.Title}}:{{foreign .}},{{end}}`, "Hiring:false,家賃:true,"},
		{"ja", `{{range pages "programs"}}{{.Title}}:{{foreign .}},{{end}}`, "家賃:false,雇用:false,"},
		{"ja", `{{$d := compact (dict "a" "" "b" nil "c" "x" "d" (dict "e" "") "f" (list) "g" (list (dict "h" nil "i" 1)))}}{{len $d}} {{$d.c}} {{len (index $d.g 0)}}`, "2 x 1"},
	}
	for _, tt := range tests {
		got, err := execute(t, tt.lang, tt.tmpl)
		if err != nil {
			t.Errorf("%s %s: %v", tt.lang, tt.tmpl, err)
			continue
		}
		if got != tt.want {
			t.Errorf("%s %s = %q, want %q", tt.lang, tt.tmpl, got, tt.want)
		}
	}
}

func TestFuncErrors(t *testing.T) {
	tests := []struct{ tmpl, want string }{
		{`{{t "helo"}}`, `no UI string "helo" for ja in site.yaml (did you mean hello?)`},
		{`{{ref "companies/z"}}`, `there is no page "companies/z" (did you mean companies/x?)`},
		{`{{pages "artcles"}}`, `there is no section "artcles" (did you mean articles?)`},
		{`{{static "css/missing.css"}}`, "there is no static/css/missing.css"},
		{`{{sri "css/missing.css"}}`, "there is no static/css/missing.css"},
		{`{{join ", " 3}}`, "want a list, got int"},
		{`{{label "companies" "industri"}}`, `section companies has no field "industri" (did you mean industry?)`},
		{`{{dict "a"}}`, "want keys and values in pairs"},
		{`{{choices "companies" "staff"}}`, "field staff of companies has type int, not enum"},
		{`{{yen "x"}}`, "want a whole number"},
		{`{{date "x"}}`, "want a date"},
	}
	for _, tt := range tests {
		_, err := execute(t, "ja", tt.tmpl)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: want error %q, got %v", tt.tmpl, tt.want, err)
			continue
		}
		// Errors are shown as "name: message": the message does not name
		// its function again.
		if name := strings.Fields(strings.Trim(tt.tmpl, "{}"))[0]; strings.Contains(err.Error(), name+": "+name+":") {
			t.Errorf("%s: the error names its function twice: %v", tt.tmpl, err)
		}
	}
}
