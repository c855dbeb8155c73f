package site

import (
	"cmp"
	"fmt"
	"path"
	"strings"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/content"
	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/slug"
)

// assignURLs gives every page its URL and reports two pages with one URL.
// It returns the pages by URL.
func (s *Site) assignURLs(errs *diag.List) map[string]*Page {
	base := s.Config.Base
	origin := base.Scheme + "://" + base.Host
	owner := map[string]*Page{}
	for _, p := range s.Pages {
		rel := p.Path
		switch p.Kind {
		case KindNotFound:
			rel = ""
		case KindPage, KindSection:
			if name := strings.Trim(p.slug, "/"); strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
				// A slug names the last part of the URL: one with a slash
				// or a .. would move the page into another section or
				// language (../../en/fake is /en/fake/).
				errs.Addf(p.Pos("slug"), "slug: %q is not a name: a slug replaces only the last part of the page's URL (/%s<slug>/), so it has no / or \\ and is not . or ..; to move the page, move its file", p.slug, strings.TrimPrefix(path.Dir(rel)+"/", "./"))
				p.slug = ""
			}
			if p.slug != "" {
				rel = path.Join(path.Dir(rel), strings.Trim(p.slug, "/"))
				rel = strings.TrimPrefix(rel, "./")
			}
			// Names of files become URLs, and folders of the output.
			name := cmp.Or(p.slug, path.Base(p.Path))
			if p.Kind == KindPage && slug.Path(name) == "" {
				errs.Addf(p.Pos("slug"), "the name %q has no letters or digits to make a URL of; rename the file, or give the page a slug", name)
				break // keep the name as it is, so as not to clash with another page
			}
			rel = slug.Path(rel)
		}
		if long := slug.TooLong(rel); long != "" {
			reportTooLong(p, rel, long, errs)
		}
		p.URL = s.LangRoot(p.Lang)
		if rel != "" && rel != "." {
			p.URL += rel + "/"
		}
		if p.Kind == KindNotFound {
			p.URL += "404.html"
		}
		p.Permalink = origin + p.URL
		if other := owner[p.URL]; other != nil {
			reportClash(other, p, errs)
			continue
		}
		owner[p.URL] = p
	}
	return owner
}

// reportTooLong reports a page whose URL has a part too long to be the
// name of a folder, at what made the part: the slug, the tag, or the name
// of a file or folder.
func reportTooLong(p *Page, rel, long string, errs *diag.List) {
	why := fmt.Sprintf("as a URL it is %d bytes, and the name of a folder of the output can have at most %d (a Japanese character takes 3)", len(long), slug.MaxName)
	last := path.Base(rel) == long
	switch {
	case p.Kind == KindTag:
		for _, q := range p.Pages {
			errs.Addf(q.Pos("tags"), "front matter: tags: %q is too long: %s; shorten the tag", slug.Short(p.Title), why)
		}
	case last && p.SlugWritten():
		errs.Addf(p.Pos("slug"), "slug: %q is too long: %s; shorten the slug", slug.Short(p.slug), why)
	case last && p.File != "":
		name := "file"
		if p.src.Bundle != "" {
			name = "folder"
		}
		errs.Addf(diag.Pos{File: p.File, Line: 1, Col: 1}, "the %s name %q is too long: %s; rename the %[1]s, or give the page a shorter slug", name, slug.Short(long), why)
	default:
		pos := diag.Pos{File: cmp.Or(p.File, folder(p))}
		if p.File != "" {
			pos.Line, pos.Col = 1, 1
		}
		errs.Addf(pos, "the folder name %q in the page's path is too long: %s; rename the folder", slug.Short(long), why)
	}
}

// reportClash reports two pages with one URL once, where it is best
// fixed: at the slug that made the URL, else at the later file.
func reportClash(first, second *Page, errs *diag.List) {
	blame, other := second, first
	if first.SlugWritten() && !second.SlugWritten() {
		blame, other = first, second
	}
	if blame.SlugWritten() {
		errs.Addf(blame.Pos("slug"), "slug: the URL %s is already taken by %s; choose another slug", blame.URL, describePage(other))
		return
	}
	pos := diag.Pos{File: cmp.Or(blame.File, other.File), Line: 1, Col: 1}
	if pos.File == "" {
		pos = diag.Pos{File: cmp.Or(folder(blame), folder(other))}
	}
	errs.Addf(pos, "two pages have the URL %s: %s and %s; change a file name or a slug", blame.URL, describePage(other), describePage(blame))
}

