package markdown

import (
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"golang.org/x/text/width"
)

// lineBreaks decides, in Japanese (and Chinese and Korean) pages, which
// line breaks inside a paragraph are dropped and which become a space, on
// the characters written on both sides of the break. It looks through
// links, code spans, emphasis and other inline markup for them: in
//
//	詳しくは
//	[移住ガイド](guide.md)をご覧ください。
//
// the break is between は and 移, and is dropped; in
//
//	see
//	[the guide](guide.md)
//
// it is between e and t, and stays a space. goldmark's own East Asian line
// breaks (v1.8.7) look only at plain text that follows the break, and drop
// the break before any link or code span, joining English words
// (yuin/goldmark#582); so the CJK converter does not turn them on, and this
// transformer clears the soft line break of a text instead, which both the
// HTML renderer and the summaries then follow.
//
// The rule is CSS Text 3's segment break transformation, with one
// addition:
//
//   - a break next to a zero width space is dropped;
//   - a break between two wide, full-width or half-width characters
//     (日本語, ＡＢ, ｶﾀｶﾅ), neither of them Hangul, is dropped;
//   - a break between such a character and a punctuation mark or symbol of
//     ambiguous width (※, “, °) is dropped;
//   - the addition: a break after or before a wide punctuation mark (。、
//     「」（）！？) is dropped unless the other side is Hangul, as such a mark
//     carries its own space: "です。↵Kitami" reads "です。Kitami";
//   - every other break is a space: between English words, and between
//     English and Japanese ("北見市の↵Web" reads "北見市の Web").
//
// An image counts as a character that is none of these, as in CSS: the
// break next to it is a space. A break with nothing written on one side
// before the next break or the end of its paragraph stays a space.
//
// It walks each page once, so it takes time in step with the page.
type lineBreaks struct{}

func (lineBreaks) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var (
		last    rune      // the last character since the last break,
		hasLast bool      // if there is one
		pending *ast.Text // a soft break waiting for the character after it
		before  rune      // the character before pending's break,
		hasPrev bool      // if there is one
	)
	see := func(v []byte) {
		if len(v) == 0 {
			return
		}
		if pending != nil {
			after, _ := utf8.DecodeRune(v)
			if hasPrev && joinAtBreak(before, after) {
				pending.SetSoftLineBreak(false)
			}
			pending = nil
		}
		last, _ = utf8.DecodeLastRune(v)
		hasLast = true
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Type() == ast.TypeBlock {
			// A break never joins across blocks: one left waiting stays.
			pending, hasLast = nil, false
			return ast.WalkContinue, nil
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			see(n.Segment.Value(src))
			switch {
			case n.HardLineBreak():
				pending, hasLast = nil, false
			case n.SoftLineBreak():
				pending, before, hasPrev = n, last, hasLast
				hasLast = false
			}
		case *ast.String:
			see(n.Value)
		case *ast.AutoLink:
			see(n.Label(src))
		case *ast.Image:
			see([]byte(objectReplacement)) // its description is not shown beside the text
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// objectReplacement is the character that stands for an image, U+FFFC.
const objectReplacement = "\uFFFC"

// joinAtBreak reports whether a line break between the characters before
// and after it is dropped rather than read as a space (see lineBreaks).
func joinAtBreak(before, after rune) bool {
	if before == '\u200B' || after == '\u200B' {
		return true
	}
	bw, aw := wideNotHangul(before), wideNotHangul(after)
	switch {
	case bw && aw:
		return true
	case bw && ambiguousMark(after), aw && ambiguousMark(before):
		return true
	case widePunct(before) && !unicode.Is(unicode.Hangul, after),
		widePunct(after) && !unicode.Is(unicode.Hangul, before):
		return true
	}
	return false
}

// wideNotHangul reports whether r is East Asian wide, full-width or
// half-width (Unicode UAX #11), and not Hangul, which is written with
// spaces between words.
func wideNotHangul(r rune) bool {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianHalfwidth:
		return !unicode.Is(unicode.Hangul, r)
	}
	return false
}

// ambiguousMark reports whether r is a punctuation mark or symbol of
// ambiguous East Asian width, wide in Japanese text and narrow in English.
func ambiguousMark(r rune) bool {
	return width.LookupRune(r).Kind() == width.EastAsianAmbiguous && (unicode.IsPunct(r) || unicode.IsSymbol(r))
}

// widePunct reports whether r is a wide or full-width punctuation mark.
func widePunct(r rune) bool {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return unicode.IsPunct(r)
	}
	return false
}
