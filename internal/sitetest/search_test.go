package sitetest

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/furusato/furusato/internal/browsertest"
	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/site"
)

// searchQuery is one line of testdata/search-queries.txt.
type searchQuery struct {
	lang, query string
	top3        []string // URLs that must be among the first three results
}

func searchQueries(t testing.TB) []searchQuery {
	t.Helper()
	f, err := os.Open("testdata/search-queries.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var qs []searchQuery
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) != 3 {
			t.Fatalf("search-queries.txt: %q: want language, query and URLs, separated by tabs", line)
		}
		qs = append(qs, searchQuery{parts[0], parts[1], strings.Fields(parts[2])})
	}
	return qs
}

// searchResult is what the search page shows of one result.
type searchResult struct {
	URL     string   `json:"url"`
	Title   string   `json:"title"`
	Lang    string   `json:"lang"`
	Info    string   `json:"info"`
	Excerpt string   `json:"excerpt"`
	Marks   []string `json:"marks"`
	HTML    string   `json:"html"`
}

type searchPage struct {
	Status  string         `json:"status"`
	Results []searchResult `json:"results"`
}

const readResults = `({status: document.querySelector(".search-status").textContent,
  results: [...document.querySelectorAll("[data-results] > li")].map(li => ({
    url: li.querySelector("a").getAttribute("href"), title: li.querySelector("a").textContent,
    lang: li.lang, info: li.querySelector(".search-info").textContent,
    excerpt: li.querySelector(".search-excerpt").textContent,
    marks: [...li.querySelectorAll("mark")].map(m => m.textContent), html: li.innerHTML}))})`

// excerptInBody tells, in the browser, whether an excerpt (%[2]s) is
// in the text of the page at %[1]s that its elements marked
// data-search-body hold, spaces, dashes and ellipses aside.
const excerptInBody = `(async () => {
  const doc = new DOMParser().parseFromString(await (await fetch(%[1]s)).text(), "text/html");
  const strip = s => s.replace(/[\s—…]/g, "");
  const body = [...doc.querySelectorAll("[data-search-body]")].map(e => strip(e.textContent)).join("");
  return body !== "" && body.includes(strip(%[2]s));
})()`

func searchURL(out *buildtest.Output, lang string) string {
	for _, ls := range out.Result.Site.Langs {
		if ls.Code == lang && ls.Search != nil {
			return ls.Search.URL
		}
	}
	return ""
}

// TestBrowserSearchQueries runs the query set in Chromium on the example
// site's search pages: each query's pages must be in the first three.
func TestBrowserSearchQueries(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildExample(t)
	base := serve(t, out)
	hits := map[string][2]int{}
	for _, lang := range []string{"ja", "en"} {
		if err := chromedp.Do(ctx, setView(1280, "light"), chromedp.Navigate(base+searchURL(out, lang))); err != nil {
			t.Fatal(err)
		}
		for _, q := range searchQueries(t) {
			if q.lang != lang {
				continue
			}
			res, err := chromedp.Run(ctx, chromedp.Evaluate[searchPage](
				fmt.Sprintf("furusatoSearch(%q).then(() => %s)", q.query, readResults), chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("%s %q: %v", lang, q.query, err)
			}
			var got []string
			for _, r := range res.Results {
				got = append(got, r.URL)
			}
			top := got[:min(3, len(got))]
			h := hits[lang]
			h[1]++
			ok := true
			for _, want := range q.top3 {
				if !slices.Contains(top, want) {
					ok = false
					t.Errorf("%s %q: %s is not in the first three results: %v", lang, q.query, want, got)
				}
			}
			if ok {
				h[0]++
			}
			hits[lang] = h
			if len(res.Results) > 0 && len(res.Results[0].Marks) == 0 && !strings.Contains(res.Results[0].Title, q.query) {
				t.Logf("%s %q: the first result's excerpt marks nothing: %q", lang, q.query, res.Results[0].Excerpt)
			}
			// An excerpt is the page's own text, as the index read it: not
			// what the templates add around it (facts, telephone numbers,
			// buttons).
			for _, r := range res.Results[:min(3, len(res.Results))] {
				in, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(excerptInBody, jsString(r.URL), jsString(r.Excerpt)), chromedp.EvalAwaitPromise))
				if err != nil || !in {
					t.Errorf("%s %q: %s: the excerpt is not the page's text (%v): %q", lang, q.query, r.URL, err, r.Excerpt)
				}
			}
		}
	}
	for lang, h := range hits {
		t.Logf("hits@3 %s: %d of %d", lang, h[0], h[1])
	}
}

