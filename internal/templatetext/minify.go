// Package templatetext processes the text of templates before they are
// parsed: minifying the HTML around their actions, folding the UI strings
// whose names are written out, and mapping a place in the processed text
// back to the file as written, so that errors point where the author
// wrote.
package templatetext

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"text/template/parse"
	"unicode/utf8"
)

// Minified is a template file as minified, and the offset of each of its
// nodes in the file as written.
type Minified struct {
	Text    string
	offsets []offset // in the order of at; nil when kept as written
}

// AsWritten reports whether the template was kept as written.
func (f Minified) AsWritten() bool { return f.offsets == nil }

type offset struct{ at, written int }

// Minify minifies the HTML of a template with minify, leaving its actions
// as they are, and notes where each action was in the text as written. A
// template the minifier cannot read, whose actions it would change, or
// whose <textarea> it would trim (its spacing is its value) is kept as
// written.
func Minify(text string, minify func([]byte) ([]byte, error)) Minified {
	asWritten := Minified{Text: text} // no offsets: places are as written
	if strings.Contains(strings.ToLower(text), "<textarea") {
		return asWritten
	}
	// Comments go first: the minifier reads an apostrophe in one as the
	// start of a quoted string, and leaves the rest as it is.
	bare := templateComment.ReplaceAllString(text, "{{$1/**/$2}}")
	m, err := minify([]byte(bare))
	if err != nil {
		return asWritten
	}
	written, werr := nodesOf(text)
	mini, merr := nodesOf(string(m))
	if werr != nil || merr != nil || len(written) != len(mini) {
		return asWritten
	}
	f := Minified{Text: string(m), offsets: make([]offset, len(mini))}
	for i := range mini {
		if nodeKey(mini[i]) != nodeKey(written[i]) {
			return asWritten // the minifier changed an action
		}
		f.offsets[i] = offset{at: int(mini[i].Position()), written: int(written[i].Position())}
	}
	slices.SortStableFunc(f.offsets, func(a, b offset) int { return a.at - b.at })
	return f
}

// templateComment is a comment in a template, with its trim markers.
var templateComment = regexp.MustCompile(`\{\{(- )?/\*[\s\S]*?\*/( -)?\}\}`)

// nodesOf parses a template text and lists its nodes other than text, in
// the order they come, with those of each {{define}} by name.
func nodesOf(text string) ([]parse.Node, error) {
	trees := map[string]*parse.Tree{}
	t := parse.New("")
	t.Mode = parse.SkipFuncCheck
	if _, err := t.Parse(text, "", "", trees); err != nil {
		return nil, err
	}
	var nodes []parse.Node
	for _, name := range slices.Sorted(maps.Keys(trees)) {
		nodes = appendNodes(nodes, trees[name].Root)
	}
	return nodes, nil
}

func appendNodes(nodes []parse.Node, n parse.Node) []parse.Node {
	switch n := n.(type) {
	case *parse.TextNode:
		return nodes // the minifier's to change
	case *parse.ListNode:
		if n == nil {
			return nodes
		}
		for _, c := range n.Nodes {
			nodes = appendNodes(nodes, c)
		}
		return nodes
	case *parse.IfNode:
		return appendBranch(append(nodes, n), &n.BranchNode)
	case *parse.RangeNode:
		return appendBranch(append(nodes, n), &n.BranchNode)
	case *parse.WithNode:
		return appendBranch(append(nodes, n), &n.BranchNode)
	case *parse.ActionNode:
		return appendNodes(append(nodes, n), n.Pipe)
	case *parse.TemplateNode:
		return appendNodes(append(nodes, n), n.Pipe)
	case *parse.PipeNode:
		if n == nil {
			return nodes
		}
		nodes = append(nodes, n)
		for _, d := range n.Decl {
			nodes = append(nodes, d)
		}
		for _, c := range n.Cmds {
			nodes = appendNodes(nodes, c)
		}
		return nodes
	case *parse.CommandNode:
		nodes = append(nodes, n)
		for _, a := range n.Args {
			nodes = appendNodes(nodes, a)
		}
		return nodes
	case *parse.ChainNode:
		return appendNodes(append(nodes, n), n.Node)
	case nil:
		return nodes
	}
	return append(nodes, n)
}

// nodeKey is a node as text, without the text between actions that a
// branch holds.
func nodeKey(n parse.Node) string {
	switch n := n.(type) {
	case *parse.IfNode:
		return "if " + n.Pipe.String()
	case *parse.RangeNode:
		return "range " + n.Pipe.String()
	case *parse.WithNode:
		return "with " + n.Pipe.String()
	}
	return n.String()
}

func appendBranch(nodes []parse.Node, n *parse.BranchNode) []parse.Node {
	nodes = appendNodes(nodes, n.Pipe)
	nodes = appendNodes(nodes, n.List)
	if n.ElseList != nil {
		nodes = appendNodes(nodes, n.ElseList)
	}
	return nodes
}

// written returns the place in the file as written of a byte offset in
// its minified text: that of the nearest node at or before it.
func (f Minified) written(at int) int {
	if f.offsets == nil {
		return at // kept as written
	}
	i, found := slices.BinarySearchFunc(f.offsets, at, func(o offset, at int) int { return o.at - at })
	if found {
		return f.offsets[i].written
	}
	if i == 0 {
		return 0
	}
	o := f.offsets[i-1]
	return o.written + at - o.at
}

// Place turns a place in a template's parsed text (line from 1, and the
// column as a count of bytes before it, or -1 for none) into a line and a
// column counted in characters from 1 (0 for none) in the file as
// written. m is the minified text that was parsed, or nil.
func Place(written string, m *Minified, line, col int) (int, int) {
	if m != nil && line > 0 {
		// A place in the minified text: find it in the file as written.
		at := lineStart(m.Text, line) + max(col, 0)
		at = min(m.written(at), len(written))
		before := written[:at]
		line = strings.Count(before, "\n") + 1
		if col < 0 { // no column: the line is enough
			return line, 0
		}
		col = at - (strings.LastIndexByte(before, '\n') + 1)
	}
	if col < 0 {
		return line, 0
	}
	c := col + 1
	if line > 0 {
		lines := strings.SplitN(written, "\n", line+1)
		if line <= len(lines) && col <= len(lines[line-1]) {
			c = utf8.RuneCountInString(lines[line-1][:col]) + 1
		}
	}
	return line, c
}

// lineStart returns the byte offset at which line n (from 1) of text
// starts.
func lineStart(text string, n int) int {
	at := 0
	for ; n > 1; n-- {
		i := strings.IndexByte(text[at:], '\n')
		if i < 0 {
			return len(text)
		}
		at += i + 1
	}
	return at
}
