package markdown

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestRepeatedHeadingIDs checks that numbering repeated IDs from where the
// last number left off gives what trying every number from 1 gives.
func TestRepeatedHeadingIDs(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	names := []string{"Main", "Main 1", "main-1", "Main 2", "A", "A 1", "A-1-1", "a 1 1", "!!!", "Section 1", "Top", "Map"}
	explicit := []string{"a-2", "main-3", "section", "a-1-1-1"}
	for range 500 {
		reserved := reservedSet([]string{"map", "a-3"})
		s := newIDs(reserved)
		used := map[string]bool{}
		for range rng.IntN(60) {
			if rng.IntN(8) == 0 {
				id := explicit[rng.IntN(len(explicit))]
				s.Put([]byte(id))
				used[id] = true
				continue
			}
			name := names[rng.IntN(len(names))]
			got := string(s.Generate([]byte(name), 0))
			base := string(newIDs(nil).Generate([]byte(name), 0))
			want := base
			for i := 1; reserved[want] || used[want]; i++ {
				want = base + "-" + strconv.Itoa(i)
			}
			used[want] = true
			if got != want {
				t.Fatalf("%q: id %q, want %q", name, got, want)
			}
		}
	}
}
