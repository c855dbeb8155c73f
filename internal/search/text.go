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

// blocks are the elements that end a line of text.
var blocks = map[string]bool{"p": true, "li": true, "br": true, "div": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "td": true, "th": true, "tr": true, "dt": true, "dd": true,
	"blockquote": true, "figcaption": true, "pre": true, "section": true, "table": true, "ul": true, "ol": true}

// skipped are the elements whose content is not text a visitor reads.
var skipped = map[string]bool{"script": true, "style": true, "template": true, "svg": true, "iframe": true, "noscript": true}

// Text reads the text of a page's HTML (its Markdown as rendered):
// the text a visitor reads, one line per block, without markup. Within a
// block, each run of spaces is one space, also where a text meets the
// text of the elements around it: "<a>Kaname</a> are" is two words,
// "Kita<em>mi</em>" one.
func Text(h string) string {
	var w textWriter
	w.b.Grow(len(h)) // the text is shorter: no copies as it grows
	l := phtml.NewLexer(parse.NewInputString(h))
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
			if skipped[string(name)] {
				if tt == phtml.StartTagToken {
					skip++
				} else if skip > 0 {
					skip--
				}
			}
			if blocks[string(name)] {
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
