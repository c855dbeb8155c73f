package build

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/furusato/furusato/internal/assets"
	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/images"
	"github.com/furusato/furusato/internal/outputs"
	"github.com/furusato/furusato/internal/publish"
	"github.com/furusato/furusato/internal/rebuild"
	"github.com/furusato/furusato/internal/render"
	"github.com/furusato/furusato/internal/search"
	"github.com/furusato/furusato/internal/site"
	"github.com/furusato/furusato/internal/slug"
)

// write renders the site and copies its files into out, and returns the
// manifest of what it wrote. With last and next (builds in memory), it
// reuses what last wrote where nothing it came from changed, and notes in
// next what this build wrote.
func (b *Builder) write(ctx context.Context, p *prepared, out publish.Output, last, next *memoryBuild, tm *Timings) (render.Stats, *assets.Manifest, error) {
	start := time.Now()
	// The search index is made while the files are copied, which leaves
	// a core idle for much of the time: the index takes it.
	type indexed struct {
		files []search.File
		err   error
	}
	index := make(chan indexed, 1)
	go func() {
		files, err := b.searchIndex(ctx, p.site)
		index <- indexed{files, err}
	}()
	defer func() {
		if index != nil { // a return before the index is used: it is done when write is
			<-index
		}
	}()
	min := b.minifier(p.cfg)
	catalog := assets.NewCatalog(&p.cfg.Cache, p.static, (p.cfg.Assets.Precompress || b.opts.Precompress) && !b.opts.Preview)
	catalog.Redirects = outputs.RedirectTargets(p.site)
	// publishFile publishes a file, whose SHA-256 is sum, and its
	// pre-compressed copies. shared says that nothing changes data
	// afterwards (a file of static/ or content/): it is not copied, which
	// for a video of hundreds of megabytes is most of its cost.
	publishFile := func(name string, f *outputs.Format, data []byte, sum [sha256.Size]byte, shared bool) error {
		variants, err := catalog.Add(name, f, data, sum)
		if err != nil {
			return err
		}
		write := out.Write
		if shared {
			write = out.Share
		}
		if err := write(name, f, data); err != nil {
			return err
		}
		for _, v := range variants {
			if err := out.Write(v.Name, f, v.Data); err != nil {
				return err
			}
		}
		return nil
	}
	emit := func(name string, f *outputs.Format, data []byte) error {
		return publishFile(name, f, data, sha256.Sum256(data), false)
	}
	emitShared := func(name string, f *outputs.Format, data []byte, sum [sha256.Size]byte) error {
		return publishFile(name, f, data, sum, true)
	}
	// keep publishes a file of the previous build as it was, with its
	// pre-compressed copies.
	keep := func(name string) error {
		mem := out.(*publish.Memory)
		f := last.formats[name]
		if b.opts.Preview { // no manifest, no compressed copies
			return mem.Keep(name, f, last.files[name])
		}
		for _, n := range []string{name, name + ".gz", name + ".br"} {
			data, ok := last.files[n]
			if !ok {
				continue
			}
			if e, ok := last.entries[n]; ok {
				catalog.AddKnown(e)
			}
			if err := mem.Keep(n, f, data); err != nil {
				return err
			}
		}
		return nil
	}
	var errs diag.List
	// sources are the files of the site published as they are, by output
	// name, to say which one clashes with an output furusato makes.
	sources := map[string]string{}
	precompress := p.cfg.Assets.Precompress || b.opts.Precompress // serve too, to report what build would
	published := func(src, name string, f *outputs.Format) {
		sources[name] = src
		longest := name
		if precompress && f.Compress {
			longest += ".br"
		}
		if slug.TooLong(longest) != "" {
			errs.Addf(diag.Pos{File: src}, "the name %q is too long: published as %q, it is %d bytes, and the name of a file of the output can have at most %d; rename the file",
				slug.Short(path.Base(src)), slug.Short(path.Base(longest)), len(path.Base(longest)), slug.MaxName)
		}
	}
	for _, r := range p.resources {
		if slug.TooLong(r.Path) != "" {
			sources[r.Path] = r.File // the site reports it
			continue
		}
		published(r.File, r.Path, outputs.ForFile(r.Path))
	}
	for _, f := range p.static.Files() {
		for _, name := range []string{f.Path, f.Hashed} {
			if name != "" {
				published(path.Join(assets.Dir, f.Path), name, f.Format)
			}
		}
	}
	var lastState *rebuild.State
	if last != nil {
		lastState = last.state
	}
	plan, planErr := lastState.Plan(p.site)
	generated := slices.Collect(maps.Values(hostFiles))
	if p.site.Config.Search {
		for _, ls := range p.site.Langs {
			if ls.Search != nil {
				generated = append(generated, searchDir(p.site, ls)+"index.json")
			}
		}
	}
	if err := folderClashes(sources, plan, generated); err != nil {
		// Nothing can be written where a file and a folder clash.
		errs.Add(err)
		return render.Stats{}, nil, errs.Err()
	}
	staticChanged := next == nil || last.static != p.static
	for _, f := range p.static.Files() {
		if ctx.Err() != nil {
			break
		}
		// Already minified and rewritten by the assets stage.
		for _, name := range []string{f.Path, f.Hashed} {
			switch {
			case name == "":
			case staticChanged:
				errs.Add(emitShared(name, f.Format, f.Data, f.Sum))
			default:
				errs.Add(keep(name))
			}
		}
	}
	vfs, _ := b.opts.Site.(versioned)
	copy := func(src, dst string) {
		if !p.site.OriginalPublished(src) {
			// A photo that pages show only through its variants.
			if vfs != nil && next != nil {
				v, _ := vfs.Version(src)
				next.copies[dst] = copiedFile{version: v, skipped: true}
			}
			return
		}
		var version uint64
		if vfs != nil && next != nil {
			if v, ok := vfs.Version(src); ok {
				version = v
				if old, ok := last.copies[dst]; ok && old.version == v && !old.skipped {
					next.copies[dst] = old
					if old.warning != nil {
						p.warnings.Add(old.warning)
					}
					errs.Add(keep(dst))
					return
				}
			}
		}
		data, err := assets.ReadFile(ctx, b.opts.Site, src)
		if ctx.Err() != nil {
			return // the build stops
		}
		if err != nil {
			errs.Addf(diag.Pos{File: src}, "cannot read: %v", err)
			return
		}
		format := outputs.ForFile(dst)
		var gps *diag.Error
		if (images.Raster(src) || images.Filmed(src)) && images.CarriesGPS(data) {
			gps = images.PositionPublished(src, false)
			p.warnings.Add(gps)
		}
		if next == nil {
			written, _ := minifyCopy(min, src, format, data, p.warnings)
			errs.Add(emitShared(dst, format, written, assets.Sum(ctx, written)))
			return
		}
		if old, ok := last.copies[dst]; ok && !old.skipped && bytes.Equal(old.src, data) {
			old.version = version
			next.copies[dst] = old
			if old.warning != nil {
				p.warnings.Add(old.warning)
			}
			errs.Add(keep(dst))
			return
		}
		written, warning := minifyCopy(min, src, format, data, p.warnings)
		next.copies[dst] = copiedFile{version: version, src: data, warning: cmp.Or(warning, gps)} // a photo is not minified
		errs.Add(emitShared(dst, format, written, assets.Sum(ctx, written)))
	}
	for _, r := range p.resources {
		if ctx.Err() != nil {
			break
		}
		copy(r.File, r.Path)
	}
	// The files for hosts are written last, but a file of the site by
	// their name is best reported with the others, in serve too.
	for _, f := range []*outputs.Format{outputs.HeadersText, outputs.ManifestJSON} {
		name := hostFiles[f]
		if src, ok := sources[name]; ok {
			errs.Add(clash(src, name, f))
		}
	}
	since(&tm.Copy, &start)
	ix := <-index
	index = nil
	if err := cmp.Or(ctx.Err(), ix.err); err != nil {
		return render.Stats{}, nil, err
	}
	for _, f := range ix.files {
		format := outputs.SearchShard
		if f.Meta {
			format = outputs.SearchIndex
		}
		if src, ok := sources[f.Path]; ok {
			errs.Add(clash(src, f.Path, format))
			continue
		}
		errs.Add(emit(f.Path, format, f.Data))
	}
	since(&tm.Search, &start)
	if planErr != nil {
		errs.Add(planErr)
		return render.Stats{}, nil, errs.Err()
	}
	ropts := render.Options{ReleaseContent: b.once && !p.analysis.ReadOthersContent()}
	if next != nil {
		ropts.Kept, next.state = rebuild.Keepable(p.site, p.analysis, plan, rebuild.Previous{Outputs: last.files, State: last.state, Static: staticChanged, Edited: p.edited})
		ropts.Keep = func(name string) error {
			if out.Has(name) {
				return clash(sources[name], name, outputs.HTML)
			}
			return keep(name)
		}
	}
	p.templates.CheckCached(b.opts.CheckPartials)
	stats, err := render.Render(ctx, p.site, p.templates, plan, func(name string, f *outputs.Format, data []byte) error {
		if out.Has(name) {
			return clash(sources[name], name, f)
		}
		if min != nil && !(p.templates.Minified() && f == outputs.HTML) { // pages come minified from minified templates
			m, err := min.Minify(f, data)
			if err != nil {
				return diag.Errorf(diag.Pos{}, "minify %s: %v", name, err)
			}
			data = m
		}
		return emit(name, f, data)
	}, ropts)
	errs.Add(err)
	since(&tm.Render, &start)
	if err := ctx.Err(); err != nil {
		return stats, nil, err
	}
	// Photos last: templates ask for crops of them as pages render.
	if set := p.site.Photos(); set != nil && !p.noImages {
		if next != nil {
			set.Adopt(ctx, last.photos, func(file string) bool { return !p.site.HeldBack(file) })
			next.photos = set
		}
		var ist images.Stats
		if n, ok := keepPhotos(out, p, set, catalog); ok {
			ist.FromCache = n
		} else {
			ist, err = set.Make(ctx, p.imageCache, func(v images.File) error {
				f := photoFormats[v.Format]
				if out.Has(v.Path) {
					return clash(sources[v.Path], v.Path, f)
				}
				catalog.AddHashed(v.Path, f, v.Size, v.Sum)
				p.publishedMu.Lock()
				p.published = append(p.published, images.PublishedFile{Path: v.Path, Size: v.Size, Sum: hex.EncodeToString(v.Sum[:])})
				p.publishedMu.Unlock()
				if v.Cached != "" {
					return out.Copy(v.Path, f, v.Cached, v.Size)
				}
				return out.Write(v.Path, f, v.Data)
			}, b.opts.Progress)
			errs.Add(err)
		}
		p.imageStats = ist
		tm.ImageDecode, tm.ImageResize, tm.ImageEncode, tm.ImageWrite = ist.Decode, ist.Resize, ist.Encode, ist.Write
		for _, r := range p.resources {
			if images.Raster(r.File) && !p.site.OriginalPublished(r.File) && !set.Shown(r.File) {
				p.warnings.Add(diag.Errorf(diag.Pos{File: r.File}, "not published: no page shows it or links to it; a photo of content/ is published in the sizes that pages show (write ![what it shows](%s) in the page), so that photos left beside a page stay private", path.Base(r.File)))
			}
		}
		for _, f := range set.Animated() {
			p.warnings.Add(diag.Errorf(diag.Pos{File: f}, "an animated GIF is published as it is, in one size, and may be heavy on phones; a short video (MP4) is often much smaller"))
		}
		if images.Encoder() != "built-in" && ist.Made > 0 {
			p.warnings.Add(diag.Errorf(diag.Pos{}, "WebP images were made with this computer's libwebp.so, not furusato's own encoder: they may differ in bytes from other computers' builds; build furusato with -tags nodynamic to always use its own"))
		}
		since(&tm.Images, &start)
		if err := ctx.Err(); err != nil {
			return stats, nil, err
		}
	}
	if err := errs.Err(); err != nil {
		return stats, nil, err
	}
	if b.opts.Preview {
		return stats, nil, nil
	}
	if err := emit(hostFiles[outputs.HeadersText], outputs.HeadersText, catalog.Headers(p.cfg.Base.Path)); err != nil {
		return stats, nil, err
	}
	m := catalog.Manifest()
	if err := out.Share(hostFiles[outputs.ManifestJSON], outputs.ManifestJSON, m.JSON()); err != nil {
		return stats, nil, err
	}
	return stats, m, nil
}

