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
// text, each run of spaces is one space.
func Text(h string) string {
	var b strings.Builder
	b.Grow(len(h)) // the text is shorter: no copies as it grows
	l := phtml.NewLexer(parse.NewInputString(h))
	skip := 0
	for {
		tt, data := l.Next()
		switch tt {
		case phtml.ErrorToken:
			return strings.TrimSpace(b.String())
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
			if blocks[string(name)] && b.Len() > 0 && b.String()[b.Len()-1] != '\n' {
				b.WriteByte('\n')
			}
		case phtml.TextToken:
			if skip == 0 {
				t := bytes.TrimLeft(data, "\n")
				if bytes.IndexByte(t, '&') >= 0 {
					t = []byte(html.UnescapeString(string(t)))
				}
				writeWords(&b, t)
			}
		}
	}
}

// writeWords writes the words of t one space apart, and a space after
// them when t ends with one (before the next element's text). A word is
// written whole, not a character at a time: most of a page is words.
func writeWords(b *strings.Builder, t []byte) {
	word := false // a word was written
	from := -1    // the start of the word being read
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
			if word {
				b.WriteByte(' ')
			}
			b.Write(t[from:i])
			word, from = true, -1
		case !space && from < 0:
			from = i
		}
		i += n
	}
	if from >= 0 {
		if word {
			b.WriteByte(' ')
		}
		b.Write(t[from:])
		word = true
	}
	if word {
		if c := t[len(t)-1]; c == ' ' || c == '\t' || c == '\n' {
			b.WriteByte(' ')
		}
	}
}
