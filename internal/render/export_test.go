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
	return tmpl.ExecuteTemplate(w, name, &Data{Page: p, Site: s.Langs[p.Lang.Index], URL: p.URL})
}
