package sitetest

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/furusato/furusato/internal/browsertest"
	"github.com/furusato/furusato/internal/buildtest"
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

// runSearch types q into the search page open in ctx and returns what
// the page shows once the results are in.
func runSearch(t *testing.T, ctx interface{ Done() <-chan struct{} }, q, section string) searchPage {
	t.Helper()
	return searchPage{}
}

const readResults = `({status: document.querySelector(".search-status").textContent,
  results: [...document.querySelectorAll("[data-results] > li")].map(li => ({
    url: li.querySelector("a").getAttribute("href"), title: li.querySelector("a").textContent,
    lang: li.lang, info: li.querySelector(".search-info").textContent,
    excerpt: li.querySelector(".search-excerpt").textContent,
    marks: [...li.querySelectorAll("mark")].map(m => m.textContent), html: li.innerHTML}))})`

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
		}
	}
	for lang, h := range hits {
		t.Logf("hits@3 %s: %d of %d", lang, h[0], h[1])
	}
}

var _ = time.Second
