package markdown

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// randomBody is Markdown made of pieces that exercise quotes, lists,
// tabs, code and footnotes (with repeated, missing and unused labels).
func randomBody(rng *rand.Rand) []byte {
	pieces := []string{
		"text", " ", "\t", "> ", ">", "- ", "1. ", "  ", "    ", "\n", "\n\n", "* ", ">\t", "-\t",
		"```\n", "~~~", "`code`", "[^1]", "[^2]", "[^a b]", "![^1]", "[^missing]", "\n[^1]: one\n", "\n[^2]: two\n",
		"\n[^1]: again\n", "\n[^a b]: spaced\n", "\n[^unused]: never\n", "\n    indented\n", "# h\n", "## h ##\n",
		"[link](other.md)", "![](a.png)", "[](b.md)", "**b**", "|a|b|\n|-|-|\n|1|2|\n", "term\n: def\n", "北見", "\\",
	}
	var b strings.Builder
	for range rng.IntN(200) {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return []byte(b.String())
}

// TestFootnotesAsGoldmark checks that the footnotes extension renders
// what goldmark's does.
func TestFootnotesAsGoldmark(t *testing.T) {
	ours := goldmark.New(goldmark.WithExtensions(footnotes{}))
	theirs := goldmark.New(goldmark.WithExtensions(extension.Footnote))
	rng := rand.New(rand.NewPCG(9, 10))
	for i := range 3000 {
		body := randomBody(rng)
		var got, want bytes.Buffer
		if err := ours.Convert(body, &got); err != nil {
			t.Fatal(err)
		}
		if err := theirs.Convert(body, &want); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Fatalf("body %d %q:\n%s\ngoldmark's:\n%s", i, body, got.String(), want.String())
		}
	}
	body := footnotesBody(300)
	body = append(body, "\n[^7]: a second seven\n\n[^x]: unused\n"...)
	body = append([]byte("[^299][^7][^7]"), body...)
	var got, want bytes.Buffer
	_ = ours.Convert(body, &got)
	_ = theirs.Convert(body, &want)
	if got.String() != want.String() {
		t.Errorf("300 footnotes:\n%s\ngoldmark's:\n%s", got.String(), want.String())
	}
}
