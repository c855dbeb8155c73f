package sitetest

import (
	"encoding/json"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/site"
)

// pageFile is the output file of a page of the site graph.
func pageFile(out *buildtest.Output, p *site.Page) string {
	return out.Result.Site.OutputPath(p.URL)
}

// TestJSONLD parses every JSON-LD block of the built, minified site with
// encoding/json, and checks the types each kind of page carries: the city
// office everywhere, breadcrumbs, an Article for articles and an
// Organization for companies.
func TestJSONLD(t *testing.T) {
	out := buildExample(t)
	blocks := 0
	for _, p := range out.Result.Site.Pages {
		name := pageFile(out, p)
		doc := parse(t, out, name)
		var types []string
		for _, s := range elements(doc, "script") {
			if typ, _ := attr(s, "type"); typ != "application/ld+json" {
				continue
			}
			blocks++
			var ld struct {
				Context string           `json:"@context"`
				Graph   []map[string]any `json:"@graph"`
			}
			if err := json.Unmarshal([]byte(text(s)), &ld); err != nil {
				t.Errorf("%s: JSON-LD is not valid JSON: %v\n%s", name, err, text(s))
				continue
			}
			if ld.Context != "https://schema.org" {
				t.Errorf("%s: @context %q", name, ld.Context)
			}
			for _, item := range ld.Graph {
				typ, _ := item["@type"].(string)
				types = append(types, typ)
				for k, v := range item {
					if v == nil || v == "" {
						t.Errorf("%s: %s has an empty %s", name, typ, k)
					}
				}
				switch typ {
				case "BreadcrumbList":
					items, _ := item["itemListElement"].([]any)
					if want := len(p.Ancestors()) + 1; len(items) != want {
						t.Errorf("%s: %d breadcrumbs, want %d", name, len(items), want)
					}
				case "Article":
					for _, k := range []string{"headline", "datePublished", "dateModified", "inLanguage", "url", "publisher"} {
						if item[k] == nil {
							t.Errorf("%s: Article without %s", name, k)
						}
					}
				case "Organization":
					if item["name"] != p.Title {
						t.Errorf("%s: Organization name %v, want %q", name, item["name"], p.Title)
					}
				}
			}
		}
		want := []string{"GovernmentOrganization", "BreadcrumbList"}
		if p.IsPage() && p.Section == "articles" {
			want = append(want, "Article")
		}
		if p.IsPage() && p.Section == "companies" {
			want = append(want, "Organization")
		}
		for _, w := range want {
			if !slices.Contains(types, w) {
				t.Errorf("%s: no %s in its JSON-LD (has %v)", name, w, types)
			}
		}
	}
	if blocks < len(out.Result.Site.Pages) {
		t.Errorf("%d JSON-LD blocks for %d pages", blocks, len(out.Result.Site.Pages))
	}
}

// meta returns the content of a <meta> with a property or name.
func meta(doc *html.Node, key string) []string {
	var out []string
	for _, m := range elements(doc, "meta") {
		p, _ := attr(m, "property")
		n, _ := attr(m, "name")
		if p == key || n == key {
			c, _ := attr(m, "content")
			out = append(out, c)
		}
	}
	return out
}

// TestSharingTags checks the Open Graph and Twitter card tags of every
// page: locale and the locales of its translations, title, description,
// absolute URL and image.
func TestSharingTags(t *testing.T) {
	out := buildExample(t)
	for _, p := range out.Result.Site.Pages {
		name := pageFile(out, p)
		doc := parse(t, out, name)
		one := func(key string) string {
			t.Helper()
			v := meta(doc, key)
			if len(v) != 1 || v[0] == "" {
				t.Errorf("%s: want one %s, got %q", name, key, v)
				return ""
			}
			return v[0]
		}
		if got := one("og:locale"); got != p.Lang.Locale {
			t.Errorf("%s: og:locale %q, want %q", name, got, p.Lang.Locale)
		}
		var wantAlt []string
		for _, tr := range p.Translations {
			wantAlt = append(wantAlt, tr.Lang.Locale)
		}
		if got := meta(doc, "og:locale:alternate"); !slices.Equal(got, wantAlt) {
			t.Errorf("%s: og:locale:alternate %q, want %q", name, got, wantAlt)
		}
		for _, k := range []string{"og:title", "og:description", "og:site_name", "og:type", "twitter:card", "twitter:title", "twitter:description"} {
			one(k)
		}
		if u := one("og:url"); u != "" {
			if parsed, err := url.Parse(u); err != nil || !parsed.IsAbs() {
				t.Errorf("%s: og:url %q is not absolute", name, u)
			}
		}
		if p.Image != nil {
			if img := one("og:image"); !strings.HasPrefix(img, "https://") {
				t.Errorf("%s: og:image %q is not an absolute URL", name, img)
			}
			one("og:image:alt")
		}
	}
}

