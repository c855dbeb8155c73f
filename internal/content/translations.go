package content

import (
	"slices"
	"strings"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/diag"
)

// Group is the files that translate each other: files with the same
// content path, and files that share a translationKey.
type Group struct {
	ID      string             // the file of the group's first source: it names the group
	Sources map[string]*Source // by language code
	// Base is the file in the first language, in the order of site.yaml,
	// that has one: what the others inherit from.
	Base *Source
}

// Groups puts translations together, in the order of their first files,
// and reports two files of a group in one language, and a file that says
// it has no translations in a group with others.
func Groups(srcs []*Source, cfg *config.Config, errs *diag.List) []*Group {
	parent := make([]int, len(srcs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b int) {
		ra, rb := find(a), find(b)
		if ra != rb {
			parent[max(ra, rb)] = min(ra, rb)
		}
	}
	first := map[string]int{}
	for i, src := range srcs {
		kind := "page"
		if src.IsIndex {
			kind = "index"
		}
		keys := []string{kind + ":" + src.Path}
		if tk, ok := src.Params["translationKey"].(string); ok && tk != "" {
			keys = append(keys, "key:"+tk)
		}
		for _, k := range keys {
			if j, ok := first[k]; ok {
				union(i, j)
			} else {
				first[k] = i
			}
		}
	}
	byRoot := map[int]*Group{}
	var out []*Group
	for i, src := range srcs {
		r := find(i)
		g := byRoot[r]
		if g == nil {
			g = &Group{ID: srcs[r].File, Sources: map[string]*Source{}}
			byRoot[r] = g
			out = append(out, g)
		}
		if other := g.Sources[src.Lang]; other != nil {
			errs.Addf(diag.Pos{File: src.File, Line: 1, Col: 1}, "%s is also written in %s: each language can have one version of a page (check file names and translationKey)", src.Lang, other.File)
			continue
		}
		g.Sources[src.Lang] = src
	}
	for _, g := range out {
		for _, l := range cfg.Languages {
			if g.Base = g.Sources[l.Code]; g.Base != nil {
				break
			}
		}
		if len(g.Sources) > 1 {
			g.checkOneLanguage(cfg, errs)
		}
	}
	return out
}

// checkOneLanguage reports a file that says it has no translations
// (translations: none) in a group with others, errs.
func (g *Group) checkOneLanguage(cfg *config.Config, errs *diag.List) {
	for _, l := range cfg.Languages {
		if src := g.Sources[l.Code]; src != nil && src.Params["translations"] == "none" {
			var others []string
			for _, o := range cfg.Languages {
				if t := g.Sources[o.Code]; t != nil && t != src {
					others = append(others, t.File)
				}
			}
			errs.Addf(src.Pos("translations"), "front matter: translations: none says the page is in %s only, but %s translates it; remove one of them", l.Code, strings.Join(others, " and "))
		}
	}
}

// untranslatedKeys are not inherited by translations: text that must be
// written in each language, and what is true of one version of a page
// only (when it was last updated, which source text it translates).
var untranslatedKeys = []string{"title", "description", "tags", "slug", "translationKey", "image_alt", "aliases", "updated", "translated", "translations"}

// Inherit puts in params the front matter of the page of src, a file of
// g: its own keys, and those it inherits from g.Base (see Translations in
// the package documentation). The caller makes params, with room for
// both files' keys, so that the map need not be on the heap.
func (g *Group) Inherit(params map[string]any, src *Source, cfg *config.Config) {
	base := g.Base
	if src != base {
		sec := cfg.Sections[base.Section]
		for k, v := range base.Params {
			if !slices.Contains(untranslatedKeys, k) && (sec == nil || base.IsIndex || sec.Field(k) == nil || !sec.Field(k).Translated()) {
				params[k] = v
			}
		}
	}
	for k, v := range src.Params {
		params[k] = v
	}
}

// Check reports in errs and warnings what the page of src, a file of g,
// lacks after inheritance (params, from Inherit). baseChecked says that
// the page of g.Base was checked: it reports what its translations
// inherit. broken says that a version of the page could not be read: it
// may have what is missing. A required key that is written but has a
// wrong value is reported where it is written, not again as missing.
func (g *Group) Check(src *Source, params map[string]any, cfg *config.Config, baseChecked, broken bool, errs, warnings *diag.List) {
	base := g.Base
	str := func(k string) string { v, _ := params[k].(string); return v }
	if str("title") == "" && !src.Keys.Has("title") && !byLabel(src, nil, "title") {
		errs.Addf(diag.Pos{File: src.File, Line: 1, Col: 1}, "front matter: title is missing; every page needs one")
	}
	if str("image") != "" && str("image_alt") == "" && !src.Keys.Has("image_alt") {
		from := ""
		if !src.Keys.Has("image") {
			from = " (inherited from " + base.File + ")"
		}
		warnings.Addf(diag.Pos{File: src.File, Line: 1, Col: 1}, "front matter: image_alt is missing: the image%s has no description for people who cannot see it; write what it shows in %s", from, src.Lang)
	}
	sec := cfg.Sections[src.Section]
	if src.IsIndex || sec == nil || broken {
		return
	}
	// A draft, shown with --drafts, may still lack what a published page
	// needs: furusato new writes required fields for the user to fill in.
	missing, draft := errs.Addf, ""
	if d, _ := params["draft"].(bool); d {
		missing, draft = warnings.Addf, "; fill it in before this draft is published"
	}
	for _, f := range sec.Fields {
		_, has := params[f.Name]
		written := src.Keys.Has(f.Name)
		_, baseHas := base.Params[f.Name]
		baseWritten := base.Keys.Has(f.Name)
		own := src == base || f.Translated() // the page gives its own value
		switch {
		case has || written || misspelled(src, sec, f.Name) || (!own && src != base && baseChecked):
			// Written, or written with a typo that is reported, or to be
			// inherited from a page whose own check reports it.
		case f.Required && own && src != base:
			missing(diag.Pos{File: src.File, Line: 1, Col: 1}, "front matter: %s is missing; pages of %s need it in every language, and text is not taken from %s: write it in %s%s",
				f.Name, src.Section, base.File, src.Lang, draft)
		case f.Required && (own || !baseWritten):
			missing(diag.Pos{File: src.File, Line: 1, Col: 1}, "front matter: %s is missing; pages of %s need it%s", f.Name, src.Section, draft)
		case own && src != base && baseHas:
			warnings.Addf(diag.Pos{File: src.File, Line: 1, Col: 1}, "front matter: %s is not translated: %s has it and this page does not; write it in %s", f.Name, base.File, src.Lang)
		}
	}
}

// misspelled reports whether a file's front matter has an unknown key
// that is a typo of a field's name, already reported as such.
func misspelled(src *Source, sec *config.Section, name string) bool {
	names := make([]string, len(sec.Fields))
	for i, f := range sec.Fields {
		names[i] = f.Name
	}
	for _, key := range src.Keys {
		k := key.Name
		if _, ok := src.Params[k]; !ok && sec.Field(k) == nil && diag.Nearest(k, names) == name {
			return true
		}
	}
	return byLabel(src, sec, name)
}

// byLabel reports whether a file's front matter writes the key name by
// its label (業種: for industry:), which is reported there.
func byLabel(src *Source, sec *config.Section, name string) bool {
	for _, key := range src.Keys {
		if _, ok := src.Params[key.Name]; !ok && keyOfLabel(key.Name, sec, src.IsIndex) == name {
			return true
		}
	}
	return false
}
