package render

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"sync"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/outputs"
	"github.com/furusato/furusato/internal/parallel"
	"github.com/furusato/furusato/internal/site"
)

// Data is what a template gets as its dot.
type Data struct {
	Page      *site.Page
	Site      *site.Lang
	Paginator *Paginator
	URL       string
	Permalink string
	Contact   config.Contact
	Feeds     []outputs.Feed
	Languages []*config.Language
}

// Paginator is one page of a paginated list.
type Paginator struct {
	Pages  []*site.Page
	Number int // from 1
	Total  int
	URL    string // this page's URL
	Prev   string // URL, or "" on the first page
	Next   string // URL, or "" on the last page
	// Links are the page numbers to show: the first and the last, and
	// the two on each side of this one, with a gap where numbers are left
	// out, so that a long list does not make every page list every
	// number.
	Links []PageLink
}

// PageLink is one entry of a list of page numbers, or a gap between them.
type PageLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool // numbers left out: show "…"
}

// pagerSpan is how many numbers a pager shows on each side of the current
// page.
const pagerSpan = 2

// Writer receives each output file: its path relative to the output
// folder, its format and its bytes. It is called from many goroutines at
// once.
type Writer func(path string, f *outputs.Format, data []byte) error

// Options are the choices of one render.
type Options struct {
	// Kept, for a rebuild, tells which outputs (by their index in the
	// plan) are the previous build's, to write as they were through Keep
	// instead of rendering them (see package rebuild).
	Kept []bool
	Keep func(path string) error
	// ReleaseContent lets go of each page's HTML once its output is
	// written, so that a large site does not hold all of it: for a single
	// build whose templates show no page's .Content but their own.
	ReleaseContent bool
}

// Stats counts the outputs of a Render.
type Stats struct {
	Outputs int // every output of the site
	Kept    int // outputs kept from the previous build
}

// Output is one file of the site to make.
type Output struct {
	Path   string // in the output folder
	Format *outputs.Format
	Page   *site.Page // the page it shows, or nil for the feeds, the sitemap and robots.txt
	Dot    *Data      // what its template gets
	// ShapeOnly: the output depends only on the graph's shape (which
	// pages, URLs and dates), not on what pages say: the sitemap.
	ShapeOnly bool
	make      func() ([]byte, error) // for outputs made without templates
	// alias is the old URL (front matter aliases) of the page aliasOf
	// that this output redirects from.
	alias   string
	aliasOf *site.Page
}

// Render writes the outputs of the site that Plan listed through w, in
// parallel. Errors in templates are reported once per template position,
// naming the first page (in URL order) that met them. Once ctx is done it
// writes nothing more and returns ctx's error: the templates under way
// stop at their next write.
func Render(ctx context.Context, s *site.Site, t *Templates, plan []Output, w Writer, opts Options) (Stats, error) {
	t.rendering.Lock()
	defer t.rendering.Unlock()
	t.graph.p.Store(s)
	defer t.graph.p.Store(nil) // the graph is not kept alive by the templates
	for _, c := range t.cached {
		c.reset()
	}
	stats := Stats{Outputs: len(plan)}
	kept := opts.Kept
	for _, k := range kept {
		if k {
			stats.Kept++
		}
	}
	var errs diag.List
	var mu sync.Mutex
	firstURL := map[diag.Pos]map[string]string{} // template position → message → first URL
	pool := sync.Pool{New: func() any { return new(bytes.Buffer) }}
	release := opts.ReleaseContent
	workers := runtime.GOMAXPROCS(0)
	if t.checkingCached() {
		// One output after the other, in the order of their paths, so that
		// a cached partial is first rendered for the same page every time
		// and check reports the same pages.
		workers = 1
	}
	// Phases run one after the other: when pages let go of their HTML,
	// the feeds (which show pages' HTML) come first, on their own; the
	// sitemap (a long job, which shows none) with the pages, so that no
	// core waits for it.
	phases := [][]int{nil}
	if release {
		phases = append(phases, nil)
	}
	for i, j := range plan {
		switch {
		case kept != nil && kept[i]:
			errs.Add(opts.Keep(j.Path))
		case release && (j.make == nil || j.ShapeOnly):
			phases[1] = append(phases[1], i)
		default:
			phases[0] = append(phases[0], i)
		}
	}
	done := ctx.Done()
	renderJob := func(j Output) {
		if j.make != nil {
			out, err := j.make()
			if err != nil {
				errs.Add(err)
				return
			}
			errs.Add(w(j.Path, j.Format, out))
			return
		}
		tmpl, name, err := t.layout(j.Page)
		if err != nil {
			errs.Add(err)
			return
		}
		buf := pool.Get().(*bytes.Buffer)
		buf.Reset()
		defer pool.Put(buf)
		if err := tmpl.ExecuteTemplate(stoppable{buf, done}, name, j.Dot); err != nil {
			if ctx.Err() != nil {
				return // stopped, not a mistake in the template
			}
			e := t.templateError(err)
			mu.Lock()
			if firstURL[e.Pos] == nil {
				firstURL[e.Pos] = map[string]string{}
			}
			if u, ok := firstURL[e.Pos][e.Msg]; !ok || j.Dot.URL < u {
				firstURL[e.Pos][e.Msg] = j.Dot.URL
			}
			mu.Unlock()
			return
		}
		errs.Add(w(j.Path, j.Format, buf.Bytes()))
		if release && j.Page.Kind == site.KindPage {
			j.Page.ReleaseContent() // its only output is written
		}
	}
	for _, phase := range phases {
		err := parallel.EachOn(ctx, workers, len(phase), func(i int) { renderJob(plan[phase[i]]) })
		if err == nil {
			err = ctx.Err() // the last outputs were under way
		}
		if err != nil {
			return Stats{}, err
		}
	}
	for pos, msgs := range firstURL {
		for msg, u := range msgs {
			errs.Addf(pos, "%s (rendering %s)", msg, u)
		}
	}
	return stats, errs.Err()
}

