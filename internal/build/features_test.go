package build_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
)

func TestBOMAndCRLF(t *testing.T) {
	fsys := basicWith(t, map[string]string{
		"content/about.ja.md": "\ufeff---\r\ntitle: 北見について\r\n---\r\n北見市は\r\nオホーツクの中心です。\r\n",
	})
	out, err := buildtest.BuildFS(t, fsys, build.Options{NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	out.Contains(t, "about/index.html", "<h1>北見について</h1>", "<p>北見市はオホーツクの中心です。</p>")
}

func TestTOMLFrontMatter(t *testing.T) {
	fsys := basicWith(t, map[string]string{
		"content/programs/employment.ja.md": "+++\ntitle = \"雇用補助金\"\namount = 200000\n+++\n本文\n",
	})
	out, err := buildtest.BuildFS(t, fsys, build.Options{NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	out.Contains(t, "programs/employment/index.html", "<h1>雇用補助金</h1>", `<p class="amount">20万円</p>`)
	out.Contains(t, "en/programs/employment/index.html", `<p class="amount">¥200,000</p>`)

	fsys = basicWith(t, map[string]string{
		"content/programs/employment.ja.md": "+++\ntitle = \"雇用補助金\"\namount = \"たくさん\"\n+++\n",
	})
	_, err = buildtest.BuildFS(t, fsys, build.Options{})
	if err == nil || !strings.Contains(err.Error(), "content/programs/employment.ja.md:3:1: front matter: amount: want an amount in yen") {
		t.Errorf("want a positioned TOML type error, got %v", err)
	}
}

func TestTranslationInheritsFields(t *testing.T) {
	out := buildtest.MustBuild(t, readArchive(t, "basic.txtar"), build.Options{NoMinify: true})
	// kaname.en.md sets only its title: founded, industry and programs come
	// from kaname.ja.md, shown in English.
	out.Contains(t, "en/companies/kaname/index.html",
		`<dd class="founded">July 2010</dd>`,
		`<dd class="industry">IT</dd>`,
		`<a href="/en/programs/employment/">Employment subsidy</a>`,
		`<a class="story" href="/en/stories/salmon/">An engineer back under the salmon model</a>`)
	// The English article inherits its date, so it sorts and shows like the Japanese one.
	out.Contains(t, "en/articles/one/index.html", `<p class="date">January 10, 2026</p>`)
	out.Contains(t, "articles/one/index.html", `<p class="date">2026年1月10日</p>`)
}

func TestLanguageSwitcher(t *testing.T) {
	out := buildtest.MustBuild(t, readArchive(t, "basic.txtar"), build.Options{NoMinify: true})
	// A page with a translation links to it; one without links to the
	// other language's list of its section.
	out.Contains(t, "about/index.html", `<a class="lang" href="/en/about/" data-exists="true">English</a>`,
		`<link rel="alternate" hreflang="en" href="https://example.jp/en/about/">`)
	out.Contains(t, "articles/two/index.html", `<a class="lang" href="/en/articles/" data-exists="false">English</a>`)
	out.Lacks(t, "articles/two/index.html", `hreflang="en"`)
	out.Contains(t, "en/index.html", `<html lang="en">`)
	out.Contains(t, "index.html", `<html lang="ja">`)
}

func TestDraftsAndFuturePages(t *testing.T) {
	out := buildtest.MustBuild(t, readArchive(t, "basic.txtar"), build.Options{NoMinify: true})
	for _, f := range []string{"articles/draft/index.html", "articles/future/index.html"} {
		if out.Exists(f) {
			t.Errorf("%s published without --drafts/--future", f)
		}
	}
	out.Lacks(t, "sitemap.xml", "/articles/draft/", "/articles/future/")
	out = buildtest.MustBuild(t, readArchive(t, "basic.txtar"), build.Options{NoMinify: true, Drafts: true, Future: true})
	out.Contains(t, "articles/draft/index.html", "<h1>下書き</h1>")
	out.Contains(t, "articles/future/index.html", "<h1>未来</h1>")
}

func TestRawHTML(t *testing.T) {
	page := "---\ntitle: 北見\n---\n<script>alert(1)</script>\n\n<b>太字</b>\n"
	out, err := buildtest.BuildFS(t, basicWith(t, map[string]string{"content/about.ja.md": page}), build.Options{NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	out.Lacks(t, "about/index.html", "<script>alert", "<b>太字</b>")
	fsys := basicWith(t, map[string]string{"content/about.ja.md": page})
	fsys["site.yaml"].Data = []byte(strings.Replace(string(fsys["site.yaml"].Data), "paginate: 2", "paginate: 2\nmarkdown: {rawHTML: true}", 1))
	out, err = buildtest.BuildFS(t, fsys, build.Options{NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	out.Contains(t, "about/index.html", "<b>太字</b>")
}

func TestTitlesAreEscaped(t *testing.T) {
	page := "---\ntitle: \"<script>alert(1)</script>\"\n---\n本文\n"
	out, err := buildtest.BuildFS(t, basicWith(t, map[string]string{"content/about.ja.md": page}), build.Options{NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	out.Lacks(t, "about/index.html", "<script>alert")
	out.Contains(t, "about/index.html", "&lt;script&gt;alert(1)&lt;/script&gt;")
}

var ldJSON = regexp.MustCompile(`(?s)<script type="?application/ld\+json"?>(.*?)</script>`)

func TestJSONLDSurvivesMinify(t *testing.T) {
	out := buildtest.MustBuild(t, readArchive(t, "basic.txtar"), build.Options{})
	for _, f := range out.Files(t) {
		if !strings.HasSuffix(f, ".html") {
			continue
		}
		m := ldJSON.FindStringSubmatch(out.Read(t, f))
		if m == nil {
			t.Errorf("%s: no JSON-LD", f)
			continue
		}
		var v map[string]any
		if err := json.Unmarshal([]byte(m[1]), &v); err != nil {
			t.Errorf("%s: JSON-LD does not parse after minification: %v\n%s", f, err, m[1])
		}
	}
}

func TestSummaryAndReadingTime(t *testing.T) {
	long := strings.Repeat("北見市はオホーツク地域の中心都市です。", 40)
	fsys := basicWith(t, map[string]string{
		"content/articles/one.ja.md": "---\ntitle: 一つ目\ndate: 2026-01-10\n---\n" + long + "\n",
		"content/articles/one.en.md": "---\ntitle: First\n---\n" + strings.Repeat("Kitami is the centre of the Okhotsk region. ", 100) + "\n",
	})
	out, err := buildtest.BuildFS(t, fsys, build.Options{NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	// 760 characters at 500 a minute; 800 words at 220 a minute.
	out.Contains(t, "articles/one/index.html", `<p class="rt">2分</p>`)
	out.Contains(t, "en/articles/one/index.html", `<p class="rt">4 min</p>`)
	// Summaries end on a sentence.
	home := out.Read(t, "index.html")
	if !strings.Contains(home, `<p class="summary">`+strings.Repeat("北見市はオホーツク地域の中心都市です。", 6)+`</p>`) {
		t.Errorf("Japanese summary does not end on a sentence boundary:\n%s", home)
	}
	en := out.Read(t, "en/index.html")
	if !regexp.MustCompile(`<p class="summary">(Kitami is the centre of the Okhotsk region\. ?)+</p>`).MatchString(en) {
		t.Errorf("English summary does not end on a sentence boundary:\n%s", en)
	}
}

// TestDeterministic builds the same site twice and compares every byte.
func TestDeterministic(t *testing.T) {
	a := buildtest.MustBuild(t, readArchive(t, "basic.txtar"), build.Options{})
	b := buildtest.MustBuild(t, readArchive(t, "basic.txtar"), build.Options{})
	fa, fb := a.Files(t), b.Files(t)
	if strings.Join(fa, "\n") != strings.Join(fb, "\n") {
		t.Fatalf("file lists differ:\n%v\n%v", fa, fb)
	}
	for _, f := range fa {
		if a.Read(t, f) != b.Read(t, f) {
			t.Errorf("%s differs between two builds", f)
		}
	}
}

// TestFailedBuildKeepsOutput checks that the output is replaced as a whole
// on success and not touched at all on failure.
func TestFailedBuildKeepsOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := buildtest.BuildFS(t, basicWith(t, nil), build.Options{Out: out}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, out)
	broken := basicWith(t, map[string]string{"content/about.ja.md": "---\ntitle: [\n---\n"})
	if _, err := buildtest.BuildFS(t, broken, build.Options{Out: out}); err == nil {
		t.Fatal("broken site built")
	}
	if after := snapshot(t, out); after != before {
		t.Error("a failed build changed the output")
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("a failed build left files beside the output: %v", entries)
	}
	// A page removed from content disappears from the output.
	gone := basicWith(t, map[string]string{"content/articles/three.ja.md": ""})
	if _, err := buildtest.BuildFS(t, gone, build.Options{Out: out}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "articles/three/index.html")); err == nil {
		t.Error("a removed page is still in the output")
	}
}

func TestRefusesForeignOutput(t *testing.T) {
	out := t.TempDir()
	if err := os.WriteFile(filepath.Join(out, "precious.txt"), []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := buildtest.BuildFS(t, basicWith(t, nil), build.Options{Out: out})
	if err == nil || !strings.Contains(err.Error(), "already has files that furusato did not write") {
		t.Fatalf("want a refusal, got %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "precious.txt")); string(data) != "keep" {
		t.Error("the folder was changed")
	}
}

func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b bytes.Buffer
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		b.WriteString(p + "\n")
		b.Write(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestTranslationKeyAndSlugs(t *testing.T) {
	fsys := basicWith(t, map[string]string{
		"content/about.en.md":        "",
		"content/kitami-en.en.md":    "---\ntitle: About Kitami\ntranslationKey: about\nslug: about-kitami\n---\nBody\n",
		"content/about.ja.md":        "---\ntitle: 北見について\ntranslationKey: about\n---\n本文\n",
		"content/articles/one.en.md": "---\ntitle: First\nslug: first-article\n---\nBody\n",
	})
	out, err := buildtest.BuildFS(t, fsys, build.Options{NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	out.Contains(t, "about/index.html", `<a class="lang" href="/en/about-kitami/" data-exists="true">English</a>`)
	out.Contains(t, "en/about-kitami/index.html", `<a class="lang" href="/about/" data-exists="true">日本語</a>`)
	out.Contains(t, "en/articles/first-article/index.html", "<h1>First</h1>")
	out.Contains(t, "articles/one/index.html", `href="/en/articles/first-article/"`)
	out.Contains(t, "sitemap.xml", `<xhtml:link rel="alternate" hreflang="en" href="https://example.jp/en/about-kitami/"/>`)
}

func TestStaticFileAndPageCollide(t *testing.T) {
	fsys := basicWith(t, map[string]string{"static/about/index.html": "<p>static</p>"})
	_, err := buildtest.BuildFS(t, fsys, build.Options{})
	if err == nil || !strings.Contains(err.Error(), "static/about/index.html: clashes with the page about/index.html that furusato writes; rename or remove one of them") {
		t.Errorf("want a collision error, got %v", err)
	}
}

func TestStaticFilesAreCopied(t *testing.T) {
	fsys := basicWith(t, map[string]string{
		"static/css/site.css":   "body {  color : red ; }\n",
		"static/files/plan.pdf": "%PDF-1.4 binary",
		"static/.DS_Store":      "junk",
	})
	out, err := buildtest.BuildFS(t, fsys, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := out.Read(t, "css/site.css"); got != "body{color:red}" {
		t.Errorf("minified CSS = %q", got)
	}
	if got := out.Read(t, "files/plan.pdf"); got != "%PDF-1.4 binary" {
		t.Errorf("PDF = %q", got)
	}
	if out.Exists(".DS_Store") {
		t.Error("hidden files are published")
	}
	out, err = buildtest.BuildFS(t, fsys, build.Options{NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := out.Read(t, "css/site.css"); got != "body {  color : red ; }\n" {
		t.Errorf("CSS with --no-minify = %q", got)
	}
}

// TestSitemapIsValidXML reads the sitemap as a search engine would, minified
// and not, with a title and URL that need escaping.
func TestSitemapIsValidXML(t *testing.T) {
	fsys := basicWith(t, map[string]string{
		"content/articles/one.en.md": "---\ntitle: First & <best>\nslug: first&best\n---\nBody\n",
	})
	for _, noMinify := range []bool{false, true} {
		out, err := buildtest.BuildFS(t, fsys, build.Options{NoMinify: noMinify})
		if err != nil {
			t.Fatal(err)
		}
		var set struct {
			URLs []struct {
				Loc     string `xml:"loc"`
				Lastmod string `xml:"lastmod"`
				Links   []struct {
					Hreflang string `xml:"hreflang,attr"`
					Href     string `xml:"href,attr"`
				} `xml:"http://www.w3.org/1999/xhtml link"`
			} `xml:"url"`
		}
		if err := xml.Unmarshal([]byte(out.Read(t, "sitemap.xml")), &set); err != nil {
			t.Fatalf("minified %v: %v", !noMinify, err)
		}
		found := false
		for _, u := range set.URLs {
			if u.Loc == "https://example.jp/articles/one/" {
				found = true
				var langs []string
				for _, l := range u.Links {
					langs = append(langs, l.Hreflang+"="+l.Href)
				}
				want := []string{"ja=https://example.jp/articles/one/", "en=https://example.jp/en/articles/first-and-best/", "x-default=https://example.jp/articles/one/"}
				if !slices.Equal(langs, want) || u.Lastmod != "2026-01-10" {
					t.Errorf("minified %v: %s: alternates %v, lastmod %q", !noMinify, u.Loc, langs, u.Lastmod)
				}
			}
		}
		if !found || len(set.URLs) < 10 {
			t.Errorf("minified %v: %d URLs, article one found: %v", !noMinify, len(set.URLs), found)
		}
	}
}

// TestFeedLinksAreAbsolute checks that a feed entry's links and images
// work in a feed reader, away from the site.
func TestFeedLinksAreAbsolute(t *testing.T) {
	fsys := basicWith(t, map[string]string{
		"content/articles/one.ja.md": "---\ntitle: 一つ目\ndate: 2026-01-10\n---\n[北見について](../about.ja.md)と[要](../companies/kaname.ja.md)。注[^1]\n\n![畑](/stories/salmon/photo.svg)\n\n[^1]: 注の本文。\n",
	})
	out, err := buildtest.BuildFS(t, fsys, build.Options{NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	out.Contains(t, "articles/feed.xml", `href=&#34;https://example.jp/about/&#34;`, `href=&#34;https://example.jp/companies/kaname/&#34;`,
		`src=&#34;https://example.jp/stories/salmon/photo.svg&#34;`, `href=&#34;https://example.jp/articles/one/#fn:1&#34;`)
	out.Lacks(t, "articles/feed.xml", `href=&#34;/`, `src=&#34;/`, `href=&#34;#`)
	// The page itself keeps its short links.
	out.Contains(t, "articles/one/index.html", `href="/about/"`)
}

// TestReservedIDsSetting checks that site.yaml can reserve IDs its
// templates use, besides the usual ones.
func TestReservedIDsSetting(t *testing.T) {
	fsys := basicWith(t, map[string]string{
		"site.yaml":           strings.Replace(readSiteYAML(t), "paginate: 2\n", "paginate: 2\nmarkdown: {reservedIDs: [map]}\n", 1),
		"content/about.en.md": "---\ntitle: About\n---\n## Map\n\n## Main\n",
	})
	out, err := buildtest.BuildFS(t, fsys, build.Options{NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	out.Contains(t, "en/about/index.html", `<h2 id="map-1">Map</h2>`, `<h2 id="main-1">Main</h2>`)
}

// TestLinkQueryAndFragment checks that a link to a page or a file keeps
// its query and fragment when it is rewritten.
func TestLinkQueryAndFragment(t *testing.T) {
	fsys := basicWith(t, map[string]string{
		"content/about.en.md": "---\ntitle: About\n---\n[a](articles/one.en.md?x=1), [b](articles/one.en.md?x=1&y=2#top), [c](companies/kaname.en.md#staff), [d](stories/salmon/photo.svg?v=2)\n",
	})
	out, err := buildtest.BuildFS(t, fsys, build.Options{NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	out.Contains(t, "en/about/index.html", `href="/en/articles/one/?x=1"`, `href="/en/articles/one/?x=1&amp;y=2#top"`,
		`href="/en/companies/kaname/#staff"`, `href="/stories/salmon/photo.svg?v=2"`)
}

// TestJapaneseLineBreaks checks a Japanese page that mixes English and
// Japanese across lines: the line break before a link or code span stays a
// space after English words and is dropped between Japanese characters,
// in the page and in its summary on the home page and in the feed.
func TestJapaneseLineBreaks(t *testing.T) {
	fsys := basicWith(t, map[string]string{
		"content/articles/one.ja.md": "---\ntitle: 一つ目\ndate: 2026-01-10\n---\n" +
			"詳しくは\n[北見について](../about.ja.md)をご覧ください。\nEnglish speakers can\nsee\n[the company page](../companies/kaname.ja.md) and\n`site.yaml`\nfirst.\n",
	})
	out, err := buildtest.BuildFS(t, fsys, build.Options{NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	out.Contains(t, "articles/one/index.html",
		"<p>詳しくは<a href=\"/about/\">北見について</a>をご覧ください。English speakers can\nsee\n<a href=\"/companies/kaname/\">the company page</a> and\n<code>site.yaml</code>\nfirst.</p>")
	summary := "詳しくは北見についてをご覧ください。English speakers can see the company page and site.yaml first."
	out.Contains(t, "index.html", `<p class="summary">`+summary+`</p>`)
	out.Contains(t, "articles/feed.xml", "<summary>"+summary+"</summary>")
}
