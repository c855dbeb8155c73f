// Package build runs the whole pipeline: site.yaml, content/, the page
// graph, Markdown, templates, static files, minification, and the write of
// the output. Nothing else imports it but the command and the dev server.
package build

import (
	"bytes"
	"context"
	"io/fs"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/furusato/furusato/internal/assets"
	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/content"
	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/diskfile"
	"github.com/furusato/furusato/internal/images"
	"github.com/furusato/furusato/internal/markdown"
	"github.com/furusato/furusato/internal/outputs"
	"github.com/furusato/furusato/internal/publish"
	"github.com/furusato/furusato/internal/rebuild"
	"github.com/furusato/furusato/internal/render"
	"github.com/furusato/furusato/internal/search"
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
	// site.yaml does not ask for them.
	Precompress bool
	// Preview builds for the dev server: without what only hosts use,
	// the manifest, _headers and pre-compressed copies.
	Preview bool
	// CheckPartials renders each partialCached on every page too, and
	// reports a page that shows it differently from the cached version
	// (furusato check).
	CheckPartials bool
	BaseURL       string // overrides site.yaml's baseURL
	// Origin overrides the scheme and host of site.yaml's baseURL and
	// keeps its path, read again at each build: the dev server's address.
	Origin string
	Now    time.Time // the time of the build; zero means now
	// Progress, when set, is told how many photos are made of how many,
	// as each is done (see package images).
	Progress func(done, total int)
}

// cacheDir is the folder of one of the site's caches (images, search):
// local, a folder beside site.yaml, or, for a site with no folder of its
// own (the built-in example site, tests), name in furusato's cache
// folder, shared by such sites ("" when the system has none).
func (o *Options) cacheDir(local, name string) (dir string, shared bool) {
	if o.SiteDir != "" {
		return filepath.Join(o.SiteDir, filepath.FromSlash(local)), false
	}
	return diskfile.CacheDir(name), true
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
	// Mistakes are errors that do not stop the build but that furusato
	// check reports: with CheckPartials, cached partials that pages show
	// differently.
	Mistakes []*diag.Error
	Timings  Timings
	// Manifest lists every published file with its hash, type and cache
	// rule, as written to furusato-manifest.json.
	Manifest *assets.Manifest
	Images   Images
}

// Images says what the build did with photos.
type Images struct {
	Made      int      // variants encoded
	FromCache int      // variants taken from the cache
	GPS       []string // photos shown in sizes that carry a GPS position, which the sizes do not; their files are not published
	Cache     string   // the cache folder, or "" without one
}

// Timings say how long each stage of a build took.
type Timings struct {
	Read      time.Duration // site.yaml, content/ and the list of static/
	Graph     time.Duration // the page graph, with the pages' Markdown converted
	Templates time.Duration // parsing templates/
	Copy      time.Duration // files of static/ and content/ into the output
	Search    time.Duration // the search index (site.yaml search: true), beyond Copy, with which it is made
	Render    time.Duration // pages, feeds and sitemap, minified and written
	Images    time.Duration // photos: their variants made or taken from the cache, and written
	// The photos' steps, added up over the workers that run at once.
	ImageDecode, ImageResize, ImageEncode, ImageWrite time.Duration
}

// since adds the time since *start to d and moves *start to now.
func since(d *time.Duration, start *time.Time) {
	now := time.Now()
	*d += now.Sub(*start)
	*start = now
}

// Build builds the site into opts.Out. On any error the previous output is
// left as it was, and every problem found is returned in one *diag.List,
// with a Result that holds only the warnings found on the way, or nil.
func Build(ctx context.Context, opts Options) (*Result, error) {
	start := time.Now()
	var tm Timings
	b := &Builder{opts: opts, once: true}
	s, err := b.prepare(ctx, &tm)
	if err != nil {
		err = b.moreErrors(ctx, s, err)
		return s.failed(), err
	}
	stage, err := publish.Begin(ctx, opts.Out, opts.SiteDir)
	if err != nil {
		return s.failed(), err
	}
	defer stage.Abort() // a no-op after Commit
	s.warnings.AddAll(stage.Tidied())
	_, m, err := b.write(ctx, s, stage, nil, nil, &tm)
	if err != nil {
		return s.failed(), err
	}
	if err := stage.Commit(); err != nil {
		return s.failed(), err
	}
	s.imageCache.Prune(s.site.HeldBack) // what this build did not use: photos removed, changed or shown otherwise
	if !s.keptPhotos {
		// The next build into this output may take the photos' folder as it is.
		folder, changed := publish.Stamp(filepath.Join(stage.Out(), images.Dir))
		s.imageCache.RecordPublished(stage.Out(), folder, changed, s.published)
	}
	return &Result{Site: s.site, Files: stage.Files(), Bytes: stage.Bytes(), Duration: time.Since(start), Timings: tm, Manifest: m, Warnings: s.warnings.Errors(), Mistakes: s.templates.CachedMistakes(), Images: s.imageResult()}, nil
}

