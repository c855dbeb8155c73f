package render

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/furusato/furusato/internal/site"
)

// sortBy's typed comparisons of dates and weights order pages as the
// general comparison of their values does, ties in their order; where's
// comparison of texts matches as printing them does.
func TestSortByKeysAsValues(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	jst := time.FixedZone("JST", 9*3600)
	for range 200 {
		var pages []*site.Page
		for i := range rng.IntN(30) {
			p := &site.Page{Title: fmt.Sprint(i), Weight: rng.IntN(4) - 1}
			if rng.IntN(5) > 0 {
				p.Date = time.Date(2025, time.Month(1+rng.IntN(3)), 1+rng.IntN(3), rng.IntN(2)*12, 0, 0, 0, jst)
			}
			pages = append(pages, p)
		}
		for _, key := range []string{"date", "weight"} {
			for _, order := range [][]string{nil, {"desc"}} {
				want := slices.Clone(pages)
				slices.SortStableFunc(want, func(a, b *site.Page) int {
					c := compareValues(pageValue(a, key), pageValue(b, key))
					if len(order) > 0 {
						return -c
					}
					return c
				})
				if got := sortBy(pages, key, order...); !slices.Equal(got, want) {
					t.Fatalf("sortBy %s %v: %v, want %v", key, order, got, want)
				}
			}
		}
	}
	for _, c := range []struct{ have, want any }{{"ja", "ja"}, {"ja", "en"}, {"", ""}, {"1", 1}, {"ja", nil}} {
		if got, printed := matches(c.have, c.want), fmt.Sprint(c.have) == fmt.Sprint(c.want); got != printed {
			t.Errorf("matches(%q, %v) = %v, printed equal: %v", c.have, c.want, got, printed)
		}
	}
}
