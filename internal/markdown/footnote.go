package markdown

import (
	"cmp"
	"slices"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// footnotes is goldmark's footnote extension (extension.Footnote, v1.8.7)
// in linear time, with the same output. goldmark looks each reference up
// by reading the list of footnotes from its start, and sorts the list by
// insertion into a linked list: both take time in the square of the count
// (20,000 footnotes: 2.5 s to convert, over 2 minutes to build). Here the
// footnotes are kept in a map as they are defined, and sorted as a slice.
// goldmark's own block parser and renderer are used as they are.
type footnotes struct{}

func (footnotes) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(footnoteDefinitions{nestingLimit{extension.NewFootnoteBlockParser()}}, 999)),
		parser.WithInlineParsers(util.Prioritized(footnoteRefs{}, 101)),
		parser.WithASTTransformers(util.Prioritized(footnoteList{}, 999)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(extension.NewFootnoteHTMLRenderer(), 500)))
}

var footnotesKey = parser.NewContextKey()

// footnoteIndex is a page's footnotes as they are parsed.
type footnoteIndex struct {
	list  *east.FootnoteList
	byRef map[string]*east.Footnote // the first definition of each label, as goldmark finds it
	links []*east.FootnoteLink      // the references, in order
}

func footnoteIndexOf(pc parser.Context, create bool) *footnoteIndex {
	if x, ok := pc.Get(footnotesKey).(*footnoteIndex); ok {
		return x
	}
	if !create {
		return nil
	}
	x := &footnoteIndex{byRef: map[string]*east.Footnote{}}
	pc.Set(footnotesKey, x)
	return x
}

// footnoteDefinitions is goldmark's parser of footnote definitions, which
// also indexes them as they close (goldmark moves each into the list then).
type footnoteDefinitions struct{ parser.BlockParser }

func (p footnoteDefinitions) Close(node gast.Node, reader text.Reader, pc parser.Context) {
	p.BlockParser.Close(node, reader, pc)
	fn, ok := node.(*east.Footnote)
	list, isList := node.Parent().(*east.FootnoteList)
	if !ok || !isList {
		return
	}
	x := footnoteIndexOf(pc, true)
	x.list = list
	if _, dup := x.byRef[string(fn.Ref)]; !dup {
		x.byRef[string(fn.Ref)] = fn
	}
}

// footnoteRefs parses references to footnotes, [^label], as goldmark's
// footnoteParser does.
type footnoteRefs struct{}

func (footnoteRefs) Trigger() []byte {
	// Triggered on '!' too, so that the image parser does not take ![^1].
	return []byte{'!', '['}
}

// footnoteLabelLimit is goldmark's, CommonMark's limit on link labels.
const footnoteLabelLimit = 999

func (footnoteRefs) Parse(parent gast.Node, block text.Reader, pc parser.Context) gast.Node {
	line, segment := block.PeekLine()
	pos := 1
	if len(line) > 0 && line[0] == '!' {
		pos++
	}
	if pos >= len(line) || line[pos] != '^' {
		return nil
	}
	pos++
	if pos >= len(line) {
		return nil
	}
	open := pos
	closure := util.FindClosure(line[pos:min(len(line), pos+footnoteLabelLimit)], '[', ']', false, false) //nolint:staticcheck // as goldmark
	if closure < 0 {
		return nil
	}
	closes := pos + closure
	value := block.Value(text.NewSegment(segment.Start+open, segment.Start+closes))
	block.Advance(closes + 1)

	x := footnoteIndexOf(pc, false)
	if x == nil {
		return nil
	}
	d := x.byRef[string(value)]
	if d == nil {
		return nil
	}
	if d.Index < 0 {
		x.list.Count++
		d.Index = x.list.Count
	}
	link := east.NewFootnoteLink(d.Index)
	x.links = append(x.links, link)
	if line[0] == '!' {
		parent.AppendChild(parent, gast.NewTextSegment(text.NewSegment(segment.Start, segment.Start+1)))
	}
	return link
}

// footnoteList numbers the references and back links, leaves out the
// footnotes nothing refers to, and puts the list at the end of the page,
// in the order of first reference, as goldmark's footnoteASTTransformer does.
type footnoteList struct{}

func (footnoteList) Transform(doc *gast.Document, _ text.Reader, pc parser.Context) {
	x := footnoteIndexOf(pc, false)
	if x == nil || x.list == nil {
		return
	}
	pc.Set(footnotesKey, nil)
	list := x.list
	refs := map[int]int{} // references to each footnote
	for _, l := range x.links {
		refs[l.Index]++
	}
	seen := map[int]int{}
	for _, l := range x.links {
		l.RefCount = refs[l.Index]
		l.RefIndex = seen[l.Index]
		seen[l.Index]++
	}
	var kept []gast.Node
	for n := list.FirstChild(); n != nil; {
		next := n.NextSibling()
		fn := n.(*east.Footnote)
		if fn.Index < 0 {
			list.RemoveChild(list, n)
			n = next
			continue
		}
		var container gast.Node = n
		if last := n.LastChild(); last != nil && gast.IsParagraph(last) {
			container = last
		}
		for i := range max(refs[fn.Index], 1) {
			back := east.NewFootnoteBacklink(fn.Index)
			back.RefCount = refs[fn.Index]
			back.RefIndex = i
			container.AppendChild(container, back)
		}
		kept = append(kept, n)
		n = next
	}
	slices.SortFunc(kept, func(a, b gast.Node) int {
		return cmp.Compare(a.(*east.Footnote).Index, b.(*east.Footnote).Index)
	})
	list.RemoveChildren(list)
	for _, n := range kept {
		list.AppendChild(list, n)
	}
	if list.Count <= 0 {
		list.Parent().RemoveChild(list.Parent(), list)
		return
	}
	doc.AppendChild(doc, list)
}
