package site

import (
	"context"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"strings"

	"github.com/furusato/furusato/internal/content"
	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/images"
	"github.com/furusato/furusato/internal/markdown"
	"github.com/furusato/furusato/internal/parallel"
)

// releaseBody lets go of a converted page's Markdown and links.
func (p *Page) releaseBody() {
	if p.src != nil {
		p.src.Body = nil
	}
	p.Links = nil
}

// ReleaseContent lets go of the page's HTML, once its output is written,
// in a single build whose templates show no other page's HTML.
func (p *Page) ReleaseContent() {
	if p.content != nil {
		p.content.html = ""
	}
}

// convert renders the Markdown of pages in parallel, and resolves their
// front matter images: for New, and for Edit, which converts again the
// pages it changed.
func (s *Site) convert(ctx context.Context, pages []*Page) error {
	conv, cache := s.opts.Markdown, s.opts.Cache
	var errs diag.List
	err := parallel.Each(ctx, len(pages), func(i int) {
		p := pages[i]
		if p.src == nil {
			return
		}
		res := resolver{s: s, p: p}
		if img := p.imageSrc; img != "" {
			i, typ, err := res.image(img)
			if err != nil {
				errs.Addf(p.Pos("image"), "front matter: image: %v", err)
			} else {
				p.Image = &Image{URL: i.URL, Alt: p.imageAlt, Width: i.Width, Height: i.Height, Type: typ}
			}
		}
		cv := cache.Convert(conv, markdown.Page{File: p.File, Lang: p.Lang.Code, Body: p.src.Body, BodyLine: p.src.BodyLine, Resolver: res})
		errs.Add(cv.Err)
		r := cv.Result
		p.content = &pageHTML{cv.HTML}
		p.bodySum = cv.Sum
		p.Summary = r.Summary
		if p.Description != "" && p.Kind == KindPage {
			p.Summary = p.Description
		}
		p.ReadingTime = r.ReadingTime
		p.Headings = r.Headings
		p.Links = r.Links
		if s.opts.ReleaseBodies {
			p.releaseBody()
		}
	})
	if err != nil {
		return err
	}
	return errs.Err()
}

// resolver resolves the links and images of one page.
type resolver struct {
	s *Site
	p *Page
}

// Link resolves a link: a .md file becomes its page's URL in the page's
// language; a file beside the page becomes its published URL.
func (r resolver) Link(dest string) (string, error) {
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" || strings.HasPrefix(dest, "/") {
		return dest, nil // external, anchors, queries, site-absolute
	}
	file := path.Join(path.Dir(r.p.File), u.Path)
	if !strings.HasSuffix(u.Path, ".md") {
		out, ok := r.s.resources[strings.TrimPrefix(file, content.Dir+"/")]
		if !strings.HasPrefix(file, content.Dir+"/") || !ok {
			if r.s.skipped[file] {
				return "", fmt.Errorf("link to %s: %s", file, notPublished(file))
			}
			return "", fmt.Errorf("link to %s: there is no such file in content/", file)
		}
		r.s.used.Store(file, true)
		return r.s.RelURL(out) + suffix(u), nil
	}
	target := r.s.pagePath(file)
	t := r.s.Lookup(r.p.Lang, target)
	if t == nil {
		if why := r.s.unpublished[target]; why != "" {
			return "", fmt.Errorf("link to %s: that page is %s, so it is not published", file, why)
		}
		return "", fmt.Errorf("link to %s: there is no such page%s", file, diag.DidYouMean(target, r.s.Paths()))
	}
	return t.URL + suffix(u), nil
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
func (s *Site) pagePath(file string) string {
	p := strings.TrimPrefix(strings.TrimSuffix(file, ".md"), content.Dir+"/")
	if i := strings.LastIndexByte(p, '.'); i >= 0 && s.Config.Language(p[i+1:]) != nil {
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
func (r resolver) Image(dest string) (markdown.Image, error) {
	img, _, err := r.image(dest)
	return img, err
}

// image resolves an image as Image does, and tells its media type as well
// ("" for external images and files that are not images).
func (r resolver) image(dest string) (markdown.Image, string, error) {
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return markdown.Image{URL: dest}, "", nil
	}
	var file, rel string
	switch {
	case strings.HasPrefix(u.Path, "/"):
		rel = strings.TrimPrefix(u.Path, "/")
		if !r.s.static[rel] {
			if f, ok := r.s.published[rel]; ok {
				file = f
				r.s.used.Store(file, true)
				break
			}
			return markdown.Image{}, "", fmt.Errorf("image %s: there is no static/%s", dest, rel)
		}
		file = path.Join("static", rel)
	default:
		file = path.Join(path.Dir(r.p.File), u.Path)
		if r.s.skipped[file] {
			return markdown.Image{}, "", fmt.Errorf("image %s: %s", dest, notPublished(file))
		}
		out, ok := r.s.resources[strings.TrimPrefix(file, content.Dir+"/")]
		if !strings.HasPrefix(file, content.Dir+"/") || !ok {
			return markdown.Image{}, "", fmt.Errorf("image %s: there is no file %s", dest, file)
		}
		r.s.used.Store(file, true)
		rel = out
	}
	info := r.s.imageInfo(file)
	published := r.s.RelURL(rel)
	if su, ok := r.s.StaticURL(rel); ok {
		published = su // fingerprinted
	}
	return markdown.Image{URL: published, Width: info.w, Height: info.h}, info.typ, nil
}

// imageInfo is what a build reads from an image file.
type imageInfo struct {
	w, h int
	typ  string // media type: image/png, image/jpeg, image/gif, image/webp, image/svg+xml
}

// imageInfo reads an image's size and type once per build; zero when it
// cannot tell.
func (s *Site) imageInfo(file string) imageInfo {
	if v, ok := s.images.Load(file); ok {
		return v.(imageInfo)
	}
	var info imageInfo
	if data, err := fs.ReadFile(s.fsys, file); err == nil {
		info.w, info.h, info.typ = images.Probe(file, data)
	}
	s.images.Store(file, info)
	return info
}

// holdBack leaves out of the published files those of a page bundle
// whose page is published in no language (a draft, or dated in the
// future): an embargoed page's budget.pdf must not reach the site before
// the page does. A file that a published page links to or shows is
// published all the same, once.
func (s *Site) holdBack() {
	bundles := map[string]bool{} // bundle folder in content/ → a page of it is published
	for _, src := range s.sources {
		if src.Bundle != "" {
			_, published := s.paths[src.Path]
			bundles[src.Bundle] = bundles[src.Bundle] || published
		}
	}
	kept := s.Resources[:0]
	for _, r := range s.Resources {
		bundle := ""
		for d := path.Dir(strings.TrimPrefix(r.File, content.Dir+"/")); d != "." && d != ""; d = path.Dir(d) {
			if _, ok := bundles[d]; ok {
				bundle = d
				break
			}
		}
		_, used := s.used.Load(r.File)
		if bundle == "" || bundles[bundle] || used {
			kept = append(kept, r)
			continue
		}
		s.heldBack++
		delete(s.published, r.Path)
		s.warnings.Addf(diag.Pos{File: r.File}, "not published: its page %s is %s; it is published with the page (or when a published page links to it)", content.Dir+"/"+bundle, s.unpublished[bundle])
	}
	s.Resources = kept
}