// stoppable is a template's output that fails once done is closed, so
// that a long template stops at its next write when the build is
// stopped, rather than running to its end. Checking a channel costs far
// less than a write.
type stoppable struct {
	buf  *bytes.Buffer
	done <-chan struct{}
}

func (w stoppable) Write(p []byte) (int, error) {
	select {
	case <-w.done:
		return 0, context.Canceled
	default:
	}
	return w.buf.Write(p)
}

// Plan lists every output of the site, sorted by path, and reports two
// outputs that would be written to the same file.
func Plan(s *site.Site) ([]Output, error) {
	var jobs []Output
	feeds := outputs.Feeds(s)
	for _, fs := range feeds {
		for _, f := range fs {
			jobs = append(jobs, Output{Path: s.OutputPath(f.URL), Format: outputs.Atom, make: func() ([]byte, error) { return outputs.AtomFeed(s, f) }})
		}
	}
	for _, cs := range outputs.Calendars(s) {
		for _, c := range cs {
			jobs = append(jobs, Output{Path: s.OutputPath(c.URL), Format: outputs.ICalendar, make: func() ([]byte, error) { return outputs.CalendarFeed(s, c) }})
		}
	}
	for _, p := range s.Pages {
		ls := s.Langs[p.Lang.Index]
		if p.Event != nil {
			jobs = append(jobs, Output{Path: s.OutputPath(p.CalendarURL()), Format: outputs.ICalendar, make: func() ([]byte, error) { return outputs.EventCalendar(s, p) }})
		}
		dot := func(url string) *Data {
			return &Data{Page: p, Site: ls, URL: url, Permalink: s.AbsURL(url), Contact: s.Config.Contact,
				Feeds: feeds[p.Lang.Index], Languages: s.Config.Languages}
		}
		for _, a := range p.Aliases {
			jobs = append(jobs, Output{Path: s.OutputPath(a), Format: outputs.Redirect, make: func() ([]byte, error) { return outputs.RedirectPage(p) }, ShapeOnly: true, alias: a, aliasOf: p})
		}
		if p.Kind != site.KindSection && p.Kind != site.KindTag {
			jobs = append(jobs, Output{Path: s.OutputPath(p.URL), Format: outputs.HTML, Page: p, Dot: dot(p.URL)})
			continue
		}
		size := s.Config.Paginate
		if c := s.Config.Sections[p.Section]; c != nil && p.Kind == site.KindSection {
			size = c.Paginate
		}
		for _, pg := range paginate(p, size) {
			d := dot(pg.URL)
			d.Paginator = pg
			jobs = append(jobs, Output{Path: s.OutputPath(d.URL), Format: outputs.HTML, Page: p, Dot: d})
		}
	}
	jobs = append(jobs,
		Output{Path: "sitemap.xml", Format: outputs.XMLSitemap, make: func() ([]byte, error) { return outputs.Sitemap(s) }, ShapeOnly: true},
		Output{Path: "robots.txt", Format: outputs.RobotsText, make: func() ([]byte, error) { return outputs.Robots(s), nil }, ShapeOnly: true},
	)
	for _, set := range s.Config.Data.Sets {
		for i, f := range []*outputs.Format{outputs.DataCSV, outputs.DataJSON} {
			jobs = append(jobs, Output{Path: outputs.DataDir + "/" + set.Name + f.Ext, Format: f, make: func() ([]byte, error) {
				files, err := outputs.DataFiles(s, set)
				if err != nil {
					return nil, err
				}
				return files[i].Data, nil
			}})
		}
	}
	if redirects := outputs.Redirects(s); redirects != nil {
		jobs = append(jobs, Output{Path: outputs.RedirectsFile, Format: outputs.RedirectsText, make: func() ([]byte, error) { return redirects, nil }, ShapeOnly: true})
	}
	var errs diag.List
	owner := map[string]Output{}
	kept := jobs[:0]
	for _, j := range jobs {
		if other, ok := owner[j.Path]; ok {
			if j.Page == nil || other.Page == nil || j.Page.URL != other.Page.URL {
				errs.Add(outputClash(j, other)) // else two pages with one URL: the site reports it
			}
			continue
		}
		owner[j.Path] = j
		kept = append(kept, j)
	}
	jobs = kept
	slices.SortFunc(jobs, func(a, b Output) int { return cmp.Compare(a.Path, b.Path) })
	return jobs, errs.Err()
}

