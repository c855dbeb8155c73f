package markdown

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark/text"

	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/plaintext"
)

type fakeResolver struct{}

func (fakeResolver) Link(dest string) (string, error) {
	if strings.HasSuffix(dest, "missing.md") {
		return "", errors.New("no such page")
	}
	if strings.HasSuffix(dest, "gone.md") {
		return "", &Gone{Reason: "that page is expired"}
	}
	if strings.HasSuffix(dest, ".md") {
		return "/resolved/", nil
	}
	return dest, nil
}

func (fakeResolver) Image(dest string) (Image, error) {
	return Image{URL: "/img/" + dest, Width: 640, Height: 400}, nil
}

func convert(t *testing.T, lang, body string) *Result {
	t.Helper()
	r, err := New(Options{}).Convert(Page{File: "content/x.md", Lang: lang, Body: []byte(body), BodyLine: 4, Resolver: fakeResolver{}})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestEastAsianLineBreaks(t *testing.T) {
	ja := string(convert(t, "ja", "北見市は\nオホーツクの中心です。\n").HTML)
	if !strings.Contains(ja, "北見市はオホーツクの中心です。") {
		t.Errorf("Japanese line break became a space: %s", ja)
	}
	en := string(convert(t, "en", "Kitami is\nthe centre.\n").HTML)
	if !strings.Contains(en, "Kitami is\nthe centre.") {
		t.Errorf("English line break lost: %s", en)
	}
}

func TestHeadingIDs(t *testing.T) {
	r := convert(t, "ja", "## 移住支援制度\n\n## 移住支援制度\n\n## Office rent & fares!\n\n## 「北見」へ\n\n## !!!\n")
	got := string(r.HTML)
	for _, want := range []string{`id="移住支援制度"`, `id="移住支援制度-1"`, `id="office-rent-fares"`, `id="北見へ"`, `id="section"`} {
		if !strings.Contains(got, want) {
			t.Errorf("want %s in %s", want, got)
		}
	}
	if len(r.Headings) != 5 || r.Headings[0].ID != "移住支援制度" || r.Headings[0].Text != "移住支援制度" {
		t.Errorf("headings = %+v", r.Headings)
	}
}

// TestReservedHeadingIDs checks that headings never take an ID the page
// layout uses, such as main for <main id="main">.
func TestReservedHeadingIDs(t *testing.T) {
	body := "## Main\n\n## Main\n\n## Top\n\n## Map\n\n## Main points\n"
	r, err := New(Options{ReservedIDs: []string{"map"}}).Convert(Page{File: "content/x.md", Lang: "en", Body: []byte(body), Resolver: fakeResolver{}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range r.Headings {
		got = append(got, h.ID)
	}
	if want := "main-1 main-2 top-1 map-1 main-points"; strings.Join(got, " ") != want {
		t.Errorf("IDs %q, want %q", strings.Join(got, " "), want)
	}
	if !strings.Contains(string(r.HTML), `<h2 id="main-1">Main</h2>`) {
		t.Errorf("HTML: %s", r.HTML)
	}
}

func TestExtensions(t *testing.T) {
	body := "| a | b |\n|---|---|\n| 1 | 2 |\n\n本文[^1]。\n\n[^1]: 注。\n\n用語\n: 説明\n\n~~消す~~\n"
	got := string(convert(t, "ja", body).HTML)
	for _, want := range []string{"<table>", "<td>1</td>", `class="footnote-ref"`, "<dl>", "<dt>用語</dt>", "<dd>説明</dd>", "<del>消す</del>"} {
		if !strings.Contains(got, want) {
			t.Errorf("want %s in %s", want, got)
		}
	}
}

func TestRawHTMLIsDropped(t *testing.T) {
	got := string(convert(t, "en", "<script>alert(1)</script>\n\nHi <b>there</b>\n").HTML)
	if strings.Contains(got, "<script>") || strings.Contains(got, "<b>") {
		t.Errorf("raw HTML rendered: %s", got)
	}
	r, err := New(Options{RawHTML: true}).Convert(Page{Lang: "en", Body: []byte("Hi <b>there</b>\n"), Resolver: fakeResolver{}})
	if err != nil || !strings.Contains(string(r.HTML), "<b>there</b>") {
		t.Errorf("raw HTML on: %s, %v", r.HTML, err)
	}
}

func TestLinksAndImages(t *testing.T) {
	got := string(convert(t, "en", "[a](other.md) [b](https://x.jp/)\n\n![one](a.jpg) ![two](b.jpg)\n").HTML)
	for _, want := range []string{`<a href="/resolved/">a</a>`, `<a href="https://x.jp/">b</a>`,
		`<img src="/img/a.jpg" alt="one" width="640" height="400" decoding="async">`,
		`<img src="/img/b.jpg" alt="two" width="640" height="400" loading="lazy" decoding="async">`} {
		if !strings.Contains(got, want) {
			t.Errorf("want %s in %s", want, got)
		}
	}
	_, err := New(Options{}).Convert(Page{File: "content/x.md", Lang: "en", Body: []byte("Intro.\n\nSee the [page](missing.md).\n"), BodyLine: 4, Resolver: fakeResolver{}})
	if err == nil || err.Error() != "content/x.md:6:9: no such page" {
		t.Errorf("broken link error = %v", err)
	}
}

func TestSummarySkipsHeadings(t *testing.T) {
	r := convert(t, "en", "## Why Kitami\n\nKitami is close to Tokyo by air. It has engineers.\n")
	if r.Summary != "Kitami is close to Tokyo by air. It has engineers." {
		t.Errorf("summary = %q", r.Summary)
	}
}

// TestSummaryAndWordsOfPages checks that a page's summary and word count,
// found without keeping its whole text, are those of its whole text.
func TestSummaryAndWordsOfPages(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	blocks := []string{
		"北見市はオホーツクの中心です。玉ねぎの産地です。\n", "Kitami is the centre of Okhotsk.\nIt grows onions.\n",
		"## 見出し\n", "- 一つ目\n- two\n", "| a | b |\n|---|---|\n| 1 | 2 |\n", "```\ncode()\n```\n",
		"![絵](a.png)\n", "> 引用です。\n", "脚注[^1]。\n\n[^1]: 注。\n", "   \n", "word " + strings.Repeat("x", 300) + "\n",
	}
	for i := range 200 {
		var b strings.Builder
		for range rng.IntN(120) {
			b.WriteString(blocks[rng.IntN(len(blocks))])
			b.WriteString("\n")
		}
		for _, lang := range []string{"ja", "en"} {
			cjk := IsCJK(lang)
			r := convert(t, lang, b.String())
			md := New(Options{}).other
			if cjk {
				md = New(Options{}).cjk
			}
			doc := md.Parser().Parse(text.NewReader([]byte(b.String())))
			var all strings.Builder
			plaintext.Walk(doc, []byte(b.String()), false, func(p []byte) bool { all.Write(p); return true })
			count := plaintext.WordCounter{CJK: cjk}
			count.Add([]byte(all.String()))
			words, minutes := count.Count(), plaintext.ReadingMinutes(count.Count(), cjk)
			var prose strings.Builder
			plaintext.Walk(doc, []byte(b.String()), true, func(p []byte) bool { prose.Write(p); return true })
			s := plaintext.NewSummarizer(cjk)
			s.Add([]byte(strings.TrimSpace(prose.String())))
			want := s.Summary()
			if r.Summary != want || r.Words != words || r.ReadingTime != minutes {
				t.Fatalf("page %d in %s: summary %q, %d words, %d min; from the whole text: %q, %d, %d",
					i, lang, r.Summary, r.Words, r.ReadingTime, want, words, minutes)
			}
		}
	}
}

// TestSummaryIsProse checks that a summary is made of paragraphs and list
// items, without the cells of tables, code or the descriptions of images.
func TestSummaryIsProse(t *testing.T) {
	body := "北見市の人口は約11万人です。\n\n| 項目 | 値 |\n|---|---|\n| 人口 | 11万 |\n\n![赤い四角絵](a.png)\n\n```\ncode()\n```\n\n- 面積は日本一広い市です。\n- 玉ねぎの産地です。\n"
	r := convert(t, "ja", body)
	if want := "北見市の人口は約11万人です。 面積は日本一広い市です。 玉ねぎの産地です。"; r.Summary != want {
		t.Errorf("summary %q, want %q", r.Summary, want)
	}
	if noTable := convert(t, "ja", strings.Replace(body, "| 項目 | 値 |\n|---|---|\n| 人口 | 11万 |\n", "", 1)); r.Words <= noTable.Words {
		t.Errorf("the table is left out of the text for reading time: %d characters, %d without it", r.Words, noTable.Words)
	}
	en := convert(t, "en", "Kitami has ![a red square](a.png) about 110,000 people.\n").Summary
	if en != "Kitami has about 110,000 people." {
		t.Errorf("English summary %q", en)
	}
}

// Links that goldmark would leave empty (href="") are errors at their
// line; data: images that goldmark keeps are kept.
func TestDroppedLinksAreErrors(t *testing.T) {
	body := "Intro.\n\nSee [this](javascript:alert(1)) and [that](VBScript:msgbox).\n\n" +
		"![dot](data:image/png;base64,iVBORw0KGgo=) ![svg](data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=)\n\n" +
		"A [page](data:text/html,<b>x</b>) and <javascript:alert(2)>.\n"
	r, err := New(Options{}).Convert(Page{File: "content/x.md", Lang: "en", Body: []byte(body), BodyLine: 4, Resolver: fakeResolver{}})
	var got []string
	for _, e := range diag.All(err) {
		got = append(got, e.Error())
	}
	want := []string{
		"content/x.md:6:5: link to javascript:alert(1): a javascript: URL could run a script in the reader's browser, so it is left out, and the link goes nowhere; link to a page, a file, or a web address (http, https, mailto)",
		"content/x.md:6:37: link to VBScript:msgbox: a vbscript: URL could run a script in the reader's browser, so it is left out, and the link goes nowhere; link to a page, a file, or a web address (http, https, mailto)",
		"content/x.md:8:44: image data:image/svg+xml;base64,PHN2ZyB4bWxucz…: a data: URL could run a script in the reader's browser, so it is left out, and the image shows nothing; put the image in a file beside the page (a data: image can only be PNG, GIF, JPEG or WebP)",
		"content/x.md:10:3: link to data:text/html,<b>x</b>: a data: URL could run a script in the reader's browser, so it is left out, and the link goes nowhere; link to a page, a file, or a web address (http, https, mailto)",
		"content/x.md:10:39: link to javascript:alert(2): a javascript: URL could run a script in the reader's browser, so it is left out, and the link goes nowhere; link to a page, a file, or a web address (http, https, mailto)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(string(r.HTML), `alt="dot"`) {
		t.Errorf("the PNG data: image is gone: %s", r.HTML)
	}

	// With raw HTML on, goldmark keeps them, as it keeps <script>.
	if _, err := New(Options{RawHTML: true}).Convert(Page{File: "content/x.md", Lang: "en", Body: []byte(body), BodyLine: 4, Resolver: fakeResolver{}}); err != nil {
		t.Errorf("raw HTML on: %v", err)
	}
}

// TestInvalidUTF8 checks that a body that is not UTF-8, which content
// rejects before it gets here, is converted without a panic (goldmark's
// East Asian line breaks panicked on this one, found by FuzzConvert).
func TestInvalidUTF8(t *testing.T) {
	r := convert(t, "ja", "\xa6\n0")
	if !utf8.Valid(r.HTML) {
		t.Errorf("HTML %q", r.HTML)
	}
}

// TestSpacedAddresses: a link or image whose address has a space is not
// one, and its Markdown would be published as written: an error at it.
func TestSpacedAddresses(t *testing.T) {
	body := "写真: ![窓から見える山](写真 1.JPG) と [冬3](Winter News 2026.ja.md)\n\n" +
		"[題のあるリンク](page.md \"題\") と `[コード](a b)` と ![括弧](<写真 1.JPG>)\n"
	_, err := New(Options{}).Convert(Page{File: "content/x.md", Lang: "ja", Body: []byte(body), BodyLine: 4, Resolver: fakeResolver{}})
	var got []string
	for _, e := range diag.All(err) {
		got = append(got, e.Error())
	}
	want := []string{
		`content/x.md:4:14: this link or image is not made, and its Markdown would be shown as it is: the address "写真 1.JPG" has a space; write it in angle brackets, ](<写真 1.JPG>), or rename the file without spaces`,
		`content/x.md:4:31: this link or image is not made, and its Markdown would be shown as it is: the address "Winter News 2026.ja.md" has a space; write it in angle brackets, ](<Winter News 2026.ja.md>), or rename the file without spaces`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A link to a page that left the site is its text, formatting and all,
// with a warning at the link; the page converts without an error.
func TestLinkToGonePage(t *testing.T) {
	r, err := New(Options{}).Convert(Page{File: "content/x.md", Lang: "en", Body: []byte("See [the **old** notice](gone.md) and [this](here.md).\n"), BodyLine: 4, Resolver: fakeResolver{}})
	if err != nil {
		t.Fatal(err)
	}
	if want := "<p>See the <strong>old</strong> notice and <a href=\"/resolved/\">this</a>.</p>\n"; string(r.HTML) != want {
		t.Errorf("HTML = %q, want %q", r.HTML, want)
	}
	if len(r.Warnings) != 1 || r.Warnings[0].Warning() != "content/x.md:4:5: warning: that page is expired; its text is shown without the link" {
		t.Errorf("warnings: %v", r.Warnings)
	}
	if len(r.Links) != 1 || r.Links[0].Dest != "/resolved/" {
		t.Errorf("links: %+v", r.Links)
	}
}
