package sitetest

import (
	"fmt"
	"maps"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/furusato/furusato/internal/browsertest"
	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
)

// buildEmbeds builds the pages of embeds.txtar with lists.txtar's site
// and the example site's site.yaml, templates and static files, minified
// as published.
func buildEmbeds(t *testing.T) *buildtest.Output {
	t.Helper()
	site := withExampleTemplates(t, "testdata/lists.txtar")
	data, err := os.ReadFile("testdata/embeds.txtar")
	if err != nil {
		t.Fatal(err)
	}
	maps.Copy(site, buildtest.FS(string(data)))
	out, err := buildtest.BuildFS(t, site, build.Options{})
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	return out
}

// TestEmbedsInPages checks the iframes of the embed pages as published:
// each from an allowed host, lazy, with its title and a link under it,
// and html-validate finds nothing wrong with them.
func TestEmbedsInPages(t *testing.T) {
	out := buildEmbeds(t)
	for _, tc := range []struct {
		file   string
		titles []string
		hosts  []string
	}{
		{"embeds/index.html",
			[]string{"サンプル動画", "サンプルの縦長動画", "サンプルの地図（OpenStreetMap）", "サンプルの地図（Googleマップ）", "サンプルの申込フォーム（Googleフォーム）", "サンプルの申込フォーム（LoGoフォーム）"},
			[]string{"www.youtube-nocookie.com", "www.youtube-nocookie.com", "www.openstreetmap.org", "www.google.com", "docs.google.com", "logoform.jp"}},
		{"en/embeds/index.html",
			[]string{"A sample video", "A sample map", "A sample application form"},
			[]string{"www.youtube-nocookie.com", "www.openstreetmap.org", "docs.google.com"}},
	} {
		doc := parse(t, out, tc.file)
		figures := byClass(doc, "embed")
		var titles, hosts []string
		for _, f := range figures {
			frames := elements(f, "iframe")
			links := elements(f, "a")
			if len(frames) != 1 || len(links) != 1 {
				t.Errorf("%s: an embed with %d iframes and %d links, want one of each", tc.file, len(frames), len(links))
				continue
			}
			title, _ := attr(frames[0], "title")
			src, _ := attr(frames[0], "src")
			titles = append(titles, title)
			u, err := url.Parse(src)
			if err != nil || u.Scheme != "https" {
				t.Errorf("%s: iframe src %q is not an https address", tc.file, src)
				continue
			}
			hosts = append(hosts, u.Host)
			if lazy, _ := attr(frames[0], "loading"); lazy != "lazy" {
				t.Errorf("%s: iframe %q loads eagerly", tc.file, title)
			}
			if rp, _ := attr(frames[0], "referrerpolicy"); rp != "strict-origin-when-cross-origin" {
				t.Errorf("%s: iframe %q has referrerpolicy %q", tc.file, title, rp)
			}
			if href, _ := attr(links[0], "href"); !strings.HasPrefix(href, "https://") || !strings.Contains(text(links[0]), title) {
				t.Errorf("%s: the link under %q is %q (%s)", tc.file, title, text(links[0]), href)
			}
		}
		if !slices.Equal(titles, tc.titles) || !slices.Equal(hosts, tc.hosts) {
			t.Errorf("%s: embeds %q from %q, want %q from %q", tc.file, titles, hosts, tc.titles, tc.hosts)
		}
	}
	if n, report := htmlValidate(t, out.Dir); n > 0 {
		t.Errorf("html-validate found %d errors:\n%s", n, report)
	}
}

// TestBrowserEmbeds loads the embed pages at a phone's and a laptop's
// width and runs axe-core's WCAG 2.1 A and AA rules: no violations, and
// no sideways scrolling. The iframes' own pages cannot load offline, which
// leaves them empty; what is checked is the page around them.
func TestBrowserEmbeds(t *testing.T) {
	axe := axeSource(t)
	ctx := browsertest.New(t)
	out := buildEmbeds(t)
	base := serve(t, out)
	for _, path := range []string{"/embeds/", "/en/embeds/"} {
		for _, width := range []int64{375, 1280} {
			t.Run(fmt.Sprintf("%s-%d", strings.Trim(strings.ReplaceAll(path, "/", "-"), "-"), width), func(t *testing.T) {
				if err := chromedp.Do(ctx, setView(width, "light"), chromedp.Navigate(base+path)); err != nil {
					t.Fatal(err)
				}
				frames, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("figure.embed iframe").length`))
				if err != nil {
					t.Fatal(err)
				}
				if frames < 3 {
					t.Fatalf("%d embeds on the page, want at least 3", frames)
				}
				m, err := measurePage(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if m.ScrollWidth > m.ClientWidth {
					t.Errorf("the page scrolls sideways: scrollWidth %d > clientWidth %d; sticking out: %v", m.ScrollWidth, m.ClientWidth, m.Overflowing)
				}
				vs, err := runAxe(ctx, axe)
				if err != nil {
					t.Fatal(err)
				}
				for _, v := range vs {
					t.Errorf("axe: %s", v)
				}
			})
		}
	}
}