// versioned is a file system that numbers the versions of its files, such
// as the dev server's watch.FS.
type versioned interface {
	Version(name string) (uint64, bool)
}

// minifyCopy returns a file of the site as it is published: minified, or
// as it is, with a warning added to warnings, when the minifier cannot
// read it.
func minifyCopy(min *assets.Minifier, src string, f *outputs.Format, data []byte, warnings *diag.List) ([]byte, *diag.Error) {
	if min == nil || f.Minify == "" {
		return data, nil
	}
	m, err := min.Minify(f, bytes.Clone(data)) // the minifier may change what it is given
	if err != nil {
		w := assets.NotMinified(src, err)
		warnings.Add(w)
		return data, w
	}
	return m, nil
}

// keepPhotos takes the photos' folder of the previous output as it is
// into out (see publish.Stage.Keep) when the last build published into
// the same output exactly the variants that this build's pages ask for,
// and the folder did not change since; it adds them to the catalog and
// returns how many. Then no variant is linked or copied, and the cache's
// files are not looked at: they are the folder's, as the last build
// checked them.
func keepPhotos(out publish.Output, p *prepared, set *images.Set, catalog *assets.Catalog) (int, bool) {
	stage, ok := out.(*publish.Stage)
	if !ok {
		return 0, false
	}
	rec, ok := p.imageCache.Published()
	if !ok || rec.Out != stage.Out() {
		return 0, false
	}
	paths := set.Paths()
	if len(paths) != len(rec.Files) {
		return 0, false
	}
	var size int64
	for i, f := range rec.Files {
		if f.Path != paths[i] {
			return 0, false
		}
		size += f.Size
	}
	if !stage.Keep(images.Dir, rec.Folder, len(rec.Files), size) {
		return 0, false
	}
	files := make([]assets.Known, len(rec.Files))
	for i, f := range rec.Files {
		files[i] = assets.Known{Path: f.Path, Format: photoFormats[strings.TrimPrefix(path.Ext(f.Path), ".")], Size: f.Size, SHA256: f.Sum}
	}
	catalog.AddSorted(files)
	p.imageCache.UsedAsRecorded()
	p.keptPhotos = true
	return len(rec.Files), true
}

