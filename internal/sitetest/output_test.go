package sitetest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	_ "image/jpeg" // og:image may be JPEG
	"image/png"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	_ "golang.org/x/image/webp" // og:image may be WebP
	"golang.org/x/net/html"

	"github.com/furusato/furusato/internal/build"
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
		if p.IsPage && p.Section == "articles" {
			want = append(want, "Article")
		}
		if p.IsPage && p.Section == "companies" {
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
// absolute URL, and a large picture that Facebook, X and LINE show (PNG,
// JPEG or WebP, never SVG) with its size and a description.
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
		for _, k := range []string{"og:title", "og:description", "og:site_name", "og:type", "og:image:alt"} {
			one(k)
		}
		if u := one("og:url"); u != "" {
			if parsed, err := url.Parse(u); err != nil || !parsed.IsAbs() {
				t.Errorf("%s: og:url %q is not absolute", name, u)
			}
		}
		// X reads og:title and og:description: no twitter:title is needed.
		if got := one("twitter:card"); got != "summary_large_image" {
			t.Errorf("%s: twitter:card %q, want summary_large_image", name, got)
		}
		checkSharingImage(t, out, name, one("og:image"), one("og:image:type"), one("og:image:width"), one("og:image:height"))
	}
}

// checkSharingImage checks a page's og:image: an absolute URL of this
// site, a file of the build in a format that sharing cards show, of the
// type and size the page says.
func checkSharingImage(t *testing.T, out *buildtest.Output, page, img, typ, width, height string) {
	t.Helper()
	base := out.Result.Site.Config.BaseURL
	if !strings.HasPrefix(img, base) {
		t.Errorf("%s: og:image %q is not an absolute URL of the site (%s)", page, img, base)
		return
	}
	file := strings.TrimPrefix(img, base)
	data := []byte(out.Read(t, file))
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		t.Errorf("%s: og:image %s is not a PNG, JPEG or WebP image: %v", page, file, err)
		return
	}
	if typ != "image/"+format {
		t.Errorf("%s: og:image:type %q, but %s is %s", page, typ, file, format)
	}
	if w, h := fmt.Sprint(cfg.Width), fmt.Sprint(cfg.Height); w != width || h != height {
		t.Errorf("%s: og:image:width and height say %sx%s, %s is %sx%s", page, width, height, file, w, h)
	}
}

// TestSharingImageChoice checks which picture a page shares: its own image
// when it is PNG, JPEG or WebP, else the site's card (an SVG is not shown
// by Facebook, X or LINE), and the site's card on pages without an image.
func TestSharingImageChoice(t *testing.T) {
	site := withExampleTemplates(t, "testdata/lists.txtar")
	var buf bytes.Buffer
	pic := image.NewRGBA(image.Rect(0, 0, 800, 420))
	if err := png.Encode(&buf, pic); err != nil {
		t.Fatal(err)
	}
	site["content/stories/salmon/photo.png"] = &fstest.MapFile{Data: buf.Bytes(), Mode: 0o644}
	site["content/stories/iturn/drawing.svg"] = &fstest.MapFile{Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400"/>`), Mode: 0o644}
	addFrontMatter := func(name, lines string) {
		f := site[name]
		f.Data = []byte(strings.Replace(string(f.Data), "---\n", "---\n"+lines, 1))
	}
	addFrontMatter("content/stories/salmon/index.ja.md", "image: photo.png\nimage_alt: 畑と山の写真\n")
	addFrontMatter("content/stories/salmon/index.en.md", "image_alt: Fields and mountains\n")
	addFrontMatter("content/stories/iturn/index.ja.md", "image: drawing.svg\nimage_alt: 机の絵\n")
	out, err := buildtest.BuildFS(t, site, build.Options{NoMinify: true})
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	u, ok := out.Result.Site.StaticURL("images/share.png")
	if !ok {
		t.Fatal("static/images/share.png, the site's sharing card, is missing")
	}
	card := out.Result.Site.AbsURL(u)
	for _, tt := range []struct{ page, image, alt string }{
		// The photo cut to 1200:630 (800×420 already is), as wide as it is.
		{"stories/salmon/index.html", "_photos/photo.#.1200x630.800w.png", "畑と山の写真"},
		{"en/stories/salmon/index.html", "_photos/photo.#.1200x630.800w.png", "Fields and mountains"},
		{"stories/iturn/index.html", "", "北見市 地方創生テレワーク"},
		{"index.html", "", "北見市 地方創生テレワーク"},
		{"en/companies/index.html", "", "Kitami Telework"},
	} {
		doc := parse(t, out, tt.page)
		img, alt := meta(doc, "og:image"), meta(doc, "og:image:alt")
		want := card
		if tt.image != "" {
			want = out.Result.Site.Config.BaseURL + tt.image
		}
		if len(img) != 1 || buildtest.Unhashed(img[0]) != want {
			t.Errorf("%s: og:image %q, want %q", tt.page, img, want)
		}
		if len(alt) != 1 || !strings.Contains(alt[0], tt.alt) {
			t.Errorf("%s: og:image:alt %q, want it to say %q", tt.page, alt, tt.alt)
		}
		if len(img) == 1 {
			checkSharingImage(t, out, tt.page, img[0], meta(doc, "og:image:type")[0], meta(doc, "og:image:width")[0], meta(doc, "og:image:height")[0])
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
	// With the directory's filters on, so that its script is checked too.
	out, err := buildtest.BuildFS(t, withFilterFrom(t, exampleFS(t), 0), build.Options{})
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
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

// TestTitlesFitSearchResults checks that every page's title, as shown,
// has at most 70 characters, which search engines show whole.
func TestTitlesFitSearchResults(t *testing.T) {
	out := buildExample(t)
	for _, p := range out.Result.Site.Pages {
		name := pageFile(out, p)
		for _, title := range elements(parse(t, out, name), "title") {
			if n := utf8.RuneCountInString(text(title)); n > 70 {
				t.Errorf("%s: the title has %d characters: %q", name, n, text(title))
			}
		}
	}
}