// localFile turns a URL in a page into the output file it names, or ""
// for other hosts.
func localFile(out *buildtest.Output, ref string) string {
	u, err := url.Parse(ref)
	if err != nil || u.Host != "" || u.Scheme != "" {
		return ""
	}
	base := out.Result.Site.Config.Base.Path
	return strings.TrimPrefix(path.Clean(u.Path), strings.TrimSuffix(base, "/")+"/")
}

// TestHomePageWeight adds up what a reader's browser downloads for each
// home page besides images (the HTML, its stylesheets and scripts), as
// written by the build, and holds it under 60 KB.
func TestHomePageWeight(t *testing.T) {
	const limit = 60 * 1024
	out := buildExample(t)
	for _, ls := range out.Result.Site.Langs {
		name := pageFile(out, ls.Home)
		size := len(out.Read(t, name))
		parts := []string{name}
		doc := parse(t, out, name)
		var refs []string
		for _, l := range elements(doc, "link") {
			if rel, _ := attr(l, "rel"); rel == "stylesheet" || rel == "modulepreload" || rel == "preload" {
				href, _ := attr(l, "href")
				refs = append(refs, href)
			}
		}
		for _, s := range elements(doc, "script") {
			if src, ok := attr(s, "src"); ok {
				refs = append(refs, src)
			}
		}
		for _, ref := range refs {
			f := localFile(out, ref)
			if f == "" {
				t.Errorf("%s loads %s from another host", name, ref)
				continue
			}
			size += len(out.Read(t, f))
			parts = append(parts, f)
		}
		t.Logf("%s home page: %d bytes (%.1f KB) of HTML, CSS and JS: %s", ls.Code, size, float64(size)/1024, strings.Join(parts, " + "))
		if size >= limit {
			t.Errorf("%s home page weighs %d bytes, want under %d", ls.Code, size, limit)
		}
	}
}

// TestNoRenderBlockingScripts checks every page: scripts with a src are
// deferred, async or modules, and no inline script runs (JSON-LD is data).
func TestNoRenderBlockingScripts(t *testing.T) {
	out := buildExample(t)
	scripts := 0
	for _, name := range htmlFiles(t, out) {
		for _, s := range elements(parse(t, out, name), "script") {
			typ, _ := attr(s, "type")
			if typ == "application/ld+json" {
				continue
			}
			scripts++
			src, hasSrc := attr(s, "src")
			_, deferred := attr(s, "defer")
			_, async := attr(s, "async")
			switch {
			case !hasSrc:
				t.Errorf("%s: an inline script blocks the parser: %.60s", name, text(s))
			case !deferred && !async && typ != "module":
				t.Errorf("%s: script %s blocks rendering: give it defer", name, src)
			}
		}
	}
	if scripts == 0 {
		t.Error("no script found at all: the company directory's filter script is missing")
	}
}

// TestImages checks that every image has a width, a height and an alt
// attribute, and that images in lists (cards) load lazily.
func TestImages(t *testing.T) {
	out := buildExample(t)
	images := 0
	for _, name := range htmlFiles(t, out) {
		doc := parse(t, out, name)
		for _, img := range elements(doc, "img") {
			images++
			src, _ := attr(img, "src")
			for _, k := range []string{"width", "height", "alt"} {
				if _, ok := attr(img, k); !ok {
					t.Errorf("%s: image %s has no %s", name, src, k)
				}
			}
		}
		for _, li := range find(doc, func(n *html.Node) bool { c, _ := attr(n, "class"); return strings.Contains(c, "card") }) {
			for _, img := range elements(li, "img") {
				if l, _ := attr(img, "loading"); l != "lazy" {
					src, _ := attr(img, "src")
					t.Errorf("%s: card image %s is not lazy", name, src)
				}
			}
		}
	}
	if images == 0 {
		t.Error("no images in the site")
	}
}

// fontFromElsewhere finds @import and url() in CSS that lead to another
// host.
var fontFromElsewhere = regexp.MustCompile(`(?i)(@import|url\()\s*["']?(https?:)?//`)

// TestNoFontsFromOtherHosts checks that pages link no stylesheet or font
// from another host and that the stylesheets import nothing from one: the
// site uses the reader's system fonts.
func TestNoFontsFromOtherHosts(t *testing.T) {
	out := buildExample(t)
	for _, name := range htmlFiles(t, out) {
		for _, l := range elements(parse(t, out, name), "link") {
			rel, _ := attr(l, "rel")
			href, _ := attr(l, "href")
			if (rel == "stylesheet" || rel == "preload" || rel == "preconnect") && localFile(out, href) == "" {
				t.Errorf("%s: <link rel=%s> to another host: %s", name, rel, href)
			}
		}
	}
	for _, f := range out.Files(t) {
		if strings.HasSuffix(f, ".css") {
			css := out.Read(t, f)
			if m := fontFromElsewhere.FindString(css); m != "" {
				t.Errorf("%s loads from another host: %s", f, m)
			}
			if strings.Contains(css, "@font-face") {
				t.Errorf("%s declares a web font; the site uses system fonts", f)
			}
		}
	}
}
