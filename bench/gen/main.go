// Command gen writes a generated bilingual site for benchmarks, so a whole
// build can be timed and its peak memory measured from outside. From the
// bench folder of the repository:
//
//	go run ./gen -o /tmp/site10k -pages 5000
//	(cd .. && go build -o /tmp/furusato ./cmd/furusato)
//	/usr/bin/time -v /tmp/furusato build -s /tmp/site10k -o /tmp/out -q
//
// -pages is the number of pages per language. It takes site.yaml, templates
// and static files from the example site in -from (default: .., the
// repository root seen from bench/).
//
// With -hugo it writes the same pages as a Hugo site instead:
//
//	go run ./gen -hugo -o /tmp/hugo10k -pages 5000
//	hugo --minify -s /tmp/hugo10k -d /tmp/hugo-out
//
// The compare command does both and times the two builds.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/furusato/furusato/bench/hugosite"
	"github.com/furusato/furusato/internal/benchsite"
)

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	var usage usageError
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
		os.Exit(2)
	case errors.As(err, &usage):
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// usageError is a mistake on the command line (exit status 2).
type usageError string

func (e usageError) Error() string { return string(e) }

func run(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("gen", flag.ContinueOnError)
	fl.SetOutput(stderr)
	out := fl.String("o", "", "the folder to write the site to (must not exist)")
	pages := fl.Int("pages", 500, "pages per language")
	from := fl.String("from", "..", "the example site to take site.yaml, templates and static from (the repository root)")
	hugo := fl.Bool("hugo", false, "write the site for Hugo")
	if err := fl.Parse(args); err != nil {
		return usageError(err.Error())
	}
	if *out == "" {
		return usageError("-o is required")
	}
	if _, err := os.Stat(*out); err == nil {
		return usageError(*out + " exists")
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	write, kind := benchsite.Write, "furusato"
	if *hugo {
		write, kind = hugosite.Write, "Hugo"
	}
	if err := write(*out, os.DirFS(*from), *pages); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote a %s site of %d pages per language to %s\n", kind, *pages, *out)
	return nil
}
