package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/site"
)

func TestPagerShowsAWindow(t *testing.T) {
	p := &site.Page{URL: "/articles/", Pages: make([]*site.Page, 95)}
	pages := paginate(p, 10)
	if len(pages) != 10 {
		t.Fatalf("%d pages, want 10", len(pages))
	}
	show := func(pg *Paginator) string {
		var parts []string
		for _, l := range pg.Links {
			switch {
			case l.Gap:
				parts = append(parts, "…")
			case l.Current:
				parts = append(parts, fmt.Sprintf("[%d]", l.Number))
			default:
				parts = append(parts, fmt.Sprint(l.Number))
			}
		}
		return strings.Join(parts, " ")
	}
	for n, want := range map[int]string{
		1:  "[1] 2 3 … 10",
		4:  "1 2 3 [4] 5 6 … 10",
		5:  "1 … 3 4 [5] 6 7 … 10",
		9:  "1 … 7 8 [9] 10",
		10: "1 … 8 9 [10]",
	} {
		if got := show(pages[n-1]); got != want {
			t.Errorf("page %d: %s, want %s", n, got, want)
		}
	}
	if pages[0].URL != "/articles/" || pages[4].URL != "/articles/page/5/" || pages[4].Prev != "/articles/page/4/" || pages[4].Next != "/articles/page/6/" {
		t.Errorf("URLs: %+v", pages[4])
	}
	if got := len(paginate(&site.Page{URL: "/x/"}, 10)); got != 1 {
		t.Errorf("an empty list has %d pages, want 1", got)
	}
}
