package markdown

import (
	"math/rand/v2"
	"testing"

	"github.com/yuin/goldmark"
)

// checkedReader is a lineReader that checks each of its LineOffsets
// against goldmark's.
type checkedReader struct {
	*lineReader
	t *testing.T
}

func (r checkedReader) LineOffset() int {
	got, want := r.lineReader.LineOffset(), r.lineReader.Reader.LineOffset()
	if got != want {
		line, pos := r.Position()
		r.t.Fatalf("line %d at %+v: LineOffset %d, goldmark's %d", line, pos, got, want)
	}
	return got
}

// TestLineReaderAsGoldmark checks that lineReader's LineOffset, which
// goes on from its last call, is goldmark's, call for call.
func TestLineReaderAsGoldmark(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	conv := New(Options{})
	for range 3000 {
		body := randomBody(rng)
		for _, md := range []goldmark.Markdown{conv.cjk, conv.other} {
			md.Parser().Parse(checkedReader{newLineReader(body), t})
		}
	}
}
