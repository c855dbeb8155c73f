package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// Bodies of the sizes and shapes that made conversion quadratic (issue 12):
// each generator returns a body of about size bytes, or of n repetitions.

// paragraphsBody is plain English paragraphs with a link and a footnote
// now and then.
func paragraphsBody(size int) []byte {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		b.WriteString("Kitami lies in eastern Hokkaido, in the Okhotsk region, and has a population of about 110,000. ")
		if i%4 == 0 {
			b.WriteString("See [the city](other.md) and [its office](https://www.city.kitami.lg.jp/). ")
		}
		b.WriteString("It grows more onions than anywhere else in Japan.\n\n")
	}
	return []byte(b.String())
}

// mixedLinesBody is Japanese paragraphs with English words, links and
// code spans, written across short lines, whose line breaks the Japanese
// converter decides one by one.
func mixedLinesBody(size int) []byte {
	var b strings.Builder
	for b.Len() < size {
		b.WriteString("北見市は\n[オホーツク地域](other.md)の中心です。\nEnglish speakers can\nsee\n[the guide](https://example.jp/) and\n`site.yaml`\nfirst.\n**重要**\nです。\n\n")
	}
	return []byte(b.String())
}

// headingsBody is sections whose headings repeat, as a long page of
// "## Access" / "## Contact" sections does.
func headingsBody(size int) []byte {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "## Section %d\n\n", i%50)
		b.WriteString("Kitami lies in eastern Hokkaido, in the Okhotsk region. It grows onions.\n\n")
	}
	return []byte(b.String())
}

// sameHeadingsBody is n identical headings.
func sameHeadingsBody(n int) []byte {
	return []byte(strings.Repeat("## Same heading\n\n", n))
}

// footnotesBody is n paragraphs with a footnote each, and the footnotes.
func footnotesBody(n int) []byte {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "Text[^%d].\n\n", i)
	}
	for i := range n {
		fmt.Fprintf(&b, "[^%d]: Note %d.\n", i, i)
	}
	return []byte(b.String())
}

// quotesBody is a line of size '>' characters: quotes nested size deep,
// beyond the nesting limit.
func quotesBody(size int) []byte {
	return []byte(strings.Repeat(">", size) + " deep\n")
}

// deepBody is lines of quotes and lists nested as deep as they may be.
func deepBody(size int) []byte {
	line := strings.Repeat("> ", maxNesting/2-1) + strings.Repeat("-\t", maxNesting/4) + "text\n"
	return []byte(strings.Repeat(line, size/len(line)+1))
}

func benchmarkConvert(b *testing.B, lang string, body []byte) {
	conv := New(Options{})
	page := Page{File: "content/big.md", Lang: lang, Body: body, BodyLine: 4, Resolver: fakeResolver{}}
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		// Bodies nested too deep are an error, and converted all the same.
		if _, err := conv.Convert(page); err != nil && !strings.Contains(err.Error(), "nested too deep") {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/(float64(len(body))/(1<<20)), "ms/MB")
}

const mb = 1 << 20

// BenchmarkConvert converts bodies of 1, 2 and 4 MB, and the counts of
// issue 12: its ms/MB stays flat as a body grows.
func BenchmarkConvert(b *testing.B) {
	for _, size := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("paragraphs/%dMB", size), func(b *testing.B) { benchmarkConvert(b, "en", paragraphsBody(size*mb)) })
	}
	for _, size := range []int{1, 4} {
		b.Run(fmt.Sprintf("mixedLines/%dMB", size), func(b *testing.B) { benchmarkConvert(b, "ja", mixedLinesBody(size*mb)) })
	}
	for _, size := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("headings/%dMB", size), func(b *testing.B) { benchmarkConvert(b, "ja", headingsBody(size*mb)) })
	}
	for _, n := range []int{8000, 50000} {
		b.Run(fmt.Sprintf("sameHeadings/%d", n), func(b *testing.B) { benchmarkConvert(b, "en", sameHeadingsBody(n)) })
	}
	for _, n := range []int{5000, 20000} {
		b.Run(fmt.Sprintf("footnotes/%d", n), func(b *testing.B) { benchmarkConvert(b, "en", footnotesBody(n)) })
	}
	for _, size := range []int{25, 100} {
		b.Run(fmt.Sprintf("quotes/%dKB", size), func(b *testing.B) { benchmarkConvert(b, "en", quotesBody(size<<10)) })
	}
	for _, size := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("deep/%dMB", size), func(b *testing.B) { benchmarkConvert(b, "en", deepBody(size*mb)) })
	}
}
