package content

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// TestSplitReadsOnlyTheFrontMatter checks, on files made at random from
// the lines that matter to the front matter library, that Split, which
// gives the library only the opening of the file, says what giving it the
// whole file says.
func TestSplitReadsOnlyTheFrontMatter(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	lines := []string{"", "  ", "---", "--- ", " ---", "+++", "----", "title: 北見", "tags: [a, b]", "本文です。", "# Heading", "- item", "title = \"x\"", "a: [", "---x"}
	for i := range 3000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(lines[rng.IntN(len(lines))])
			if rng.IntN(8) > 0 {
				b.WriteByte('\n')
			}
		}
		data := []byte(b.String())
		fm, body, line, err := Split("content/x.md", data)
		wfm, wbody, wline, werr := split("content/x.md", data, data)
		if fmt.Sprint(err) != fmt.Sprint(werr) || !reflect.DeepEqual(fm, wfm) || string(body) != string(wbody) || line != wline {
			t.Fatalf("file %d %q:\nopening only: %v %q line %d err %v\nwhole file:   %v %q line %d err %v",
				i, data, fm, body, line, err, wfm, wbody, wline, werr)
		}
	}
}
