package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/check"
	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/publish"
)

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlags("check", "check [-s SITE_DIR] [--strict] [--format text|json]", stdout)
	siteDir := fl.String("s", ".", "the site `folder`, with site.yaml, content/, templates/ and static/")
	strict := fl.Bool("strict", false, "fail on warnings too (missing translations, empty UI strings)")
	format := fl.String("format", "text", "`text` (file:line: message) or json, for CI tools")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return &usageError{fmt.Sprintf("check takes no arguments, got %q (the site folder is given with -s)", fl.Arg(0)), "check"}
	}
	if *format != "text" && *format != "json" {
		return &usageError{fmt.Sprintf("--format %q: want text or json", *format), "check"}
	}
	opts := build.Options{}
	var err error
	if opts.Site, opts.SiteDir, err = openSite(*siteDir, flagSet(fl, "s"), true, stderr); err != nil {
		return err
	}
	checked, err := checkSite(ctx, opts)
	if err != nil {
		return err
	}
	r := checked.report
	if *format == "json" {
		if err := writeJSON(stdout, r); err != nil {
			return err
		}
	} else {
		for _, p := range r.Problems {
			fmt.Fprintln(stdout, p.String())
		}
	}
	errs, warns := r.Count()
	if *format == "text" {
		if checked.result == nil {
			fmt.Fprintf(stdout, "The site does not build: %s.\n", plural(errs, "error"))
		} else if errs+warns == 0 {
			fmt.Fprintf(stdout, "Checked %d files (%d HTML pages): no problems.\n", checked.nfiles, checked.pages)
		} else {
			fmt.Fprintf(stdout, "Checked %d files (%d HTML pages): %s, %s.\n", checked.nfiles, checked.pages, plural(errs, "error"), plural(warns, "warning"))
		}
		if n := r.Untracked; n > 0 {
			fmt.Fprintf(stdout, "%s not yet marked as up to date with the page they translate, so check cannot say when they fall behind: once they are up to date, run furusato translated --untracked.\n", plural(n, "translation"))
		}
	}
	if r.Failed(*strict) {
		if errs == 0 {
			return errors.New("check --strict: warnings count as errors")
		}
		return fmt.Errorf("check found %s", plural(errs, "error"))
	}
	return nil
}

// checked is a site built in memory and checked.
type checked struct {
	result *build.Result // nil when the build failed
	files  *publish.Memory
	report *check.Report
	pages  int
	nfiles int
}

// checkSite builds the site in memory, once as published and once with
// drafts and future pages (to recognise links to them), and checks it. A
// build that fails gives a report of its errors.
// errCheckInterrupted is checkSite's error when Ctrl+C stopped it.
var errCheckInterrupted = errors.New("interrupted")

func checkSite(ctx context.Context, opts build.Options) (*checked, error) {
	opts.CheckPartials = true
	res, out, err := build.NewBuilder(opts).Memory(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, errCheckInterrupted
		}
		r := &check.Report{}
		if res != nil { // the warnings found before the build stopped
			for _, w := range res.Warnings {
				r.Problems = append(r.Problems, check.Problem{Pos: w.Pos, Severity: check.Warning, Message: w.Msg})
			}
		}
		for _, e := range diag.All(err) {
			r.Problems = append(r.Problems, check.Problem{Pos: e.Pos, Severity: check.Error, Message: e.Msg})
		}
		return &checked{report: r}, nil
	}
	all := opts
	all.Drafts, all.Future = true, true
	in := check.Input{Site: res.Site, Files: out.Files(), Source: opts.Site, Warnings: res.Warnings, Errors: res.Mistakes}
	if res2, _, err := build.NewBuilder(all).Memory(ctx); err == nil {
		in.Unpublished = res2.Site
	}
	if ctx.Err() != nil {
		return nil, errCheckInterrupted
	}
	c := &checked{result: res, files: out, report: check.Run(in), nfiles: res.Files}
	for name := range out.Files() {
		if strings.HasSuffix(name, ".html") {
			c.pages++
		}
	}
	return c, nil
}

type jsonProblem struct {
	File     string   `json:"file,omitempty"`
	Line     int      `json:"line,omitempty"`
	Col      int      `json:"col,omitempty"`
	Severity string   `json:"severity"`
	Message  string   `json:"message"`
	Pages    []string `json:"pages,omitempty"`
}

func writeJSON(w io.Writer, r *check.Report) error {
	errs, warns := r.Count()
	out := struct {
		Errors    int           `json:"errors"`
		Warnings  int           `json:"warnings"`
		Untracked int           `json:"untracked_translations"`
		Problems  []jsonProblem `json:"problems"`
	}{Errors: errs, Warnings: warns, Untracked: r.Untracked, Problems: []jsonProblem{}}
	for _, p := range r.Problems {
		out.Problems = append(out.Problems, jsonProblem{File: p.Pos.File, Line: p.Pos.Line, Col: p.Pos.Col,
			Severity: string(p.Severity), Message: p.Message, Pages: p.Pages})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
