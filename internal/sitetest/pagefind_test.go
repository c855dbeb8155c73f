package sitetest

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/furusato/furusato/internal/browsertest"
)

// gzipSize is the size of data compressed as a host serves it.
func gzipSize(data []byte) int {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	w.Write(data)
	w.Close()
	return b.Len()
}

// gzipSizes adds up the sizes, gzipped, of the files under dir that
// want.
func gzipSizes(dir string, want func(path string) bool) (n int) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && want(p) {
			data, _ := os.ReadFile(p)
			n += gzipSize(data)
		}
		return err
	})
	return n
}

// isIndexFile tells the files of furusato's search indexes.
func isIndexFile(p string) bool {
	return strings.Contains(filepath.ToSlash(p), "/search/") && strings.HasSuffix(p, ".json")
}

// fetched lists the files of the site that the page in ctx fetched since
// it was loaded, with their size compressed, from the output folder dir.
func fetched(t *testing.T, ctx interface{}, dir string, names []string) int {
	t.Helper()
	total := 0
	for _, n := range names {
		u, err := url.Parse(n)
		if err != nil {
			t.Fatal(err)
		}
		name := u.Path
		if strings.HasSuffix(name, "/") {
			name += "index.html" // a page, fetched for its excerpt
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		total += gzipSize(data)
	}
	return total
}

const resources = `performance.getEntriesByType("resource").map(e => e.name)`

// TestPagefindComparison runs the query set with furusato's search and
// with Pagefind on the same built example site, in Chromium, and reports
// index size, indexing time, the bytes of a first query and hits in the
// first three per language (README, "Search compared with Pagefind").
// Pagefind is not installed in CI: the test skips without it.
func TestPagefindComparison(t *testing.T) {
	pagefind := os.Getenv("FURUSATO_PAGEFIND")
	if pagefind == "" {
		pagefind, _ = exec.LookPath("pagefind")
	}
	if pagefind == "" {
		t.Skip("skipping: Pagefind is missing; install it with: npm install --prefix /tmp/pf pagefind, then set FURUSATO_PAGEFIND=/tmp/pf/node_modules/.bin/pagefind (CI does not run this comparison)")
	}
	ctx := browsertest.New(t)
	out := buildExample(t)
	start := time.Now()
	cmd := exec.Command(pagefind, "--site", out.Dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pagefind: %v\n%s", err, b)
	}
	pfTime := time.Since(start)
	base := serve(t, out)

	ours := gzipSizes(out.Dir, isIndexFile)
	theirs := gzipSizes(filepath.Join(out.Dir, "pagefind"), func(p string) bool {
		return !strings.HasSuffix(p, ".js") && !strings.HasSuffix(p, ".css") && !strings.Contains(p, "wasm")
	})
	theirCode := gzipSizes(filepath.Join(out.Dir, "pagefind"), func(p string) bool { return strings.HasSuffix(p, "pagefind.js") || strings.Contains(p, "wasm") })

	type score struct{ hits, queries, firstBytes int }
	results := map[string]*[2]score{} // lang → furusato, Pagefind
	for _, lang := range []string{"ja", "en"} {
		results[lang] = &[2]score{}
		page := searchURL(out, lang)
		for i, engine := range []string{"furusato", "pagefind"} {
			if err := chromedp.Do(ctx, setView(1280, "light"), chromedp.Navigate(base+page)); err != nil {
				t.Fatal(err)
			}
			before, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](resources))
			if err != nil {
				t.Fatal(err)
			}
			if engine == "pagefind" {
				if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`import("/pagefind/pagefind.js").then(async pf => { window.pf = pf; await pf.init(); })`, chromedp.EvalAwaitPromise)); err != nil {
					t.Fatal(err)
				}
			}
			first := true
			for _, q := range searchQueries(t) {
				if q.lang != lang {
					continue
				}
				var got []string
				if engine == "furusato" {
					for _, r := range search(t, ctx, q.query, "").Results {
						got = append(got, r.URL)
					}
				} else {
					js := fmt.Sprintf(`pf.search(%s).then(r => Promise.all(r.results.slice(0, 3).map(x => x.data()))).then(ds => ds.map(d => d.url))`, jsString(q.query))
					got, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](js, chromedp.EvalAwaitPromise))
					if err != nil {
						t.Fatal(err)
					}
				}
				if first {
					after, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](resources))
					if err != nil {
						t.Fatal(err)
					}
					var names []string
					for _, n := range after {
						if !slices.Contains(before, n) && strings.HasPrefix(n, base) {
							names = append(names, n)
						}
					}
					results[lang][i].firstBytes = fetched(t, ctx, out.Dir, names)
					first = false
				}
				s := &results[lang][i]
				s.queries++
				top := got[:min(3, len(got))]
				ok := true
				for _, want := range q.top3 {
					ok = ok && slices.Contains(top, want)
				}
				if ok {
					s.hits++
				} else if engine == "pagefind" {
					t.Logf("pagefind %s %q: %v, want %v", lang, q.query, top, q.top3)
				}
			}
		}
	}
	var table strings.Builder
	fmt.Fprintf(&table, "| | furusato | Pagefind |\n| --- | --- | --- |\n")
	fmt.Fprintf(&table, "| index, gzip, both languages | %.1f KB | %.1f KB (+ %.1f KB of script and WebAssembly) |\n", float64(ours)/1000, float64(theirs)/1000, float64(theirCode)/1000)
	fmt.Fprintf(&table, "| indexing time | %d ms (in the build) | %d ms (its own run, after the build) |\n", out.Result.Timings.Search.Milliseconds(), pfTime.Milliseconds())
	for _, lang := range []string{"ja", "en"} {
		r := results[lang]
		fmt.Fprintf(&table, "| first query, %s, gzip | %.1f KB | %.1f KB |\n", lang, float64(r[0].firstBytes)/1000, float64(r[1].firstBytes)/1000)
	}
	for _, lang := range []string{"ja", "en"} {
		r := results[lang]
		fmt.Fprintf(&table, "| hits@3, %s | %d of %d | %d of %d |\n", lang, r[0].hits, r[0].queries, r[1].hits, r[1].queries)
	}
	t.Logf("\n%s", table.String())
	for _, lang := range []string{"ja", "en"} {
		if r := results[lang]; r[0].hits < r[1].hits {
			t.Errorf("%s: furusato finds %d of %d, fewer than Pagefind's %d", lang, r[0].hits, r[0].queries, r[1].hits)
		}
	}
}

