package site

import (
	"cmp"
	"path"
	"strings"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/diag"
)

// assignURLs gives every page its URL and reports two pages with one URL.
func (s *Site) assignURLs(errs *diag.List) {
	base := s.Config.Base
	origin := base.Scheme + "://" + base.Host
	owner := map[string]*Page{}
	for _, p := range s.Pages {
		rel := p.Path
		switch p.Kind {
		case KindNotFound:
			rel = ""
		case KindPage, KindSection:
			if slug := p.slug; slug != "" {
				rel = path.Join(path.Dir(rel), strings.Trim(slug, "/"))
				rel = strings.TrimPrefix(rel, "./")
			}
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
			errs.Addf(diag.Pos{File: cmp.Or(p.File, other.File), Line: 1, Col: 1},
				"two pages have the URL %s: %s and %s; change a file name or a slug", p.URL, describePage(other), describePage(p))
			continue
		}
		owner[p.URL] = p
	}
}

func describePage(p *Page) string {
	if p.File != "" {
		return p.File
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
func comparePages(a, b *Page, order string) int {
	var c int
	switch order {
	case config.SortDate:
		c = b.Date.Compare(a.Date)
	case config.SortTitle:
		c = cmp.Compare(a.Title, b.Title)
	default:
		c = cmp.Or(cmp.Compare(a.Weight, b.Weight), b.Date.Compare(a.Date))
	}
	return cmp.Or(c, cmp.Compare(a.Title, b.Title), cmp.Compare(a.Path, b.Path), cmp.Compare(a.Lang.Index, b.Lang.Index))
}
