package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/furusato/furusato/internal/assets"
	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/site"
	"github.com/furusato/furusato/internal/translation"
)

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlags("build", "build [-s SITE_DIR] [-o OUT_DIR] [--drafts] [--future] [--date YYYY-MM-DD] [--base-url URL] [--no-minify] [--precompress] [-q]", stdout)
	siteDir := fl.String("s", ".", "the site `folder`, with site.yaml, content/, templates/ and static/")
	out := fl.String("o", "", "the output `folder` (default: public in the site folder); it is replaced as a whole when the build succeeds")
	drafts := fl.Bool("drafts", false, "publish pages marked draft: true")
	future := fl.Bool("future", false, "publish pages whose date is in the future")
	date := fl.String("date", "", "build the site as it is on this `day` (2027-04-01) in the site's time zone: which pages are dated, expired, and whether applications are open")
	baseURL := fl.String("base-url", "", "publish for this `URL` instead of site.yaml's baseURL (e.g. a staging host)")
	noMinify := fl.Bool("no-minify", false, "write HTML, CSS, JS and XML as rendered, without minifying")
	precompress := fl.Bool("precompress", false, "write .gz and .br copies beside each text file (also assets.precompress in site.yaml)")
	quiet := fl.Bool("q", false, "print only problems (errors and warnings), not the summary")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return &usageError{fmt.Sprintf("build takes no arguments, got %q (the site folder is given with -s)", fl.Arg(0)), "build"}
	}
	day, err := parseDateFlag(*date, "build")
	if err != nil {
		return err
	}
	if *baseURL != "" {
		if _, err := config.ParseBaseURL(*baseURL); err != nil {
			return &usageError{"--base-url: " + err.Error(), "build"}
		}
	}
	if *out == "" {
		// Beside the site's own folders, as Hugo and Zola do: building
		// another site (-s mycity) never replaces this folder's public.
		*out = filepath.Join(*siteDir, "public")
	}
	opts := build.Options{Out: *out, Drafts: *drafts, Future: *future, NoMinify: *noMinify, BaseURL: *baseURL, Precompress: *precompress}
	if opts.Site, opts.SiteDir, err = openSite(*siteDir, flagSet(fl, "s"), true, stderr); err != nil {
		return err
	}
	if opts.Now, err = day.at(opts.Site); err != nil {
		return err
	}
	if !*quiet && isTerminal(stderr) {
		opts.Progress = photoProgress(stderr)
	}
	res, err := build.Build(ctx, opts)
	if err != nil && ctx.Err() != nil {
		return errInterrupted
	}
	if err != nil {
		if res != nil { // the warnings before the errors, which main prints
			for _, w := range res.Warnings {
				fmt.Fprintln(stderr, w.Warning())
			}
		}
		return err
	}
	if !*quiet {
		printSummary(ctx, stdout, res, opts.Site, *out, *date)
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, w.Warning())
	}
	return nil
}

// isTerminal reports whether w is a terminal, where progress can be
// shown on one line written over and over.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// photoProgress shows how many photos are made, on one line, at most a
// few times a second; the line is cleared when all are done.
func photoProgress(w io.Writer) func(done, total int) {
	var mu sync.Mutex
	var last time.Time
	return func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		if done == total {
			fmt.Fprint(w, "\r\033[K")
			return
		}
		if time.Since(last) < 200*time.Millisecond {
			return
		}
		last = time.Now()
		fmt.Fprintf(w, "\rphotos: %d of %d…\033[K", done, total)
	}
}

func flagSet(fl *flag.FlagSet, name string) bool {
	found := false
	fl.Visit(func(f *flag.Flag) { found = found || f.Name == name })
	return found
}

