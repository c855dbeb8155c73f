package search

import (
	"bytes"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

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

// Text reads the text of a page's HTML (its Markdown as rendered):
// the text a visitor reads, one line per block, without markup. Within a
// block, each run of spaces is one space, also where a text meets the
// text of the elements around it: "<a>Kaname</a> are" is two words,
// "Kita<em>mi</em>" one.
func Text(h string) string { return new(textReader).text(h) }

// textReader reads the text of pages one after another, as Text does,
// with one buffer for the HTML of each in turn.
type textReader struct {
	in []byte // the HTML, followed by the NUL that the lexer needs
}

func (r *textReader) text(h string) string {
	r.in = append(append(r.in[:0], h...), 0)
	var w textWriter
	w.b.Grow(len(h)) // the text is shorter: no copies as it grows
	l := phtml.NewLexer(parse.NewInputBytes(r.in[:len(h)]))
	skip := 0
	for {
		tt, data := l.Next()
		switch tt {
		case phtml.ErrorToken:
			return strings.TrimSpace(w.b.String())
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
				w.line()
			}
		case phtml.TextToken:
			if skip == 0 {
				t := data
				if bytes.IndexByte(t, '&') >= 0 {
					t = []byte(html.UnescapeString(string(t)))
				}
				w.words(t)
			}
		}
	}
}

// textWriter writes the text of a page for Text.
type textWriter struct {
	b     strings.Builder
	space bool // spaces were read since the last word written
}

// words writes the words of a text between tags, one space apart. A
// word is written whole, not a character at a time: most of a page is
// words.
func (w *textWriter) words(t []byte) {
	from := -1 // the start of the word being read
	for i := 0; i < len(t); {
		c, n, space := t[i], 1, false
		if c < utf8.RuneSelf {
			space = c == ' ' || '\t' <= c && c <= '\r'
		} else {
			var r rune
			r, n = utf8.DecodeRune(t[i:])
			space = unicode.IsSpace(r)
		}
		switch {
		case space && from >= 0:
			w.word(t[from:i])
			from, w.space = -1, true
		case space:
			w.space = true
		case from < 0:
			from = i
		}
		i += n
	}
	if from >= 0 {
		w.word(t[from:])
	}
}

// word writes a word, after a space when spaces came before it, but at
// the start of the text or of a line.
func (w *textWriter) word(t []byte) {
	if w.space && w.b.Len() > 0 && w.b.String()[w.b.Len()-1] != '\n' {
		w.b.WriteByte(' ')
	}
	w.b.Write(t)
	w.space = false
}

// line ends a block.
func (w *textWriter) line() {
	if w.b.Len() > 0 && w.b.String()[w.b.Len()-1] != '\n' {
		w.b.WriteByte('\n')
	}
	w.space = false
}
