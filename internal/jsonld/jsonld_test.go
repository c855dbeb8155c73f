package jsonld_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
)

const jsonldSite = `
-- site.yaml --
baseURL: https://example.jp/
languages:
  - {code: ja, title: サイト, strings: {home: ホーム}}
  - {code: en, title: Site, strings: {home: Home}}
sections:
  articles: {schema: NewsArticle}
  notes: {}
  companies:
    schema: Organization
    fields:
      - {name: founded, type: date, schema: foundingDate}
      - {name: website, type: url, schema: url}
      - {name: industry, type: enum, schema: knowsAbout, values: [{value: dx, label: {ja: DX, en: Digital}}]}
      - {name: staff, type: int, schema: numberOfEmployees}
      - {name: programs, type: list, of: ref, section: programs, schema: memberOf}
      - {name: ceo, type: string, schema: name}
  programs: {schema: GovernmentService}
-- templates/page.html --
<script type="application/ld+json">{{jsonld . (dict "publisher" "https://example.jp/#office" "image" "https://example.jp/card.png")}}</script>
-- templates/home.html --
<script type="application/ld+json">{{jsonld . nil}}</script>
-- templates/section.html --
s
-- templates/404.html --
404
-- templates/tags.html --
tags
-- templates/tag.html --
tag
-- content/articles/a.en.md --
---
title: "A <b>news</b> item"
description: What happened.
date: 2026-01-02
updated: 2026-01-05
---
-- content/notes/n.ja.md --
---
title: メモ
---
-- content/companies/c.en.md --
---
title: C Ltd.
description: Makes things.
founded: 2010-07
website: https://c.example/
industry: dx
staff: 12
programs: [rent]
ceo: Someone
---
-- content/programs/rent.en.md --
---
title: Rent
description: Help with office rent.
---
`

var ldScript = regexp.MustCompile(`<script type="application/ld\+json">(.*?)</script>`)

// ld returns the JSON-LD of a built page, decoded.
func ld(t *testing.T, out *buildtest.Output, name string) map[string]any {
	t.Helper()
	m := ldScript.FindStringSubmatch(out.Read(t, name))
	if m == nil {
		t.Fatalf("%s has no JSON-LD", name)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(m[1]), &doc); err != nil {
		t.Fatalf("%s: %v\n%s", name, err, m[1])
	}
	return doc
}

func TestJSONLD(t *testing.T) {
	out := buildtest.MustBuild(t, jsonldSite, build.Options{})
	encode := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	graph := func(name string) []any { return ld(t, out, name)["@graph"].([]any) }

	article := graph("en/articles/a/index.html")
	if want := `{"@type":"BreadcrumbList","itemListElement":[` +
		`{"@type":"ListItem","item":"https://example.jp/en/","name":"Home","position":1},` +
		`{"@type":"ListItem","item":"https://example.jp/en/articles/","name":"articles","position":2},` +
		`{"@type":"ListItem","item":"https://example.jp/en/articles/a/","name":"A \u003cb\u003enews\u003c/b\u003e item","position":3}]}`; encode(article[0]) != want {
		t.Errorf("breadcrumbs:\n got  %s\n want %s", encode(article[0]), want)
	}
	if want := `{"@type":"NewsArticle","author":{"@id":"https://example.jp/#office"},"dateModified":"2026-01-05","datePublished":"2026-01-02",` +
		`"description":"What happened.","headline":"A \u003cb\u003enews\u003c/b\u003e item","image":"https://example.jp/card.png","inLanguage":"en",` +
		`"mainEntityOfPage":"https://example.jp/en/articles/a/","publisher":{"@id":"https://example.jp/#office"},"url":"https://example.jp/en/articles/a/"}`; len(article) != 2 || encode(article[1]) != want {
		t.Errorf("article:\n got  %s\n want %s", encode(article[1:]), want)
	}

	company := graph("en/companies/c/index.html")
	if want := `{"@id":"https://example.jp/en/companies/c/#organization","@type":"Organization","description":"Makes things.",` +
		`"foundingDate":"2010-07","knowsAbout":"Digital","memberOf":["https://example.jp/en/programs/rent/"],"name":"C Ltd.",` +
		`"numberOfEmployees":12,"url":"https://c.example/"}`; len(company) != 2 || encode(company[1]) != want {
		t.Errorf("company:\n got  %s\n want %s", encode(company[1:]), want)
	}
	// A public service names the office that publishes it as its provider.
	service := graph("en/programs/rent/index.html")
	if want := `{"@id":"https://example.jp/en/programs/rent/#governmentservice","@type":"GovernmentService","description":"Help with office rent.",` +
		`"name":"Rent","provider":{"@id":"https://example.jp/#office"}}`; len(service) != 2 || encode(service[1]) != want {
		t.Errorf("service:\n got  %s\n want %s", encode(service[1:]), want)
	}
	// A section without a schema type, and the home page: breadcrumbs only.
	for _, name := range []string{"notes/n/index.html", "index.html"} {
		if g := graph(name); len(g) != 1 || !strings.Contains(encode(g[0]), "BreadcrumbList") {
			t.Errorf("%s: %s", name, encode(g))
		}
	}
	// The page's text cannot end the script.
	if page := out.Read(t, "en/articles/a/index.html"); strings.Count(page, "</script>") != 1 || strings.Contains(page, "<b>") {
		t.Errorf("the title is not escaped in the script:\n%s", page)
	}
}

