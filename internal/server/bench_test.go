package server

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/furusato/furusato/internal/benchsite"
)

// BenchmarkSaveToReload measures what a PR officer waits for: the time from
// saving one page of a generated bilingual site to the reload message
// reaching the browser, through real file-system events, the watcher's
// batching, the rebuild and the event stream. It reports the median and
// the 90th percentile of the edits.
func BenchmarkSaveToReload1000(b *testing.B)  { benchmarkSaveToReload(b, 500) }
func BenchmarkSaveToReload10000(b *testing.B) { benchmarkSaveToReload(b, 5000) }

func benchmarkSaveToReload(b *testing.B, perLang int) {
	dir := b.TempDir()
	if err := benchsite.Write(dir, os.DirFS("../.."), perLang); err != nil {
		b.Fatal(err)
	}
	h := serveDir(b, dir, false)
	events := h.events()
	next(b, events) // the first build's
	page := filepath.Join(dir, "content", "articles", "article-00001.ja.md")
	orig, err := os.ReadFile(page)
	if err != nil {
		b.Fatal(err)
	}
	var times []time.Duration
	i := 0
	for b.Loop() {
		i++
		// A person saves one page, not one a second after another: let
		// the previous save's rebuild end and the watcher go quiet.
		b.StopTimer()
		time.Sleep(300 * time.Millisecond)
		b.StartTimer()
		start := time.Now()
		if err := os.WriteFile(page, fmt.Appendf(slices.Clip(orig), "\n\n追記%d。\n", i), 0o644); err != nil {
			b.Fatal(err)
		}
		for {
			ev := next(b, events)
			if len(ev.Errors) > 0 {
				b.Fatalf("build errors: %v", ev.Errors)
			}
			if len(ev.Pages) > 0 {
				break
			}
		}
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(times[len(times)*9/10].Microseconds())/1000, "p90-ms")
	b.ReportMetric(float64(runtime.GOMAXPROCS(0)), "cores")
}
