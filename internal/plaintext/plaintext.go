// Package plaintext reads the plain text of a page parsed by goldmark:
// its headings, for tables of contents; its words (in Chinese, Japanese
// and Korean its characters), for the reading time; and its summary, the
// opening sentences of its paragraphs and list items.
//
// Line breaks are read as the HTML shows them: a soft line break that
// package markdown kept is a space, one it dropped (between Japanese
// characters) is nothing, and a hard line break is a space.
package plaintext

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// Heading is a heading of the page, for tables of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Summary summarizes a page from the opening of its prose, reading no
// further than the summary needs.
func Summary(doc ast.Node, src []byte, cjk bool) string {
	s := NewSummarizer(cjk)
	Walk(doc, src, true, s.Add)
	return s.Summary()
}

// Walk collects the page's text without markup, separated by
// newlines, and the headings apart. Footnotes and code blocks are left
// out. With prose, so are tables and the descriptions of images, which
// read as a jumble of words in a summary: what is left is the text of
// paragraphs and list items.
//
// The text goes to emit as it is found, which returns false to stop the
// walk; the headings are returned.
func Walk(doc ast.Node, src []byte, prose bool, emit func([]byte) bool) []Heading {
	var heads []Heading
	written, newline := 0, false // what has been emitted
	write := func(text []byte) bool {
		if len(text) == 0 {
			return true
		}
		written += len(text)
		newline = text[len(text)-1] == '\n'
		return emit(text)
	}
	space, lf := []byte{' '}, []byte{'\n'}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Image, *east.Table:
			if prose {
				return ast.WalkSkipChildren, nil
			}
		case *ast.Heading:
			// Headings are listed on their own and kept out of the text, so
			// summaries start with what the page says, not its first heading.
			if entering {
				id, _ := n.AttributeString("id")
				idb, _ := id.([]byte)
				heads = append(heads, Heading{Level: n.Level, ID: string(idb), Text: inlineText(n, src)})
			}
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if entering {
				more := write(textOf(n, src))
				// A line break is a space, as in the HTML, unless package
				// markdown dropped it (between Japanese characters).
				if more && (n.SoftLineBreak() || n.HardLineBreak()) {
					more = write(space)
				}
				if !more {
					return ast.WalkStop, nil
				}
			}
		case *ast.String:
			if entering && !write(n.Value) {
				return ast.WalkStop, nil
			}
		case *east.Footnote, *east.FootnoteList:
			return ast.WalkSkipChildren, nil
		}
		if !entering && n.Type() == ast.TypeBlock && written > 0 && !newline && !write(lf) {
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return heads
}

// textOf is the text of a Text node as the HTML shows it: backslash
// escapes and character references (AT&amp;T, \*) resolved, as goldmark's
// renderer resolves them; code spans as written.
func textOf(n *ast.Text, src []byte) []byte {
	v := n.Segment.Value(src)
	if n.IsRaw() || bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return v
	}
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
}

func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(textOf(c, src))
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// Reading speeds: characters a minute for CJK text, words a minute otherwise.
const (
	cjkPerMinute   = 500
	wordsPerMinute = 220
)

// ReadingMinutes is the reading time of count words (CJK characters), at
// least a minute.
func ReadingMinutes(count int, cjk bool) int {
	if cjk {
		return max(1, (count+cjkPerMinute/2)/cjkPerMinute)
	}
	return max(1, (count+wordsPerMinute/2)/wordsPerMinute)
}

// WordCounter counts the words of text given piece by piece, or in CJK
// text its characters other than spaces.
type WordCounter struct {
	CJK    bool
	inWord bool
	count  int
}

// Add counts more text; it always returns true, for Walk.
func (c *WordCounter) Add(text []byte) bool {
	for len(text) > 0 {
		var space bool
		if b := text[0]; b < utf8.RuneSelf { // most of any page, even in Japanese
			space = b == ' ' || '\t' <= b && b <= '\r' // as unicode.IsSpace
			text = text[1:]
		} else {
			r, n := utf8.DecodeRune(text)
			text = text[n:]
			space = unicode.IsSpace(r)
		}
		if !space && (c.CJK || !c.inWord) {
			c.count++
		}
		c.inWord = !space
	}
	return true
}

// Summary lengths: about two sentences in either language.
const (
	cjkSummaryChars   = 120
	otherSummaryChars = 240
)

// Summarizer takes text piece by piece, its spaces made single, until it
// holds one character more than a summary can have: all that a summary
// reads.
type Summarizer struct {
	limit   int
	cjk     bool
	runes   []rune
	pending bool // a space before the next character
}

// NewSummarizer returns a Summarizer for a page in a CJK language or another.
func NewSummarizer(cjk bool) *Summarizer {
	limit := otherSummaryChars
	if cjk {
		limit = cjkSummaryChars
	}
	return &Summarizer{limit: limit, cjk: cjk, runes: make([]rune, 0, limit+1)}
}

// Add takes more text, and returns false once it needs no more.
func (s *Summarizer) Add(text []byte) bool {
	for _, r := range string(text) {
		if len(s.runes) > s.limit {
			return false
		}
		if unicode.IsSpace(r) {
			s.pending = len(s.runes) > 0
			continue
		}
		if s.pending {
			s.runes = append(s.runes, ' ')
			s.pending = false
			if len(s.runes) > s.limit {
				return false
			}
		}
		s.runes = append(s.runes, r)
	}
	return len(s.runes) <= s.limit
}

// Summary is the summary of the text so far: whole sentences when they
// fill a third of it, or else the text cut at a word, with an ellipsis.
func (s *Summarizer) Summary() string {
	if len(s.runes) <= s.limit {
		return string(s.runes)
	}
	runes := s.runes[:s.limit]
	cut := -1
	for i, r := range runes {
		switch {
		case r == '。' || r == '！' || r == '？':
			cut = i + 1
		case (r == '.' || r == '!' || r == '?') && (i+1 == len(runes) || runes[i+1] == ' '):
			cut = i + 1
		}
	}
	if cut > s.limit/3 {
		return strings.TrimSpace(string(runes[:cut]))
	}
	text := string(runes)
	if !s.cjk {
		if i := strings.LastIndexByte(text, ' '); i > 0 {
			text = text[:i]
		}
	}
	return strings.TrimSpace(text) + "…"
}

// Count is the words (CJK characters) counted so far.
func (c *WordCounter) Count() int { return c.count }
