package check_test

import (
	"context"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/furusato/furusato"
	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/check"
)

// run builds fsys in memory as published and with drafts, and checks it.
func run(t *testing.T, site fs.FS) *check.Report {
	t.Helper()
	opts := build.Options{Site: site, Now: buildtest.Now}
	res, out, err := build.NewBuilder(opts).Memory(context.Background())
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	opts.Drafts, opts.Future = true, true
	all, _, err := build.NewBuilder(opts).Memory(context.Background())
	if err != nil {
		t.Fatalf("build with drafts: %v", err)
	}
	return check.Run(check.Input{Site: res.Site, Files: out.Files(), Unpublished: all.Site, Source: site})
}

func TestBrokenSite(t *testing.T) {
	data, err := os.ReadFile("testdata/broken.txtar")
	if err != nil {
		t.Fatal(err)
	}
	r := run(t, buildtest.FS(string(data)))
	var got []string
	logo := "/logo.svg" // as written, not as fingerprinted
	hash := regexp.MustCompile(`\.[0-9a-f]{8}\.svg`)
	for _, p := range r.Problems {
		if strings.Contains(p.Message, "kaname-gone") && len(p.Pages) != 2 {
			t.Errorf("want the inherited link on both languages' pages: %v", p.Pages)
		}
		got = append(got, hash.ReplaceAllString(p.String(), ".HASH.svg"))
	}
	want := []string{
		`content/about.ja.md:5:1: link to /nowhere/: there is no such page in the site (on /about/)`,
		`content/about.ja.md:7:1: link to companies/kaname.ja.md#history: /companies/kaname/ has no element with id "history" (on /about/)`,
		`content/about.ja.md:7:40: link to #map: this page has no element with id "map" (on /about/)`,
		`content/about.ja.md:9:1: link to /articles/draft/: that page (content/articles/draft.ja.md) is a draft, so visitors would find nothing there (on /about/)`,
		`content/about.ja.md:9:25: link to /articles/next-month/: that page (content/articles/next-month.ja.md) is dated in the future (2026-12-24), so visitors would find nothing there (on /about/)`,
		`content/about.ja.md:9:56: link to /companies: write the URL with its final slash, /companies/, as hosts do not all redirect it (on /about/)`,
		`content/about.ja.md:11:1: image ` + logo + ` has no alt text: describe it between ![ and ] (on /about/)`,
		// The English page inherits the website: one problem, where it is written.
		`content/companies/kaname.ja.md:3:10: link to https://example.jp/kaname-gone/: there is no such page in the site`,
		`content/companies/kaname.ja.md:4:8: the image of /companies/kaname/ has no description: write image_alt in content/companies/kaname.ja.md`,
		`site.yaml:8:14: link to https://example.jp/menu-gone/: there is no such page in the site`,
		`templates/base.html:3:30: link /css/gone.css: there is no such file in the site`,
		`templates/base.html:5:75: link to /acess/: there is no such page in the site`,
		`templates/base.html:6:11: image /logo.svg has no alt attribute: describe it, or write alt="" for a decorative image`,
		`content/about.en.md:1: warning: description is missing in en: content/about.ja.md has it, and it is not inherited`,
		`content/articles/only-ja.ja.md:1: warning: /articles/only-ja/ has no translation in en`,
		`content/articles/only-ja.ja.md:6:4: warning: link to /news/only-ja.html: /news/only-ja.html is an old address of /articles/only-ja/ (front matter aliases), which redirects; link to the page itself`,
		`content/companies/kaname.ja.md:1: warning: image_alt is missing in ja: content/companies/kaname.en.md has it, and it is not inherited`,
		`site.yaml:5:31: warning: UI string note is empty in ja`,
	}
	// Problems met on many pages name how many.
	for i, g := range got {
		if j := strings.Index(g, " (on "); j >= 0 && strings.Contains(g[j:], "pages, such as") {
			got[i] = g[:j]
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\n\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !r.Failed(false) {
		t.Error("a site with errors passes")
	}
}

func TestExampleSiteIsClean(t *testing.T) {
	r := run(t, furusato.Example())
	errs, _ := r.Count()
	for _, p := range r.Problems {
		t.Log(p)
	}
	if errs > 0 || r.Failed(true) {
		t.Errorf("the example site has %d errors, and fails --strict", errs)
	}
}
