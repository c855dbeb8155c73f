package markdown

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/html"
)

// linksBody is one long paragraph line full of links, whose positions are
// found for furusato check.
func linksBody(size int) []byte {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "see [page %d](other.md) and ", i)
	}
	b.WriteString("done.\n")
	return []byte(b.String())
}

// quotedBody is one paragraph full of quotation marks, which goldmark
// writes as entities (&quot;, &gt;) and the minifier shortens.
func quotedBody(size int) []byte {
	return []byte(strings.Repeat(`He said "yes" > no. `, size/20) + "\n")
}

// TestConvertTimeIsLinear converts bodies of each shape that was
// quadratic at two sizes, the second four times the first, and checks
// that the time grows about fourfold, not sixteenfold. So that a busy
// machine does not fail it, the time is processor time, the best of three,
// and the bound is generous: eight times the smaller one's, and 20 ms.
// Before the fixes, the larger took 12–34 times as long as the smaller.
func TestConvertTimeIsLinear(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("converts several MB, many times")
	}
	tests := []struct {
		name        string
		small, big  []byte
		allowErrors bool
		minify      bool
	}{
		{"repeated headings", headingsBody(256 << 10), headingsBody(1 << 20), false, false},
		{"identical headings", sameHeadingsBody(2000), sameHeadingsBody(8000), false, false},
		{"footnotes", footnotesBody(20000), footnotesBody(80000), false, false},
		{"links on one line", linksBody(64 << 10), linksBody(256 << 10), false, false},
		{"Japanese and English across lines", mixedLinesBody(256 << 10), mixedLinesBody(1 << 20), false, false},
		{"nested quotes", quotesBody(25 << 10), quotesBody(100 << 10), true, false},
		{"a paragraph of quotes, minified", quotedBody(256 << 10), quotedBody(1 << 20), false, true},
	}
	// The minifier as internal/assets makes it (which imports this package).
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepDefaultAttrVals: true, KeepQuotes: true})
	htmlMinify := func(b []byte) ([]byte, error) { return m.Bytes("text/html", b) }
	plain, minified := New(Options{}), New(Options{Minify: htmlMinify})
	best := func(body []byte, allowErrors, minify bool) time.Duration {
		conv := plain
		if minify {
			conv = minified
		}
		var min time.Duration
		for i := range 3 {
			runtime.GC() // each from a clean heap: the garbage of the last is not its to collect
			start := cpuTime()
			_, err := conv.Convert(Page{File: "content/big.md", Lang: "ja", Body: body, BodyLine: 4, Resolver: fakeResolver{}})
			d := cpuTime() - start
			if err != nil && !allowErrors {
				t.Fatal(err)
			}
			if i == 0 || d < min {
				min = d
			}
		}
		return min
	}
	for _, tt := range tests {
		small := best(tt.small, tt.allowErrors, tt.minify)
		big := best(tt.big, tt.allowErrors, tt.minify)
		t.Logf("%s: %v, four times the body %v (%.1f×)", tt.name, small, big, float64(big)/float64(small))
		if limit := 8*small + 20*time.Millisecond; big > limit {
			t.Errorf("%s: %d bytes in %v, %d bytes in %v: more than %v, so time grows faster than the body",
				tt.name, len(tt.small), small, len(tt.big), big, limit)
		}
	}
}
