package markdown

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/textfile"
)

// TestLinkPositionsAsLineCol checks that positions, which counts each
// offset from the last, finds what textfile.LineCol does, in order and
// out of it.
func TestLinkPositionsAsLineCol(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	src := []byte(strings.Repeat("ab\n北見\n\nx [y](z)\n", 40))
	page := &Page{File: "content/x.md", BodyLine: 3}
	p := &positions{page: page, src: src}
	off := 0
	for range 2000 {
		if rng.IntN(10) == 0 {
			off = rng.IntN(len(src) + 1)
		} else {
			off = min(off+rng.IntN(8), len(src))
		}
		for !utf8RuneStart(src, off) {
			off--
		}
		line, col := textfile.LineCol(src, off)
		if got := p.at(off); got.Line != page.BodyLine+line-1 || got.Col != col {
			t.Fatalf("offset %d: %d:%d, want %d:%d", off, got.Line, got.Col, page.BodyLine+line-1, col)
		}
	}
}

func utf8RuneStart(src []byte, off int) bool {
	return off >= len(src) || src[off]&0xC0 != 0x80
}

// TestEmptyLinksAtTheirOwnPlace checks that links and images without text
// are each reported where they are written, also when two are alike.
func TestEmptyLinksAtTheirOwnPlace(t *testing.T) {
	r := convert(t, "en", "One [](a.md) two [](a.md) ![](p.png)\n")
	var got []string
	for _, l := range r.Links {
		got = append(got, l.Pos.String())
	}
	if want := "content/x.md:4:5 content/x.md:4:18 content/x.md:4:27"; strings.Join(got, " ") != want {
		t.Errorf("positions %s, want %s", strings.Join(got, " "), want)
	}
}
