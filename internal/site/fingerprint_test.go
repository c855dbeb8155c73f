package site_test

import (
	"hash/maphash"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/site"
)

// changed lists the IDs whose fingerprints differ between two builds, or
// that only one has.
func changed(a, b map[string]site.Fingerprint) []string {
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
	before := mustSite(t, listSite, site.Options{})
	fp := before.Fingerprints(seed)
	if len(fp) != len(before.Pages) {
		t.Errorf("%d fingerprints for %d pages", len(fp), len(before.Pages))
	}
	if got := changed(fp, mustSite(t, listSite, site.Options{}).Fingerprints(seed)); len(got) != 0 {
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
		archive := strings.Replace(listSite, tt.old, tt.new, 1)
		if archive == listSite {
			t.Fatalf("%s: no %q in the site", tt.name, tt.old)
		}
		after := mustSite(t, archive, site.Options{})
		if got := changed(fp, after.Fingerprints(seed)); !slices.Equal(got, tt.want) {
			t.Errorf("%s changed: %q, want %q", tt.name, got, tt.want)
		}
		if before.Shape(seed, []string{"about"}) != after.Shape(seed, []string{"about"}) {
			t.Errorf("%s: Shape changed", tt.name)
		}
	}
	// FingerprintsOf gives the same fingerprints for fewer pages.
	some := before.FingerprintsOf(seed, before.Langs[1].Regular)
	if len(some) != len(before.Langs[1].Regular) {
		t.Errorf("FingerprintsOf: %d for %d pages", len(some), len(before.Langs[1].Regular))
	}
	for id, f := range some {
		if fp[id] != f {
			t.Errorf("FingerprintsOf: %s differs from Fingerprints", id)
		}
	}
	// A new section changes the shape of the site.
	more := mustSite(t, listSite+"-- content/programs/hire.ja.md --\n---\ntitle: 雇用\n---\n", site.Options{})
	if before.Shape(seed, nil) == more.Shape(seed, nil) {
		t.Error("a new section does not change Shape")
	}
	if !maps.Equal(before.Fingerprints(seed), fp) {
		t.Error("Fingerprints of one graph differ between calls")
	}
}