// outputClash reports two outputs written to one file: at the slug that
// made one of them, or in a page's file.
func outputClash(j, other Output) *diag.Error {
	// An old address that is now a file of the site: at the alias.
	for _, pair := range [][2]Output{{j, other}, {other, j}} {
		if a, b := pair[0], pair[1]; a.aliasOf != nil {
			return diag.Errorf(a.aliasOf.AliasPos(a.alias), "front matter: aliases: %s would be written where furusato writes %s; an alias is an old address that nothing on the site has now", a.alias, describe(b))
		}
	}
	msg := fmt.Sprintf("two outputs would be written to %s: %s and %s; rename one of them", j.Path, describe(other), describe(j))
	for _, o := range []Output{j, other} {
		if o.Page != nil && o.Page.SlugWritten() {
			return diag.Errorf(o.Page.Pos("slug"), "slug: %s", msg)
		}
	}
	for _, o := range []Output{j, other} {
		if o.Page != nil && o.Page.File != "" {
			return diag.Errorf(diag.Pos{File: o.Page.File, Line: 1, Col: 1}, "%s", msg)
		}
	}
	return diag.Errorf(diag.Pos{}, "%s", msg)
}

// Alias returns the old URL that the output redirects from, and the page
// it leads to, or "" and nil for an output that is not an alias.
func (o Output) Alias() (string, *site.Page) { return o.alias, o.aliasOf }

// String names the output in a message: the page's file, the page, or
// its path.
func (o Output) String() string { return describe(o) }

func describe(j Output) string {
	switch {
	case j.Page != nil && j.Page.File != "":
		return j.Page.File
	case j.Page != nil:
		return "the " + string(j.Page.Kind) + " page " + j.Page.URL
	}
	return j.Path
}

// paginate splits a list page's pages into pages of size items. A list
// with no pages still has one, empty, page.
func paginate(p *site.Page, size int) []*Paginator {
	total := max(1, (len(p.Pages)+size-1)/size)
	url := func(n int) string {
		if n == 1 {
			return p.URL
		}
		return p.URL + "page/" + strconv.Itoa(n) + "/"
	}
	out := make([]*Paginator, total)
	for i := range out {
		n := i + 1
		pg := &Paginator{Number: n, Total: total, URL: url(n), Pages: p.Pages[min(i*size, len(p.Pages)):min((i+1)*size, len(p.Pages))]}
		for k := 1; k <= total; k++ {
			switch {
			case k == 1 || k == total || (k >= n-pagerSpan && k <= n+pagerSpan):
				pg.Links = append(pg.Links, PageLink{Number: k, URL: url(k), Current: k == n})
			case !pg.Links[len(pg.Links)-1].Gap:
				pg.Links = append(pg.Links, PageLink{Gap: true})
			}
			if k > 1 && k < n-pagerSpan {
				k = n - pagerSpan - 1 // skip to the window
			} else if k > n+pagerSpan && k < total {
				k = total - 1 // skip to the last
			}
		}
		if n > 1 {
			pg.Prev = url(n - 1)
		}
		if n < total {
			pg.Next = url(n + 1)
		}
		out[i] = pg
	}
	return out
}
