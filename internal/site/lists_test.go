package site_test

import (
	"testing"
	"time"

	"github.com/furusato/furusato/internal/site"
)

// TestSectionOrder checks each sort order of site.yaml: weight (lower
// first, the default; pages without one after, newest first), date
// (newest first) and title.
func TestSectionOrder(t *testing.T) {
	s := mustSite(t, siteYAML+`
-- content/programs/added-old.ja.md --
---
title: 追加した制度（古い）
date: 2026-04-01
---
-- content/programs/added-new.ja.md --
---
title: 追加した制度（新しい）
date: 2026-10-01
---
-- content/programs/first.ja.md --
---
title: 先頭の制度
weight: -1
---
-- content/programs/rent.ja.md --
---
title: 家賃補助
weight: 3
---
-- content/programs/hire.ja.md --
---
title: 雇用補助
weight: 1
---
-- content/programs/move-b.ja.md --
---
title: 移住B
weight: 2
---
-- content/programs/move-a.ja.md --
---
title: 移住A
weight: 2
---
-- content/articles/old.ja.md --
---
title: あ 古い
date: 2025-12-31
---
-- content/articles/new.ja.md --
---
title: い 新しい
date: 2026-03-01
---
-- content/articles/mid.ja.md --
---
title: う 中ほど
date: 2026-01-15
---
-- content/companies/sato.ja.md --
---
title: さとう
weight: 1
---
-- content/companies/aoba.ja.md --
---
title: あおば
date: 2020-01-01
---
-- content/companies/kaname.ja.md --
---
title: かなめ
---
`, site.Options{})
	ja := s.Langs[0]
	sameIDs(t, "programs (weight)", ja.PagesOf("programs"),
		"ja:page:programs/first", "ja:page:programs/hire", "ja:page:programs/move-a", "ja:page:programs/move-b", "ja:page:programs/rent",
		"ja:page:programs/added-new", "ja:page:programs/added-old")
	sameIDs(t, "articles (date)", ja.PagesOf("articles"),
		"ja:page:articles/new", "ja:page:articles/mid", "ja:page:articles/old")
	sameIDs(t, "companies (title)", ja.PagesOf("companies"),
		"ja:page:companies/aoba", "ja:page:companies/kaname", "ja:page:companies/sato")
	if got := ja.PagesOf("nothing"); got != nil {
		t.Errorf("PagesOf a section that does not exist = %q", ids(got))
	}
	// The section's list page has the same pages, and its section is
	// named after the folder when no _index file gives a title.
	sec := ja.Sections["articles"]
	sameIDs(t, "articles section Pages", sec.Pages, "ja:page:articles/new", "ja:page:articles/mid", "ja:page:articles/old")
	if sec.Title != "articles" || sec.Kind != site.KindSection || !sec.IsList() || sec.IsPage {
		t.Errorf("articles section: title %q, kind %s, IsList %v, IsPage %v", sec.Title, sec.Kind, sec.IsList(), sec.IsPage)
	}
	sameIDs(t, "SectionList", ja.SectionList(), "ja:section:articles", "ja:section:companies", "ja:section:programs")
	// The English site has no pages of its own, and a list of each
	// section, which shows the Japanese pages.
	sameIDs(t, "en SectionList", s.Langs[1].SectionList(), "en:section:articles", "en:section:companies", "en:section:programs")
	sameIDs(t, "en articles", s.Langs[1].Sections["articles"].Pages, "ja:page:articles/new", "ja:page:articles/mid", "ja:page:articles/old")
}

// listSite has articles in both languages, in one only, and a top-level
// page.
const listSite = siteYAML + `
-- content/about.ja.md --
---
title: 北見について
---
-- content/about.en.md --
---
title: About
---
-- content/articles/a1.ja.md --
---
title: 記事1
date: 2026-03-01
---
-- content/articles/a1.en.md --
---
title: Article 1
---
-- content/articles/a2.ja.md --
---
title: 記事2 (日本語だけ)
date: 2026-02-01
---
-- content/articles/a3.ja.md --
---
title: 記事3
date: 2026-01-01
updated: 2026-04-01
---
-- content/articles/a3.en.md --
---
title: Article 3
---
-- content/articles/a4.en.md --
---
title: Article 4 (English only)
date: 2026-02-15
---
-- content/companies/_index.en.md --
---
title: Companies
---
-- content/companies/kaname.ja.md --
---
title: 株式会社 要
---
-- content/stories/salmon/index.ja.md --
---
title: サケ
---
`

