package check

import (
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/markdown"
	"github.com/furusato/furusato/internal/site"
)

type markdownLink = markdown.Link

// locate finds where a reference of a page is written: the Markdown line,
// the front matter key, a template or site.yaml line, else the page's
// file.
func (c *checker) locate(page *site.Page, raw string, image bool) diag.Pos {
	if page != nil {
		if i := slices.IndexFunc(page.Links, func(l markdownLink) bool { return sameURL(l.Dest, raw) && l.Image == image }); i >= 0 {
			return page.Links[i].Pos
		}
		if page.Image != nil && sameURL(page.Image.URL, raw) {
			return page.Pos("image")
		}
		// A field's value may be inherited from the translation it is
		// written in.
		for _, p := range append([]*site.Page{page}, page.Translations...) {
			if pos, ok := frontMatterPos(p, raw); ok {
				return pos
			}
		}
	}
	if pos, ok := c.findInSources(raw); ok {
		return pos
	}
	if page != nil && page.File != "" {
		return diag.Pos{File: page.File, Line: 1}
	}
	return diag.Pos{}
}

func sameURL(a, b string) bool {
	if a == b {
		return true
	}
	ua, err1 := url.PathUnescape(a)
	ub, err2 := url.PathUnescape(b)
	return err1 == nil && err2 == nil && ua == ub
}

// holds reports whether a front matter value is or contains the URL.
func holds(v any, raw string) bool {
	switch v := v.(type) {
	case string:
		return sameURL(v, raw)
	case []any:
		return slices.ContainsFunc(v, func(x any) bool { return holds(x, raw) })
	case map[string]any:
		for _, x := range v {
			if holds(x, raw) {
				return true
			}
		}
	}
	return false
}

// findInSources looks for the reference as written in templates and
// site.yaml: a link typed into a template, or a menu URL.
func (c *checker) findInSources(raw string) (diag.Pos, bool) {
	cands := []string{raw}
	if rest := strings.TrimPrefix(raw, c.base.Path); rest != raw && len(rest) > 1 {
		cands = append(cands, rest)
	}
	for _, cand := range cands {
		if len(cand) < 2 || cand == c.base.Path {
			continue
		}
		for _, f := range c.templates {
			for i, line := range f.lines {
				if j := strings.Index(line, cand); j >= 0 {
					return diag.Pos{File: f.name, Line: i + 1, Col: j + 1}, true
				}
			}
		}
	}
	return diag.Pos{}, false
}

// frontMatterPos finds a front matter key of p whose value is the URL.
// image is left out: it is resolved, and matched by its published URL.
func frontMatterPos(p *site.Page, raw string) (diag.Pos, bool) {
	src := p.Source()
	if src == nil {
		return diag.Pos{}, false
	}
	keys := make([]string, 0, len(src.Params))
	for k := range src.Params {
		if k != "image" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		if holds(src.Params[k], raw) {
			return p.Pos(k), true
		}
	}
	return diag.Pos{}, false
}
