package sitetest

import (
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/furusato/furusato"
	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
)

// buildWithExampleTemplates builds the content of a txtar archive with
// the example site's site.yaml, templates and static files.
func buildWithExampleTemplates(t *testing.T, archive string) *buildtest.Output {
	t.Helper()
	out, err := buildtest.BuildFS(t, withExampleTemplates(t, archive), build.Options{NoMinify: true})
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	return out
}

// withExampleTemplates returns the content of a txtar archive with the
// example site's site.yaml, templates and static files, and the example's
// section introductions (content/*/_index.*.md) the archive lacks, so that
// every section the menu names has its list page.
func withExampleTemplates(t *testing.T, archive string) fstest.MapFS {
	t.Helper()
	data, err := os.ReadFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	site := buildtest.FS(string(data))
	err = fs.WalkDir(furusato.Example(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.HasPrefix(p, "content/") {
			if m, _ := path.Match("content/*/_index.*.md", p); !m || site[p] != nil {
				return nil
			}
		}
		b, err := fs.ReadFile(furusato.Example(), p)
		if strings.HasPrefix(p, "content/") {
			// The introduction's front matter only: its text links pages
			// and files of the example that the archive does not have.
			if parts := strings.SplitN(string(b), "---\n", 3); len(parts) == 3 {
				b = []byte("---\n" + parts[1] + "---\n")
			}
		}
		site[p] = &fstest.MapFile{Data: b, Mode: 0o644}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return site
}

// cardTitles returns, for each card or list item with a heading in n, its
// heading's text and the lang attribute of the heading.
func cardTitles(n *html.Node) (titles, langs []string) {
	for _, h := range elements(n, "h3") {
		titles = append(titles, strings.TrimSpace(text(h)))
		l, _ := attr(h, "lang")
		langs = append(langs, l)
	}
	return titles, langs
}

// byClass returns the elements whose class list has c.
func byClass(n *html.Node, c string) []*html.Node {
	return find(n, func(d *html.Node) bool {
		cl, _ := attr(d, "class")
		return slices.Contains(strings.Fields(cl), c)
	})
}

// TestListsShowUntranslatedPages checks that English lists show the pages
// that exist only in Japanese, marked "Japanese only" with lang="ja" on
// their titles, and that Japanese lists mark nothing.
func TestListsShowUntranslatedPages(t *testing.T) {
	out := buildWithExampleTemplates(t, "testdata/lists.txtar")

	companies := parse(t, out, "en/companies/index.html")
	titles, langs := cardTitles(companies)
	if want := []string{"Alpha Inc.", "Beta Co., Ltd.", "ガンマ合同会社"}; !slices.Equal(titles, want) {
		t.Errorf("English directory lists %q, want %q", titles, want)
	}
	if want := []string{"", "", "ja"}; !slices.Equal(langs, want) {
		t.Errorf("English directory: lang of titles %q, want %q", langs, want)
	}
	if n := len(byClass(companies, "lang-only")); n != 1 {
		t.Errorf("English directory marks %d companies as Japanese only, want 1", n)
	}
	out.Contains(t, "en/companies/index.html", `<p class="badge lang-only">Japanese only</p>`, `<a href="/companies/gamma/" hreflang="ja">ガンマ合同会社</a>`)

	out.Contains(t, "en/articles/index.html", `<h3 lang="ja"><a href="/articles/new/" hreflang="ja">新しい記事</a></h3>`, "Japanese only")
	// Its language switcher leads to the English list of its section.
	out.Contains(t, "articles/new/index.html", `<a href="/en/articles/" hreflang="en" lang="en" data-no-translation>English</a>`)
	// The home page's latest news are those written in its language: an
	// English reader does not meet a Japanese-only item first.
	out.Contains(t, "index.html", `<a href="/articles/new/">新しい記事</a>`)
	out.Contains(t, "en/index.html", `<a href="/en/articles/old/">`)
	out.Lacks(t, "en/index.html", "/articles/new/")
	out.Contains(t, "en/stories/index.html", `<h3 lang="ja"><a href="/stories/iturn/" hreflang="ja">千葉からIターン</a></h3>`)
	out.Contains(t, "en/programs/index.html", `<a href="/programs/rent/" lang="ja" hreflang="ja">賃料補助金</a> <span class="badge lang-only">Japanese only</span>`)

	// Feeds and article navigation stay in their language.
	out.Lacks(t, "en/articles/feed.xml", "新しい記事")
	out.Lacks(t, "en/articles/old/index.html", "/articles/new/")
	out.Contains(t, "articles/old/index.html", `<a class="next" rel="next" href="/articles/new/">`)

	for _, f := range []string{"index.html", "companies/index.html", "articles/index.html", "stories/index.html", "programs/index.html"} {
		out.Lacks(t, f, "lang-only", `lang="en"><a`)
	}
}

// withFilterFrom sets filterFrom of the companies section in a site's
// site.yaml, the size from which the directory shows its filters.
func withFilterFrom(t *testing.T, site fstest.MapFS, n int) fstest.MapFS {
	t.Helper()
	yaml := string(site["site.yaml"].Data)
	re := regexp.MustCompile(`(?m)^(    filterFrom: )\d+`)
	if !re.MatchString(yaml) {
		t.Fatal("site.yaml has no filterFrom for companies")
	}
	site["site.yaml"] = &fstest.MapFile{Data: []byte(re.ReplaceAllString(yaml, "${1}"+strconv.Itoa(n))), Mode: 0o644}
	return site
}

// TestDirectoryFilterData checks what the company directory's filters
// work from: every company in the HTML with its industry as a data
// attribute, and the choices with their counts (an industry with no
// company is left out).
func TestDirectoryFilterData(t *testing.T) {
	out, err := buildtest.BuildFS(t, withFilterFrom(t, withExampleTemplates(t, "testdata/lists.txtar"), 3), build.Options{NoMinify: true})
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	for _, tt := range []struct {
		file, all, dx, software string
		cards                   []string // industries, in the order of titles
	}{
		{"companies/index.html", "すべて (3)", "DX・IoT・AI開発 (2)", "ソフトウェア開発 (1)",
			[]string{"dx", "dx", "software"}}, // アルファ, ガンマ, ベータ
		{"en/companies/index.html", "All (3)", "DX, IoT and AI development (2)", "Software development (1)",
			[]string{"dx", "software", "dx"}}, // Alpha, Beta, ガンマ
	} {
		doc := parse(t, out, tt.file)
		var options []string
		for _, o := range elements(doc, "option") {
			v, _ := attr(o, "value")
			options = append(options, v+"="+strings.TrimSpace(text(o)))
		}
		want := []string{"=" + tt.all, "dx=" + tt.dx, "software=" + tt.software}
		if !slices.Equal(options, want) {
			t.Errorf("%s: industry choices %q, want %q", tt.file, options, want)
		}
		var data []string
		for _, li := range byClass(doc, "company-card") {
			ind, _ := attr(li, "data-industry")
			data = append(data, ind)
		}
		if !slices.Equal(data, tt.cards) {
			t.Errorf("%s: cards' industries %q, want %q", tt.file, data, tt.cards)
		}
		// The filters are in the HTML as the page first shows them (the
		// style sheet decides), so that nothing moves when the script runs.
		panel := byClass(doc, "filters")
		if len(panel) != 1 {
			t.Fatalf("%s: %d filter panels", tt.file, len(panel))
		}
		if _, hidden := attr(panel[0], "hidden"); hidden {
			t.Errorf("%s: the filter panel is hidden until its script runs, and the page moves when it does", tt.file)
		}
	}
	// The script is deferred, and named by its content (js/filter.<hash>.js).
	if !regexp.MustCompile(`<script src="/js/filter\.[0-9a-f]{8}\.js" defer></script>`).MatchString(out.Read(t, "en/companies/index.html")) {
		t.Errorf("en/companies/index.html: no deferred, fingerprinted filter script")
	}
	out.Lacks(t, "en/index.html", "filter.")
}

// TestDirectoryFilterOnlyWhenNeeded checks that a directory shorter than
// site.yaml's filterFrom has no filters and loads no script for them,
// and that one as long has them.
func TestDirectoryFilterOnlyWhenNeeded(t *testing.T) {
	for _, tt := range []struct {
		from int
		want bool
	}{{3, true}, {4, false}} {
		out, err := buildtest.BuildFS(t, withFilterFrom(t, withExampleTemplates(t, "testdata/lists.txtar"), tt.from), build.Options{NoMinify: true})
		if err != nil {
			t.Fatalf("build failed:\n%v", err)
		}
		for _, f := range []string{"companies/index.html", "en/companies/index.html"} {
			page := out.Read(t, f)
			if got := strings.Contains(page, `class="filters"`) && strings.Contains(page, "js/filter."); got != tt.want {
				t.Errorf("3 companies, filterFrom %d: %s has filters and their script: %v, want %v", tt.from, f, got, tt.want)
			}
		}
	}
}

// TestCrossLinks checks the links between companies, stories and
// programmes in both directions, in both languages.
func TestCrossLinks(t *testing.T) {
	out := buildWithExampleTemplates(t, "testdata/lists.txtar")

	// A company lists its stories (including one written only in Japanese)
	// and the programmes it uses.
	alpha := parse(t, out, "en/companies/alpha/index.html")
	titles, langs := cardTitles(alpha)
	if want := []string{"Home by the salmon model", "札幌からUターン", "Employment subsidy"}; !slices.Equal(titles, want) {
		t.Errorf("Alpha's page lists %q, want %q", titles, want)
	}
	if want := []string{"", "ja", ""}; !slices.Equal(langs, want) {
		t.Errorf("Alpha's page: lang of titles %q, want %q", langs, want)
	}
	out.Contains(t, "en/companies/alpha/index.html", `<p class="figure"><strong class="nobr">¥200,000</strong><br>per employee a year</p>`, `<dt>Founded</dt>`, `<time datetime="2004-09">September 2004</time>`)
	out.Contains(t, "companies/alpha/index.html", `<p class="figure"><strong class="nobr">20万円</strong><br>1人につき年額</p>`, `<h2 id="company-stories">この企業の事例</h2>`, `<h2 id="company-programs">利用している支援制度</h2>`)

	// A company page written only in Japanese links to the programmes in
	// Japanese.
	out.Contains(t, "companies/gamma/index.html", `href="/programs/hire/"`, `href="/programs/rent/"`, `href="/stories/iturn/"`)

	// A programme lists the companies that use it.
	out.Contains(t, "programs/hire/index.html", `<h2>この制度を利用している企業</h2>`, `<a href="/companies/alpha/">アルファ株式会社</a>`, `<a href="/companies/gamma/">ガンマ合同会社</a>`)
	out.Contains(t, "en/programs/hire/index.html", `<a href="/en/companies/alpha/">Alpha Inc.</a>`, `<a href="/companies/gamma/" lang="ja" hreflang="ja">ガンマ合同会社</a>`,
		`<th scope="row">Amount</th><td>¥200,000</td>`, `<th scope="row">Cap</th><td><strong class="nobr">¥1,000,000</strong><br>Per person, in total</td>`, `<th scope="row">Main conditions</th><td><ul><li>Move to Kitami</li></ul></td>`)

	// A story card names its company, in the reader's language where it
	// exists, and says the kind of move.
	out.Contains(t, "en/stories/index.html",
		`Company: <a href="/en/companies/alpha/">Alpha Inc.</a>`,
		`Company: <a href="/companies/gamma/" lang="ja" hreflang="ja">ガンマ合同会社</a>`,
		`<p class="badge move move-salmon">Salmon model</p>`, `<p class="badge move move-iturn">I-turn</p>`)
	out.Contains(t, "stories/index.html", `勤務先：<a href="/companies/alpha/">アルファ株式会社</a>`, `<p class="badge move move-uturn">Uターン</p>`)
}

// TestDraftsMarkedInLists builds with drafts, as furusato build --drafts
// and the dev server do, and checks that a draft is marked wherever it is
// listed (the home page, its section's list, the programme comparison)
// and on its own page, and that no other entry is.
func TestDraftsMarkedInLists(t *testing.T) {
	site := withExampleTemplates(t, "testdata/lists.txtar")
	drafts := map[string]string{
		"content/articles/plan.ja.md":       "---\ntitle: 準備中の記事\ndate: 2026-11-01\ndraft: true\n---\n準備中。\n",
		"content/companies/delta.ja.md":     "---\ntitle: デルタ株式会社\nindustry: web\ndraft: true\n---\n準備中。\n",
		"content/stories/draft/index.ja.md": "---\ntitle: 準備中の事例\nperson: 社員\nmove: uturn\nweight: 1\ndraft: true\n---\n準備中。\n",
		"content/programs/draft.ja.md":      "---\ntitle: 準備中の制度\nweight: 9\ndraft: true\n---\n準備中。\n",
	}
	for name, text := range drafts {
		site[name] = &fstest.MapFile{Data: []byte(text), Mode: 0o644}
	}
	out, err := buildtest.BuildFS(t, site, build.Options{NoMinify: true, Drafts: true})
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	const mark = "下書き"
	// marked returns the titles of the entries of a list page whose
	// heading (or row heading) carries the draft mark, and how many
	// entries there are.
	marked := func(page, heading string) (titles []string, entries int) {
		t.Helper()
		for _, h := range elements(parse(t, out, page), heading) {
			if len(elements(h, "a")) == 0 {
				continue
			}
			entries++
			if d := byClass(h, "draft"); len(d) > 0 {
				if got := strings.TrimSpace(text(d[0])); got != mark {
					t.Errorf("%s: draft mark %q, want %q", page, got, mark)
				}
				titles = append(titles, strings.TrimSpace(text(elements(h, "a")[0])))
			}
		}
		return titles, entries
	}
	for _, tt := range []struct {
		page, heading string
		want          []string
	}{
		{"index.html", "h3", []string{"準備中の記事", "準備中の事例", "デルタ株式会社"}},
		{"articles/index.html", "h3", []string{"準備中の記事"}},
		{"companies/index.html", "h3", []string{"デルタ株式会社"}},
		{"stories/index.html", "h3", []string{"準備中の事例"}},
		{"programs/index.html", "th", []string{"準備中の制度"}},
	} {
		got, entries := marked(tt.page, tt.heading)
		slices.Sort(got)
		slices.Sort(tt.want)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s marks %q as drafts, want %q", tt.page, got, tt.want)
		}
		if entries <= len(tt.want) {
			t.Errorf("%s lists %d entries: the list should hold pages that are not drafts too", tt.page, entries)
		}
	}
	for _, page := range []string{"articles/plan/index.html", "companies/delta/index.html", "stories/draft/index.html", "programs/draft/index.html"} {
		h1 := elements(parse(t, out, page), "h1")
		if len(h1) != 1 || len(byClass(h1[0], "draft")) != 1 {
			t.Errorf("%s: the title has no draft mark", page)
		}
	}
	for _, page := range []string{"articles/old/index.html", "companies/alpha/index.html"} {
		if n := len(byClass(parse(t, out, page), "draft")); n != 0 {
			t.Errorf("%s is not a draft but has %d draft marks", page, n)
		}
	}
}
