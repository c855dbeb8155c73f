// Package build runs the whole pipeline: site.yaml, content/, the page
// graph, Markdown, templates, static files, minification, and the atomic
// write of the output. Nothing else imports it but the command and the
// dev server.
package build

import (
	"context"
	"fmt"
	"io/fs"
	"path"
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
	Duration time.Duration
}

// Build builds the site into opts.Out. On any error the previous output is
// left as it was, and every problem found is returned in one *diag.List.
func Build(ctx context.Context, opts Options) (*Result, error) {
	start := time.Now()
	if opts.Now.IsZero() {
		opts.Now = start
	}
	cfg, err := config.Load(opts.Site)
	if err != nil {
		return nil, err
	}
	if opts.BaseURL != "" {
		if err := cfg.SetBaseURL(opts.BaseURL); err != nil {
			return nil, err
		}
	}
	var errs diag.List
	static, err := assets.List(opts.Site)
	if err != nil {
		return nil, fmt.Errorf("read static: %w", err)
	}
	c, err := content.Load(ctx, opts.Site, cfg)
	errs.Add(err)
	if c == nil {
		return nil, &errs
	}
	s, err := site.New(cfg, c, opts.Site, static, site.Options{Drafts: opts.Drafts, Future: opts.Future, Now: opts.Now})
	errs.Add(err)
	errs.Add(s.Convert(ctx, markdown.New(markdown.Options{RawHTML: cfg.Markdown.RawHTML})))
	tmpl, err := render.Load(opts.Site, s)
	errs.Add(err)
	if errs.Len() > 0 || ctx.Err() != nil {
		return nil, cmpErr(ctx.Err(), &errs)
	}

	stage, err := publish.Begin(opts.Out, opts.SiteDir)
	if err != nil {
		return nil, err
	}
	defer stage.Abort() // a no-op after Commit
	var min *assets.Minifier
	if cfg.Minify && !opts.NoMinify {
		min = assets.NewMinifier()
	}
	write := func(file string) func(string, []byte) error {
		return func(p string, data []byte) error {
			if min != nil {
				out, err := min.Minify(p, data)
				if err != nil {
					return diag.Errorf(diag.Pos{File: file}, "minify %s: %v", p, err)
				}
				data = out
			}
			return stage.Write(p, data)
		}
	}
	for _, f := range static {
		errs.Add(copyFile(opts.Site, path.Join(assets.Dir, f), f, write(path.Join(assets.Dir, f))))
	}
	for _, r := range c.Resources {
		errs.Add(copyFile(opts.Site, r.File, r.Path, write(r.File)))
	}
	if _, err := render.Render(ctx, s, tmpl, func(p string, data []byte) error {
		if stage.Has(p) {
			return diag.Errorf(diag.Pos{File: p}, "%s is both a file of static/ or content/ and a page of the site; rename one", p)
		}
		return write("")(p, data)
	}); err != nil {
		errs.Add(err)
	}
	if errs.Len() > 0 || ctx.Err() != nil {
		return nil, cmpErr(ctx.Err(), &errs)
	}
	if err := stage.Commit(); err != nil {
		return nil, err
	}
	return &Result{Site: s, Files: stage.Files(), Bytes: stage.Bytes(), Duration: time.Since(start)}, nil
}

// cmpErr prefers cancellation over the errors it caused.
func cmpErr(ctxErr error, errs *diag.List) error {
	if ctxErr != nil {
		return ctxErr
	}
	return errs
}

func copyFile(fsys fs.FS, src, dst string, write func(string, []byte) error) error {
	data, err := fs.ReadFile(fsys, src)
	if err != nil {
		return diag.Errorf(diag.Pos{File: src}, "cannot read: %v", err)
	}
	return write(dst, data)
}
