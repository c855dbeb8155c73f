package markdown

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/yuin/goldmark/parser"
)

// TestNestingLimit checks that quotes and lists nest up to maxNesting
// deep, and that deeper nesting is an error at the line and column where
// it goes too deep, once a page.
func TestNestingLimit(t *testing.T) {
	conv := New(Options{})
	ok := strings.Repeat(">", maxNesting) + " deep\n\n" + strings.Repeat("- ", maxNesting/2) + "item\n"
	r, err := conv.Convert(Page{File: "content/x.md", Lang: "en", Body: []byte(ok), BodyLine: 4, Resolver: fakeResolver{}})
	if err != nil {
		t.Fatalf("%d levels: %v", maxNesting, err)
	}
	if n := strings.Count(string(r.HTML), "<blockquote>"); n != maxNesting {
		t.Errorf("%d quotes, want %d", n, maxNesting)
	}
	tooDeep := "Intro.\n\n" + strings.Repeat(">", 100_000) + "\n" + strings.Repeat("> ", 200) + "x\n"
	r, err = conv.Convert(Page{File: "content/x.md", Lang: "en", Body: []byte(tooDeep), BodyLine: 4, Resolver: fakeResolver{}})
	want := fmt.Sprintf("content/x.md:6:%d: quotes and lists are nested too deep here", maxNesting+1)
	if err == nil || !strings.HasPrefix(err.Error(), want) || strings.Count(err.Error(), "\n") > 0 {
		t.Errorf("error %v, want one starting %s", err, want)
	}
	if r == nil || strings.Count(string(r.HTML), "<blockquote>") != maxNesting {
		t.Errorf("the page is not converted up to the limit")
	}
	_, err = conv.Convert(Page{File: "content/x.md", Lang: "en", Body: []byte(strings.Repeat("- ", 60) + "x\n"), BodyLine: 1, Resolver: fakeResolver{}})
	if want := fmt.Sprintf("content/x.md:1:%d: ", maxNesting+1); err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("60 lists: error %v, want one at %s", err, want)
	}
}

// TestBlockParsersAreGoldmarks checks that the block parsers with a
// nesting limit are goldmark's, with its priorities, so that an upgrade
// that changes goldmark's is noticed.
func TestBlockParsersAreGoldmarks(t *testing.T) {
	ours, theirs := blockParsers(), parser.DefaultBlockParsers()
	if len(ours) != len(theirs) {
		t.Fatalf("%d block parsers, goldmark has %d", len(ours), len(theirs))
	}
	for i := range ours {
		p := ours[i].Value
		if l, ok := p.(nestingLimit); ok {
			p = l.BlockParser
		}
		if reflect.TypeOf(p) != reflect.TypeOf(theirs[i].Value) || ours[i].Priority != theirs[i].Priority {
			t.Errorf("parser %d: %T at %d, goldmark's is %T at %d", i, p, ours[i].Priority, theirs[i].Value, theirs[i].Priority)
		}
	}
}
