// Command gen writes a generated bilingual site for benchmarks, so a whole
// build can be timed and its peak memory measured from outside:
//
//	go run ./internal/benchsite/gen -o /tmp/site10k -pages 5000
//	/usr/bin/time -v go run ./cmd/furusato build -s /tmp/site10k -o /tmp/out -q
//
// -pages is the number of pages per language. It takes site.yaml, templates
// and static files from the example site in -from (default: the current
// folder, the repository root).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/furusato/furusato/internal/benchsite"
)

func main() {
	out := flag.String("o", "", "the folder to write the site to (must not exist)")
	pages := flag.Int("pages", 500, "pages per language")
	from := flag.String("from", ".", "the example site to take site.yaml, templates and static from")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gen: -o is required")
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(os.Stderr, "gen: %s exists\n", *out)
		os.Exit(2)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if err := benchsite.Write(*out, os.DirFS(*from), *pages); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d pages per language to %s\n", *pages, *out)
}