// photoFormats are the formats of photos' variants, by the names package
// images gives them.
var photoFormats = map[string]*outputs.Format{"webp": outputs.PhotoWebP, "jpeg": outputs.PhotoJPEG, "jpg": outputs.PhotoJPEG, "png": outputs.PhotoPNG}

// hostFiles are the files that furusato writes for hosts, by format.
var hostFiles = map[*outputs.Format]string{
	outputs.HeadersText:  outputs.HeadersFile,
	outputs.ManifestJSON: outputs.ManifestFile,
}

// clash reports src, a file of static/ or content/ published as name,
// which furusato writes itself in format f: which output it is, and
// where what the user meant belongs instead.
func clash(src, name string, f *outputs.Format) error {
	var what, fix string
	switch f {
	case outputs.HTML:
		what, fix = "the page "+name, "rename or remove one of them"
	case outputs.Atom:
		what, fix = "the feed "+name, "remove it from "+path.Dir(src)+"/, or rename it"
	case outputs.XMLSitemap:
		what, fix = "the sitemap.xml", "remove it: furusato's lists every page of the site"
	case outputs.RobotsText:
		what, fix = "the robots.txt", "remove it: furusato's allows every page and names the sitemap"
	case outputs.HeadersText:
		what, fix = "the _headers", "remove it: furusato's gives every file its Cache-Control from site.yaml's cache settings (cache.rules for paths of your own); other headers belong in the host's settings"
	case outputs.ManifestJSON:
		what, fix = "the furusato-manifest.json", "rename it: furusato's lists the published files for furusato deploy"
	default:
		what, fix = name, "rename one of them"
	}
	if src == "" { // cannot happen: only files of the site are published as they are
		return diag.Errorf(diag.Pos{File: name}, "%s is written twice", name)
	}
	return diag.Errorf(diag.Pos{File: src}, "clashes with %s that furusato writes; %s", what, fix)
}