// TestSearchIndexSize: the example site's whole index, both languages,
// is at most 30 KB gzipped (issue 15). It holds no text of the pages:
// the search page cuts the excerpts out of the pages themselves.
func TestSearchIndexSize(t *testing.T) {
	out := buildExample(t)
	size := gzipSizes(out.Dir, isIndexFile)
	t.Logf("the example site's search index: %.1f KB gzip, both languages", float64(size)/1000)
	if size > 30_000 {
		t.Errorf("the example site's search index is %d bytes gzip, over 30,000", size)
	}
	// The chunks of pages name them, and hold none of their text.
	chunks := 0
	for _, f := range out.Files(t) {
		if !strings.Contains("/"+f, "/search/d-") {
			continue
		}
		chunks++
		var pages []map[string]string
		if err := json.Unmarshal([]byte(out.Read(t, f)), &pages); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, p := range pages {
			for k := range p {
				if !slices.Contains([]string{"u", "t", "s", "l"}, k) {
					t.Errorf("%s: %s has %q: %.40q", f, p["u"], k, p[k])
				}
			}
		}
	}
	if chunks < 2 {
		t.Errorf("%d chunks of pages, want one per language at least", chunks)
	}
}

// search runs a query on the search page open in ctx, with a section
// filter or "", and returns what the page shows.
func search(t *testing.T, ctx context.Context, q, section string) searchPage {
	t.Helper()
	res, err := chromedp.Run(ctx, chromedp.Evaluate[searchPage](
		fmt.Sprintf("furusatoSearch(%s, %q).then(() => %s)", jsString(q), section, readResults), chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%q: %v", q, err)
	}
	return res
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestBrowserSearchPage checks what the search page shows: the count in
// a polite live region, pages of the other language after the page's
// own and marked, the section filter, queries that are not words, and
// axe with results at a phone's and a laptop's width, light and dark.
func TestBrowserSearchPage(t *testing.T) {
	axe := axeSource(t)
	ctx := browsertest.New(t)
	out := buildExample(t)
	base := serve(t, out)
	en := searchURL(out, "en")
	if err := chromedp.Do(ctx, setView(375, "light"), chromedp.Navigate(base+en+"?q=kitami")); err != nil {
		t.Fatal(err)
	}
	if err := browsertest.Wait(ctx, `document.querySelectorAll("[data-results] > li").length > 0`, 10*time.Second); err != nil {
		t.Fatalf("?q=kitami shows no results: %v", err)
	}
	live, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".search-status").getAttribute("aria-live") + " " + document.querySelector(".search-status").getAttribute("role")`))
	if err != nil || live != "polite status" {
		t.Errorf("the count is in %q, want a polite live region (%v)", live, err)
	}

	// 記者 is only in a page written in Japanese: the English search page
	// lists it after the English pages, marked 日本語.
	res := search(t, ctx, "北見", "")
	if len(res.Results) == 0 {
		t.Fatal("北見 finds nothing in English")
	}
	seenOther := false
	for _, r := range res.Results {
		if r.Lang == "ja" {
			seenOther = true
			if !strings.Contains(r.Info, "日本語") {
				t.Errorf("%s is in Japanese but not marked: %q", r.URL, r.Info)
			}
		} else if seenOther {
			t.Errorf("%s (English) comes after a Japanese page: %v", r.URL, res.Results)
		}
	}
	if !seenOther && jaOnly(out) {
		t.Errorf("北見 finds no Japanese-only page on the English search page: %v", res.Results)
	}
	want := fmt.Sprintf("%d results", len(res.Results))
	if len(res.Results) == 1 {
		want = "1 result"
	}
	if res.Status != want {
		t.Errorf("status %q, want %q", res.Status, want)
	}

	// An English excerpt starts and stops between words, and shows the
	// page's blocks (a heading, the paragraph after it) apart.
	for _, r := range search(t, ctx, "subsidy", "").Results {
		text := strings.TrimSuffix(r.Excerpt, "…")
		if rest, cut := strings.CutPrefix(text, "…"); cut && r.Lang != "ja" {
			word, _, _ := strings.Cut(rest, " ")
			page := out.Read(t, strings.TrimPrefix(r.URL, "/")+"index.html")
			if word != "" && !strings.Contains(page, " "+html.EscapeString(word)) && !strings.Contains(page, ">"+html.EscapeString(word)) {
				t.Errorf("%s: the excerpt starts inside a word, %q: %q", r.URL, word, r.Excerpt)
			}
		}
		if strings.Contains(r.Excerpt, "\n") {
			t.Errorf("%s: the excerpt runs lines together: %q", r.URL, r.Excerpt)
		}
	}

	// The section filter keeps the section's pages only.
	all := search(t, ctx, "subsidy", "")
	programs := search(t, ctx, "subsidy", "programs")
	if len(programs.Results) == 0 || len(programs.Results) >= len(all.Results) {
		t.Errorf("subsidy: %d results, %d in programs", len(all.Results), len(programs.Results))
	}
	for _, r := range programs.Results {
		if !strings.HasPrefix(r.URL, "/en/programs/") {
			t.Errorf("the programs filter shows %s", r.URL)
		}
	}

	// Queries that are not words, or are too long, or hold HTML: no
	// error, and what is typed stays text.
	for _, q := range []string{"", "   ", "!!!???", "🎉🎉", "<img src=x onerror=alert(1)>", `"><script>alert(1)</script>`,
		strings.Repeat("北見", 500), strings.Repeat("a ", 500), "%00%', --"} {
		res := search(t, ctx, q, "")
		for _, r := range res.Results {
			if strings.Contains(r.HTML, "<img") || strings.Contains(r.HTML, "<script") {
				t.Errorf("%.20q: a result holds HTML: %s", q, r.HTML)
			}
		}
		bad, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("main img, main script:not([src])").length`))
		if err != nil || bad != 0 {
			t.Errorf("%.20q: the page holds %d new images or scripts (%v)", q, bad, err)
		}
	}
	if res := search(t, ctx, "", ""); res.Status != "" || len(res.Results) != 0 {
		t.Errorf("an empty query shows %q and %d results", res.Status, len(res.Results))
	}
	if res := search(t, ctx, "🎉", ""); res.Status != "Nothing found. Try fewer words, or other words." {
		t.Errorf("an emoji shows %q", res.Status)
	}

	// A match is marked in the excerpt, in its own element, also far down
	// its page: the excerpt is cut out of the page itself.
	res = search(t, ctx, "researchers", "")
	if len(res.Results) == 0 || !slices.ContainsFunc(res.Results, func(r searchResult) bool { return slices.Contains(r.Marks, "research") }) {
		t.Errorf("researchers: no excerpt marks research: %+v", res.Results)
	}
	res = search(t, ctx, "keyboard", "")
	if i := slices.IndexFunc(res.Results, func(r searchResult) bool { return r.URL == "/en/accessibility/" }); i < 0 || !slices.Contains(res.Results[i].Marks, "keyboard") {
		t.Errorf("keyboard, which the accessibility page has some 1,500 characters down: no excerpt of it marks the word: %+v", res.Results)
	}

	// Only the results on the screen, or just below it, fetch their page
	// for the excerpt at once; the others when they are scrolled to, and
	// room is kept for them until they come: nothing moves (no layout
	// shift) as they come in.
	for _, width := range widths {
		if err := chromedp.Do(ctx, setView(width, "light"), chromedp.Navigate(base+en)); err != nil {
			t.Fatal(err)
		}
		res = search(t, ctx, "kitami", "")
		if n := len(res.Results); n < 20 || res.Results[0].Excerpt == "" || res.Results[n-1].Excerpt != "" {
			t.Fatalf("kitami at %dpx: %d results, the first excerpt %q, the last %q; want 20 or more, the first shown and the last not yet", width, n, res.Results[0].Excerpt, res.Results[n-1].Excerpt)
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](`(() => {
  window.shifted = 0;
  new PerformanceObserver(l => l.getEntries().forEach(e => { if (!e.hadRecentInput) window.shifted += e.value })).observe({type: "layout-shift"});
  document.querySelector("[data-results] > li:last-child").scrollIntoView();
})()`)); err != nil {
			t.Fatal(err)
		}
		if err := browsertest.Wait(ctx, `[...document.querySelectorAll("[data-results] > li .search-excerpt")].slice(-5).every(p => p.textContent !== "")`, 10*time.Second); err != nil {
			t.Errorf("%dpx: the last results' excerpts are not shown once they are scrolled to: %v", width, err)
		}
		shifted, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`new Promise(r => setTimeout(() => r(window.shifted), 300))`, chromedp.EvalAwaitPromise))
		if err != nil || shifted > 0.005 {
			t.Errorf("%dpx: the results moved as the excerpts came in: layout shift %.4f (%v)", width, shifted, err)
		}
	}

	// A search page opened with a query (a link, the box of another
	// page) keeps room for its results: nothing on the screen moves as
	// they come in, the footer included.
	ja := searchURL(out, "ja")
	for _, width := range widths {
		for _, u := range []string{en + "?q=subsidy", ja + "?q=" + url.QueryEscape("北見")} {
			if err := chromedp.Do(ctx, setView(width, "light"), chromedp.Navigate(base+u)); err != nil {
				t.Fatal(err)
			}
			if err := browsertest.Wait(ctx, `document.querySelector("[data-results] > li .search-excerpt:not(:empty)") !== null`, 10*time.Second); err != nil {
				t.Fatalf("%s shows no excerpt: %v", u, err)
			}
			if ls, err := measureLayoutShift(ctx); err != nil || ls.CLS > 0.005 {
				t.Errorf("%s at %dpx: things moved as the results came in: layout shift %.4f %v (%v)", u, width, ls.CLS, ls.Moved, err)
			}
		}
	}

	for _, width := range widths {
		for _, scheme := range []string{"light", "dark"} {
			for _, u := range []string{en + "?q=subsidy", ja + "?q=" + url.QueryEscape("北見")} {
				if err := chromedp.Do(ctx, setView(width, scheme), chromedp.Navigate(base+u)); err != nil {
					t.Fatal(err)
				}
				if err := browsertest.Wait(ctx, `document.querySelectorAll("[data-results] > li").length > 0`, 10*time.Second); err != nil {
					t.Fatalf("%s shows no results: %v", u, err)
				}
				vs, err := runAxe(ctx, axe)
				if err != nil {
					t.Fatal(err)
				}
				for _, v := range vs {
					t.Errorf("%s at %dpx, %s: axe: %s", u, width, scheme, v)
				}
				m, err := measurePage(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if m.ScrollWidth > m.ClientWidth {
					t.Errorf("%s at %dpx scrolls sideways: %v", u, width, m.Overflowing)
				}
			}
		}
	}
	if res := search(t, ctx, "北見", ""); !strings.HasSuffix(res.Status, "件見つかりました") {
		t.Errorf("the Japanese count reads %q", res.Status)
	}

	// Results come from the loaded index within a keystroke's time: logged,
	// not asserted (timings vary with the machine).
	took, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`(async () => { await furusatoSearch("北見工業"); const t = performance.now(); await furusatoSearch("北見工業大学"); return performance.now() - t; })()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("a keystroke with the shards loaded: %.1f ms to results", took)
}

// TestBrowserSearchWithoutJavaScript: with scripts off, each search page
// says in one sentence that search needs JavaScript, and shows none of
// the controls that only the script makes work.
func TestBrowserSearchWithoutJavaScript(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildExample(t)
	base := serve(t, out)
	noScripts := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})
	type seen struct {
		Note    string `json:"note"`    // the note's text, "" when it is not shown
		Filters bool   `json:"filters"` // the section filters are shown
		Results int    `json:"results"`
	}
	for _, lang := range []string{"ja", "en"} {
		u := base + searchURL(out, lang) + "?q=kitami"
		if err := chromedp.Do(ctx, setView(375, "light"), noScripts, chromedp.Navigate(u)); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[seen](`(() => {
			const shown = el => !!el && el.getClientRects().length > 0;
			const note = document.querySelector(".search-page .note");
			return {note: shown(note) ? note.textContent.trim() : "",
				filters: shown(document.querySelector(".search-sections")),
				results: document.querySelectorAll("[data-results] > li").length};
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		sentences := strings.Count(got.Note, "。") + strings.Count(got.Note, ". ") + strings.Count(got.Note, "! ")
		if strings.HasSuffix(got.Note, ".") {
			sentences++
		}
		if got.Note == "" || sentences != 1 {
			t.Errorf("%s without JavaScript: the note reads %q, want one sentence", u, got.Note)
		}
		if got.Filters || got.Results != 0 {
			t.Errorf("%s without JavaScript shows the section filters (%v) or results (%d), which need it", u, got.Filters, got.Results)
		}
	}
}

// TestBrowserSearchCompounds: a compound finds the pages that have it
// whole, a part of one finds it, and a page with the compound's parts in
// other places does not match; text that looks like HTML stays text.
func TestBrowserSearchCompounds(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildWithExampleTemplates(t, "testdata/search.txtar")
	base := serve(t, out)
	urls := func(res searchPage) string {
		var u []string
		for _, r := range res.Results {
			u = append(u, r.URL)
		}
		slices.Sort(u)
		return strings.Join(u, " ")
	}
	if err := chromedp.Do(ctx, setView(1280, "light"), chromedp.Navigate(base+searchURL(out, "ja"))); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]string{
		"新幹線":    "/articles/shinkansen/",
		"新幹":     "/articles/apart/ /articles/shinkansen/",
		"幹線道路":   "/articles/apart/",
		"工業大学":   "/articles/university/",
		"見本工業大学": "/articles/university/",
		"工業":     "/articles/apart2/ /articles/university/",
		"大学":     "/articles/apart2/ /articles/university/",
	} {
		if got := urls(search(t, ctx, q, "")); got != want {
			t.Errorf("%s finds %q, want %q", q, got, want)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+searchURL(out, "en"))); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"onerror", "<script>", "script tags"} {
		res := search(t, ctx, q, "")
		if got := urls(res); got != "/en/articles/html/" {
			t.Errorf("%s finds %q, want the sample page", q, got)
			continue
		}
		r := res.Results[0]
		if r.Title != "A sample about <script> tags" || strings.Contains(r.HTML, "<img") || strings.Contains(r.HTML, "<script") {
			t.Errorf("%s: the result is not shown as text: %s", q, r.HTML)
		}
	}
}

// jaOnly reports whether the example has a page in Japanese only, which
// an English search for 北見 must then find, after the English pages.
func jaOnly(out *buildtest.Output) bool {
	for _, p := range out.Result.Site.Pages {
		if p.Lang.Code == "ja" && p.Kind == site.KindPage && len(p.Translations) == 0 {
			return true
		}
	}
	return false
}

// TestBrowserSearchMarks: a result shows where the query is. Its title
// marks the query where the title holds it (補助金 may be in a title only),
// and the first mark of its excerpt is within the three lines the excerpt
// shows, on a phone too, for every query of the query set.
func TestBrowserSearchMarks(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildExample(t)
	base := serve(t, out)
	type shown struct {
		URL        string   `json:"url"`
		Title      string   `json:"title"`
		TitleMarks []string `json:"titleMarks"`
		Excerpt    string   `json:"excerpt"`
		Marks      int      `json:"marks"`
		Hidden     bool     `json:"hidden"` // the excerpt's first mark is cut off by its clamp
	}
	const read = `[...document.querySelectorAll("[data-results] > li")].slice(0, 8).map(li => {
  const p = li.querySelector(".search-excerpt"), m = p.querySelector("mark");
  const pr = p.getBoundingClientRect(), mr = m ? m.getBoundingClientRect() : null;
  return {url: li.querySelector("a").getAttribute("href"), title: li.querySelector("h2").textContent,
    titleMarks: [...li.querySelectorAll("h2 mark")].map(m => m.textContent),
    excerpt: p.textContent, marks: p.querySelectorAll("mark").length,
    hidden: !!mr && (mr.top < pr.top - 1 || mr.bottom > pr.bottom + 1)};
})`
	titleMarked := 0
	for _, width := range widths {
		for _, lang := range []string{"ja", "en"} {
			if err := chromedp.Do(ctx, setView(width, "light"), chromedp.Navigate(base+searchURL(out, lang))); err != nil {
				t.Fatal(err)
			}
			for _, q := range searchQueries(t) {
				if q.lang != lang {
					continue
				}
				got, err := chromedp.Run(ctx, chromedp.Evaluate[[]shown](
					fmt.Sprintf("furusatoSearch(%s).then(() => %s)", jsString(q.query), read), chromedp.EvalAwaitPromise))
				if err != nil {
					t.Fatalf("%s %q: %v", lang, q.query, err)
				}
				for _, r := range got {
					if r.Hidden {
						t.Errorf("%s %q at %dpx: %s: the excerpt's first mark is below the three lines shown: %q", lang, q.query, width, r.URL, r.Excerpt)
					}
					if strings.Contains(strings.ToLower(r.Title), strings.ToLower(q.query)) {
						if len(r.TitleMarks) == 0 {
							t.Errorf("%s %q: %s: the title %q holds the query but marks nothing", lang, q.query, r.URL, r.Title)
						}
						titleMarked++
					}
				}
			}
		}
	}
	if titleMarked == 0 {
		t.Error("no result's title held its query: the test checks nothing")
	}
}
