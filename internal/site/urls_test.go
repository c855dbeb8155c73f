package site_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/site"
)

// urlSite has a page of every kind in two languages.
const urlSite = siteYAML + `
-- content/_index.ja.md --
---
title: ホーム
---
-- content/about.ja.md --
---
title: 北見について
---
-- content/about.en.md --
---
title: About
---
-- content/My Page.ja.md --
---
title: 私のページ
---
-- content/companies/_index.ja.md --
---
title: 企業
---
-- content/companies/kaname.ja.md --
---
title: 株式会社 要
slug: kaname-kk
---
-- content/companies/kaname.en.md --
---
title: Kaname
---
-- content/companies/aoba.en.md --
---
title: Aoba
slug: /aoba-inc/
---
-- content/stories/salmon/index.ja.md --
---
title: サケ
---
-- content/stories/salmon/index.en.md --
---
title: Salmon
slug: salmon-model
---
-- content/stories/salmon/photo.jpg --
not really a JPEG
`

func TestURLs(t *testing.T) {
	s := mustSite(t, urlSite, site.Options{})
	tests := []struct{ id, url string }{
		{"ja:home:", "/kitami/"},
		{"en:home:", "/kitami/en/"},
		{"ja:page:about", "/kitami/about/"},
		{"en:page:about", "/kitami/en/about/"},
		{"ja:page:My Page", "/kitami/my-page/"},
		{"ja:section:companies", "/kitami/companies/"},
		{"en:section:companies", "/kitami/en/companies/"},
		// A slug replaces the last part of the URL in its language only.
		{"ja:page:companies/kaname", "/kitami/companies/kaname-kk/"},
		{"en:page:companies/kaname", "/kitami/en/companies/kaname/"},
		{"en:page:companies/aoba", "/kitami/en/companies/aoba-inc/"},
		// A page bundle is its folder.
		{"ja:page:stories/salmon", "/kitami/stories/salmon/"},
		{"en:page:stories/salmon", "/kitami/en/stories/salmon-model/"},
		{"ja:section:stories", "/kitami/stories/"},
		{"ja:tags:tags", "/kitami/tags/"},
		{"en:tags:tags", "/kitami/en/tags/"},
		{"ja:404:404", "/kitami/404.html"},
		{"en:404:404", "/kitami/en/404.html"},
	}
	for _, tt := range tests {
		p := page(t, s, tt.id)
		if p.URL != tt.url {
			t.Errorf("%s: URL %s, want %s", tt.id, p.URL, tt.url)
		}
		if want := "https://example.jp" + tt.url; p.Permalink != want {
			t.Errorf("%s: Permalink %s, want %s", tt.id, p.Permalink, want)
		}
	}
	// The bundle's file is published beside the page, under the file's
	// name: the slug renames the page only.
	if got := s.Resources; len(got) != 1 || got[0].Path != "stories/salmon/photo.jpg" {
		t.Errorf("Resources = %+v", got)
	}
	if ja, en := s.Config.Language("ja"), s.Config.Language("en"); s.LangRoot(ja) != "/kitami/" || s.LangRoot(en) != "/kitami/en/" {
		t.Errorf("LangRoot = %s, %s", s.LangRoot(ja), s.LangRoot(en))
	}
}