// owner is what makes a file of the output.
type owner struct {
	src string         // a file of the site, published as it is
	out *render.Output // or an output furusato makes
}

// folderClashes reports what the output cannot hold: a file where
// another output needs a folder of the same name (static/about beside the
// page /about/; an alias /_headers, which is written as
// _headers/index.html), an alias that is a file of the site, and names
// that differ only in case (caseClashes). Each clash is reported once, at
// what the user can rename, before anything is written. sources are the
// files of the site by output name.
func folderClashes(sources map[string]string, plan []render.Output, generated []string) error {
	var errs diag.List
	files := make(map[string]owner, len(sources)+len(plan)+len(generated))
	for name, src := range sources {
		files[name] = owner{src: src}
	}
	for _, name := range generated {
		files[name] = owner{}
	}
	for i, o := range plan {
		if other, ok := files[o.Path]; ok {
			if alias, page := o.Alias(); page != nil {
				where := "furusato writes " + o.Path
				if other.src != "" {
					where = other.src + " is published"
				}
				errs.Add(diag.Errorf(page.AliasPos(alias), "front matter: aliases: %s would be written where %s; an alias is an old address that nothing on the site has now", alias, where))
			}
			continue // else the render reports it, at src
		}
		files[o.Path] = owner{out: &plan[i]}
	}
	// what names the owner of a file, after its name, when the name does
	// not say it.
	what := func(name string, o owner) string {
		w := o.src
		if o.out != nil {
			w = o.out.String()
		}
		if w == "" || w == name {
			return ""
		}
		return " (" + w + ")"
	}
	// Each file that is also a folder, with the first name in it.
	clashes := map[string]string{}
	for name := range files {
		for i := strings.LastIndexByte(name, '/'); i > 0; i = strings.LastIndexByte(name[:i], '/') {
			dir := name[:i]
			if _, ok := files[dir]; ok {
				if first, ok := clashes[dir]; !ok || name < first {
					clashes[dir] = name
				}
			}
		}
	}
	for _, dir := range slices.Sorted(maps.Keys(clashes)) {
		name := clashes[dir]
		inner, file := files[name], files[dir]
		innerAlias, innerPage := "", (*site.Page)(nil)
		if inner.out != nil {
			innerAlias, innerPage = inner.out.Alias()
		}
		fileAlias, filePage := "", (*site.Page)(nil)
		if file.out != nil {
			fileAlias, filePage = file.out.Alias()
		}
		switch {
		case innerPage != nil:
			errs.Add(diag.Errorf(innerPage.AliasPos(innerAlias), "front matter: aliases: %s would need a folder %s/, where furusato writes the file %s%s; an alias is an old address that nothing on the site has now", innerAlias, dir, dir, what(dir, file)))
		case filePage != nil:
			errs.Add(diag.Errorf(filePage.AliasPos(fileAlias), "front matter: aliases: %s would be written as the file %s, where furusato needs a folder for %s%s; an alias is an old address that nothing on the site has now", fileAlias, dir, name, what(name, inner)))
		case file.src != "":
			errs.Add(diag.Errorf(diag.Pos{File: file.src}, "is published as the file %s, where furusato needs a folder of that name for %s%s; rename one of them", dir, name, what(name, inner)))
		case inner.src != "":
			errs.Add(diag.Errorf(diag.Pos{File: inner.src}, "is published in a folder %s/, where furusato writes the file %s%s; rename the folder", dir, dir, what(dir, file)))
		default:
			pos := diag.Pos{}
			for _, o := range []owner{inner, file} {
				if o.out != nil && o.out.Page != nil && o.out.Page.File != "" {
					pos = diag.Pos{File: o.out.Page.File, Line: 1, Col: 1}
					break
				}
			}
			errs.Add(diag.Errorf(pos, "%s is written as a file%s, and furusato needs a folder of that name for %s%s; rename one of them", dir, what(dir, file), name, what(name, inner)))
		}
	}
	// The photos' folder is the build's alone (and a build may take it
	// whole from the previous output: see publish.Stage.Keep).
	for name, o := range files {
		if !strings.HasPrefix(name, images.Dir+"/") {
			continue
		}
		const why = "the folder where furusato publishes the photos' sizes"
		alias, page := "", (*site.Page)(nil)
		if o.out != nil {
			alias, page = o.out.Alias()
		}
		switch {
		case page != nil:
			errs.Add(diag.Errorf(page.AliasPos(alias), "front matter: aliases: %s would be written in %s/, %s; an alias is an old address that nothing on the site has now", alias, images.Dir, why))
		case o.src != "":
			errs.Add(diag.Errorf(diag.Pos{File: o.src}, "is published in %s/, %s; rename the folder", images.Dir, why))
		default:
			errs.Add(diag.Errorf(diag.Pos{}, "%s%s would be written in %s/, %s", name, what(name, o), images.Dir, why))
		}
	}
	caseClashes(files, &errs)
	return errs.Err()
}

