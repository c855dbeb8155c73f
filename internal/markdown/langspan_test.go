package markdown

import (
	"strings"
	"testing"
)

// TestEastAsianWordsMarked checks that kanji and kana in an English page
// are marked as Japanese, in text, links, headings and emphasis, with the
// spaces and line breaks around them kept; that code and image
// descriptions are left alone; and that Japanese pages, and a converter
// told no language, mark nothing.
func TestEastAsianWordsMarked(t *testing.T) {
	conv := New(Options{EastAsianLang: "ja"})
	body := "## The motto 「北見から攻める」\n\nUnder the motto 「北見から攻める」 (\"taking the initiative\"),\nthe city\n北見市 grew. See [北見経済新聞](x.md) and *株式会社 要*.\n\n`北見` ![北見の画像](p.png)\n"
	r, err := conv.Convert(Page{File: "content/x.en.md", Lang: "en", Body: []byte(body), Resolver: fakeResolver{}})
	if err != nil {
		t.Fatal(err)
	}
	got := string(r.HTML)
	for _, want := range []string{
		`The motto <span lang="ja">「北見から攻める」</span></h2>`,
		`Under the motto <span lang="ja">「北見から攻める」</span> (&quot;taking the initiative&quot;),` + "\nthe city\n" + `<span lang="ja">北見市</span> grew.`,
		`><span lang="ja">北見経済新聞</span></a>`,
		`<em><span lang="ja">株式会社</span> <span lang="ja">要</span></em>`,
		`<code>北見</code>`,
		`alt="北見の画像"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("want %q in:\n%s", want, got)
		}
	}
	if strings.Count(got, `<span lang="ja">`) != 6 {
		t.Errorf("want 6 marked runs in:\n%s", got)
	}
	if !strings.Contains(r.Summary, "Under the motto 「北見から攻める」 (\"taking the initiative\"), the city 北見市 grew.") {
		t.Errorf("summary %q", r.Summary)
	}

	ja, err := conv.Convert(Page{File: "content/x.ja.md", Lang: "ja", Body: []byte("合言葉は「北見から攻める」です。\n"), Resolver: fakeResolver{}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(ja.HTML), "<span") {
		t.Errorf("a Japanese page is marked: %s", ja.HTML)
	}
	if en := string(convert(t, "en", "The motto 「北見から攻める」.\n").HTML); strings.Contains(en, "<span") {
		t.Errorf("marked without EastAsianLang: %s", en)
	}
}
