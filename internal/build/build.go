// Package build runs the whole pipeline: site.yaml, content/, the page
// graph, Markdown, templates, static files, minification, and the write of
// the output. Nothing else imports it but the command and the dev server.
package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
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

	Drafts   bool // publish drafts
	Future   bool // publish pages dated in the future
	NoMinify bool // write outputs as rendered
	// Precompress writes .gz and .br copies of text files even when
	// site.yaml does not ask for them; NoPrecompress never does (the dev
	// server).
	Precompress, NoPrecompress bool
	BaseURL                    string    // overrides site.yaml's baseURL
	Now                        time.Time // the time of the build; zero means now
}

// Result describes a successful build.
type Result struct {
	Site     *site.Site
	Files    int
	Bytes    int64
	Duration time.Duration
	// Manifest lists every published file with its hash, type and cache
	// rule, as written to furusato-manifest.json.
	Manifest *assets.Manifest
}

// Build builds the site into opts.Out. On any error the previous output is
// left as it was, and every problem found is returned in one *diag.List.
func Build(ctx context.Context, opts Options) (*Result, error) {
	start := time.Now()
	b := NewBuilder(opts)
	s, err := b.prepare(ctx)
	if err != nil {
		return nil, b.moreErrors(ctx, s, err)
	}
	stage, err := publish.Begin(opts.Out, opts.SiteDir)
	if err != nil {
		return nil, err
	}
	defer stage.Abort() // a no-op after Commit
	m, err := b.write(ctx, s, stage)
	if err != nil {
		return nil, err
	}
	if err := stage.Commit(); err != nil {
		return nil, err
	}
	return &Result{Site: s.site, Files: stage.Files(), Bytes: stage.Bytes(), Duration: time.Since(start), Manifest: m}, nil
}

// Builder builds a site again and again, as the dev server does, reusing
// what did not change: the parsed Markdown files and their HTML. Each build
// gives exactly what a clean Build would.
type Builder struct {
	opts    Options
	config  []byte // the site.yaml the caches were made with
	content *content.Cache
	pages   *site.ConvertCache
}

// NewBuilder returns a Builder for opts; opts.Out is not used.
func NewBuilder(opts Options) *Builder { return &Builder{opts: opts} }

// Memory builds the site into memory.
func (b *Builder) Memory(ctx context.Context) (*Result, *publish.Memory, error) {
	start := time.Now()
	s, err := b.prepare(ctx)
	if err != nil {
		return nil, nil, b.moreErrors(ctx, s, err)
	}
	out := publish.NewMemory()
	m, err := b.write(ctx, s, out)
	if err != nil {
		return nil, nil, err
	}
	n, size := 0, int64(0)
	for _, data := range out.Files() {
		n++
		size += int64(len(data))
	}
	return &Result{Site: s.site, Files: n, Bytes: size, Duration: time.Since(start), Manifest: m}, out, nil
}

// prepared is a site ready to be written.
type prepared struct {
	cfg       *config.Config
	site      *site.Site
	templates *render.Templates
	static    *assets.Static
	resources []*content.Resource
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
	_, werr := b.write(ctx, p, publish.NewMemory())
	errs.Add(werr)
	return &errs
}

// prepare reads everything and builds the page graph; it writes nothing.
// With errors, it still returns what it prepared when the templates and
// the graph could be made, for moreErrors.
func (b *Builder) prepare(ctx context.Context) (*prepared, error) {
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
	}
	var errs diag.List
	static, err := assets.List(opts.Site)
	if err != nil {
		return nil, fmt.Errorf("read static: %w", err)
	}
	published, err := assets.LoadStatic(opts.Site, static, cfg.Assets.Fingerprint, b.minifier(cfg))
	errs.Add(err)
	c, err := content.Load(ctx, opts.Site, cfg, b.content)
	errs.Add(err)
	if c == nil {
		return nil, &errs
	}
	s, err := site.New(cfg, c, opts.Site, static, site.Options{Drafts: opts.Drafts, Future: opts.Future, Now: opts.Now, Assets: published})
	errs.Add(err)
	errs.Add(s.Convert(ctx, markdown.New(markdown.Options{RawHTML: cfg.Markdown.RawHTML}), b.pages))
	tmpl, tmplErr := render.Load(opts.Site, s)
	errs.Add(tmplErr)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	p := &prepared{cfg: cfg, site: s, templates: tmpl, static: published, resources: c.Resources}
	if errs.Len() > 0 {
		if tmplErr != nil {
			p = nil // templates that do not parse cannot render
		}
		return p, &errs
	}
	return p, nil
}

// minifier returns the minifier for the build, or nil when nothing is
// minified.
func (b *Builder) minifier(cfg *config.Config) *assets.Minifier {
	if cfg.Minify && !b.opts.NoMinify {
		return assets.NewMinifier()
	}
	return nil
}

// write renders the site and copies its files into out, and returns the
// manifest of what it wrote.
func (b *Builder) write(ctx context.Context, p *prepared, out publish.Output) (*assets.Manifest, error) {
	min := b.minifier(p.cfg)
	catalog := assets.NewCatalog(&p.cfg.Cache, p.static, (p.cfg.Assets.Precompress || b.opts.Precompress) && !b.opts.NoPrecompress)
	publish := func(name string, data []byte) error {
		variants, err := catalog.Add(name, data)
		if err != nil {
			return err
		}
		if err := out.Write(name, data); err != nil {
			return err
		}
		for _, v := range variants {
			if err := out.Write(v.Name, v.Data); err != nil {
				return err
			}
		}
		return nil
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
			return publish(name, data)
		}
	}
	var errs diag.List
	for _, f := range p.static.Files() {
		// Already minified and rewritten by the assets stage.
		errs.Add(publish(f.Path, f.Data))
		if f.Hashed != "" {
			errs.Add(publish(f.Hashed, f.Data))
		}
	}
	for _, r := range p.resources {
		errs.Add(copyFile(b.opts.Site, r.File, r.Path, write(r.File)))
	}
	_, err := render.Render(ctx, p.site, p.templates, func(name string, data []byte) error {
		if out.Has(name) {
			return diag.Errorf(diag.Pos{File: name}, "%s is both a file of static/ or content/ and a page of the site; rename one", name)
		}
		return write("")(name, data)
	})
	errs.Add(err)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if err := publish(assets.HeadersFile, catalog.Manifest().Headers(p.cfg.Base.Path)); err != nil {
		return nil, err
	}
	m := catalog.Manifest()
	if err := out.Write(assets.ManifestFile, m.JSON()); err != nil {
		return nil, err
	}
	return m, nil
}

func copyFile(fsys fs.FS, src, dst string, write func(string, []byte) error) error {
	data, err := fs.ReadFile(fsys, src)
	if err != nil {
		return diag.Errorf(diag.Pos{File: src}, "cannot read: %v", err)
	}
	return write(dst, data)
}