// folder is the folder of content/ a section's list page stands for.
func folder(p *Page) string {
	if p.Kind == KindSection {
		return path.Join(content.Dir, p.Section)
	}
	return ""
}

// SlugWritten reports whether the page's file sets its slug, which then
// makes its URL.
func (p *Page) SlugWritten() bool {
	if p.src == nil {
		return false
	}
	ok := p.src.Keys.Has("slug")
	return ok && p.slug != ""
}

func describePage(p *Page) string {
	switch {
	case p.File != "":
		return p.File
	case p.Kind == KindSection:
		return "the list of " + folder(p) + "/"
	}
	return "the " + string(p.Kind) + " page"
}

// LangRoot is the URL of a language's home: the base path, and the
// language code for every language but the default.
func (s *Site) LangRoot(l *config.Language) string {
	u := s.Config.Base.Path
	if l.Index > 0 {
		u += l.Code + "/"
	}
	return u
}

// RelURL turns a path from the site root (css/site.css) into a URL that
// includes the base URL's path.
func (s *Site) RelURL(p string) string {
	return s.Config.Base.Path + strings.TrimPrefix(p, "/")
}

// AbsURL turns a URL from the site root into an absolute one.
func (s *Site) AbsURL(u string) string {
	if strings.Contains(u, "://") {
		return u
	}
	b := s.Config.Base
	if !strings.HasPrefix(u, "/") {
		u = s.RelURL(u)
	}
	return b.Scheme + "://" + b.Host + u
}

// OutputPath is the file a URL is written to, relative to the output
// folder: /en/companies/ → en/companies/index.html.
func (s *Site) OutputPath(u string) string {
	p := strings.TrimPrefix(u, s.Config.Base.Path)
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return p
}

// comparePages orders pages by a section's sort order, then by title and
// path so that the order never depends on reading order.
//
// By weight, pages without one (weight 0) come after those with one, as
// in Hugo: a page added to a section whose pages are ordered by hand
// does not jump to the top of the list.
func comparePages(a, b *Page, order string) int {
	var c int
	switch order {
	case config.SortDate:
		c = b.Date.Compare(a.Date)
	case config.SortTitle:
		c = cmp.Compare(a.Title, b.Title)
	default:
		c = cmp.Or(compareBool(a.Weight == 0, b.Weight == 0), cmp.Compare(a.Weight, b.Weight), b.Date.Compare(a.Date))
	}
	if c != 0 { // most comparisons end here: cmp.Or would compare the texts too
		return c
	}
	return cmp.Or(cmp.Compare(a.Title, b.Title), cmp.Compare(a.Path, b.Path), cmp.Compare(a.Lang.Index, b.Lang.Index))
}

// compareBool orders false before true.
func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// assignAliases gives every page the URLs of its aliases, and reports an
// alias that is the URL of a page (pages, by URL) or an alias of another
// page, at the alias.
func (s *Site) assignAliases(pages map[string]*Page, errs *diag.List) {
	s.aliases = map[string]*Page{}
	for _, p := range s.Pages {
		for _, a := range p.aliases {
			u := s.RelURL(a.Path)
			if path.Ext(u) == "" && !strings.HasSuffix(u, "/") {
				u += "/" // a folder, as the page it was: /old is /old/
			}
			if other := pages[u]; other != nil {
				if other == p {
					errs.Addf(a.Pos, "front matter: aliases: %s is the page's own URL; an alias is an old address that the page no longer has", a.Path)
				} else {
					errs.Addf(a.Pos, "front matter: aliases: %s is the URL of %s; an alias is an old address that no page has now", a.Path, describePage(other))
				}
				continue
			}
			if other := s.aliases[u]; other != nil {
				if other != p {
					errs.Addf(a.Pos, "front matter: aliases: %s is already an alias of %s; an old address can lead to one page only", a.Path, describePage(other))
				}
				continue
			}
			if long := slug.TooLong(strings.Trim(u, "/")); long != "" {
				errs.Addf(a.Pos, "front matter: aliases: %s is too long: the name %q has %d bytes, and the name of a folder of the output can have at most %d", a.Path, slug.Short(long), len(long), slug.MaxName)
				continue
			}
			s.aliases[u] = p
			p.Aliases = append(p.Aliases, u)
			p.aliasPos = append(p.aliasPos, a.Pos)
		}
	}
}

// AliasOf returns the page that the old URL u (from the site root, with
// the base URL's path) is an alias of, or nil.
func (s *Site) AliasOf(u string) *Page { return s.aliases[u] }
