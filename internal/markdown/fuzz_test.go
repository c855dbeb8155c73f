package markdown

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/furusato/furusato/internal/diag"
)

// FuzzConvert converts any body with furusato's extenders (heading IDs,
// links and images, footnotes, the nesting limit, summaries and word
// counts) in both kinds of language, and checks what can be checked of
// any page: no panic, errors within the body's lines, valid UTF-8 out of
// valid UTF-8 in, LineOffsets as goldmark's and footnotes as goldmark's.
func FuzzConvert(f *testing.F) {
	for _, seed := range []string{
		"## 移住支援制度\n\n## 移住支援制度\n\nKitami[^1] is [near](other.md).\n\n[^1]: Note.\n",
		"> quote\n>> deeper\n\n- a\n  - b\n\t- c\n",
		"| a | b |\n|---|---|\n| 1 | 2 |\n\nterm\n: definition\n\n~~gone~~ https://example.jp/\n",
		"![](a.png) [](b.md) ![photo](c.jpg \"t\")\n\n```go\ncode\n```\n",
		strings.Repeat(">", 120) + " deep\n" + strings.Repeat("- ", 60) + "x\n",
		"[^a]: one\n[^a]: two\n\n![^a] [^b] [^a]\n",
		"# Main\n# main\n# Main 1\n# !!!\n",
		"\t>\t-\t1.\tx\n   > \t  y\n",
		"```embed\nhttps://youtu.be/abcDEF_-123?t=1m2s\ntitle: 動画\n```\n\n> ```embed\n> https://logoform.jp/form/a/1\n> height: 9\n",
		"- ```embed\n  https://www.openstreetmap.org/export/embed.html?bbox=1,2,3,4&marker=2,3\n  title: <地図>\n  ```\n```embed\n```\n",
	} {
		f.Add([]byte(seed))
	}
	conv := New(Options{Embeds: []string{"www.youtube.com", "www.openstreetmap.org", "www.google.com", "docs.google.com", "logoform.jp"}})
	reference := goldmark.New(goldmark.WithExtensions(extension.Footnote))
	ours := goldmark.New(goldmark.WithExtensions(footnotes{}))
	f.Fuzz(func(t *testing.T, body []byte) {
		lines := bytes.Count(body, []byte("\n")) + 1
		for _, lang := range []string{"ja", "en"} {
			r, err := conv.Convert(Page{File: "content/x.md", Lang: lang, Body: body, BodyLine: 4, Resolver: fakeResolver{}})
			if r == nil {
				t.Fatalf("%s: no result (%v)", lang, err)
			}
			for _, e := range diag.All(err) {
				if e.Pos.File != "content/x.md" || e.Pos.Line < 4 || e.Pos.Line > 4+lines {
					t.Errorf("%s: error outside the body (lines 4 to %d): %v", lang, 3+lines, e)
				}
			}
			if utf8.Valid(body) && (!utf8.Valid(r.HTML) || !utf8.ValidString(r.Summary)) {
				t.Errorf("%s: invalid UTF-8 out of valid UTF-8", lang)
			}
		}
		if bytes.Count(body, []byte("\n")) > 2000 || len(body) > 64<<10 {
			return // goldmark's own footnotes and offsets are quadratic
		}
		conv.other.Parser().Parse(checkedReader{newLineReader(body), t})
		var got, want bytes.Buffer
		if err := ours.Convert(body, &got); err != nil {
			t.Fatal(err)
		}
		if err := reference.Convert(body, &want); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("footnotes:\n%s\ngoldmark's:\n%s", got.String(), want.String())
		}
	})
}
