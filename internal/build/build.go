// Package build runs the whole pipeline: site.yaml, content/, the page
// graph, Markdown, templates, static files, minification, and the write of
// the output. Nothing else imports it but the command and the dev server.
package build

import (
	"bytes"
	"context"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/furusato/furusato/internal/assets"
	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/content"
	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/markdown"
	"github.com/furusato/furusato/internal/publish"
	"github.com/furusato/furusato/internal/render"
	"github.com/furusato/furusato/internal/site"
)

// Options are the choices of one build.
type Options struct {
	Site    fs.FS  // the site folder: site.yaml, content/, templates/, static/
	SiteDir string // the site folder on disk, to keep the output out of it; "" for an embedded site
	Out     string // the output folder, replaced as a whole on success

	Drafts   bool      // publish drafts
	Future   bool      // publish pages dated in the future
	NoMinify bool      // write outputs as rendered
	BaseURL  string    // overrides site.yaml's baseURL
	Now      time.Time // the time of the build; zero means now
}

// Result describes a successful build.
type Result struct {
	Site     *site.Site
	Files    int
	Bytes    int64
	Kept     int // pages kept from the previous build, by a Builder
	Duration time.Duration
	// Warnings are problems that do not stop the build, such as files
	// left unpublished, sorted by file.
	Warnings []*diag.Error
	Timings  Timings
}

// Timings say how long each stage of a build took.
type Timings struct {
	Read      time.Duration // site.yaml, content/ and the list of static/
	Graph     time.Duration // the page graph
	Markdown  time.Duration
	Templates time.Duration // parsing templates/
	Copy      time.Duration // files of static/ and content/ into the output
	Render    time.Duration // pages, feeds and sitemap, minified and written
}

// since adds the time since *start to d and moves *start to now.
func since(d *time.Duration, start *time.Time) {
	now := time.Now()
	*d += now.Sub(*start)
	*start = now
}

// Build builds the site into opts.Out. On any error the previous output is
// left as it was, and every problem found is returned in one *diag.List.
func Build(ctx context.Context, opts Options) (*Result, error) {
	start := time.Now()
	var tm Timings
	b := NewBuilder(opts)
	s, err := b.prepare(ctx, &tm)
	if err != nil {
		return nil, b.moreErrors(ctx, s, err)
	}
	stage, err := publish.Begin(opts.Out, opts.SiteDir)
	if err != nil {
		return nil, err
	}
	defer stage.Abort() // a no-op after Commit
	if _, err := b.write(ctx, s, stage, nil, nil, &tm); err != nil {
		return nil, err
	}
	if err := stage.Commit(); err != nil {
		return nil, err
	}
	return &Result{Site: s.site, Files: stage.Files(), Bytes: stage.Bytes(), Duration: time.Since(start), Timings: tm, Warnings: s.warnings.Errors()}, nil
}

// Builder builds a site again and again, as the dev server does, reusing
// what did not change: the parsed Markdown files, their HTML, and the
// outputs of the previous build that no change can reach. Each build gives
// exactly what a clean Build would.
type Builder struct {
	opts    Options
	config  []byte // the site.yaml the caches were made with
	content *content.Cache
	pages   *site.ConvertCache
	last    *memoryBuild // the previous good build in memory, or nil
}

// memoryBuild is what a build in memory leaves for the next.
type memoryBuild struct {
	files  map[string][]byte     // the outputs
	state  *render.State         // what rendering remembers
	copies map[string]copiedFile // the files copied from static/ and content/, by output path
}

// copiedFile is a file copied into the output: its bytes as read, and as
// written (minified).
type copiedFile struct {
	src, out []byte
	static   bool        // from static/, which templates can refer to
	warning  *diag.Error // why it is not minified, or nil
}

// NewBuilder returns a Builder for opts; opts.Out is not used.
func NewBuilder(opts Options) *Builder { return &Builder{opts: opts} }

// Memory builds the site into memory.
func (b *Builder) Memory(ctx context.Context) (*Result, *publish.Memory, error) {
	start := time.Now()
	var tm Timings
	s, err := b.prepare(ctx, &tm)
	if err != nil {
		return nil, nil, b.moreErrors(ctx, s, err)
	}
	out := publish.NewMemory()
	last := b.last
	if last == nil {
		last = &memoryBuild{}
	}
	next := &memoryBuild{copies: map[string]copiedFile{}}
	stats, err := b.write(ctx, s, out, last, next, &tm)
	if err != nil {
		return nil, nil, err
	}
	next.files, next.state = out.Files(), stats.State
	b.last = next
	n, size := 0, int64(0)
	for _, data := range next.files {
		n++
		size += int64(len(data))
	}
	return &Result{Site: s.site, Files: n, Bytes: size, Kept: stats.Kept, Duration: time.Since(start), Timings: tm, Warnings: s.warnings.Errors()}, out, nil
}

// prepared is a site ready to be written.
type prepared struct {
	cfg       *config.Config
	site      *site.Site
	templates *render.Templates
	static    []string
	resources []*content.Resource
	warnings  *diag.List
}

// moreErrors adds to the errors of prepare those that only rendering
// finds (a template that uses a field that does not exist), so that one
// run reports everything: it renders what could be prepared and throws
// the output away.
func (b *Builder) moreErrors(ctx context.Context, p *prepared, err error) error {
	if p == nil || ctx.Err() != nil {
		return err
	}
	var errs diag.List
	errs.Add(err)
	_, err = b.write(ctx, p, publish.NewMemory(), nil, nil, &Timings{})
	errs.Add(err)
	return &errs
}

