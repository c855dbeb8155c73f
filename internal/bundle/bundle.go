// Package bundle knows the files of a site that are not pages, and
// resolves how a page's Markdown names pages and files.
//
// # Files beside pages
//
// content/ publishes its web files (see package content) at their path,
// made a URL name by package slug like the pages' paths:
// content/stories/My Story/Photo 1.JPG is published at
// /stories/my-story/photo-1.jpg, beside its page. Links and images still
// name the files as they are. A file of a page bundle whose page is
// published in no language (a draft, or dated in the future) is held back
// with it, unless a published page links to it or shows it. An Office or
// ZIP file is published only when a published page links to it, and a
// photo as it is only then too (see OriginalPublished): pages show it in
// sizes of its own.
//
// # Links and images
//
// In a page's Markdown, a link to a Markdown file (kaname.ja.md,
// ../companies/aoba.md#map) becomes the URL of its page in the linking
// page's language, or in the first language that has it; a link to a file
// beside the page becomes the file's published URL. An image is a file
// beside the page, or a file of static/ when it starts with a slash
// (/images/map.png, published under its fingerprinted name when assets
// are fingerprinted). External links and images, anchors and
// site-absolute links are left as they are. A link or image that names a
// file that does not exist, or is not published, is an error at the link.
//
// # Lifecycle
//
// The Files of a build belong to one page graph, which site.New makes
// with them. Its conversion of the pages' Markdown resolves their links
// in parallel, and the Files record which files of content/ are used (in
// a sync.Map); HoldBack then runs once, after every page is converted.
// site.Edit converts edited pages again through the same Files, between
// builds, and only when HoldBack left nothing out.
package bundle

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/content"
	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/images"
	"github.com/furusato/furusato/internal/markdown"
	"github.com/furusato/furusato/internal/slug"
	"github.com/furusato/furusato/internal/svg"
)

// Pages is what resolving links needs of the page graph.
type Pages interface {
	// PageURL is the URL of the page at a content path (companies/kaname;
	// "" for the home page) in language l, or in the first language that
	// has it; ok is false when there is no such page.
	PageURL(l *config.Language, contentPath string) (u string, ok bool)
	// Published reports whether the page at a content path is published
	// in any language.
	Published(contentPath string) bool
	// Unpublished says why a content path exists but is not published, or "".
	Unpublished(contentPath string) string
	// PageExpired reports whether it is not published because its
	// expires date came: links to it become text (markdown.Gone).
	PageExpired(contentPath string) bool
	// Paths lists the content paths of the published pages, for suggestions.
	Paths() []string
}

// Assets tells the names files of static/ are published under (with a
// content hash, when fingerprinting is on) and their Subresource Integrity
// values. The assets stage provides it; without it files keep their names.
type Assets interface {
	Published(p string) (name string, ok bool)
	Integrity(p string) string
}

// Files are the files of one build that are not pages: the published
// files of content/, and the files of static/. Resolving links records
// which files are used, so the same Files serve one graph only.
type Files struct {
	cfg       *config.Config
	pages     Pages
	fsys      fs.FS
	assets    Assets
	list      []*content.Resource // the published files of content/, one per output path
	resources map[string]string   // files of content/ that are not pages: path in content/ → output path
	published map[string]string   // their output paths → their files
	skipped   map[string]bool     // files of content/ that are not published, by file
	static    map[string]bool     // files of static/, by path
	images    sync.Map            // file → imageInfo
	used      sync.Map            // content file → true: a file of content/ that a published page links to or shows
	heldBack  map[string]bool     // files of content/ left out because their page is not published, or not linked
	withPage  []string            // those left out because their page is not published
	photos    *images.Set         // photos shown in several widths; nil shows files as they are
	linked    sync.Map            // content file → true: a file that a published page links to
}

