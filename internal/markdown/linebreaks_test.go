package markdown

import (
	"strings"
	"testing"
)

// TestLineBreaksInMixedText checks, on paragraphs that mix Japanese and
// English across lines, which line breaks a Japanese page drops and which
// it keeps as a space, in its HTML and in its summary; an English page
// keeps every one. "↵" in a want stands for the kept line break, written
// "\n" in the HTML and " " in the summary.
func TestLineBreaksInMixedText(t *testing.T) {
	tests := []struct {
		name, body string
		ja         string // the Japanese page's paragraph
		en         string // the English page's, when not the body with every break kept
	}{
		{"English before a link", "see\n[the guide](x)", "see↵<a href=\"x\">the guide</a>", ""},
		{"English before a code span", "the file\n`site.yaml` says", "the file↵<code>site.yaml</code> says", ""},
		{"English before emphasis", "read\n*this* first", "read↵<em>this</em> first", ""},
		{"English before a link in bold", "see\n**[the guide](x)**", "see↵<strong><a href=\"x\">the guide</a></strong>", ""},
		{"English after a link", "[the guide](x)\nsays", "<a href=\"x\">the guide</a>↵says", ""},
		{"English words", "words\ncontinue", "words↵continue", ""},
		{"English after a comma", "Kitami,\nHokkaido", "Kitami,↵Hokkaido", ""},
		{"Japanese before a link", "詳しくは\n[移住ガイド](x)をご覧ください。", "詳しくは<a href=\"x\">移住ガイド</a>をご覧ください。",
			"詳しくは↵<a href=\"x\">移住ガイド</a>をご覧ください。"},
		{"Japanese after a link", "[移住ガイド](x)\nをご覧ください。", "<a href=\"x\">移住ガイド</a>をご覧ください。",
			"<a href=\"x\">移住ガイド</a>↵をご覧ください。"},
		{"Japanese before a code span", "設定は\n`北見`です。", "設定は<code>北見</code>です。", "設定は↵<code>北見</code>です。"},
		{"Japanese around emphasis", "**重要**\nです。", "<strong>重要</strong>です。", "<strong>重要</strong>↵です。"},
		{"Japanese words", "北見市は\nオホーツクの中心です。", "北見市はオホーツクの中心です。", "北見市は↵オホーツクの中心です。"},
		{"full-width letters", "ＡＢ\nＣＤ", "ＡＢＣＤ", "ＡＢ↵ＣＤ"},
		{"half-width katakana", "ｷﾀﾐ\nｼ", "ｷﾀﾐｼ", "ｷﾀﾐ↵ｼ"},
		{"English then Japanese", "Kitami\n北見市", "Kitami↵北見市", ""},
		{"Japanese then English", "北見市の\nWeb", "北見市の↵Web", ""},
		{"Japanese full stop then English", "です。\nKitami is", "です。Kitami is", "です。↵Kitami is"},
		{"English full stop then Japanese", "Kitami.\n北見市", "Kitami.↵北見市", ""},
		{"ambiguous mark beside Japanese", "※\n北見市", "※北見市", "※↵北見市"},
		{"Hangul", "북견\n시", "북견↵시", ""},
		{"mixed paragraph", "北見市の\n[移住ガイド](x)は、English speakers can read\n[the guide](y) and\n`site.yaml`\nも見てください。",
			"北見市の<a href=\"x\">移住ガイド</a>は、English speakers can read↵<a href=\"y\">the guide</a> and↵<code>site.yaml</code>↵も見てください。",
			"北見市の↵<a href=\"x\">移住ガイド</a>は、English speakers can read↵<a href=\"y\">the guide</a> and↵<code>site.yaml</code>↵も見てください。"},
	}
	// summaryText is the paragraph's text, as the summary has it.
	summaryText := func(html string) string {
		for _, tag := range []string{"<a href=\"x\">", "<a href=\"y\">", "</a>", "<code>", "</code>", "<em>", "</em>", "<strong>", "</strong>"} {
			html = strings.ReplaceAll(html, tag, "")
		}
		return strings.ReplaceAll(html, "↵", " ")
	}
	for _, tt := range tests {
		en := tt.en
		if en == "" {
			en = tt.ja
		}
		for _, lang := range []string{"ja", "en"} {
			want := tt.ja
			if lang == "en" {
				want = en
				// An English page keeps every line break.
				if n, kept := strings.Count(tt.body, "\n"), strings.Count(en, "↵"); n != kept {
					t.Fatalf("%s: the English want keeps %d line breaks of %d", tt.name, kept, n)
				}
			}
			r := convert(t, lang, tt.body+"\n")
			if got, wantHTML := string(r.HTML), "<p>"+strings.ReplaceAll(want, "↵", "\n")+"</p>\n"; got != wantHTML {
				t.Errorf("%s (%s):\n%q\nHTML %q\nwant %q", tt.name, lang, tt.body, got, wantHTML)
			}
			if got, wantSummary := r.Summary, summaryText(want); got != wantSummary {
				t.Errorf("%s (%s):\n%q\nsummary %q\nwant    %q", tt.name, lang, tt.body, got, wantSummary)
			}
		}
	}
}

// TestLineBreaksKeepPositions checks that a link after a dropped line
// break is still reported where it is written.
func TestLineBreaksKeepPositions(t *testing.T) {
	_, err := New(Options{}).Convert(Page{File: "content/x.ja.md", Lang: "ja", Body: []byte("詳しくは\n[移住ガイド](missing.md)を、\nsee\n[the guide](missing.md).\n"), BodyLine: 4, Resolver: fakeResolver{}})
	if want := "content/x.ja.md:5:1: no such page\ncontent/x.ja.md:7:1: no such page"; err == nil || err.Error() != want {
		t.Errorf("errors %v, want\n%s", err, want)
	}
}
