package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/furusato/furusato/internal/diag"
)

// maxNesting is how deep quotes, lists and footnotes may be nested in one
// another, counted as blocks (a list and its item are two); a deeper one is
// an error at its line (see the package documentation).
// goldmark's work on a line grows with the depth of the blocks it
// continues, and deep blocks are walked and rendered by recursion: with
// the time of each line made linear, 1 MB of '>' (a million quotes in one
// another) still took 9 s to build, to say nothing.
const maxNesting = 100

var nestingKey = parser.NewContextKey()

// blockParsers are goldmark's (parser.DefaultBlockParsers), with quotes
// and lists that nest no deeper than maxNesting. A list item is always
// in a list, one deeper, so the list's limit is enough for it.
func blockParsers() []util.PrioritizedValue {
	return []util.PrioritizedValue{
		util.Prioritized(parser.NewSetextHeadingParser(), 100),
		util.Prioritized(parser.NewThematicBreakParser(), 200),
		util.Prioritized(nestingLimit{parser.NewListParser()}, 300),
		util.Prioritized(parser.NewListItemParser(), 400),
		util.Prioritized(parser.NewCodeBlockParser(), 500),
		util.Prioritized(parser.NewATXHeadingParser(), 600),
		util.Prioritized(parser.NewFencedCodeBlockParser(), 700),
		util.Prioritized(nestingLimit{parser.NewBlockquoteParser()}, 800),
		util.Prioritized(parser.NewHTMLBlockParser(), 900),
		util.Prioritized(parser.NewParagraphParser(), 1000),
	}
}

// nestingLimit is a block parser that opens no block deeper than
// maxNesting, and reports the first place it refused to.
type nestingLimit struct{ parser.BlockParser }

// nesting is a page's last block whose depth was found, so that finding
// the depth of the next, most often inside it, takes a step or two rather
// than a walk to the top: a page of lines nested 75 deep took 30 % longer.
type nesting struct {
	block    ast.Node
	depth    int
	reported bool
}

func (p nestingLimit) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	last, _ := pc.Get(nestingKey).(*nesting)
	if last == nil {
		last = &nesting{}
		pc.Set(nestingKey, last)
	}
	// The depth of parent (goldmark's list of open blocks still holds those
	// a line is about to close, so it cannot tell).
	depth := 0
	for n := parent; n != nil && n.Kind() != ast.KindDocument && depth <= maxNesting; n = n.Parent() {
		if n == last.block {
			depth += last.depth
			break
		}
		depth++
	}
	last.block, last.depth = parent, depth
	if depth < maxNesting {
		return p.BlockParser.Open(parent, reader, pc)
	}
	if !last.reported {
		last.reported = true
		page, _ := pc.Get(pageKey).(*Page)
		errs, _ := pc.Get(errorsKey).(*diag.List)
		if page != nil && errs != nil {
			_, pos := reader.Position()
			at := &positions{page: page, src: reader.Source()}
			errs.Addf(at.at(pos.Start+max(pc.BlockOffset(), 0)),
				"quotes and lists are nested too deep here (more than %d quotes, or %d lists, in one another); the rest of the line is read as text", maxNesting, maxNesting/2)
		}
	}
	return nil, parser.NoChildren
}