// New makes the Files of a build: c's files of content/, static's files
// of static/ (slash paths relative to it), fsys the site folder (for
// reading image sizes), and assets their published names (nil keeps the
// names). photos, when not nil, publishes the raster images that pages
// show in several widths (see package images). Two files published as one,
// a name too long for the output, or an SVG that could run a script (see
// package svg) are errors; the Files are returned all the same.
func New(cfg *config.Config, c *content.Content, fsys fs.FS, static []string, assets Assets, pages Pages, photos *images.Set) (*Files, error) {
	f := &Files{
		photos:    photos,
		cfg:       cfg,
		pages:     pages,
		fsys:      fsys,
		assets:    assets,
		resources: map[string]string{},
		published: map[string]string{},
		skipped:   map[string]bool{},
		static:    map[string]bool{},
	}
	for _, file := range c.Skipped {
		f.skipped[file] = true
	}
	for _, p := range static {
		f.static[p] = true
	}
	var errs diag.List
	for _, r := range c.Resources {
		f.resources[strings.TrimPrefix(r.File, content.Dir+"/")] = r.Path
		if long := slug.TooLong(r.Path); long != "" {
			// Only a name with signs spelt out (# as sharp) grows.
			errs.Addf(diag.Pos{File: r.File}, "the name %q is too long: as a URL it is %d bytes, and the name of a file of the output can have at most %d; rename the file", slug.Short(long), len(long), slug.MaxName)
		}
		if other, ok := f.published[r.Path]; ok {
			errs.Addf(diag.Pos{File: r.File}, "%s and %s would both be published as %s; rename one", other, r.File, r.Path)
			continue
		}
		f.published[r.Path] = r.File
		f.list = append(f.list, r)
		if strings.EqualFold(path.Ext(r.File), ".svg") {
			if data, err := fs.ReadFile(fsys, r.File); err == nil {
				errs.Add(svg.Check(r.File, data))
			} // else the copy reports it
		}
	}
	return f, errs.Err()
}

// Resources are the files of content/ that are published, one per output
// path.
func (f *Files) Resources() []*content.Resource { return f.list }

// HeldBack is the number of files of content/ that HoldBack left out.
func (f *Files) HeldBack() int { return len(f.heldBack) }

func (f *Files) held(file string) {
	if f.heldBack == nil {
		f.heldBack = map[string]bool{}
	}
	f.heldBack[file] = true
}

// IsHeldBack reports whether HoldBack left a file of content/ out.
func (f *Files) IsHeldBack(file string) bool { return f.heldBack[file] }

// relURL turns a path from the site root into a URL that includes the
// base URL's path, as the graph's RelURL does.
func (f *Files) relURL(p string) string {
	return f.cfg.Base.Path + strings.TrimPrefix(p, "/")
}

// StaticURL returns the URL pages use for a file of static/ (a slash path
// without leading slash): its published name under the base URL's path.
// ok is false when static/ has no such file.
func (f *Files) StaticURL(p string) (string, bool) {
	if !f.static[p] {
		return "", false
	}
	if f.assets != nil {
		if name, ok := f.assets.Published(p); ok {
			return f.relURL(name), true
		}
	}
	return f.relURL(p), true
}

// StaticIntegrity returns the Subresource Integrity value (sha384-…) of a
// file of static/, or "" when it is not known.
func (f *Files) StaticIntegrity(p string) string {
	if f.assets == nil || !f.static[p] {
		return ""
	}
	return f.assets.Integrity(p)
}

// Resolver resolves the links and images of one page, for
// markdown.Page.Resolver. Many goroutines may use resolvers of the same
// Files at once.
type Resolver struct {
	f    *Files
	file string // the page's Markdown file
	lang *config.Language
}

// Resolver returns the resolver of the page of a Markdown file in a
// language.
func (f *Files) Resolver(file string, lang *config.Language) Resolver {
	return Resolver{f: f, file: file, lang: lang}
}

