package rebuild

import (
	"context"
	"hash/maphash"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/content"
	"github.com/furusato/furusato/internal/markdown"
	"github.com/furusato/furusato/internal/site"
	"golang.org/x/tools/txtar"
)

const fingerprintSite = `-- site.yaml --
baseURL: https://example.jp/kitami/
languages:
  - {code: ja, title: 北見}
  - {code: en, title: Kitami}
sections:
  articles: {sort: date}
-- content/about.ja.md --
---
title: 北見について
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
---
-- content/companies/kaname.ja.md --
---
title: 株式会社 要
---
`

// graph makes the page graph of a site written as a txtar archive, with
// its Markdown converted, as a build does.
func graph(t *testing.T, archive string) *site.Site {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	cfg, err := config.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	c, err := content.Load(context.Background(), fsys, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	s, err := site.New(context.Background(), cfg, c, fsys, nil, site.Options{Now: time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC), Markdown: markdown.New(markdown.Options{})})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// changed lists the IDs whose fingerprints differ between two builds, or
// that only one has.
func changed(a, b map[string]Fingerprint) []string {
	var out []string
	for id, fa := range a {
		if fb, ok := b[id]; !ok || fa != fb {
			out = append(out, id)
		}
	}
	for id := range b {
		if _, ok := a[id]; !ok {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// TestFingerprints checks that a page's fingerprint changes exactly when
// what a template reads on it changes.
func TestFingerprints(t *testing.T) {
	seed := maphash.MakeSeed()
	before := graph(t, fingerprintSite)
	fp := fingerprints(seed, before)
	if len(fp) != len(before.Pages) {
		t.Errorf("%d fingerprints for %d pages", len(fp), len(before.Pages))
	}
	if got := changed(fp, fingerprints(seed, graph(t, fingerprintSite))); len(got) != 0 {
		t.Errorf("the same site built twice: %q changed", got)
	}
	for _, tt := range []struct {
		name, old, new string
		want           []string
	}{
		// A title is read on its page only; lists show it by following
		// the link to the page.
		{"title", "title: 記事2 (日本語だけ)", "title: 記事2 改", []string{"ja:page:articles/a2"}},
		// A date that makes a2 the newest changes the order of the lists
		// it is in, and the neighbours of the pages around it.
		{"order", "date: 2026-02-01", "date: 2026-03-02", []string{
			"en:section:articles", "ja:home:", "ja:page:articles/a1", "ja:page:articles/a2", "ja:page:articles/a3", "ja:section:articles",
		}},
		{"body", "title: 株式会社 要\n---\n", "title: 株式会社 要\n---\n本文。\n", []string{"ja:page:companies/kaname"}},
	} {
		archive := strings.Replace(fingerprintSite, tt.old, tt.new, 1)
		if archive == fingerprintSite {
			t.Fatalf("%s: no %q in the site", tt.name, tt.old)
		}
		after := graph(t, archive)
		if got := changed(fp, fingerprints(seed, after)); !slices.Equal(got, tt.want) {
			t.Errorf("%s changed: %q, want %q", tt.name, got, tt.want)
		}
		if shape(seed, before, []string{"about"}) != shape(seed, after, []string{"about"}) {
			t.Errorf("%s: the shape changed", tt.name)
		}
	}
	// fingerprintsOf gives the same fingerprints for fewer pages.
	some := fingerprintsOf(seed, before.Langs[1].Regular)
	if len(some) != len(before.Langs[1].Regular) {
		t.Errorf("fingerprintsOf: %d for %d pages", len(some), len(before.Langs[1].Regular))
	}
	for id, f := range some {
		if fp[id] != f {
			t.Errorf("fingerprintsOf: %s differs from fingerprints", id)
		}
	}
	// A new section changes the shape of the site.
	more := graph(t, fingerprintSite+"-- content/programs/hire.ja.md --\n---\ntitle: 雇用\n---\n")
	if shape(seed, before, nil) == shape(seed, more, nil) {
		t.Error("a new section does not change the shape")
	}
	if !maps.Equal(fingerprints(seed, before), fp) {
		t.Error("fingerprints of one graph differ between calls")
	}
}