// Builder builds a site again and again, as the dev server does, reusing
// what did not change: the parsed Markdown files, their HTML, and the
// outputs of the previous build that no change can reach. Each build gives
// exactly what a clean Build would.
type Builder struct {
	opts    Options
	once    bool   // a single build: caches would only cost memory
	config  []byte // the site.yaml the caches were made with
	content *content.Cache
	pages   *markdown.Cache
	last    *memoryBuild // the previous good build in memory, or nil
	// edits are the pages whose bodies changed in the previous good
	// build's graph since that build: a failed build may have edited it.
	edits map[*site.Page]bool
	// indexer writes the search index, with the Japanese dictionary
	// loaded once for every build.
	indexer *search.Indexer
	// graphOnly: the Builder makes page graphs (Graph) and writes no
	// index, so it loads no dictionary.
	graphOnly bool
}

// memoryBuild is what a build in memory leaves for the next.
type memoryBuild struct {
	files   map[string][]byte          // the outputs
	formats map[string]*outputs.Format // their formats
	entries map[string]assets.Entry    // their manifest entries, by path
	state   *rebuild.State             // what rendering remembers
	copies  map[string]copiedFile      // the files copied from content/, by output path
	static  *assets.Static             // static/, as published
	statics map[string]uint64          // the versions of static/'s files it was made from
	site    *site.Site                 // the page graph, which the next build may edit
	photos  *images.Set                // the photos its pages asked for
	// templates, parsed for site, and the versions of their files.
	templates *render.Templates
	analysis  *rebuild.Analysis
	tversions map[string]uint64
}

// copiedFile is a file copied into the output: its bytes as read, and as
// written (minified).
type copiedFile struct {
	version uint64 // of the source, when the file system gives versions
	src     []byte
	warning *diag.Error // why it is not minified, or nil
	skipped bool        // a photo published only through its variants
}

// NewBuilder returns a Builder for opts; opts.Out is not used.
func NewBuilder(opts Options) *Builder { return &Builder{opts: opts} }

// Memory builds the site into memory. On errors, as Build, it returns a
// Result that holds only the warnings found on the way, or nil.
func (b *Builder) Memory(ctx context.Context) (*Result, *publish.Memory, error) {
	start := time.Now()
	var tm Timings
	s, err := b.prepare(ctx, &tm)
	if err != nil {
		return s.failed(), nil, b.moreErrors(ctx, s, err)
	}
	last := b.last
	out := publish.NewMemorySized(0)
	if last != nil {
		out = publish.NewMemorySized(len(last.files))
	}
	if last == nil {
		last = &memoryBuild{}
	}
	next := &memoryBuild{copies: map[string]copiedFile{}, static: s.static, statics: s.statics, templates: s.templates, analysis: s.analysis, tversions: s.tversions}
	stats, m, err := b.write(ctx, s, out, last, next, &tm)
	if err != nil {
		return s.failed(), nil, err
	}
	next.files, next.formats, next.site = out.Files(), out.Formats(), s.site
	b.edits = nil
	next.entries = map[string]assets.Entry{}
	if m != nil {
		for _, e := range m.Files {
			next.entries[e.Path] = e
		}
	}
	b.last = next
	s.imageCache.Record(s.site.HeldBack) // the next build, or the next serve, need not read the photos
	n, size := 0, int64(0)
	for _, data := range next.files {
		n++
		size += int64(len(data))
	}
	return &Result{Site: s.site, Files: n, Bytes: size, Kept: stats.Kept, Duration: time.Since(start), Timings: tm, Manifest: m, Warnings: s.warnings.Errors(), Mistakes: s.templates.CachedMistakes(), Images: s.imageResult()}, out, nil
}

// Graph reads the site and makes its page graph, Markdown converted, and
// writes nothing: for what needs the pages but not the outputs, such as
// furusato translated.
func (b *Builder) Graph(ctx context.Context) (*site.Site, error) {
	b.graphOnly = true
	p, err := b.prepare(ctx, &Timings{})
	if err != nil {
		return nil, err
	}
	return p.site, nil
}

// prepared is a site ready to be written.
type prepared struct {
	cfg       *config.Config
	site      *site.Site
	edited    []*site.Page // when site is the previous build's graph, edited in place: the pages that changed
	templates *render.Templates
	analysis  *rebuild.Analysis // what the templates read
	static    *assets.Static
	statics   map[string]uint64 // the versions of static/'s files, when the file system gives them
	tversions map[string]uint64 // the versions of templates/'s files, likewise
	resources []*content.Resource
	warnings  *diag.List
	// imageCache keeps photos' variants between builds; nil for a site
	// not on disk. imageStats is what making them did.
	imageCache *images.Cache
	imageStats images.Stats
	// published is what the build published into the photos' folder,
	// for the cache's record of it.
	published   []images.PublishedFile
	publishedMu sync.Mutex
	keptPhotos  bool // the photos' folder of the last output, as recorded
	noImages    bool // rendering only to find more errors: make no photos
}

