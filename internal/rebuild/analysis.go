package rebuild

import (
	"maps"
	"slices"

	"github.com/furusato/furusato/internal/render"
	"github.com/furusato/furusato/internal/site"
)

// Analysis is what the layouts of a site's templates can read, found from
// their parse trees before any page is rendered (see deps).
type Analysis struct {
	t     *render.Templates
	deps  []map[string]Deps // language index → layout name → what it reads
	named []string          // content paths that templates name
}

// Analyze reads the layouts of every language.
func Analyze(t *render.Templates) *Analysis {
	a := &Analysis{t: t, deps: make([]map[string]Deps, t.Languages())}
	named := map[string]bool{}
	for i := range a.deps {
		a.deps[i] = map[string]Deps{}
		for _, name := range t.LayoutNames(i) {
			d := deps(t.Layout(i, name))
			a.deps[i][name] = d
			for _, p := range d.named {
				named[p] = true
			}
		}
	}
	a.named = slices.Sorted(maps.Keys(named))
	return a
}

// ReadSource reports whether a layout may show a page's .Source, the
// Markdown file as written, or its .Links, where its links are written.
func (a *Analysis) ReadSource() bool {
	return a.anyLayout(func(d Deps) bool { return d.Source })
}

// ReadOthersContent reports whether a layout may show the .Content of a
// page other than its output's own, such as a list with whole articles.
func (a *Analysis) ReadOthersContent() bool {
	return a.anyLayout(func(d Deps) bool { return d.OthersContent })
}

// anyLayout reports whether a layout, in any language, may read what
// reads says, or anything at all.
func (a *Analysis) anyLayout(reads func(Deps) bool) bool {
	for _, layouts := range a.deps {
		for _, d := range layouts {
			if d.All || reads(d) {
				return true
			}
		}
	}
	return false
}

// depsOf returns the layout of a page and what it reads. Given the
// layouts of the previous build (by name, in the page's language), it
// also tells whether one the page would rather have is gone (a section's
// own page.html), so that the page was rendered with another.
func (a *Analysis) depsOf(p *site.Page, before map[string]uint64) (name string, d Deps, ok, gone bool) {
	for _, name := range render.Layouts(p) {
		if d, ok := a.deps[p.Lang.Index][name]; ok {
			return name, d, true, gone
		}
		if _, had := before[name]; had {
			gone = true
		}
	}
	return "", Deps{}, false, gone
}
