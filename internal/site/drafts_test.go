package site_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/furusato/furusato/internal/site"
)

const draftSite = siteYAML + `
-- content/articles/published.ja.md --
---
title: 公開
date: 2026-11-01
---
-- content/articles/draft.ja.md --
---
title: 下書き
date: 2026-11-10
draft: true
tags: [下書き]
---
-- content/articles/draft.en.md --
---
title: Draft
---
-- content/articles/future.ja.md --
---
title: 未来
date: 2026-11-25
tags: [未来]
---
-- content/articles/future.en.md --
---
title: Future
---
-- content/articles/half.ja.md --
---
title: 英語は下書き
date: 2026-10-01
---
-- content/articles/half.en.md --
---
title: English draft
draft: true
---
-- content/articles/news.en.md --
---
title: News in English
date: 2026-09-01
---
-- content/programs/plan.ja.md --
---
title: 計画中
draft: true
---
`

// TestDraftsAndFuturePages checks that drafts and pages dated after the
// build are left out of the site and its lists, with their translations,
// which inherit draft and date.
func TestDraftsAndFuturePages(t *testing.T) {
	s := mustSite(t, draftSite, site.Options{}) // at buildtest.Now, 2026-11-24 21:00 in Tokyo
	for _, id := range []string{"ja:page:articles/draft", "en:page:articles/draft", "ja:page:articles/future", "en:page:articles/future", "en:page:articles/half", "ja:page:programs/plan"} {
		if hasPage(s, id) {
			t.Errorf("%s is published", id)
		}
	}
	ja, en := s.Langs[0], s.Langs[1]
	sameIDs(t, "ja articles", ja.PagesOf("articles"), "ja:page:articles/published", "ja:page:articles/half", "en:page:articles/news")
	// The English page that is a draft leaves the Japanese one in its list.
	sameIDs(t, "en articles", en.PagesOf("articles"), "ja:page:articles/published", "ja:page:articles/half", "en:page:articles/news")
	sameIDs(t, "ja home", ja.Home.Pages, "ja:page:articles/published", "ja:page:articles/half")
	sameIDs(t, "en home", en.Home.Pages, "en:page:articles/news")
	samePage(t, "published Prev", page(t, s, "ja:page:articles/published").Prev, "")
	samePage(t, "published Next", page(t, s, "ja:page:articles/published").Next, "ja:page:articles/half")
	if half := page(t, s, "ja:page:articles/half"); half.IsTranslated || len(half.Translations) != 0 {
		t.Errorf("half: IsTranslated %v, Translations %q; its English version is a draft", half.IsTranslated, ids(half.Translations))
	}
	// No tag page for tags only drafts and future pages have, no section
	// for a section of drafts.
	if len(ja.TagPages) != 0 || len(ja.Tags.Pages) != 0 {
		t.Errorf("ja tags %v, want none", ja.TagPages)
	}
	if ja.Sections["programs"] != nil {
		t.Error("a section whose only page is a draft has a list")
	}
	samePage(t, "Lookup draft", s.Lookup(s.Config.Language("ja"), "articles/draft"), "")
	for p, want := range map[string]string{
		"articles/draft":     "a draft",
		"articles/future":    "dated in the future (2026-11-25)",
		"programs/plan":      "a draft",
		"articles/published": "",
	} {
		if got := s.Unpublished(p); got != want {
			t.Errorf("Unpublished(%s) = %q, want %q", p, got, want)
		}
	}
}

func TestDraftsPublished(t *testing.T) {
	s := mustSite(t, draftSite, site.Options{Drafts: true})
	ja, en := s.Langs[0], s.Langs[1]
	sameIDs(t, "ja articles", ja.PagesOf("articles"), "ja:page:articles/draft", "ja:page:articles/published", "ja:page:articles/half", "en:page:articles/news")
	sameIDs(t, "en articles", en.PagesOf("articles"), "en:page:articles/draft", "ja:page:articles/published", "en:page:articles/half", "en:page:articles/news")
	samePage(t, "en draft Next", page(t, s, "en:page:articles/draft").Next, "en:page:articles/half")
	samePage(t, "published Prev", page(t, s, "ja:page:articles/published").Prev, "ja:page:articles/draft")
	if d := page(t, s, "en:page:articles/draft"); !d.Draft {
		t.Error("the English translation of a draft does not say it is a draft")
	}
	if tp := ja.TagPages["下書き"]; tp == nil {
		t.Error("no tag page for a draft's tag")
	} else {
		sameIDs(t, "下書き Pages", tp.Pages, "ja:page:articles/draft")
	}
	if ja.Sections["programs"] == nil {
		t.Error("no list for a section of drafts")
	}
	if hasPage(s, "ja:page:articles/future") {
		t.Error("Drafts publishes future pages")
	}
}

