package markdown

import (
	"regexp"

	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// lineReader is goldmark's text.Reader with a LineOffset that goes on from
// where its last call left off. goldmark's counts the columns of the line
// from its start on every call after the reader advanced, and block parsers
// ask once for each quote or list they open or continue on a line: a line
// of 100,000 '>' took 100,000²/2 steps (2.7 s; 100 KB of it in a page took
// 11.8 s to build).
//
// The result is goldmark's own: the width of the line from its head to the
// position, tabs expanded, less the padding. The wrapper knows the head
// only when it saw the reader move to it (AdvanceLine, ResetPosition,
// SkipBlankLines, and advances within the line); after any other call that can move to another
// line it asks goldmark, as before, until the next line.
type lineReader struct {
	text.Reader
	src   []byte
	known bool // head is the reader's line head
	head  int
	// at and width: the width of src[head:at], from the last call.
	at, width int
}

func newLineReader(src []byte) *lineReader {
	r := &lineReader{Reader: text.NewReader(src), src: src}
	r.atHead()
	return r
}

// atHead notes that the reader just moved to the head of a line: goldmark's
// reader sets its head to its position then.
func (r *lineReader) atHead() {
	_, pos := r.Reader.Position()
	r.known, r.head, r.at, r.width = true, pos.Start, pos.Start, 0
}

func (r *lineReader) LineOffset() int {
	_, pos := r.Reader.Position()
	if !r.known || pos.Start < r.head || pos.Start >= len(r.src) {
		return r.Reader.LineOffset()
	}
	if pos.Start < r.at {
		r.at, r.width = r.head, 0
	}
	v := r.width
	for _, c := range r.src[r.at:pos.Start] {
		if c == '\t' {
			v += util.TabWidth(v)
		} else {
			v++
		}
	}
	r.at, r.width = pos.Start, v
	return v - pos.Padding
}

func (r *lineReader) ResetPosition() {
	r.Reader.ResetPosition()
	r.atHead()
}

func (r *lineReader) AdvanceLine() {
	r.Reader.AdvanceLine()
	r.atHead()
}

func (r *lineReader) Advance(n int) {
	line, _ := r.Reader.Position()
	r.Reader.Advance(n)
	r.moved(line)
}

func (r *lineReader) AdvanceAndSetPadding(n, padding int) {
	line, _ := r.Reader.Position()
	r.Reader.AdvanceAndSetPadding(n, padding)
	r.moved(line)
}

// moved forgets the head when an advance may have passed the end of the
// line (at the end of the text, goldmark moves its head without counting
// a line).
func (r *lineReader) moved(line int) {
	if l, pos := r.Reader.Position(); l != line || pos.Start >= len(r.src) {
		r.known = false
	}
}

// SkipBlankLines only moves from line to line, so the reader is at the
// head of its line when it moved at all.
func (r *lineReader) SkipBlankLines() (text.Segment, int, bool) {
	line, _ := r.Reader.Position()
	seg, n, ok := r.Reader.SkipBlankLines()
	if l, pos := r.Reader.Position(); l != line && pos.Start < len(r.src) {
		r.atHead()
	} else {
		r.moved(line)
	}
	return seg, n, ok
}

// The rest may move to other lines, and some move back without saying
// where their head is.

func (r *lineReader) ReadRune() (rune, int, error) {
	r.known = false
	return r.Reader.ReadRune()
}

func (r *lineReader) SkipSpaces() (text.Segment, int, bool) {
	r.known = false
	return r.Reader.SkipSpaces()
}

func (r *lineReader) Match(reg *regexp.Regexp) bool {
	r.known = false
	return r.Reader.Match(reg)
}

func (r *lineReader) FindSubMatch(reg *regexp.Regexp) [][]byte {
	r.known = false
	return r.Reader.FindSubMatch(reg)
}

func (r *lineReader) FindClosure(opener, closer byte, options text.FindClosureOptions) (*text.Segments, bool) {
	r.known = false
	return r.Reader.FindClosure(opener, closer, options)
}