func TestOutputPathAndAbsURL(t *testing.T) {
	for _, tt := range []struct {
		base string
		out  map[string]string // URL → output path
		abs  map[string]string // URL → absolute URL
		rel  map[string]string // path → URL
	}{
		{
			base: "https://example.jp/kitami/",
			out: map[string]string{
				"/kitami/":                      "index.html",
				"/kitami/en/":                   "en/index.html",
				"/kitami/en/companies/kaname/":  "en/companies/kaname/index.html",
				"/kitami/tags/テレワーク/":           "tags/テレワーク/index.html",
				"/kitami/404.html":              "404.html",
				"/kitami/en/404.html":           "en/404.html",
				"/kitami/companies/page/2/":     "companies/page/2/index.html",
				"/kitami/stories/salmon/a.jpg":  "stories/salmon/a.jpg",
				"/kitami/en/companies/feed.xml": "en/companies/feed.xml",
			},
			abs: map[string]string{
				"/kitami/en/about/":       "https://example.jp/kitami/en/about/",
				"css/site.css":            "https://example.jp/kitami/css/site.css",
				"https://other.example/x": "https://other.example/x",
			},
			rel: map[string]string{
				"css/site.css":  "/kitami/css/site.css",
				"/css/site.css": "/kitami/css/site.css",
				"":              "/kitami/",
			},
		},
		{
			base: "https://example.jp",
			out: map[string]string{
				"/":                  "index.html",
				"/en/about/":         "en/about/index.html",
				"/404.html":          "404.html",
				"/tags/c-sharp/":     "tags/c-sharp/index.html",
				"/en/tags/telework/": "en/tags/telework/index.html",
			},
			abs: map[string]string{
				"/en/about/": "https://example.jp/en/about/",
				"feed.xml":   "https://example.jp/feed.xml",
			},
			rel: map[string]string{"/css/site.css": "/css/site.css"},
		},
	} {
		archive := strings.Replace(siteYAML, "https://example.jp/kitami/", tt.base, 1)
		s := mustSite(t, archive, site.Options{})
		for u, want := range tt.out {
			if got := s.OutputPath(u); got != want {
				t.Errorf("base %s: OutputPath(%q) = %q, want %q", tt.base, u, got, want)
			}
		}
		for u, want := range tt.abs {
			if got := s.AbsURL(u); got != want {
				t.Errorf("base %s: AbsURL(%q) = %q, want %q", tt.base, u, got, want)
			}
		}
		for p, want := range tt.rel {
			if got := s.RelURL(p); got != want {
				t.Errorf("base %s: RelURL(%q) = %q, want %q", tt.base, p, got, want)
			}
		}
	}
}

// TestPageURLsWithRootBase checks that the base URL's path, "/" here, is
// not written twice.
func TestPageURLsWithRootBase(t *testing.T) {
	s := mustSite(t, strings.Replace(urlSite, "https://example.jp/kitami/", "https://example.jp/", 1), site.Options{})
	for id, want := range map[string]string{
		"ja:home:":                 "/",
		"en:home:":                 "/en/",
		"ja:page:companies/kaname": "/companies/kaname-kk/",
		"en:page:stories/salmon":   "/en/stories/salmon-model/",
		"ja:404:404":               "/404.html",
	} {
		p := page(t, s, id)
		if p.URL != want || p.Permalink != "https://example.jp"+want {
			t.Errorf("%s: URL %s, Permalink %s; want %s", id, p.URL, p.Permalink, want)
		}
		if out := s.OutputPath(p.URL); strings.HasPrefix(out, "/") || !strings.HasSuffix(out, ".html") {
			t.Errorf("%s: OutputPath(%s) = %s", id, p.URL, out)
		}
	}
}

