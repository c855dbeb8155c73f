package sitetest

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/furusato/furusato/internal/benchsite"
	"github.com/furusato/furusato/internal/browsertest"
	"github.com/furusato/furusato/internal/build"
)

// BenchmarkSearchKeystroke10000 measures the time from a keystroke to
// the results on the search page of a 10,000-page site (5,000 pages per
// language, the build benchmarks' site) in Chromium, once the shards the
// queries need are loaded: each iteration types the next of a few
// queries that grow as a visitor types them, in both languages.
//
//	go test -run '^$' -bench SearchKeystroke ./internal/sitetest
func BenchmarkSearchKeystroke10000(b *testing.B) {
	dir := b.TempDir()
	if err := benchsite.Write(dir, os.DirFS("../.."), 5000); err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "public")
	if _, err := build.Build(context.Background(), build.Options{Site: os.DirFS(dir), SiteDir: dir, Out: out}); err != nil {
		b.Fatal(err)
	}
	ctx := browsertest.New(b)
	base := serveDir(b, out)
	for _, lang := range []struct {
		page    string
		queries []string
	}{
		{"/search/", []string{"北見", "北見工", "北見工業", "補助", "補助金", "テレワーク"}},
		{"/en/search/", []string{"sub", "subsid", "subsidy", "kitami", "kitami off", "kitami office"}},
	} {
		b.Run(lang.page, func(b *testing.B) {
			if err := chromedp.Do(ctx, chromedp.Navigate(base+lang.page)); err != nil {
				b.Fatal(err)
			}
			// Each query once, to load its shards.
			for _, q := range lang.queries {
				if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](`furusatoSearch(`+jsString(q)+`)`, chromedp.EvalAwaitPromise)); err != nil {
					b.Fatal(err)
				}
			}
			var total float64
			i := 0
			for b.Loop() {
				q := lang.queries[i%len(lang.queries)]
				i++
				ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`(async () => { const t = performance.now(); await furusatoSearch(`+jsString(q)+`); return performance.now() - t; })()`, chromedp.EvalAwaitPromise))
				if err != nil {
					b.Fatal(err)
				}
				total += ms
			}
			b.ReportMetric(total/float64(i), "ms/keystroke")
			b.ReportMetric(float64(runtime.GOMAXPROCS(0)), "cores")
		})
	}
}
