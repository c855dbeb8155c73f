package markdown

import (
	"html"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// eastAsianWords marks, in the pages of a language written with spaces
// between words (English), each run of kanji, kana and Japanese
// punctuation with the language it is written in: the motto
// 「北見から攻める」 in an English sentence becomes
// <span lang="ja">「北見から攻める」</span>, so that screen readers read
// it in Japanese and browsers choose Japanese fonts for it (WCAG 3.1.2,
// language of parts). Code, raw HTML and image descriptions are left as
// they are.
type eastAsianWords struct{ lang string }

// kindLangSpan is the kind of a langSpan node.
var kindLangSpan = ast.NewNodeKind("LangSpan")

// langSpan is an inline run of text in another language than the page's.
type langSpan struct {
	ast.BaseInline
	Lang string
}

func (n *langSpan) Kind() ast.NodeKind { return kindLangSpan }

func (n *langSpan) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Lang": n.Lang}, nil)
}

// eastAsian reports whether r is written only in Japanese (or Chinese)
// text: a kanji, a kana, the long vowel mark, or a punctuation mark or
// letter of the CJK and full-width blocks (「」、。ＡＢ).
func eastAsian(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || r == 'ー' ||
		r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef
}

func (t eastAsianWords) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var texts []*ast.Text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindCodeSpan, ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock, ast.KindRawHTML, ast.KindImage:
			return ast.WalkSkipChildren, nil
		}
		if tx, ok := n.(*ast.Text); ok && tx.Segment.Padding == 0 {
			texts = append(texts, tx)
		}
		return ast.WalkContinue, nil
	})
	for _, tx := range texts {
		t.split(tx, src)
	}
}

// split replaces tx by the texts before, between and after its runs of
// East Asian characters, each run in a langSpan.
func (t eastAsianWords) split(tx *ast.Text, src []byte) {
	seg := tx.Segment
	b := seg.Value(src)
	type piece struct {
		start, stop int
		foreign     bool
	}
	var pieces []piece
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		f := eastAsian(r)
		if len(pieces) > 0 && pieces[len(pieces)-1].foreign == f {
			pieces[len(pieces)-1].stop = i + n
		} else {
			pieces = append(pieces, piece{i, i + n, f})
		}
		i += n
	}
	if len(pieces) == 0 || len(pieces) == 1 && !pieces[0].foreign {
		return
	}
	parent := tx.Parent()
	for i, p := range pieces {
		part := ast.NewTextSegment(text.NewSegment(seg.Start+p.start, seg.Start+p.stop))
		part.SetRaw(tx.IsRaw())
		if i == len(pieces)-1 { // the line break after the text follows its end
			part.SetSoftLineBreak(tx.SoftLineBreak())
			part.SetHardLineBreak(tx.HardLineBreak())
		}
		var node ast.Node = part
		if p.foreign {
			span := &langSpan{Lang: t.lang}
			span.AppendChild(span, part)
			node = span
		}
		parent.InsertBefore(parent, tx, node)
	}
	parent.RemoveChild(parent, tx)
}

// langSpanRenderer writes a langSpan as <span lang="ja">.
type langSpanRenderer struct{}

func (langSpanRenderer) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(kindLangSpan, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<span lang="` + html.EscapeString(n.(*langSpan).Lang) + `">`)
		} else {
			_, _ = w.WriteString("</span>")
		}
		return ast.WalkContinue, nil
	})
}