// TestSearchFirstQueryBytes measures, on a site already built into
// $FURUSATO_SEARCH_SITE (such as bench's 10,000-page site), the bytes
// (gzip) that the first query of a visitor fetches, and how long results
// take once the index files are loaded. It skips without the variable.
//
//	cd bench && go run ./gen -o /tmp/s10k -pages 5000 && furusato build -s /tmp/s10k -o /tmp/o10k
//	FURUSATO_SEARCH_SITE=/tmp/o10k go test ./internal/sitetest -run TestSearchFirstQueryBytes -v
func TestSearchFirstQueryBytes(t *testing.T) {
	dir := os.Getenv("FURUSATO_SEARCH_SITE")
	if dir == "" {
		t.Skip("skipping: set FURUSATO_SEARCH_SITE to a built site's folder to measure its search")
	}
	ctx := browsertest.New(t)
	base := serveDir(t, dir)
	for _, c := range []struct{ page, query string }{
		{"/search/", "北見工業大学"}, {"/search/", "北見"}, {"/search/", "空港"}, {"/search/", "カーリング"},
		{"/en/search/", "subsidies"}, {"/en/search/", "Kitami Institute of Technology"}, {"/en/search/", "airport"},
	} {
		if err := chromedp.Do(ctx, setView(1280, "light"), chromedp.Navigate(base+c.page)); err != nil {
			t.Fatal(err)
		}
		before, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](resources))
		if err != nil {
			t.Fatal(err)
		}
		res := search(t, ctx, c.query, "")
		after, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](resources))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, n := range after {
			if !slices.Contains(before, n) {
				names = append(names, n)
			}
		}
		took, err := chromedp.Run(ctx, chromedp.Evaluate[float64](fmt.Sprintf(`(async () => { const t = performance.now(); await furusatoSearch(%s); return performance.now() - t; })()`, jsString(c.query)), chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s %q: %s, %d files, %.1f KB gzip; again, loaded: %.1f ms", c.page, c.query, res.Status, len(names), float64(fetched(t, ctx, dir, names))/1000, took)
	}
}
