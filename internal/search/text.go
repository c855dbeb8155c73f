package search

import (
	"bytes"
	"html"
	"strings"

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
// the text a visitor reads, one line per block, without markup.
func Text(h string) string {
	var b strings.Builder
	l := phtml.NewLexer(parse.NewInputString(h))
	skip := 0
	for {
		tt, data := l.Next()
		switch tt {
		case phtml.ErrorToken:
			return strings.TrimSpace(b.String())
		case phtml.StartTagToken, phtml.EndTagToken:
			name := strings.ToLower(string(l.Text()))
			if skipped[name] {
				if tt == phtml.StartTagToken {
					skip++
				} else if skip > 0 {
					skip--
				}
			}
			if blocks[name] && b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
				b.WriteByte('\n')
			}
		case phtml.TextToken:
			if skip == 0 {
				t := html.UnescapeString(string(bytes.TrimLeft(data, "\n")))
				b.WriteString(strings.Join(strings.Fields(t), " ") + trailingSpace(t))
			}
		}
	}
}

// trailingSpace keeps the space between a text and the next element's.
func trailingSpace(t string) string {
	if strings.TrimRight(t, " \t\n") != t && strings.TrimSpace(t) != "" {
		return " "
	}
	return ""
}