// prepare reads everything and builds the page graph; it writes nothing.
// With errors, it still returns what it prepared when the templates and
// the graph could be made, for moreErrors.
func (b *Builder) prepare(ctx context.Context, tm *Timings) (*prepared, error) {
	start := time.Now()
	opts := b.opts
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	raw, err := fs.ReadFile(opts.Site, config.File)
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: config.File}, "cannot read the site settings: %v", err)
	}
	cfg, err := config.Parse(raw)
	if err != nil {
		return nil, err
	}
	if opts.BaseURL != "" {
		if err := cfg.SetBaseURL(opts.BaseURL); err != nil {
			return nil, err
		}
	}
	if b.content == nil || !bytes.Equal(raw, b.config) {
		// Field declarations and Markdown options live in site.yaml: a
		// change there makes every cached page suspect.
		b.config = raw
		b.content = content.NewCache()
		b.pages = site.NewConvertCache()
		b.last = nil
	}
	var errs diag.List
	warnings := new(diag.List)
	static, staticWarnings, err := assets.List(opts.Site)
	if err != nil {
		return nil, err
	}
	warnings.AddAll(staticWarnings)
	c, err := content.Load(ctx, opts.Site, cfg, b.content)
	errs.Add(err)
	if c == nil {
		return nil, &errs
	}
	since(&tm.Read, &start)
	s, err := site.New(cfg, c, opts.Site, static, site.Options{Drafts: opts.Drafts, Future: opts.Future, Now: opts.Now})
	errs.Add(err)
	since(&tm.Graph, &start)
	errs.Add(s.Convert(ctx, markdown.New(markdown.Options{RawHTML: cfg.Markdown.RawHTML, ReservedIDs: cfg.Markdown.ReservedIDs}), b.pages))
	since(&tm.Markdown, &start)
	tmpl, tmplErr := render.Load(opts.Site, s)
	errs.Add(tmplErr)
	since(&tm.Templates, &start)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	warnings.AddAll(c.Warnings)
	warnings.AddAll(s.Warnings())
	p := &prepared{cfg: cfg, site: s, templates: tmpl, static: static, resources: s.Resources, warnings: warnings}
	if errs.Len() > 0 {
		if tmplErr != nil {
			p = nil // templates that do not parse cannot render
		}
		return p, &errs
	}
	return p, nil
}

// write renders the site and copies its files into out. With last and
// next (builds in memory), it reuses what last wrote where nothing it came
// from changed, and notes in next what this build wrote.
func (b *Builder) write(ctx context.Context, p *prepared, out publish.Output, last, next *memoryBuild, tm *Timings) (render.Stats, error) {
	start := time.Now()
	var min *assets.Minifier
	if p.cfg.Minify && !b.opts.NoMinify {
		min = assets.NewMinifier()
	}
	write := func(file string) func(string, []byte) error {
		return func(name string, data []byte) error {
			if min != nil {
				m, err := min.Minify(name, data)
				if err != nil {
					return diag.Errorf(diag.Pos{File: file}, "minify %s: %v", name, err)
				}
				data = m
			}
			return out.Write(name, data)
		}
	}
	var errs diag.List
	staticChanged := false
	copy := func(src, dst string) {
		data, err := fs.ReadFile(b.opts.Site, src)
		if err != nil {
			errs.Addf(diag.Pos{File: src}, "cannot read: %v", err)
			return
		}
		if next == nil {
			written, _ := minifyCopy(min, src, dst, data, p.warnings)
			errs.Add(out.Write(dst, written))
			return
		}
		if old, ok := last.copies[dst]; ok && bytes.Equal(old.src, data) {
			next.copies[dst] = old
			if old.warning != nil {
				p.warnings.Add(old.warning)
			}
			errs.Add(out.(*publish.Memory).Keep(dst, old.out))
			return
		}
		static := strings.HasPrefix(src, assets.Dir+"/")
		staticChanged = staticChanged || static
		written, warning := minifyCopy(min, src, dst, data, p.warnings)
		errs.Add(out.Write(dst, written))
		next.copies[dst] = copiedFile{src: data, out: written, static: static, warning: warning}
	}
	for _, f := range p.static {
		copy(path.Join(assets.Dir, f), f)
	}
	for _, r := range p.resources {
		copy(r.File, r.Path)
	}
	since(&tm.Copy, &start)
	var reuse *render.Reuse
	if next != nil {
		for dst, c := range last.copies {
			if _, ok := next.copies[dst]; c.static && !ok {
				staticChanged = true // a file of static/ was removed
			}
		}
		reuse = &render.Reuse{Outputs: last.files, State: last.state, Static: staticChanged,
			Keep: func(name string, data []byte) error {
				if out.Has(name) {
					return clash(name)
				}
				return out.(*publish.Memory).Keep(name, data)
			}}
	}
	stats, err := render.Render(ctx, p.site, p.templates, func(name string, data []byte) error {
		if out.Has(name) {
			return clash(name)
		}
		return write("")(name, data)
	}, reuse)
	errs.Add(err)
	since(&tm.Render, &start)
	if err := ctx.Err(); err != nil {
		return stats, err
	}
	return stats, errs.Err()
}

// minifyCopy returns a file of the site as it is published: minified, or
// as it is, with a warning added to warnings, when the minifier cannot
// read it.
func minifyCopy(min *assets.Minifier, src, dst string, data []byte, warnings *diag.List) ([]byte, *diag.Error) {
	if min == nil {
		return data, nil
	}
	m, err := min.Minify(dst, bytes.Clone(data)) // the minifier may change what it is given
	if err != nil {
		w := assets.NotMinified(src, err)
		warnings.Add(w)
		return data, w
	}
	return m, nil
}

func clash(name string) error {
	return diag.Errorf(diag.Pos{File: name}, "%s is both a file of static/ or content/ and a page of the site; rename one", name)
}