// imageResult is the Images of the build's Result.
func (p *prepared) imageResult() Images {
	r := Images{Made: p.imageStats.Made, FromCache: p.imageStats.FromCache, Cache: p.imageCache.Dir()}
	if set := p.site.Photos(); set != nil {
		// Not those published as they are as well: a warning names each.
		r.GPS = slices.DeleteFunc(set.GPS(), p.site.OriginalPublished)
	}
	return r
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
	p.noImages = true
	_, _, werr := b.write(ctx, p, publish.NewMemory(), nil, nil, &Timings{})
	for _, e := range diag.All(werr) {
		// A page that refers to a page that is missing because of the
		// errors above fails in templates too: say it once.
		if !strings.Contains(e.Msg, "nil pointer evaluating") {
			errs.Add(e)
		}
	}
	return &errs
}

// failed is the Result of a build that failed: the warnings found before
// it stopped, which can say why (a menu entry left out for a page that
// has expired), or nil when there is nothing prepared.
func (p *prepared) failed() *Result {
	if p == nil {
		return nil
	}
	return &Result{Warnings: p.warnings.Errors()}
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
	if opts.Origin != "" {
		if err := cfg.SetBaseURL(opts.Origin + cfg.Base.Path); err != nil {
			return nil, err
		}
	}
	if !b.once && (b.content == nil || !bytes.Equal(raw, b.config)) {
		// Field declarations and Markdown options live in site.yaml: a
		// change there makes every cached page suspect.
		b.config = raw
		b.content = content.NewCache()
		b.pages = markdown.NewCache()
		b.last = nil
	}
	if cfg.Search && b.indexer == nil && !b.graphOnly {
		b.indexer = &search.Indexer{Keep: !b.once} // the dev server's builds read again only the pages that changed
		// The words of Japanese titles, kept from the last build, or
		// else the Japanese dictionary, which takes a quarter of a
		// second to load: they load while the pages are read and
		// converted.
		for _, l := range cfg.Languages {
			if search.Japanese(l.Code) {
				b.indexer.Prepare(opts.cacheDir(search.CacheDir, "search"))
				break
			}
		}
	}
	// The image cache's records load while the site is read, as the
	// search's words do. The dev server's builds, which convert only the
	// pages that changed and publish into memory, rarely need them.
	cache := images.OpenCache(opts.cacheDir(images.CacheDir, "images"))
	if b.once {
		cache.Load()
	}
	var errs diag.List
	warnings := new(diag.List)
	static, staticWarnings, err := assets.List(opts.Site)
	errs.Add(err) // and go on, to report the mistakes of content/ too
	warnings.AddAll(staticWarnings)
	published, statics, err := b.loadStatic(ctx, static, cfg)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	errs.Add(err)
	c, err := content.Load(ctx, opts.Site, cfg, b.content)
	errs.Add(err)
	if c == nil {
		return nil, &errs
	}
	since(&tm.Read, &start)
	// Templates before the graph: a single build whose templates show no
	// page's Markdown lets go of each page's as soon as it is converted.
	tmpl, analysis, tversions, tmplErr := b.loadTemplates(cfg)
	errs.Add(tmplErr)
	since(&tm.Templates, &start)
	mopts := markdown.Options{RawHTML: cfg.Markdown.RawHTML, ReservedIDs: cfg.Markdown.ReservedIDs,
		Embeds: cfg.Markdown.Embeds}
	for _, l := range cfg.Languages {
		// Kanji and kana in an English page are in the site's Japanese
		// (or Chinese), whichever comes first.
		if base, _, _ := strings.Cut(l.Code, "-"); mopts.EastAsianLang == "" && (base == "ja" || base == "zh") {
			mopts.EastAsianLang = l.Code
		}
	}
	if min := b.minifier(cfg); min != nil {
		mopts.Minify = min.HTML
	}
	photos := images.NewSet(opts.Site, imageSettings(cfg), cache)
	sopts := site.Options{Drafts: opts.Drafts, Future: opts.Future, Now: opts.Now, Assets: published, Images: photos,
		Markdown: markdown.New(mopts), Cache: b.pages, ReleaseBodies: b.once && tmplErr == nil && !analysis.ReadSource()}
	var edited []*site.Page
	s, err := b.edit(ctx, c, sopts, &edited)
	errs.Add(err)
	if s == nil {
		s, err = site.New(ctx, cfg, c, opts.Site, static, sopts)
		errs.Add(err)
	}
	since(&tm.Graph, &start)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	warnings.AddAll(cfg.Warnings)
	warnings.AddAll(c.Warnings)
	warnings.AddAll(s.Warnings())
	if published != nil {
		warnings.AddAll(published.Warnings())
	}
	p := &prepared{cfg: cfg, site: s, edited: edited, templates: tmpl, analysis: analysis, tversions: tversions, static: published, statics: statics, resources: s.Resources, warnings: warnings, imageCache: cache}
	if errs.Len() > 0 {
		if tmplErr != nil {
			p = nil // templates that do not parse cannot render
		}
		return p, &errs
	}
	return p, nil
}