func TestJSONLDMistakes(t *testing.T) {
	fsys := buildtest.FS(jsonldSite)
	fsys["templates/page.html"].Data = []byte(`{{jsonld . (dict "publsher" "x")}}`)
	_, err := buildtest.BuildFS(t, fsys, build.Options{})
	if err == nil || !strings.Contains(err.Error(), `templates/page.html:1:3: jsonld: unknown option "publsher"`) {
		t.Errorf("got %v", err)
	}
}

// TestJSONLDOptionsAsWritten checks the short forms of the options: the
// publisher as a fragment of the language's home page, the image as a file
// of static/, and a file that is not there.
func TestJSONLDOptionsAsWritten(t *testing.T) {
	fsys := buildtest.FS(jsonldSite)
	fsys["templates/page.html"].Data = []byte(`<script type="application/ld+json">{{jsonld . (dict "publisher" "#office" "image" "images/card.png")}}</script>`)
	fsys["static/images/card.png"] = &fstest.MapFile{Data: []byte("\x89PNG\r\n\x1a\n")}
	out, err := buildtest.BuildFS(t, fsys, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	article := ld(t, out, "en/articles/a/index.html")["@graph"].([]any)[1].(map[string]any)
	if got := article["publisher"]; fmt.Sprint(got) != "map[@id:https://example.jp/en/#office]" {
		t.Errorf("publisher %v, want the English home page's #office", got)
	}
	if got, _ := article["image"].(string); !strings.HasPrefix(got, "https://example.jp/images/card.") || !strings.HasSuffix(got, ".png") {
		t.Errorf("image %q, want the address of static/images/card.png as published", got)
	}
	fsys["templates/page.html"].Data = []byte(`{{jsonld . (dict "image" "images/none.png")}}`)
	_, err = buildtest.BuildFS(t, fsys, build.Options{})
	if err == nil || !strings.Contains(err.Error(), `jsonld: image: there is no static/images/none.png`) {
		t.Errorf("missing image: %v", err)
	}
}

// TestJSONLDOptionMistakes checks that mistakes in the options are
// reported the same way on every page (options are read in the order of
// their names) and that an empty option is one left out.
func TestJSONLDOptionMistakes(t *testing.T) {
	for tmpl, want := range map[string]string{
		`{{jsonld . (dict "publisher" 3 "image" "images/none.png")}}`: `jsonld: image: there is no static/images/none.png`,
		`{{jsonld . (dict "zz" 1 "image" 2)}}`:                        `jsonld: image: want text, got int`,
		`{{jsonld . (dict "publisher" "office")}}`:                    `jsonld: publisher: "office" is neither an address (https://...) nor a fragment of the home page's (#office)`,
	} {
		fsys := buildtest.FS(jsonldSite)
		fsys["templates/page.html"].Data = []byte(tmpl)
		_, err := buildtest.BuildFS(t, fsys, build.Options{})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %s", tmpl, err, want)
		}
	}
	fsys := buildtest.FS(jsonldSite)
	fsys["templates/page.html"].Data = []byte(`<script type="application/ld+json">{{jsonld . (dict "publisher" "" "image" "")}}</script>`)
	out, err := buildtest.BuildFS(t, fsys, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	article := ld(t, out, "en/articles/a/index.html")["@graph"].([]any)[1].(map[string]any)
	if _, ok := article["publisher"]; ok {
		t.Errorf("an empty publisher is written: %v", article)
	}
}
