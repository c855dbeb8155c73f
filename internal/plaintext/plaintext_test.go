package plaintext

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"
)

func TestSummarize(t *testing.T) {
	tests := []struct {
		cjk        bool
		text, want string
	}{
		{true, "短い文。", "短い文。"},
		{true, strings.Repeat("あいうえお。", 30), strings.Repeat("あいうえお。", 20)},
		{true, strings.Repeat("あ", 200), strings.Repeat("あ", 120) + "…"},
		{false, "Short.", "Short."},
		{false, strings.Repeat("One sentence here. ", 20), strings.TrimSpace(strings.Repeat("One sentence here. ", 12))},
		{false, strings.Repeat("word ", 100), strings.TrimSpace(strings.Repeat("word ", 48)) + "…"},
	}
	for _, tt := range tests {
		if got := summarize(tt.text, tt.cjk); got != tt.want {
			t.Errorf("summarize(%q) =\n%q, want\n%q", tt.text, got, tt.want)
		}
	}
}

func TestReadingTime(t *testing.T) {
	if _, m := readingTime(strings.Repeat("あ", 1500), true); m != 3 {
		t.Errorf("1500 characters: %d min, want 3", m)
	}
	if _, m := readingTime(strings.Repeat("word ", 660), false); m != 3 {
		t.Errorf("660 words: %d min, want 3", m)
	}
	if _, m := readingTime("", false); m != 1 {
		t.Errorf("empty: %d min, want 1", m)
	}
}

// referenceSummary is summarize done the plain way, on the whole text.
func referenceSummary(text string, cjk bool) string {
	limit := otherSummaryChars
	if cjk {
		limit = cjkSummaryChars
	}
	plain := strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(plain) <= limit {
		return plain
	}
	runes := []rune(plain)[:limit]
	cut := -1
	for i, r := range runes {
		switch {
		case r == '。' || r == '！' || r == '？':
			cut = i + 1
		case (r == '.' || r == '!' || r == '?') && (i+1 == len(runes) || unicode.IsSpace(runes[i+1])):
			cut = i + 1
		}
	}
	if cut > limit/3 {
		return strings.TrimSpace(string(runes[:cut]))
	}
	s := string(runes)
	if !cjk {
		if i := strings.LastIndexByte(s, ' '); i > 0 {
			s = s[:i]
		}
	}
	return strings.TrimSpace(s) + "…"
}

// TestSummaryOfALongText checks that summarize, which reads only the start
// of a long text, says what reading all of it would.
func TestSummaryOfALongText(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"北見市は", "オホーツクの", "中心です。", "Kitami", "is", "a city.", "  ", "\n", "\n\n", "テレワーク", "works!", "本当？", "x"}
	for i := range 300 {
		var b strings.Builder
		n := rng.IntN(400)
		for range n {
			b.WriteString(words[rng.IntN(len(words))])
			if rng.IntN(3) == 0 {
				b.WriteByte(' ')
			}
		}
		text := b.String()
		for _, cjk := range []bool{true, false} {
			if got, want := summarize(text, cjk), referenceSummary(text, cjk); got != want {
				t.Fatalf("text %d (cjk %v): %q, reading it all gives %q", i, cjk, got, want)
			}
		}
	}
}

// summarize is the summary of a whole plain text, as a page's is made
// from its text piece by piece.
func summarize(plain string, cjk bool) string {
	s := NewSummarizer(cjk)
	s.Add([]byte(plain))
	return s.Summary()
}

// readingTime is the word count and reading time of a whole plain text.
func readingTime(plain string, cjk bool) (count, minutes int) {
	c := WordCounter{CJK: cjk}
	c.Add([]byte(plain))
	return c.Count(), ReadingMinutes(c.Count(), cjk)
}

// TestWordCounterSpaces checks the word counter's quick test for ASCII
// spaces against unicode.IsSpace, on every ASCII byte and on text mixing
// them with other spaces and letters, given whole and piece by piece.
func TestWordCounterSpaces(t *testing.T) {
	reference := func(s string, cjk bool) int {
		n, in := 0, false
		for _, r := range s {
			space := unicode.IsSpace(r)
			if !space && (cjk || !in) {
				n++
			}
			in = !space
		}
		return n
	}
	var ascii []string
	for b := range 0x80 {
		ascii = append(ascii, string(rune(b)))
	}
	pieces := append(ascii, "北見", "\u3000", "\u00a0", "\u0085", "\u2028", "é", "word")
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range 2000 {
		var parts []string
		for range rng.IntN(40) {
			parts = append(parts, pieces[rng.IntN(len(pieces))])
		}
		for _, cjk := range []bool{false, true} {
			whole := WordCounter{CJK: cjk}
			whole.Add([]byte(strings.Join(parts, "")))
			split := WordCounter{CJK: cjk}
			for _, p := range parts {
				split.Add([]byte(p))
			}
			if want := reference(strings.Join(parts, ""), cjk); whole.count != want || split.count != want {
				t.Fatalf("text %d %q (cjk %v): %d words whole, %d in pieces, want %d", i, strings.Join(parts, ""), cjk, whole.count, split.count, want)
			}
		}
	}
}

// The text is what the HTML shows: character references and backslash
// escapes resolved, code spans as written.
func TestWalkResolvesEscapes(t *testing.T) {
	src := []byte("## R&amp;D \\#1\n\nAT&amp;T \\*star\\* &#x41; &copy; `a\\*b &amp;`\n")
	doc := goldmark.New().Parser().Parse(text.NewReader(src))
	var b strings.Builder
	heads := Walk(doc, src, false, func(p []byte) bool { b.Write(p); return true })
	if want := "AT&T *star* A © a\\*b &amp;\n"; b.String() != want {
		t.Errorf("text %q, want %q", b.String(), want)
	}
	if len(heads) != 1 || heads[0].Text != "R&D #1" {
		t.Errorf("headings %+v, want R&D #1", heads)
	}
}