// TestListsShowOtherLanguages checks that a section's list shows the
// pages written only in another language, in the section's order, while
// the home page, Prev and Next keep to the page's own language.
func TestListsShowOtherLanguages(t *testing.T) {
	s := mustSite(t, listSite, site.Options{})
	en := page(t, s, "en:section:articles")
	sameIDs(t, "en articles Pages", en.Pages,
		"en:page:articles/a1", "en:page:articles/a4", "ja:page:articles/a2", "en:page:articles/a3")
	if a2 := en.Pages[2]; a2.Lang.Code != "ja" || a2.URL != "/kitami/articles/a2/" {
		t.Errorf("the Japanese-only page in the English list: lang %s, URL %s", a2.Lang.Code, a2.URL)
	}
	sameIDs(t, "ja articles Pages", page(t, s, "ja:section:articles").Pages,
		"ja:page:articles/a1", "en:page:articles/a4", "ja:page:articles/a2", "ja:page:articles/a3")
	// A section written only in English still lists the Japanese pages in
	// Japanese, and its Japanese list is made without a file.
	sameIDs(t, "en companies Pages", page(t, s, "en:section:companies").Pages, "ja:page:companies/kaname")
	jc := page(t, s, "ja:section:companies")
	if jc.Title != "companies" {
		t.Errorf("ja companies title %q: the English _index does not give the Japanese list its title", jc.Title)
	}
	sameIDs(t, "ja companies Translations", jc.Translations, "en:section:companies")

	// The home page lists every page of its language, newest first
	// (undated last, by title), and no page of another language.
	sameIDs(t, "ja home Pages", s.Langs[0].Home.Pages,
		"ja:page:articles/a1", "ja:page:articles/a2", "ja:page:articles/a3",
		"ja:page:stories/salmon", "ja:page:about", "ja:page:companies/kaname") // サケ, 北見, 株式会社
	sameIDs(t, "en home Pages", s.Langs[1].Home.Pages,
		"en:page:articles/a1", "en:page:articles/a4", "en:page:articles/a3", "en:page:about")
	sameIDs(t, "en Regular", s.Langs[1].Regular,
		"en:page:articles/a1", "en:page:articles/a4", "en:page:articles/a3", "en:page:about")

	// Prev is newer, Next older, within the page's language.
	for _, tt := range []struct{ id, prev, next string }{
		{"en:page:articles/a1", "", "en:page:articles/a4"},
		{"en:page:articles/a4", "en:page:articles/a1", "en:page:articles/a3"},
		{"en:page:articles/a3", "en:page:articles/a4", ""},
		{"ja:page:articles/a1", "", "ja:page:articles/a2"},
		{"ja:page:articles/a2", "ja:page:articles/a1", "ja:page:articles/a3"},
		{"ja:page:articles/a3", "ja:page:articles/a2", ""},
		{"ja:page:about", "", ""}, // a page in no section
		{"ja:page:companies/kaname", "", ""},
	} {
		p := page(t, s, tt.id)
		samePage(t, tt.id+" Prev", p.Prev, tt.prev)
		samePage(t, tt.id+" Next", p.Next, tt.next)
	}
}

func TestParentAndAncestors(t *testing.T) {
	s := mustSite(t, listSite+`
-- content/articles/tagged.en.md --
---
title: Tagged
tags: [Salmon]
---
`, site.Options{})
	for _, tt := range []struct {
		id        string
		parent    string
		ancestors []string
	}{
		{"ja:home:", "", []string{}},
		{"ja:page:about", "ja:home:", []string{"ja:home:"}},
		{"ja:section:articles", "ja:home:", []string{"ja:home:"}},
		{"ja:page:articles/a2", "ja:section:articles", []string{"ja:home:", "ja:section:articles"}},
		{"en:page:articles/a1", "en:section:articles", []string{"en:home:", "en:section:articles"}},
		{"ja:page:stories/salmon", "ja:section:stories", []string{"ja:home:", "ja:section:stories"}},
		{"en:tags:tags", "en:home:", []string{"en:home:"}},
		{"en:tag:tags/salmon", "en:tags:tags", []string{"en:home:", "en:tags:tags"}},
		{"ja:404:404", "ja:home:", []string{"ja:home:"}},
	} {
		p := page(t, s, tt.id)
		samePage(t, tt.id+" Parent", p.Parent, tt.parent)
		sameIDs(t, tt.id+" Ancestors", p.Ancestors(), tt.ancestors...)
	}
}

// TestLastModified checks that a page's LastModified is its updated date,
// else its date, and a list's the newest of its pages.
func TestLastModified(t *testing.T) {
	s := mustSite(t, listSite, site.Options{})
	tokyo := s.Config.Location
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, tokyo) }
	for _, tt := range []struct {
		id   string
		want time.Time
	}{
		{"ja:page:articles/a3", day(2026, 4, 1)},
		{"ja:page:articles/a1", day(2026, 3, 1)},
		{"en:page:articles/a1", day(2026, 3, 1)}, // the date is inherited
		{"ja:section:articles", day(2026, 4, 1)},
		// updated is not inherited: the translation was not updated when
		// the Japanese page was, so it shows its (inherited) date.
		{"en:page:articles/a3", day(2026, 1, 1)},
		{"en:section:articles", day(2026, 3, 1)},
		{"ja:home:", day(2026, 4, 1)},
		{"ja:page:about", time.Time{}},
	} {
		if got := page(t, s, tt.id).LastModified; !got.Equal(tt.want) {
			t.Errorf("%s: LastModified %v, want %v", tt.id, got, tt.want)
		}
	}
}

// TestSectionWrittenInOneLanguage checks that a section whose pages are
// all written in Japanese still has an English list, which shows them:
// README says each language gets a list page per section, and a section's
// list holds the pages written only in other languages.
func TestSectionWrittenInOneLanguage(t *testing.T) {
	s, err := newSite(t, `-- site.yaml --
baseURL: https://example.jp/
languages:
  - {code: ja, name: 日本語, title: 北見, menu: [{page: articles}]}
  - {code: en, name: English, title: Kitami, menu: [{page: articles}]}
-- content/articles/a.ja.md --
---
title: 記事A
---
-- content/about.en.md --
---
title: About
---
`, site.Options{})
	if err != nil {
		t.Errorf("errors:\n%v", err)
	}
	if s == nil {
		return
	}
	en := s.Langs[1].Sections["articles"]
	if en == nil {
		t.Fatal("no English list of articles")
	}
	sameIDs(t, "en articles Pages", en.Pages, "ja:page:articles/a")
	if en.URL != "/en/articles/" {
		t.Errorf("en articles URL %s", en.URL)
	}
	sameIDs(t, "ja articles Translations", page(t, s, "ja:section:articles").Translations, "en:section:articles")
}
