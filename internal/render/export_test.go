package render

import (
	"io"

	"github.com/furusato/furusato/internal/site"
)

// ExecuteForTest renders page p with its layout into w.
func ExecuteForTest(t *Templates, w io.Writer, p *site.Page, s *site.Site) error {
	tmpl, name, err := t.layout(p)
	if err != nil {
		return err
	}
	t.rendering.Lock()
	defer t.rendering.Unlock()
	t.graph.p.Store(s)
	return tmpl.ExecuteTemplate(w, name, &Data{Page: p, Site: s.Langs[p.Lang.Index], URL: p.URL})
}

// LayoutTextForTest is the parse tree of page p's layout as text, after
// Load (and after execution, with html/template's escapers in it).
func LayoutTextForTest(t *Templates, p *site.Page) string {
	tmpl, name, _ := t.layout(p)
	return tmpl.Lookup(name).Tree.Root.String()
}

// VariantKeyForTest is how partialCached tells a variant apart.
func VariantKeyForTest(v any) string { return variantKey(v) }