func TestFuturePages(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo") // site.yaml's default time zone
	if err != nil {
		t.Fatal(err)
	}
	dayStart := time.Date(2026, 11, 25, 0, 0, 0, 0, tokyo)
	for _, tt := range []struct {
		name      string
		opts      site.Options
		published bool
	}{
		{"Future", site.Options{Future: true}, true},
		{"a second before its day", site.Options{Now: dayStart.Add(-time.Second)}, false},
		{"on its day", site.Options{Now: dayStart}, true},
	} {
		t.Run(strings.ReplaceAll(tt.name, " ", "_"), func(t *testing.T) {
			s := mustSite(t, draftSite, tt.opts)
			if got := hasPage(s, "ja:page:articles/future") && hasPage(s, "en:page:articles/future"); got != tt.published {
				t.Fatalf("future page published: %v, want %v", got, tt.published)
			}
			if !tt.published {
				return
			}
			sameIDs(t, "ja articles", s.Langs[0].PagesOf("articles"), "ja:page:articles/future", "ja:page:articles/published", "ja:page:articles/half", "en:page:articles/news")
			if tp := s.Langs[0].TagPages["未来"]; tp == nil || tp.URL != "/kitami/tags/未来/" {
				t.Errorf("tag page of the future page: %+v", tp)
			}
			if got := s.Unpublished("articles/future"); got != "" {
				t.Errorf("Unpublished = %q for a published page", got)
			}
		})
	}
}

// TestDraftMissingRequired checks that a draft shown with Drafts may lack
// a required field, with a warning (furusato new writes them for the user
// to fill in), while a published page lacking it is an error.
func TestDraftMissingRequired(t *testing.T) {
	const archive = `-- site.yaml --
baseURL: https://example.jp/
languages:
  - {code: ja, title: 北見}
  - {code: en, title: Kitami}
sections:
  stories:
    fields:
      - {name: person, type: text, required: true}
      - {name: move, type: enum, required: true, values: [{value: uturn}]}
-- content/stories/new.ja.md --
---
title: 下書き
draft: true
---
-- content/stories/new.en.md --
---
title: Draft
---
-- content/stories/done.ja.md --
---
title: 公開
move: uturn
---
`
	const en = "-- content/stories/done.en.md --\n---\ntitle: Done\nperson: someone\n---\n"
	s := mustSite(t, strings.Replace(archive, "move: uturn", "move: uturn\nperson: 誰か", 1)+en, site.Options{Drafts: true})
	var got []string
	for _, w := range s.Warnings() {
		got = append(got, w.Error())
	}
	for _, want := range []string{
		"content/stories/new.ja.md:1:1: front matter: person is missing; pages of stories need it; fill it in before this draft is published",
		"content/stories/new.ja.md:1:1: front matter: move is missing; pages of stories need it; fill it in before this draft is published",
		"content/stories/new.en.md:1:1: front matter: person is missing; pages of stories need it in every language, and text is not taken from content/stories/new.ja.md: write it in en; fill it in before this draft is published",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("no warning %q; warnings:\n%s", want, strings.Join(got, "\n"))
		}
	}
	if !hasPage(s, "en:page:stories/new") {
		t.Error("the draft is not shown")
	}
	// The published page that lacks person in Japanese is still an error.
	_, err := newSite(t, archive+en, site.Options{Drafts: true})
	if err == nil || err.Error() != "content/stories/done.ja.md:1:1: front matter: person is missing; pages of stories need it" {
		t.Errorf("a published page without a required field: err = %v", err)
	}
}