// printSummary says what was built: pages per language and section, pages
// without translation, files written and time taken.
func printSummary(ctx context.Context, w io.Writer, res *build.Result, fsys fs.FS, out, day string) {
	s := res.Site
	langs := s.Config.Languages
	counts := map[string][]int{}
	total := make([]int, len(langs))
	for _, p := range s.Pages {
		if p.Kind != site.KindPage {
			continue
		}
		key := p.Section
		if key == "" {
			key = "(pages)"
		}
		if counts[key] == nil {
			counts[key] = make([]int, len(langs))
		}
		counts[key][p.Lang.Index]++
		total[p.Lang.Index]++
	}
	var parts []string
	for i, l := range langs {
		parts = append(parts, fmt.Sprintf("%s %d", l.Code, total[i]))
	}
	fmt.Fprintf(w, "Built %d pages (%s) in %s → %s: %d files, %s\n",
		sum(total), strings.Join(parts, ", "), res.Duration.Round(time.Millisecond), out, res.Files, assets.Size(res.Bytes))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "\t")
	for _, l := range langs {
		fmt.Fprintf(tw, "%s\t", l.Code)
	}
	fmt.Fprintln(tw)
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(tw, "  %s\t", k)
		for _, n := range counts[k] {
			fmt.Fprintf(tw, "%d\t", n)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	if day != "" {
		fmt.Fprintf(w, "As of %s\n", day)
	}
	var expired, future []string
	for _, e := range s.Expired() {
		expired = append(expired, e.File+" (expires: "+e.Expires.Format("2006-01-02")+")")
	}
	for _, f := range s.Future() {
		future = append(future, f.File+" (date: "+f.Expires.Format("2006-01-02")+")")
	}
	listFiles(w, "Expired, left out", expired)
	listFiles(w, "Dated in the future, left out until that day", future)
	listFiles(w, "Drafts, left out", s.Drafts())
	listFiles(w, "Files beside those pages, left out with them", s.LeftWithPages())
	if im := res.Images; im.Made+im.FromCache > 0 {
		fmt.Fprintf(w, "images: %d made, %d from cache", im.Made, im.FromCache)
		if im.Cache != "" {
			fmt.Fprintf(w, " (%s)", im.Cache)
		}
		fmt.Fprintln(w)
	}
	if gps := res.Images.GPS; len(gps) > 0 {
		fmt.Fprintf(w, "Photos that carry the GPS position where they were taken (%d); the published copies do not:\n", len(gps))
		for _, f := range gps {
			fmt.Fprintf(w, "  %s\n", f)
		}
	}
	if un := s.Untranslated(); len(un) > 0 {
		fmt.Fprintf(w, "Not in every language (%d):\n", len(un))
		for _, p := range un {
			var missing []string
			for _, l := range langs {
				if p.Translation(l.Code) == nil {
					missing = append(missing, l.Code)
				}
			}
			fmt.Fprintf(w, "  %s (no %s)\n", p.File, strings.Join(missing, ", "))
		}
	}
	ts, err := translation.Check(ctx, s, fsys)
	if err != nil {
		return // the build was stopped, or a file changed meanwhile
	}
	if n := len(ts.Behind); n > 0 {
		fmt.Fprintf(w, "Translations behind the page they translate: %d (furusato check lists them)\n", n)
	}
	if n := len(ts.Untracked); n > 0 {
		fmt.Fprintf(w, "Translations not yet marked as up to date with the page they translate: %d (once they are, run furusato translated --untracked; then furusato check says when such a page changes)\n", n)
	}
}

// maxListed is how many files a list of the summary names before it
// only counts the rest.
const maxListed = 10

// listFiles prints a list of the summary: its heading with how many,
// then up to maxListed lines.
func listFiles(w io.Writer, heading string, lines []string) {
	if len(lines) == 0 {
		return
	}
	fmt.Fprintf(w, "%s (%d):\n", heading, len(lines))
	for i, l := range lines {
		if i == maxListed {
			fmt.Fprintf(w, "  and %d more\n", len(lines)-i)
			break
		}
		fmt.Fprintf(w, "  %s\n", l)
	}
}

func sum(ns []int) (t int) {
	for _, n := range ns {
		t += n
	}
	return t
}