// edit returns the previous build's graph brought up to date in place,
// when only the bodies of pages changed since (see site.Edit), or nil. It
// takes a file system that numbers versions, to know without reading them
// that the files beside the pages did not change.
func (b *Builder) edit(ctx context.Context, c *content.Content, opts site.Options, edited *[]*site.Page) (*site.Site, error) {
	last := b.last
	vfs, ok := b.opts.Site.(versioned)
	if !ok || last == nil || last.site == nil || last.static != opts.Assets {
		return nil, nil
	}
	for _, r := range c.Resources {
		v, ok := vfs.Version(r.File)
		if old, found := last.copies[r.Path]; !ok || !found || old.version != v {
			return nil, nil
		}
	}
	// Pages edited by a failed build are converted again too: their
	// HTML may be that of a body that has since changed back.
	again := slices.Collect(maps.Keys(b.edits))
	pages, ok, err := last.site.Edit(ctx, c, opts, again)
	if !ok {
		return nil, nil
	}
	if b.edits == nil {
		b.edits = map[*site.Page]bool{}
	}
	for _, p := range pages {
		b.edits[p] = true
	}
	*edited = slices.SortedFunc(maps.Keys(b.edits), func(a, b *site.Page) int { return a.Seq() - b.Seq() })
	return last.site, err
}

// loadTemplates parses and analyses templates/, or takes the previous
// build's templates when none of their files changed (nor site.yaml: a
// change there starts the Builder afresh).
func (b *Builder) loadTemplates(cfg *config.Config) (*render.Templates, *rebuild.Analysis, map[string]uint64, error) {
	var versions map[string]uint64
	if vfs, ok := b.opts.Site.(versioned); ok && !b.once {
		versions = map[string]uint64{}
		err := fs.WalkDir(b.opts.Site, render.Dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				v, _ := vfs.Version(p)
				versions[p] = v
			}
			return nil
		})
		if last := b.last; err == nil && last != nil && last.templates != nil && maps.Equal(versions, last.tversions) {
			return last.templates, last.analysis, versions, nil
		}
	}
	var minify func([]byte) ([]byte, error)
	if min := b.minifier(cfg); min != nil {
		minify = min.Template
	}
	t, err := render.Load(b.opts.Site, cfg, minify)
	if err != nil {
		return t, nil, versions, err
	}
	return t, rebuild.Analyze(t), versions, nil
}

// loadStatic reads, minifies and fingerprints static/, or, for a Builder
// on a file system that numbers versions, takes the previous build's when
// none of its files changed.
func (b *Builder) loadStatic(ctx context.Context, files []string, cfg *config.Config) (*assets.Static, map[string]uint64, error) {
	var versions map[string]uint64
	if vfs, ok := b.opts.Site.(versioned); ok && !b.once {
		versions = make(map[string]uint64, len(files))
		for _, f := range files {
			v, _ := vfs.Version(path.Join(assets.Dir, f))
			versions[f] = v
		}
		if last := b.last; last != nil && last.static != nil && maps.Equal(versions, last.statics) {
			return last.static, versions, nil
		}
	}
	published, err := assets.LoadStatic(ctx, b.opts.Site, files, cfg.Assets.Fingerprint, b.minifier(cfg))
	if last := b.last; err == nil && last != nil && last.static.Same(published) {
		return last.static, versions, nil // read again, but unchanged
	}
	return published, versions, err
}

// imageSettings are site.yaml's images settings for package images.
func imageSettings(cfg *config.Config) images.Settings {
	s := images.DefaultSettings()
	im := cfg.Images
	s.Widths, s.Quality, s.Sizes, s.Originals = im.Widths, im.Quality, im.Sizes, im.Originals
	s.MaxPixels = int(im.MaxMegapixels * 1e6)
	return s
}

// minifier returns the minifier for the build, or nil when nothing is
// minified.
func (b *Builder) minifier(cfg *config.Config) *assets.Minifier {
	if cfg.Minify && !b.opts.NoMinify {
		return assets.NewMinifier()
	}
	return nil
}