// caseClashes reports names of files, or of the folders they are in,
// that differ only in case: on Windows and macOS, where PR staff build,
// they are one name, and one file would overwrite the other (an alias
// /About/ the page /about/), or two folders become one. Each such name is
// reported once, at the file the user wrote if either was.
//
// Most sites have no capital letter in any name, which a look at each
// finds: for a capital A to Z, and, in the names of static/ and aliases
// (furusato makes the others in small letters), for any other. Otherwise
// a first pass finds whether there are clashes, and only then are the
// names sorted, for the same errors from build to build.
func caseClashes(files map[string]owner, errs *diag.List) {
	capitals := false
	for name, o := range files {
		if asciiCapital(name) || (o.src != "" || o.out != nil && isAlias(*o.out)) && strings.ToLower(name) != name {
			capitals = true
			break
		}
	}
	found := false
	if capitals {
		caseTwins(slices.Collect(maps.Keys(files)), func(string, string, string, string) bool {
			found = true
			return false
		})
	}
	if !found {
		return
	}
	// at reports the clash at o, named mine, when the user wrote it, with
	// the other name and what makes it.
	at := func(o owner, mine, theirs string, their owner) bool {
		by := their.src
		if their.out != nil {
			by = their.out.String()
		}
		if by != "" {
			theirs += " (" + by + ")"
		}
		if o.out != nil {
			if alias, page := o.out.Alias(); page != nil {
				errs.Add(diag.Errorf(page.AliasPos(alias), "front matter: aliases: %s differs from %s only in small and capital letters: on Windows and macOS they are one address, and the alias would overwrite it; change the alias", mine, theirs))
				return true
			}
		}
		if o.src != "" {
			errs.Add(diag.Errorf(diag.Pos{File: o.src}, "%s differs from %s only in small and capital letters: on Windows and macOS they are one name, where one file would overwrite the other or two folders become one; rename the file or folder", mine, theirs))
			return true
		}
		return false
	}
	caseTwins(slices.Sorted(maps.Keys(files)), func(name, p, otherPath, otherFile string) bool {
		shown := func(p string) string { // as an address: /About/
			if p != name {
				p += "/"
			}
			return "/" + p
		}
		mine, theirs := shown(p), shown(otherPath)
		if !at(files[name], mine, theirs, files[otherFile]) && !at(files[otherFile], theirs, mine, files[name]) {
			errs.Add(diag.Errorf(diag.Pos{}, "%s and %s differ only in small and capital letters: on Windows and macOS they are one name", theirs, mine))
		}
		return true
	})
}

// asciiCapital tells whether s has a capital letter A to Z (bytes of
// UTF-8 that are not ASCII are never these).
func asciiCapital(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

func isAlias(o render.Output) bool {
	alias, _ := o.Alias()
	return alias != ""
}

// caseTwins calls f, once each, for the paths of names (a file's, or a
// folder's above it) that an earlier name spells with other small and
// capital letters: with the name, the path, and the earlier spelling with
// the first name at or below it. f returns false to stop.
func caseTwins(names []string, f func(name, path, otherPath, otherFile string) bool) {
	type spelling struct{ path, file string }
	spelled := make(map[string]spelling, len(names))
	reported := map[string]bool{}
	for _, name := range names {
		for i := 0; i <= len(name); i++ {
			if i < len(name) && name[i] != '/' {
				continue
			}
			p := name[:i]
			lower := strings.ToLower(p)
			s, ok := spelled[lower]
			if !ok {
				spelled[lower] = spelling{p, name}
				continue
			}
			if s.path == p {
				continue
			}
			if !reported[lower] {
				reported[lower] = true
				if !f(name, p, s.path, s.file) {
					return
				}
			}
			break // the folders below are the same clash
		}
	}
}
