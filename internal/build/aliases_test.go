package build_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/outputs"
)

// Old addresses of a page (front matter aliases) keep working: a redirect
// page at each, a line of _redirects for Netlify and Cloudflare Pages, the
// S3 redirect in the manifest; none of them is a page of the sitemap. A
// translation does not inherit its source's aliases.
func TestAliases(t *testing.T) {
	fsys := basicWith(t, map[string]string{
		"content/about.ja.md": "---\ntitle: 北見について\naliases:\n  - /kitami/about.html\n  - /旧/概要/\n  - /old-about\n---\n本文\n",
		"content/about.en.md": "---\ntitle: About Kitami\naliases: /en/about-kitami.html\n---\nText.\n",
	})
	out, err := buildtest.BuildFS(t, fsys, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for file, to := range map[string]string{
		"kitami/about.html":    "/about/",
		"旧/概要/index.html":      "/about/",
		"old-about/index.html": "/about/",
		"en/about-kitami.html": "/en/about/",
	} {
		page := out.Read(t, file)
		for _, want := range []string{
			`<meta http-equiv="refresh" content="0; url=` + to + `">`,
			`<link rel="canonical" href="https://example.jp` + to + `">`,
			`<meta name="robots" content="noindex">`,
			`<a href="` + to + `">`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %s:\n%s", file, want, page)
			}
		}
	}
	want := "/%E6%97%A7/%E6%A6%82%E8%A6%81/ /about/ 301\n" +
		"/en/about-kitami.html /en/about/ 301\n" +
		"/kitami/about.html /about/ 301\n" +
		"/old-about/ /about/ 301\n"
	if got := out.Read(t, outputs.RedirectsFile); got != want {
		t.Errorf("_redirects:\n%s\nwant:\n%s", got, want)
	}
	if sitemap := out.Read(t, "sitemap.xml"); strings.Contains(sitemap, "kitami/about.html") || strings.Contains(sitemap, "旧") {
		t.Errorf("an alias is in the sitemap:\n%s", sitemap)
	}
	var redirects []string
	for _, e := range out.Result.Manifest.Files {
		if e.Kind == outputs.KindRedirect {
			redirects = append(redirects, e.Path+" → "+e.Redirect)
		}
	}
	wantRedirects := []string{"en/about-kitami.html → /en/about/", "kitami/about.html → /about/", "old-about/index.html → /about/", "旧/概要/index.html → /about/"}
	if !slices.Equal(redirects, wantRedirects) {
		t.Errorf("manifest redirects %q, want %q", redirects, wantRedirects)
	}
	// Without aliases there is no _redirects.
	plain, err := buildtest.BuildFS(t, basicWith(t, nil), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if plain.Exists(outputs.RedirectsFile) {
		t.Error("_redirects without an alias")
	}
}