// Link resolves a link: a .md file becomes its page's URL in the page's
// language; a file beside the page becomes its published URL.
func (r Resolver) Link(dest string) (string, error) {
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
		return dest, nil // external, anchors, queries
	}
	if strings.HasPrefix(dest, "/") {
		if file, ok := r.f.published[strings.TrimPrefix(u.Path, "/")]; ok {
			r.f.used.Store(file, true) // a document of content/, linked by its published path
		}
		return dest, nil // site-absolute
	}
	file := r.join(u.Path)
	if !strings.HasSuffix(u.Path, ".md") {
		out, ok := r.f.resources[strings.TrimPrefix(file, content.Dir+"/")]
		if !strings.HasPrefix(file, content.Dir+"/") || !ok {
			if r.f.skipped[file] {
				return "", fmt.Errorf("link to %s: %s", file, notPublished(file))
			}
			return "", fmt.Errorf("link to %s: there is no such file in content/%s", file, r.f.otherCase(file))
		}
		r.f.used.Store(file, true)
		r.f.linked.Store(file, true)
		return r.f.relURL(out) + suffix(u), nil
	}
	target := r.f.pagePath(file)
	t, ok := r.f.pages.PageURL(r.lang, target)
	if !ok {
		if why := r.f.pages.Unpublished(target); why != "" {
			msg := fmt.Sprintf("link to %s: that page is %s, so it is not published", file, why)
			if r.f.pages.PageExpired(target) {
				return "", &markdown.Gone{Reason: msg}
			}
			return "", errors.New(msg)
		}
		return "", fmt.Errorf("link to %s: there is no such page%s", file, diag.DidYouMean(target, r.f.pages.Paths()))
	}
	return t + suffix(u), nil
}

// FileSize returns the size in bytes of the file of content/ or static/
// that a link to dest leads to, or -1 when it leads to no file of the
// site: for the labels of links to documents (see package markdown).
func (r Resolver) FileSize(dest string) int64 {
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
		return -1
	}
	var file string
	if rel, ok := strings.CutPrefix(u.Path, "/"); ok {
		if r.f.static[rel] {
			file = path.Join("static", rel)
		} else if file, ok = r.f.published[rel]; !ok {
			return -1
		}
	} else {
		file = r.join(u.Path)
		if _, ok := r.f.resources[strings.TrimPrefix(file, content.Dir+"/")]; !ok {
			return -1
		}
	}
	fi, err := fs.Stat(r.f.fsys, file)
	if err != nil {
		return -1
	}
	return fi.Size()
}

// join resolves p, a path relative to the page's file, to a file of the
// site. A path that climbs above content/ with one ../ too many stops at
// content/, as a browser stops at the site's root: a line copied from a
// story's page (../../companies/kaname/photo.jpg) into a page at the top
// finds what it named.
func (r Resolver) join(p string) string {
	dir, ok := strings.CutPrefix(path.Dir(r.file), content.Dir)
	if !ok || dir != "" && dir[0] != '/' {
		return path.Join(path.Dir(r.file), p)
	}
	return content.Dir + path.Join("/", dir, p)
}

// suffix is the query and fragment of a link, kept when its path is
// rewritten: two.ja.md?x=1#map becomes /two/?x=1#map.
func suffix(u *url.URL) string {
	var out string
	if u.RawQuery != "" || u.ForceQuery {
		out = "?" + u.RawQuery
	}
	if u.Fragment != "" {
		out += "#" + u.EscapedFragment()
	}
	return out
}

// notPublished explains a link to a file of content/ that is not published.
func notPublished(file string) string {
	return fmt.Sprintf("%s is not published, because content/ publishes only web files (%s); to publish it as it is, put it in static/ and link to /%s",
		file, content.WebFileTypes, path.Base(file))
}

// pagePath turns a Markdown file name into its content path:
// content/companies/kaname.en.md → companies/kaname.
func (f *Files) pagePath(file string) string {
	p := strings.TrimPrefix(strings.TrimSuffix(file, ".md"), content.Dir+"/")
	if i := strings.LastIndexByte(p, '.'); i >= 0 && f.cfg.Language(p[i+1:]) != nil {
		p = p[:i]
	}
	switch {
	case p == "_index" || p == "index":
		return ""
	case strings.HasSuffix(p, "/_index"):
		return strings.TrimSuffix(p, "/_index")
	case strings.HasSuffix(p, "/index"):
		return strings.TrimSuffix(p, "/index")
	}
	return p
}

// Image resolves an image: beside the page (in a bundle), or from static/
// when it starts with a slash. External images are left as they are.
func (r Resolver) Image(dest string) (markdown.Image, error) {
	img, _, err := r.ImageType(dest)
	return img, err
}

