package diag

import (
	"errors"
	"fmt"
	"sync"
	"testing"
)

func TestListSortsAndDedupes(t *testing.T) {
	var l List
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() { l.Addf(Pos{File: "b.md", Line: i%5 + 1, Col: 2}, "problem %d", i%5) })
	}
	wg.Wait()
	l.Add(errors.New("no position"))
	l.Add(nil)
	errs := l.Errors()
	if len(errs) != 6 {
		t.Fatalf("got %d errors, want 6: %v", len(errs), l.Error())
	}
	if errs[0].Error() != "no position" || errs[1].Error() != "b.md:1:2: problem 0" || errs[5].Error() != "b.md:5:2: problem 4" {
		t.Errorf("order: %v", l.Error())
	}
	var outer List
	outer.Add(fmt.Errorf("wrapped: %w", &l))
	if outer.Len() != 6 {
		t.Errorf("nested list: %d", outer.Len())
	}
}

func TestPosString(t *testing.T) {
	for p, want := range map[Pos]string{{}: "", {File: "a"}: "a", {File: "a", Line: 2}: "a:2", {File: "a", Line: 2, Col: 3}: "a:2:3"} {
		if p.String() != want {
			t.Errorf("%#v = %q, want %q", p, p.String(), want)
		}
	}
}

func TestNearest(t *testing.T) {
	c := []string{"programs", "industry", "title", "it"}
	for word, want := range map[string]string{"progrms": "programs", "industy": "industry", "IT": "it", "zzzzzz": "", "titel": "title"} {
		if got := Nearest(word, c); got != want {
			t.Errorf("Nearest(%q) = %q, want %q", word, got, want)
		}
	}
}

func TestShorten(t *testing.T) {
	for _, tt := range []struct {
		s    string
		n    int
		want string
	}{
		{"short", 40, "short"},
		{"abcdefgh", 4, "abcd…"},
		{"北見市役所", 4, "北…"}, // 北 is 3 bytes: the cut falls inside 見, so before it
	} {
		if got := Shorten(tt.s, tt.n); got != tt.want {
			t.Errorf("Shorten(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}
