package site_test

import (
	"context"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/assets"
	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/content"
	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/markdown"
	"github.com/furusato/furusato/internal/site"
)

// newSite makes the page graph of the site in archive (a txtar with
// site.yaml and content/) as a build does: site.yaml, content/, the list
// of static/, the graph, and each page's HTML. Every stage's errors are
// returned together, with the graph when it could be made. opts.Now
// defaults to buildtest.Now.
//
// This is the one place that knows how a graph is made: when the
// construction API changes, only this function changes.
func newSite(t *testing.T, archive string, opts site.Options) (*site.Site, error) {
	t.Helper()
	fsys := buildtest.FS(archive)
	raw, err := fs.ReadFile(fsys, config.File)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse(raw)
	if err != nil {
		return nil, err
	}
	static, _, err := assets.List(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var errs diag.List
	c, err := content.Load(context.Background(), fsys, cfg, nil)
	errs.Add(err)
	if c == nil {
		return nil, errs.Err()
	}
	if opts.Now.IsZero() {
		opts.Now = buildtest.Now
	}
	opts.Markdown = markdown.New(markdown.Options{RawHTML: cfg.Markdown.RawHTML, ReservedIDs: cfg.Markdown.ReservedIDs})
	s, err := site.New(context.Background(), cfg, c, fsys, static, opts)
	errs.Add(err)
	if s == nil {
		return nil, errs.Err()
	}
	return s, errs.Err()
}

// mustSite is newSite for a site without errors.
func mustSite(t *testing.T, archive string, opts site.Options) *site.Site {
	t.Helper()
	s, err := newSite(t, archive, opts)
	if err != nil {
		t.Fatalf("site has errors:\n%v", err)
	}
	return s
}

// siteYAML is the site.yaml of most tests: Japanese at the root, English
// under /en/, a base URL with a path, and a section of each sort order.
// Tests add their content/ files to it.
const siteYAML = `-- site.yaml --
baseURL: https://example.jp/kitami/
languages:
  - code: ja
    name: 日本語
    title: 北見
    strings: {tags: タグ}
  - code: en
    name: English
    title: Kitami
    strings: {tags: Tags}
sections:
  articles:
    sort: date
  companies:
    sort: title
    fields:
      - {name: programs, type: list, of: ref, section: programs}
  programs:
    fields:
      - {name: amount, type: yen}
  stories:
    fields:
      - {name: company, type: ref, section: companies}
`

// page returns the page with an ID (lang:kind:path, as Page.ID), failing
// the test when the site has none.
func page(t *testing.T, s *site.Site, id string) *site.Page {
	t.Helper()
	for _, p := range s.Pages {
		if p.ID() == id {
			return p
		}
	}
	t.Fatalf("no page %s; the site has %s", id, strings.Join(ids(s.Pages), ", "))
	return nil
}

// hasPage reports whether the site has a page with an ID.
func hasPage(s *site.Site, id string) bool {
	return slices.ContainsFunc(s.Pages, func(p *site.Page) bool { return p.ID() == id })
}

// ids lists the IDs of pages.
func ids(pages []*site.Page) []string {
	out := []string{}
	for _, p := range pages {
		if p == nil {
			out = append(out, "<nil>")
			continue
		}
		out = append(out, p.ID())
	}
	return out
}

// sameIDs fails the test unless pages are the pages with IDs want, in order.
func sameIDs(t *testing.T, what string, pages []*site.Page, want ...string) {
	t.Helper()
	if got := ids(pages); !slices.Equal(got, want) {
		t.Errorf("%s:\ngot  %q\nwant %q", what, got, want)
	}
}

// samePage fails the test unless got is the page with ID want ("" for nil).
func samePage(t *testing.T, what string, got *site.Page, want string) {
	t.Helper()
	g := ""
	if got != nil {
		g = got.ID()
	}
	if g != want {
		t.Errorf("%s = %q, want %q", what, g, want)
	}
}

// errorLines returns the errors inside err, one line each.
func errorLines(err error) []string {
	var lines []string
	for _, e := range diag.All(err) {
		lines = append(lines, e.Error())
	}
	return lines
}

func TestTranslationsBySameFileName(t *testing.T) {
	s := mustSite(t, siteYAML+`
-- content/about.ja.md --
---
title: 北見について
---
-- content/about.en.md --
---
title: About Kitami
---
`, site.Options{})
	ja, en := page(t, s, "ja:page:about"), page(t, s, "en:page:about")
	sameIDs(t, "ja Translations", ja.Translations, "en:page:about")
	sameIDs(t, "en Translations", en.Translations, "ja:page:about")
	samePage(t, `ja.Translation("en")`, ja.Translation("en"), "en:page:about")
	samePage(t, `ja.Translation("ja")`, ja.Translation("ja"), "ja:page:about")
	samePage(t, `ja.Translation("zh")`, ja.Translation("zh"), "")
	if !ja.IsTranslated || !en.IsTranslated {
		t.Errorf("IsTranslated = %v, %v; want true for both", ja.IsTranslated, en.IsTranslated)
	}
	if ja.Title != "北見について" || en.Title != "About Kitami" {
		t.Errorf("titles %q, %q: a translation keeps its own title", ja.Title, en.Title)
	}
	want := []site.Alternate{
		{Lang: s.Config.Language("ja"), URL: "/kitami/about/", Permalink: "https://example.jp/kitami/about/", Title: "北見について", Current: false, Exists: true},
		{Lang: s.Config.Language("en"), URL: "/kitami/en/about/", Permalink: "https://example.jp/kitami/en/about/", Title: "About Kitami", Current: true, Exists: true},
	}
	if !slices.Equal(en.Alternates, want) {
		t.Errorf("en Alternates:\ngot  %+v\nwant %+v", en.Alternates, want)
	}
	want[0].Current, want[1].Current = true, false
	if !slices.Equal(ja.Alternates, want) {
		t.Errorf("ja Alternates:\ngot  %+v\nwant %+v", ja.Alternates, want)
	}
	for _, p := range []*site.Page{ja, en} {
		if p.XDefault != "https://example.jp/kitami/about/" {
			t.Errorf("%s XDefault = %s, want the Japanese page", p.ID(), p.XDefault)
		}
	}
	if u := s.Untranslated(); len(u) != 0 {
		t.Errorf("Untranslated = %q, want none", ids(u))
	}
}

func TestTranslationKeyJoinsDifferentNames(t *testing.T) {
	s := mustSite(t, siteYAML+`
-- content/companies/kaname.ja.md --
---
title: 株式会社 要
translationKey: kaname
---
-- content/companies/kaname-co.en.md --
---
title: Kaname Co., Ltd.
translationKey: kaname
---
-- content/companies/sato.ja.md --
---
title: 佐藤商事
---
-- content/companies/sato-trading.en.md --
---
title: Sato Trading
---
`, site.Options{})
	ja, en := page(t, s, "ja:page:companies/kaname"), page(t, s, "en:page:companies/kaname-co")
	sameIDs(t, "ja Translations", ja.Translations, "en:page:companies/kaname-co")
	sameIDs(t, "en Translations", en.Translations, "ja:page:companies/kaname")
	if !ja.IsTranslated || !en.IsTranslated {
		t.Errorf("IsTranslated = %v, %v; want true for both", ja.IsTranslated, en.IsTranslated)
	}
	// Each keeps the URL of its own file name.
	if ja.URL != "/kitami/companies/kaname/" || en.URL != "/kitami/en/companies/kaname-co/" {
		t.Errorf("URLs %s, %s", ja.URL, en.URL)
	}
	if en.Alternates[0].URL != "/kitami/companies/kaname/" || !en.Alternates[0].Exists {
		t.Errorf("en Alternates[0] = %+v, want the Japanese page", en.Alternates[0])
	}
	if en.XDefault != "https://example.jp/kitami/companies/kaname/" {
		t.Errorf("en XDefault = %s", en.XDefault)
	}
	// Either name finds the page in each language.
	ens, jas := s.Config.Language("en"), s.Config.Language("ja")
	samePage(t, `Lookup(en, "companies/kaname")`, s.Lookup(ens, "companies/kaname"), "en:page:companies/kaname-co")
	samePage(t, `Lookup(ja, "companies/kaname-co")`, s.Lookup(jas, "companies/kaname-co"), "ja:page:companies/kaname")

	// Without a translationKey, different names are different pages.
	sato := page(t, s, "ja:page:companies/sato")
	if len(sato.Translations) != 0 || sato.IsTranslated {
		t.Errorf("sato: Translations %q, IsTranslated %v; want none, false", ids(sato.Translations), sato.IsTranslated)
	}
	sameIDs(t, "Untranslated", s.Untranslated(), "ja:page:companies/sato", "en:page:companies/sato-trading")
}

func TestTranslationKeyTwiceInALanguage(t *testing.T) {
	_, err := newSite(t, siteYAML+`
-- content/a.ja.md --
---
title: A
translationKey: same
---
-- content/b.ja.md --
---
title: B
translationKey: same
---
`, site.Options{})
	want := "content/b.ja.md:1:1: ja is also written in content/a.ja.md: each language can have one version of a page (check file names and translationKey)"
	if got := strings.Join(errorLines(err), "\n"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestPageInOneLanguage(t *testing.T) {
	s := mustSite(t, siteYAML+`
-- content/about.ja.md --
---
title: 北見について
---
-- content/contact.en.md --
---
title: Contact
---
`, site.Options{})
	ja, en := page(t, s, "ja:page:about"), page(t, s, "en:page:contact")
	for _, p := range []*site.Page{ja, en} {
		if len(p.Translations) != 0 || p.IsTranslated {
			t.Errorf("%s: Translations %q, IsTranslated %v; want none, false", p.ID(), ids(p.Translations), p.IsTranslated)
		}
	}
	if hasPage(s, "en:page:about") || hasPage(s, "ja:page:contact") {
		t.Errorf("a page written in one language appears in the other: %q", ids(s.Pages))
	}
	samePage(t, `ja.Translation("en")`, ja.Translation("en"), "")

	// The language switcher of a top-level page leads to the other
	// language's home page (titled by its home string, else the site's
	// title).
	want := []site.Alternate{
		{Lang: s.Config.Language("ja"), URL: "/kitami/about/", Permalink: "https://example.jp/kitami/about/", Title: "北見について", Current: true, Exists: true},
		{Lang: s.Config.Language("en"), URL: "/kitami/en/", Permalink: "https://example.jp/kitami/en/", Title: "Kitami", Current: false, Exists: false},
	}
	if !slices.Equal(ja.Alternates, want) {
		t.Errorf("ja Alternates:\ngot  %+v\nwant %+v", ja.Alternates, want)
	}
	want = []site.Alternate{
		{Lang: s.Config.Language("ja"), URL: "/kitami/", Permalink: "https://example.jp/kitami/", Title: "北見", Current: false, Exists: false},
		{Lang: s.Config.Language("en"), URL: "/kitami/en/contact/", Permalink: "https://example.jp/kitami/en/contact/", Title: "Contact", Current: true, Exists: true},
	}
	if !slices.Equal(en.Alternates, want) {
		t.Errorf("en Alternates:\ngot  %+v\nwant %+v", en.Alternates, want)
	}
	// x-default is the default language's page, or the page itself.
	if ja.XDefault != "https://example.jp/kitami/about/" {
		t.Errorf("ja XDefault = %s", ja.XDefault)
	}
	if en.XDefault != "https://example.jp/kitami/en/contact/" {
		t.Errorf("en XDefault = %s, want the page itself: it has no Japanese version", en.XDefault)
	}
	sameIDs(t, "Untranslated", s.Untranslated(), "ja:page:about", "en:page:contact")
}

// TestTranslationsInSiteOrder checks that translations and alternates
// follow the order of site.yaml, whatever the order of the files, and that
// a list shows a page missing in its language from the first language, in
// that order, that has it.
func TestTranslationsInSiteOrder(t *testing.T) {
	s := mustSite(t, `-- site.yaml --
baseURL: https://example.jp/
languages:
  - {code: ja, name: 日本語, title: 北見}
  - {code: zh, name: 中文, title: 北见}
  - {code: en, name: English, title: Kitami}
-- content/news/_index.ja.md --
---
title: お知らせ
---
-- content/news/a.en.md --
---
title: A in English
---
-- content/news/a.ja.md --
---
title: Aの日本語
---
-- content/news/a.zh.md --
---
title: A的中文
---
-- content/news/b.en.md --
---
title: B in English
---
-- content/news/b.zh.md --
---
title: B的中文
---
`, site.Options{})
	sameIDs(t, "en a Translations", page(t, s, "en:page:news/a").Translations, "ja:page:news/a", "zh:page:news/a")
	sameIDs(t, "zh a Translations", page(t, s, "zh:page:news/a").Translations, "ja:page:news/a", "en:page:news/a")
	var langs []string
	for _, a := range page(t, s, "en:page:news/a").Alternates {
		langs = append(langs, a.Lang.Code)
	}
	if !slices.Equal(langs, []string{"ja", "zh", "en"}) {
		t.Errorf("Alternates in %q, want site.yaml's order", langs)
	}
	zb := page(t, s, "zh:page:news/b")
	if zb.IsTranslated {
		t.Error("news/b IsTranslated, but it has no Japanese version")
	}
	if zb.XDefault != "https://example.jp/zh/news/b/" {
		t.Errorf("zh b XDefault = %s, want the page itself", zb.XDefault)
	}
	// The Japanese list shows b in Chinese, the first language that has it.
	ja := page(t, s, "ja:section:news")
	sameIDs(t, "ja news Pages", ja.Pages, "ja:page:news/a", "zh:page:news/b")
	// The Chinese and English lists, made without a file, are the same list.
	sameIDs(t, "ja news Translations", ja.Translations, "zh:section:news", "en:section:news")
}

func TestLookup(t *testing.T) {
	s := mustSite(t, siteYAML+`
-- content/_index.ja.md --
---
title: ホーム
---
-- content/companies/kaname.ja.md --
---
title: 株式会社 要
tags: [C#]
---
-- content/companies/kaname.en.md --
---
title: Kaname
---
-- content/companies/aoba.ja.md --
---
title: あおば
---
`, site.Options{})
	ja, en := s.Config.Language("ja"), s.Config.Language("en")
	tests := []struct {
		lang *config.Language
		path string
		want string
	}{
		{ja, "", "ja:home:"},
		{ja, "/", "ja:home:"},
		{en, "", "en:home:"},
		{ja, "companies", "ja:section:companies"},
		{en, "companies", "en:section:companies"},
		{ja, "companies/kaname", "ja:page:companies/kaname"},
		{en, "companies/kaname", "en:page:companies/kaname"},
		{en, "/companies/kaname/", "en:page:companies/kaname"},
		{en, "content/companies/kaname.md", "en:page:companies/kaname"},
		{en, "companies/aoba", "ja:page:companies/aoba"}, // no English version: the Japanese page
		{ja, "tags", "ja:tags:tags"},
		{ja, "tags/c-sharp", "ja:tag:tags/c-sharp"},
		{en, "tags/c-sharp", ""}, // the English page has no tags
		{ja, "companies/kanme", ""},
		{ja, "programs", ""},
	}
	for _, tt := range tests {
		samePage(t, "Lookup("+tt.lang.Code+", "+tt.path+")", s.Lookup(tt.lang, tt.path), tt.want)
	}
	if got, want := s.Paths(), []string{"", "companies/aoba", "companies/kaname"}; !slices.Equal(got, want) {
		t.Errorf("Paths = %q, want %q", got, want)
	}
}

// warningsErr returns the site's warnings as one error, for errorLines.
func warningsErr(s *site.Site) error {
	var l diag.List
	l.AddAll(s.Warnings())
	return l.Err()
}

func TestMenus(t *testing.T) {
	s, err := newSite(t, `-- site.yaml --
baseURL: https://example.jp/kitami/
languages:
  - code: ja
    name: 日本語
    title: 北見
    menu:
      - page: companies
      - {page: about, title: 概要}
      - {title: 市役所, url: "https://city.example.jp/"}
  - code: en
    name: English
    title: Kitami
    menu:
      - page: companies
      - page: /about/
      - page: compnies
-- content/about.ja.md --
---
title: 北見について
---
-- content/companies/_index.en.md --
---
title: Companies
---
-- content/companies/kaname.ja.md --
---
title: 株式会社 要
---
`, site.Options{})
	want := `site.yaml:16:15: menu: there is no page "compnies" (did you mean companies?); give a content path such as companies or about`
	if got := strings.Join(errorLines(err), "\n"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if s == nil {
		t.Fatal("no graph")
	}
	ja, en := s.Langs[0], s.Langs[1]
	type entry struct{ title, url, page string }
	menu := func(l *site.Lang) []entry {
		var out []entry
		for _, m := range l.Menu {
			e := entry{m.Title, m.URL, ""}
			if m.Page != nil {
				e.page = m.Page.ID()
			}
			out = append(out, e)
		}
		return out
	}
	if got, want := menu(ja), []entry{
		{"companies", "", "ja:section:companies"}, // the list made without a file is named after its folder
		{"概要", "", "ja:page:about"},
		{"市役所", "https://city.example.jp/", ""},
	}; !slices.Equal(got, want) {
		t.Errorf("ja menu:\ngot  %q\nwant %q", got, want)
	}
	if got, want := menu(en), []entry{
		{"Companies", "", "en:section:companies"},
		{"北見について", "", "ja:page:about"}, // no English version: the Japanese page
	}; !slices.Equal(got, want) {
		t.Errorf("en menu:\ngot  %q\nwant %q", got, want)
	}
	kaname, sec := page(t, s, "ja:page:companies/kaname"), page(t, s, "ja:section:companies")
	for _, tt := range []struct {
		m    site.MenuEntry
		p    *site.Page
		want string
	}{
		{ja.Menu[0], sec, "page"},
		{ja.Menu[0], kaname, "true"},
		{ja.Menu[0], page(t, s, "ja:page:about"), ""},
		{ja.Menu[1], page(t, s, "ja:page:about"), "page"},
		{ja.Menu[2], kaname, ""},
	} {
		if got := tt.m.Current(tt.p); got != tt.want {
			t.Errorf("%s Current(%s) = %q, want %q", tt.m.Title, tt.p.ID(), got, tt.want)
		}
	}
	if a, b := ja.MenuState(kaname), ja.MenuState(sec); a == b || a != ja.MenuState(kaname) {
		t.Errorf("MenuState of a page and of its section: %q, %q", a, b)
	}
}

// TestSwitcherOfUntranslatedPages checks where the language switcher of a
// page without a translation leads: to the same section's list in the
// other language, and from a tag to the other language's tags.
func TestSwitcherOfUntranslatedPages(t *testing.T) {
	s := mustSite(t, siteYAML+`
-- content/articles/_index.en.md --
---
title: News
---
-- content/articles/local.ja.md --
---
title: 地元の話
tags: [地元]
---
-- content/articles/both.ja.md --
---
title: 両方
---
-- content/articles/both.en.md --
---
title: Both
---
`, site.Options{})
	local := page(t, s, "ja:page:articles/local")
	en := local.Alternates[1]
	if en.Exists || en.URL != "/kitami/en/articles/" || en.Title != "News" {
		t.Errorf("the English switcher of an untranslated article: %+v; want the English list of articles, titled News", en)
	}
	if got := ids(local.AppendFollow(nil, site.Translations)); !slices.Equal(got, []string{"en:section:articles"}) {
		t.Errorf("rebuilds follow the switcher to %q, want the English list", got)
	}
	tag := page(t, s, "ja:tag:tags/地元")
	if en := tag.Alternates[1]; en.Exists || en.URL != "/kitami/en/tags/" || en.Title != "Tags" {
		t.Errorf("the English switcher of a Japanese-only tag: %+v; want the English tags page", en)
	}
}

// TestTagTranslations checks that tags named in site.yaml's tags are one
// tag across languages: their pages translate each other, in the
// switcher and hreflang, and the others stay apart.
func TestTagTranslations(t *testing.T) {
	s := mustSite(t, strings.Replace(siteYAML, "sections:", "tags:\n  - {ja: サケモデル, en: Salmon model}\n  - {ja: 北見工業大学, en: KIT}\nsections:", 1)+`
-- content/articles/a.ja.md --
---
title: 記事
tags: [サケモデル, 北見工業大学, IoT, 地元]
---
-- content/articles/a.en.md --
---
title: Article
tags: [salmon model, KIT, IoT]
---
`, site.Options{})
	for _, tt := range []struct{ ja, en string }{
		{"ja:tag:tags/サケモデル", "en:tag:tags/salmon-model"},
		{"ja:tag:tags/北見工業大学", "en:tag:tags/kit"},
		{"ja:tag:tags/iot", "en:tag:tags/iot"}, // the same in both: one tag without an entry
	} {
		ja := page(t, s, tt.ja)
		samePage(t, tt.ja+` Translation("en")`, ja.Translation("en"), tt.en)
		samePage(t, tt.en+` Translation("ja")`, page(t, s, tt.en).Translation("ja"), tt.ja)
		if a := ja.Alternates[1]; !a.Exists || a.URL != page(t, s, tt.en).URL {
			t.Errorf("%s: English switcher %+v", tt.ja, a)
		}
	}
	if got := page(t, s, "ja:tag:tags/地元").Translation("en"); got != nil {
		t.Errorf("地元 has no English tag, but translates to %s", got.ID())
	}
}
