package search

import (
	"bytes"
	"html"
	"strings"
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

// Text reads the text of a page's HTML (its Markdown as rendered): the
// text a visitor reads, without markup, and a line break where a block
// ends. Spaces are left as they are, which the index's splitting into
// words skips: the text of elements next to each other runs on, so that
// "<a>Kaname</a> are" is two words and "Kita<em>mi</em>" one.
func Text(h string) string { return new(textReader).text(h) }

// textReader reads the text of pages one after another, as Text does,
// with one buffer for the HTML of each in turn.
type textReader struct {
	in []byte // the HTML, followed by the NUL that the lexer needs
}

func (r *textReader) text(h string) string {
	r.in = append(append(r.in[:0], h...), 0)
	var b strings.Builder
	b.Grow(len(h)) // the text is shorter: no copies as it grows
	l := phtml.NewLexer(parse.NewInputBytes(r.in[:len(h)]))
	skip := 0
	for {
		tt, data := l.Next()
		switch tt {
		case phtml.ErrorToken:
			return b.String()
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
				b.WriteByte('\n')
			}
		case phtml.TextToken:
			if skip > 0 {
				continue
			}
			if bytes.IndexByte(data, '&') >= 0 {
				b.WriteString(html.UnescapeString(string(data)))
			} else {
				b.Write(data)
			}
		}
	}
}
