// Command compare times clean builds of the same generated bilingual site
// by furusato and by Hugo, and prints the median wall time, the peak
// memory (maximum resident set size) of each, and their ratios:
//
//	go run ./compare              # 10,000 pages
//	go run ./compare -large       # and 100,000 pages
//
// Run it from the bench folder of the repository, on a quiet machine. It
// needs hugo on the PATH (Debian: apt-get install hugo) and fails at once
// without it.
//
// It builds furusato into a binary first, in the repository root (-from,
// by default ..), where furusato's module and PGO profile apply, writes both
// sites (see benchsite.Write and hugosite.Write) into a temporary folder in
// -work, then runs each clean build -runs times, alternating furusato and
// Hugo, each into a new output folder on the same disk, after writing to
// disk what the system holds of earlier writes (sync), so that no run pays
// for the one before it; the outputs are deleted after the last run (in
// memory, as /dev/shm is, after each). A
// first build of each (-warmup) is not counted: it pays for writing the
// sites, and reads them from disk where the others find them in memory:
//
//	furusato build -s SITE -o OUT -q
//	hugo --minify --quiet -s SITE -d OUT --cacheDir TEMP/hugo-cache
//
// Wall time is measured around the process; peak memory is the process's
// maximum resident set size as the kernel reports it when it ends. The
// HTML pages of each output are counted (leaving out Hugo's redirect
// pages), to show both made the same site. With -large it also builds
// 50,000 pages per language (-large-pages) and prints the ratio of
// furusato's 100,000-page time to its 10,000-page time.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/furusato/furusato/bench/hugosite"
	"github.com/furusato/furusato/bench/photos"
	"github.com/furusato/furusato/internal/benchsite"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("compare", flag.ContinueOnError)
	fl.SetOutput(stderr)
	perLang := fl.Int("pages", 5000, "pages per language")
	runs := fl.Int("runs", 3, "clean builds of each generator")
	warmup := fl.Int("warmup", 1, "builds of each generator before the measured runs, not counted")
	large := fl.Bool("large", false, "also compare at 100,000 pages (50,000 per language)")
	largePerLang := fl.Int("large-pages", 50000, "pages per language for -large")
	hugo := fl.String("hugo", "hugo", "the hugo command")
	from := fl.String("from", "..", "the repository root: the example site's site.yaml, templates and static, and furusato's module")
	work := fl.String("work", os.TempDir(), "the folder for the sites and outputs (same disk for both)")
	keep := fl.Bool("keep", false, "keep the generated sites")
	images := fl.Int("images", 0, "compare image processing instead: `N` phone photos, one per page (see images.go)")
	photoSize := fl.String("photo-size", fmt.Sprintf("%dx%d", photos.Phone.W, photos.Phone.H), "the photos' `WxH`")
	photoDir := fl.String("photos", "", "keep the generated photos in this `folder` for the next run (default: in the work folder)")
	theme := fl.String("theme", "bare", "for -images, furusato's pages: bare (a title and the photo) or example (the example site's theme and pages, and an article in both languages per photo; see images.go)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *runs < 1 || *perLang < 1 || *images < 0 {
		return errors.New("-runs and -pages must be at least 1")
	}
	if *theme != "bare" && *theme != "example" {
		return fmt.Errorf("-theme %q: want bare or example", *theme)
	}
	if *theme == "example" && *warmup < 1 {
		// furusato-none would be timed making them.
		return errors.New("-theme example needs -warmup 1 or more: the pages without the photos still show the example's own, which the first build makes")
	}
	var size photos.Size
	if _, err := fmt.Sscanf(*photoSize, "%dx%d", &size.W, &size.H); err != nil || size.W < 16 || size.H < 16 {
		return fmt.Errorf("-photo-size %q: want WxH, such as 4032x3024", *photoSize)
	}
	hugoPath, err := exec.LookPath(*hugo)
	if err != nil {
		return fmt.Errorf("hugo is not installed (%v); install it, on Debian with: apt-get install hugo", err)
	}
	hugoVersion, err := exec.CommandContext(ctx, hugoPath, "version").Output()
	if err != nil {
		return fmt.Errorf("%s version: %w", hugoPath, err)
	}

	dir, err := os.MkdirTemp(*work, "furusato-compare-")
	if err != nil {
		return err
	}
	if *keep {
		fmt.Fprintln(stdout, "sites in", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	furusato := filepath.Join(dir, "furusato")
	build := exec.CommandContext(ctx, "go", "build", "-o", furusato, "github.com/furusato/furusato/cmd/furusato")
	build.Dir, build.Stdout, build.Stderr = *from, stderr, stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("go build furusato: %w", err)
	}

	fmt.Fprintf(stdout, "furusato vs Hugo, clean builds, %d runs each, alternating\n", *runs)
	fmt.Fprintf(stdout, "machine: %d cores, %s/%s; %s; %s\n", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version(), strings.TrimSpace(string(hugoVersion)))
	if *images > 0 {
		rs, err := imageComparison(ctx, dir, *from, *images, size, *runs, *warmup, *photoDir, *theme, furusato, hugoPath, stdout)
		if err != nil {
			return err
		}
		reportImages(stdout, rs)
		for _, r := range rs {
			if r.err != nil {
				return errors.New("some builds failed")
			}
		}
		return nil
	}

	sizes := []int{*perLang}
	if *large && *perLang != *largePerLang {
		sizes = append(sizes, *largePerLang)
	}
	var results []result
	failed := false
	for _, n := range sizes {
		c := comparison{
			dir: dir, from: *from, perLang: n, runs: *runs, warmup: *warmup, stdout: stdout,
			tools: []tool{
				{name: "furusato", write: benchsite.Write, cmd: func(site, out string) []string {
					return []string{furusato, "build", "-s", site, "-o", out, "-q"}
				}},
				{name: "hugo", write: hugosite.Write, cmd: func(site, out string) []string {
					return []string{hugoPath, "--minify", "--quiet", "-s", site, "-d", out, "--cacheDir", filepath.Join(dir, "hugo-cache")}
				}},
			},
		}
		rs, err := c.run(ctx)
		if err != nil {
			return err
		}
		results = append(results, rs...)
		for _, r := range rs {
			failed = failed || r.err != nil
		}
	}
	report(stdout, results, sizes)
	if len(sizes) == 2 && !failed {
		if err := scaling(ctx, stdout, dir, furusato, sizes, *runs); err != nil {
			return err
		}
	}
	if failed {
		return errors.New("some builds failed")
	}
	return nil
}