// ImageType resolves an image as Image does, and tells its media type as
// well ("" for external images and files that are not images).
func (r Resolver) ImageType(dest string) (markdown.Image, string, error) {
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return markdown.Image{URL: dest}, "", nil
	}
	file, rel, err := r.locate(dest, u)
	if err != nil {
		return markdown.Image{}, "", err
	}
	if r.f.photos != nil && images.Raster(file) {
		img, typ, ok, err := r.f.Picture(file, rel, images.Crop{})
		if err != nil {
			return markdown.Image{}, "", fmt.Errorf("image %s: %s: %v", dest, file, err)
		}
		if ok {
			return img, typ, nil
		}
	}
	if images.Raster(file) {
		r.f.linked.Store(file, true) // shown as it is
	}
	info := r.f.imageInfo(file)
	published := r.f.relURL(rel)
	if su, ok := r.f.StaticURL(rel); ok {
		published = su // fingerprinted
	}
	return markdown.Image{URL: published, Width: info.w, Height: info.h}, info.typ, nil
}

// Picture asks for the variants of a photo, file in the site folder,
// published as out, and returns how pages show it, and the media type of
// its fallback (image/jpeg or image/png). ok is false for a file shown as
// it is: an animated GIF, or any image when the Files have no photos.
func (f *Files) Picture(file, out string, crop images.Crop) (img markdown.Image, typ string, ok bool, err error) {
	if f.photos == nil {
		return img, "", false, nil
	}
	p, err := f.photos.Picture(file, out, crop)
	if err != nil || p == nil {
		return img, "", false, err
	}
	s := f.photos.Settings()
	return markdown.Image{URL: f.relURL(p.URL()), Width: p.Width, Height: p.Height,
		Srcset: images.Srcset(p.Fallback, f.relURL), WebPSrcset: images.Srcset(p.WebP, f.relURL), Sizes: s.Sizes}, p.Type, true, nil
}

// Photos are the photos of the build, or nil.
func (f *Files) Photos() *images.Set { return f.photos }

// OriginalPublished reports whether a file of content/ is published as
// it is. A photo is not: pages show it through its variants, which carry
// none of its EXIF (the position where it was taken), and one that no
// page shows is not published at all. It is when a page links to it or
// shows it as it is (an animated GIF), or site.yaml asks for originals.
func (f *Files) OriginalPublished(file string) bool {
	if f.photos == nil || f.cfg.Images.Originals || !images.Raster(file) {
		return true
	}
	_, linked := f.linked.Load(file)
	return linked
}

// Photo returns the file in the site folder and the published path of an
// image that Image resolved, for crops; ok is false for an external
// image, or a file that is not a photo.
func (r Resolver) Photo(dest string) (file, out string, ok bool) {
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return "", "", false
	}
	file, out, err = r.locate(dest, u)
	return file, out, err == nil && images.Raster(file)
}

// locate finds the file an image names, and where it is published (for
// static/, under its own name).
func (r Resolver) locate(dest string, u *url.URL) (file, rel string, err error) {
	switch {
	case strings.HasPrefix(u.Path, "/"):
		rel = strings.TrimPrefix(u.Path, "/")
		if !r.f.static[rel] {
			if f, ok := r.f.published[rel]; ok {
				r.f.used.Store(f, true)
				return f, rel, nil
			}
			return "", "", fmt.Errorf("image %s: there is no static/%s%s", dest, rel, r.f.otherCase(path.Join("static", rel)))
		}
		return path.Join("static", rel), rel, nil
	default:
		file = r.join(u.Path)
		if r.f.skipped[file] {
			return "", "", fmt.Errorf("image %s: %s", dest, notPublished(file))
		}
		out, ok := r.f.resources[strings.TrimPrefix(file, content.Dir+"/")]
		if !strings.HasPrefix(file, content.Dir+"/") || !ok {
			return "", "", fmt.Errorf("image %s: there is no file %s%s", dest, file, r.f.otherCase(file))
		}
		r.f.used.Store(file, true)
		return file, out, nil
	}
}

// imageInfo is what a build reads from an image file.
type imageInfo struct {
	w, h int
	typ  string // media type: image/png, image/jpeg, image/gif, image/webp, image/svg+xml
}

