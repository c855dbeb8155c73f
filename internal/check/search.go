package check

import (
	"maps"
	"path"
	"slices"
	"strings"

	"golang.org/x/net/html"

	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/render"
	"github.com/furusato/furusato/internal/site"
)

// checkSearchMarks warns, when the site has search, about the layouts
// whose pages do not mark their text with data-search-body: the search
// page cuts a result's excerpt out of that text, and without it out of
// the whole of <main>, which takes in what the template adds around the
// text (fact tables, dates, buttons). A theme written before search had
// no reason to mark it.
func (c *checker) checkSearchMarks() {
	if !c.s.Config.Search {
		return
	}
	unmarked := map[string][]*site.Page{} // by layout file
	for _, p := range c.s.Pages {
		indexed := p.Kind == site.KindPage || p.Kind == site.KindHome || p.Kind == site.KindSection
		if !indexed || p.Content() == "" {
			continue
		}
		doc := c.docs[c.s.OutputPath(p.URL)]
		layout := c.layoutOf(p)
		if doc == nil || layout == "" || marksText(doc) {
			continue
		}
		unmarked[layout] = append(unmarked[layout], p)
	}
	for _, layout := range slices.Sorted(maps.Keys(unmarked)) {
		pages := unmarked[layout]
		c.add(c.contentPos(layout), Warning, "", "search is on, but %d pages of this layout (such as %s) do not mark their text for the excerpts of search results, which are then cut out of the whole page, menus and dates with the text: put {{.Page.Content}} in an element with data-search-body, such as <div data-search-body>",
			len(pages), pages[0].URL)
	}
}

// marksText tells a page that marks its text with data-search-body.
func marksText(doc *html.Node) bool {
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode {
			if _, ok := attrOK(n, "data-search-body"); ok {
				return true
			}
		}
	}
	return false
}

// layoutOf returns the file in templates/ that renders p, or "".
func (c *checker) layoutOf(p *site.Page) string {
	for _, name := range render.Layouts(p) {
		file := path.Join(render.Dir, name)
		if slices.ContainsFunc(c.templates, func(f sourceFile) bool { return f.name == file }) {
			return file
		}
	}
	return ""
}

// contentPos is where a layout shows the page's text: the first
// .Content it names, or its first line.
func (c *checker) contentPos(file string) diag.Pos {
	for _, f := range c.templates {
		if f.name != file {
			continue
		}
		for i, line := range f.lines {
			if col := strings.Index(line, ".Content"); col >= 0 {
				return diag.Pos{File: file, Line: i + 1, Col: col + 1}
			}
		}
	}
	return diag.Pos{File: file, Line: 1, Col: 1}
}