// A tool is one generator: how to write its site and how to build it.
type tool struct {
	name  string
	write func(dir string, example fs.FS, perLang int) error
	cmd   func(site, out string) []string
	// before, if set, runs before each build: it clears a cache that
	// the build must not find.
	before func() error
	// siteOf, if set, is the tool whose site this one builds (after it,
	// so finding what that build left, such as its cache).
	siteOf string
}

// A result is what the runs of one tool at one size gave.
type result struct {
	tool    string
	perLang int
	walls   []time.Duration
	cpus    []time.Duration // user and system time
	peaks   []int64         // bytes
	html    int             // HTML pages of the first run's output
	images  int             // WebP, JPEG and PNG files of the first run's output
	err     error           // the first failed run's
}

type comparison struct {
	dir, from string
	perLang   int
	runs      int
	warmup    int
	tools     []tool
	stdout    io.Writer
	// header replaces the line that says how many pages the sites have.
	header string
}

func (c comparison) run(ctx context.Context) ([]result, error) {
	sites := make([]string, len(c.tools))
	results := make([]result, len(c.tools))
	for i, t := range c.tools {
		if t.siteOf != "" {
			j := slices.IndexFunc(c.tools[:i], func(o tool) bool { return o.name == t.siteOf })
			if j < 0 {
				return nil, fmt.Errorf("%s builds the site of %s, which is not before it", t.name, t.siteOf)
			}
			sites[i] = sites[j]
			results[i] = result{tool: t.name, perLang: c.perLang}
			continue
		}
		sites[i] = filepath.Join(c.dir, fmt.Sprintf("%s-site-%d", t.name, c.perLang))
		if err := os.Mkdir(sites[i], 0o755); err != nil {
			return nil, err
		}
		if err := t.write(sites[i], os.DirFS(c.from), c.perLang); err != nil {
			return nil, fmt.Errorf("writing the %s site: %w", t.name, err)
		}
		results[i] = result{tool: t.name, perLang: c.perLang}
	}
	if c.header == "" {
		c.header = fmt.Sprintf("%s pages (%s per language)", thousands(2*c.perLang), thousands(c.perLang))
	}
	fmt.Fprintf(c.stdout, "\n%s:\n", c.header)
	// Outputs are deleted once all runs are done: on a disk that passes
	// deletions on to its storage (mounted with discard, as virtual
	// machines' often are), the files a deletion frees are slow to write
	// again for a while, which would slow the next run. In memory, they
	// are deleted at once: kept, they would take the memory the builds
	// need (100,000 pages: over a gigabyte each).
	now := inMemory(c.dir)
	var outs []string
	defer func() {
		for _, out := range outs {
			os.RemoveAll(out)
		}
	}()
	for r := -c.warmup; r < c.runs; r++ {
		for i, t := range c.tools {
			if results[i].err != nil {
				continue
			}
			out := filepath.Join(c.dir, fmt.Sprintf("%s-out-%d-%d", t.name, c.perLang, r+c.warmup))
			if t.before != nil {
				if err := t.before(); err != nil {
					return nil, err
				}
			}
			flushDisk()
			m, err := measure(ctx, t.cmd(sites[i], out))
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if err != nil {
				results[i].err = err
				fmt.Fprintf(c.stdout, "  run %d %-9s failed: %v\n", r+1, t.name, err)
				os.RemoveAll(out)
				continue
			}
			outs = append(outs, out)
			if r < 0 {
				fmt.Fprintf(c.stdout, "  warm-up %-9s %8s  (not counted)\n", t.name, seconds(m.wall))
				if now {
					os.RemoveAll(out)
				}
				continue
			}
			if r == 0 {
				pages, err := hugosite.HTMLPages(out)
				if err != nil {
					return nil, err
				}
				results[i].html = len(pages)
				if results[i].images, err = countImages(out); err != nil {
					return nil, err
				}
			}
			results[i].walls = append(results[i].walls, m.wall)
			results[i].cpus = append(results[i].cpus, m.cpu)
			results[i].peaks = append(results[i].peaks, m.peak)
			fmt.Fprintf(c.stdout, "  run %d %-9s %8s  cpu %8s  %s\n", r+1, t.name, seconds(m.wall), seconds(m.cpu), megabytes(m.peak))
			if now {
				os.RemoveAll(out)
			}
		}
	}
	return results, nil
}