// imageInfo reads an image's size and type once per build; zero when it
// cannot tell.
func (f *Files) imageInfo(file string) imageInfo {
	if v, ok := f.images.Load(file); ok {
		return v.(imageInfo)
	}
	var info imageInfo
	if data, err := fs.ReadFile(f.fsys, file); err == nil {
		info.w, info.h, info.typ = images.Probe(file, data)
	}
	f.images.Store(file, info)
	return info
}

// HoldBack leaves out of the published files the Office and ZIP files
// that no published page links to (see content.Resource), and those of a
// page's folder whose page is published in no language (a draft, dated
// in the future, or expired): an embargoed page's budget.pdf must not
// reach the site before the page does, nor a retired page's photo stay
// after it. A page's folder is its bundle (stories/sato/ of
// stories/sato/index.ja.md), or the folder of a page written as a single
// file (companies/kaname/ beside companies/kaname.ja.md). A file that a
// published page links to or shows is published all the same, once. It
// runs once every page's links are resolved, and returns a warning for
// each Office or ZIP file that no page links to, and for each file of an
// unpublished page's folder published for a link. The files left out
// with their page are no mistake, and get no warning: the build's
// summary lists them (LeftWithPages) below the pages.
func (f *Files) HoldBack(srcs []*content.Source) []*diag.Error {
	bundles := map[string]bool{} // a page's folder in content/ → a page of it is published
	for _, src := range srcs {
		folder := src.Bundle
		if folder == "" && !src.IsIndex {
			folder = src.Path
		}
		if folder != "" {
			bundles[folder] = bundles[folder] || f.pages.Published(src.Path)
		}
	}
	var warnings []*diag.Error
	kept := f.list[:0]
	for _, r := range f.list {
		bundle := ""
		for d := path.Dir(strings.TrimPrefix(r.File, content.Dir+"/")); d != "." && d != ""; d = path.Dir(d) {
			if _, ok := bundles[d]; ok {
				bundle = d
				break
			}
		}
		_, used := f.used.Load(r.File)
		if r.Linked && !used {
			f.held(r.File)
			delete(f.published, r.Path)
			warnings = append(warnings, diag.Errorf(diag.Pos{File: r.File}, "not published: no page links to it; Office and ZIP files of content/ are published only when a page links to them (write [申請書](%s) in the page), so that drafts and notes left beside a page stay private", path.Base(r.File)))
			continue
		}
		if bundle == "" || bundles[bundle] || used {
			if bundle != "" && !bundles[bundle] {
				warnings = append(warnings, diag.Errorf(diag.Pos{File: r.File}, "published, though its page %s is %s, because a published page links to it or shows it: if it is not to be seen yet, remove that link; if it is, move it out of the page's folder", content.Dir+"/"+bundle, f.pages.Unpublished(bundle)))
			}
			kept = append(kept, r)
			continue
		}
		f.held(r.File)
		delete(f.published, r.Path)
		f.withPage = append(f.withPage, r.File)
	}
	f.list = kept
	slices.Sort(f.withPage)
	return warnings
}

// LeftWithPages lists, sorted, the files of content/ that HoldBack left
// out because their page is not published (a draft, dated in the future,
// or expired): they are published with it.
func (f *Files) LeftWithPages() []string { return f.withPage }

// otherCase names a file of the site that is file but for capitals
// (photo.jpg for Photo.JPG), as a hint for a message that there is no
// file: Windows and macOS find such a file, and the web server does not.
// It is "" when there is none.
func (f *Files) otherCase(file string) string {
	var names []string
	if rel, ok := strings.CutPrefix(file, content.Dir+"/"); ok {
		for r := range f.resources {
			if strings.EqualFold(r, rel) {
				names = append(names, path.Join(content.Dir, r))
			}
		}
	}
	if rel, ok := strings.CutPrefix(file, "static/"); ok {
		for r := range f.static {
			if strings.EqualFold(r, rel) {
				names = append(names, path.Join("static", r))
			}
		}
	}
	if len(names) == 0 {
		return ""
	}
	return fmt.Sprintf("; there is %s, named with other capitals: write the name as it is, since the web server tells capitals apart", slices.Min(names))
}
