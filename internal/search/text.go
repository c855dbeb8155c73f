package search

import (
	"bytes"
	"html"
	"unicode"

	"github.com/tdewolff/parse/v2"
	phtml "github.com/tdewolff/parse/v2/html"
)

// tag tells what an element does to the text: ends a line (a block),
// hides its content (script, style and the like: not text a visitor
// reads), or neither. name is in lower case.
func tag(name []byte) (block, hidden bool) {
	switch string(name) {
	case "p", "li", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "dt", "dd",
		"blockquote", "figcaption", "pre", "section", "table", "ul", "ol":
		return true, false
	case "script", "style", "template", "svg", "iframe", "noscript":
		return false, true
	}
	return false, false
}

// html reads the text of a page's HTML (its Markdown as rendered): the
// text a visitor reads, without markup, where the end of a block ends a
// word. The text of elements next to each other runs on, so that
// "<a>Kaname</a> are" is two words and "Kita<em>mi</em>" one.
func (d *docTerms) html(h string) {
	d.start(weightBody, false)
	d.in = append(append(d.in[:0], h...), 0)
	l := phtml.NewLexer(parse.NewInputBytes(d.in[:len(h)]))
	skip := 0
	for {
		tt, data := l.Next()
		switch tt {
		case phtml.ErrorToken:
			d.end()
			return
		case phtml.StartTagToken, phtml.EndTagToken:
			name := l.Text()
			if bytes.ContainsFunc(name, unicode.IsUpper) {
				name = bytes.ToLower(name)
			}
			block, hidden := tag(name)
			if hidden {
				if tt == phtml.StartTagToken {
					skip++
				} else if skip > 0 {
					skip--
				}
			}
			if block {
				d.endRun()
				d.lastOK = false
			}
		case phtml.TextToken:
			if skip > 0 {
				continue
			}
			if bytes.IndexByte(data, '&') >= 0 {
				data = []byte(html.UnescapeString(string(data)))
			}
			d.feed(data)
		}
	}
}