type measurement struct {
	wall time.Duration
	cpu  time.Duration // user and system time, which other work on the machine disturbs less than wall time
	peak int64
}

// measure runs a command and returns its wall time and peak memory. Its
// output is kept only to explain a failure.
func measure(ctx context.Context, argv []string) (measurement, error) {
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return measurement{}, fmt.Errorf("%s: %w\n%s", strings.Join(argv, " "), err, tail(out.String(), 20))
	}
	cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	return measurement{wall: wall, cpu: cpu, peak: peakMemory(cmd.ProcessState)}, nil
}

func report(w io.Writer, results []result, sizes []int) {
	fmt.Fprintf(w, "\n%-22s %-9s %12s %12s %12s %12s\n", "content pages", "", "wall", "cpu", "peak memory", "HTML pages")
	byTool := func(name string, perLang int) *result {
		i := slices.IndexFunc(results, func(r result) bool { return r.tool == name && r.perLang == perLang })
		if i < 0 {
			return nil
		}
		return &results[i]
	}
	for _, n := range sizes {
		label := fmt.Sprintf("%s (%s/lang)", thousands(2*n), thousands(n))
		for _, name := range []string{"furusato", "hugo"} {
			r := byTool(name, n)
			if len(r.walls) == 0 {
				fmt.Fprintf(w, "%-22s %-9s %12s\n", label, name, "failed")
			} else {
				fmt.Fprintf(w, "%-22s %-9s %12s %12s %12s %12s\n", label, name, seconds(median(r.walls)), seconds(median(r.cpus)), megabytes(median(r.peaks)), thousands(r.html))
			}
			label = ""
		}
		f, h := byTool("furusato", n), byTool("hugo", n)
		if len(f.walls) > 0 && len(h.walls) > 0 {
			fmt.Fprintf(w, "%-22s %-9s %12s %12s %12s\n", "", "ratio", ratio(median(f.walls), median(h.walls)), ratio(median(f.cpus), median(h.cpus)), ratio(median(f.peaks), median(h.peaks)))
		}
	}
	if len(sizes) == 2 {
		small, big := byTool("furusato", sizes[0]), byTool("furusato", sizes[1])
		if len(small.walls) > 0 && len(big.walls) > 0 {
			fmt.Fprintf(w, "\nfurusato %s / %s pages wall time, in the comparison: %s\n", thousands(2*sizes[1]), thousands(2*sizes[0]), ratio(median(big.walls), median(small.walls)))
		}
	}
	fmt.Fprintln(w, "\nwall, cpu (user+system) and peak memory are medians; ratio is furusato / hugo (smaller is better for furusato)")
}

