package build_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/furusato/furusato/internal/benchsite"
	"github.com/furusato/furusato/internal/build"
)

// The repository root holds the example site whose site.yaml, templates and
// static files the generated sites use.
const repoRoot = "../.."

func benchmarkBuild(b *testing.B, perLang int) {
	dir := b.TempDir()
	if err := benchsite.Write(dir, os.DirFS(repoRoot), perLang); err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "public")
	opts := build.Options{Site: os.DirFS(dir), SiteDir: dir, Out: out}
	var res *build.Result
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		var err error
		if res, err = build.Build(context.Background(), opts); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	pages := 0
	for _, p := range res.Site.Pages {
		if p.Source() != nil {
			pages++
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(pages), "ms/page")
	b.ReportMetric(float64(pages), "pages")
	reportTimings(b, res.Timings)
	b.ReportMetric(float64(runtime.GOMAXPROCS(0)), "cores")
}

// BenchmarkBuild1000 is a clean build of 1,000 pages (500 per language).
func BenchmarkBuild1000(b *testing.B) { benchmarkBuild(b, 500) }

// BenchmarkBuild10000 is a clean build of 10,000 pages (5,000 per language).
func BenchmarkBuild10000(b *testing.B) { benchmarkBuild(b, 5000) }