func TestSlugClash(t *testing.T) {
	_, err := newSite(t, siteYAML+`
-- content/articles/one.ja.md --
---
title: 一
---
-- content/articles/two.ja.md --
---
title: 二
slug: one
---
`, site.Options{})
	want := "content/articles/two.ja.md:3:7: slug: the URL /kitami/articles/one/ is already taken by content/articles/one.ja.md; choose another slug"
	if got := strings.Join(errorLines(err), "\n"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// A slug names the last part of a page's URL: one that would move the
// page into another section or language is an error at the slug.
func TestSlugThatMovesThePage(t *testing.T) {
	for slug, want := range map[string]string{
		"../../en/fake-english": `content/articles/one.ja.md:3:7: slug: "../../en/fake-english" is not a name`,
		"..":                    `content/articles/one.ja.md:3:7: slug: ".." is not a name`,
		"news/one":              `content/articles/one.ja.md:3:7: slug: "news/one" is not a name`,
		`a\\b`:                  `content/articles/one.ja.md:3:7: slug: "a\\\\b" is not a name`,
	} {
		s, err := newSite(t, siteYAML+"-- content/articles/one.ja.md --\n---\ntitle: 一\nslug: "+slug+"\n---\n", site.Options{})
		got := strings.Join(errorLines(err), "\n")
		if !strings.HasPrefix(got, want) || strings.Count(got, "\n") > 0 {
			t.Errorf("slug %s:\n got  %s\n want %s…", slug, got, want)
		}
		if s == nil {
			continue
		}
		for _, p := range s.Pages {
			if p.Kind == site.KindPage && p.URL != "/kitami/articles/one/" {
				t.Errorf("slug %s: the page is at %s", slug, p.URL)
			}
		}
	}
	// Slashes around a name are forgiven, as before.
	s := mustSite(t, siteYAML+"-- content/articles/one.ja.md --\n---\ntitle: 一\nslug: /first/\n---\n", site.Options{})
	if !slices.Contains(urlsOf(s), "/kitami/articles/first/") {
		t.Errorf("slug /first/: no page at /kitami/articles/first/ in %v", urlsOf(s))
	}
}

func urlsOf(s *site.Site) []string {
	var out []string
	for _, p := range s.Pages {
		out = append(out, p.URL)
	}
	return out
}

func TestTags(t *testing.T) {
	s, err := newSite(t, siteYAML+`
-- content/articles/a.ja.md --
---
title: 記事A
date: 2026-01-10
tags: [テレワーク, C#, 北見 工業大学, c#, "?"]
---
-- content/articles/b.ja.md --
---
title: 記事B
date: 2026-02-10
tags: [テレワーク]
---
-- content/articles/c.ja.md --
---
title: 記事C
date: 2026-03-10
---
-- content/articles/a.en.md --
---
title: Article A
tags: [Telework, C#]
---
`, site.Options{})
	for _, e := range diag.All(err) {
		t.Error(e)
	}
	if s == nil {
		return
	}
	ja, en := s.Langs[0], s.Langs[1]
	wantURLs := map[string]string{
		"ja:tag:tags/テレワーク":    "/kitami/tags/テレワーク/",
		"ja:tag:tags/c-sharp":  "/kitami/tags/c-sharp/",
		"ja:tag:tags/北見-工業大学":  "/kitami/tags/北見-工業大学/",
		"en:tag:tags/telework": "/kitami/en/tags/telework/",
		"en:tag:tags/c-sharp":  "/kitami/en/tags/c-sharp/",
	}
	for id, want := range wantURLs {
		if p := page(t, s, id); p.URL != want {
			t.Errorf("%s: URL %s, want %s", id, p.URL, want)
		}
	}
	if n := len(ja.TagPages); n != 3 {
		t.Errorf("ja has %d tags, want 3 (C# and c# are one tag; ? is none): %v", n, ja.TagPages)
	}
	// A tag's title is the name as first written; its pages are newest first.
	cs := ja.TagPages["c-sharp"]
	if cs.Title != "C#" {
		t.Errorf("c-sharp tag title %q, want C#", cs.Title)
	}
	sameIDs(t, "c-sharp Pages", cs.Pages, "ja:page:articles/a")
	sameIDs(t, "テレワーク Pages", ja.TagPages["テレワーク"].Pages, "ja:page:articles/b", "ja:page:articles/a")
	// A page's tags are in the order written, each once.
	sameIDs(t, "a Tags", page(t, s, "ja:page:articles/a").Tags, "ja:tag:tags/テレワーク", "ja:tag:tags/c-sharp", "ja:tag:tags/北見-工業大学")
	if c := page(t, s, "ja:page:articles/c"); len(c.Tags) != 0 {
		t.Errorf("c Tags = %q, want none", ids(c.Tags))
	}
	// The tags page lists the most used tags first, then by title.
	sameIDs(t, "ja tags Pages", ja.Tags.Pages, "ja:tag:tags/テレワーク", "ja:tag:tags/c-sharp", "ja:tag:tags/北見-工業大学")
	if ja.Tags.Title != "タグ" || en.Tags.Title != "Tags" {
		t.Errorf("tags titles %q, %q: want the strings of site.yaml", ja.Tags.Title, en.Tags.Title)
	}
	// Tags are not inherited: the English page has its own.
	sameIDs(t, "en a Tags", page(t, s, "en:page:articles/a").Tags, "en:tag:tags/telework", "en:tag:tags/c-sharp")
	// The same tag in two languages is one page translated.
	sameIDs(t, "ja c-sharp Translations", cs.Translations, "en:tag:tags/c-sharp")
	if tw := ja.TagPages["テレワーク"]; len(tw.Translations) != 0 {
		t.Errorf("テレワーク Translations = %q, want none", ids(tw.Translations))
	}
	warnings := errorLines(warningsErr(s))
	want := `content/articles/a.ja.md:4:7: front matter: tags: "?" has no letters or digits to make a URL of, so the page does not get that tag`
	if !slices.Contains(warnings, want) {
		t.Errorf("warnings:\n%s\nwant\n%s", strings.Join(warnings, "\n"), want)
	}
}