// scaling measures how furusato's time grows from the small site to the
// large one in runs of its own, the two sizes alternating: in the
// comparison each large run follows one of Hugo's, which leaves the
// machine's memory (12 GB and more at 100,000 pages) to be reclaimed and
// cleared while furusato runs.
func scaling(ctx context.Context, w io.Writer, dir, furusato string, sizes []int, runs int) error {
	fmt.Fprintf(w, "\nfurusato alone, %s and %s pages alternating:\n", thousands(2*sizes[0]), thousands(2*sizes[1]))
	walls := make([][]time.Duration, len(sizes))
	for r := range runs {
		for k, n := range sizes {
			out := filepath.Join(dir, fmt.Sprintf("furusato-scaling-%d-%d", n, r))
			flushDisk()
			m, err := measure(ctx, []string{furusato, "build", "-s", filepath.Join(dir, fmt.Sprintf("furusato-site-%d", n)), "-o", out, "-q"})
			os.RemoveAll(out)
			if err != nil {
				return fmt.Errorf("furusato, %s pages: %w", thousands(2*n), err)
			}
			walls[k] = append(walls[k], m.wall)
			// No peak: a child's maximum resident size counts this
			// process's, which it starts as, and this one has read the
			// large outputs' pages.
			fmt.Fprintf(w, "  run %d %7s pages %8s\n", r+1, thousands(2*n), seconds(m.wall))
		}
	}
	fmt.Fprintf(w, "furusato %s / %s pages wall time, alone: %s (medians)\n", thousands(2*sizes[1]), thousands(2*sizes[0]), ratio(median(walls[1]), median(walls[0])))
	return nil
}

// countImages counts the raster images of an output.
func countImages(out string) (int, error) {
	n := 0
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch strings.ToLower(filepath.Ext(path)) {
		case ".webp", ".jpg", ".jpeg", ".png", ".avif":
			n++
		}
		return nil
	})
	return n, err
}

func median[T int64 | time.Duration](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func ratio[T int64 | time.Duration](a, b T) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f×", float64(a)/float64(b))
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

func megabytes(b int64) string { return fmt.Sprintf("%d MB", (b+500_000)/1_000_000) }

// thousands writes n with thousands separators: 10,000.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func tail(s string, lines int) string {
	ls := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(ls[max(0, len(ls)-lines):], "\n")
}
