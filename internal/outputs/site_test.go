package outputs

import "testing"

func TestAbsoluteLinks(t *testing.T) {
	page := `<p>See <a href="/en/companies/kaname/">Kaname</a>, <a href="https://city.example.jp/">the city</a>, <a href='/kitami/a.pdf'>a PDF</a>` +
		` and <a href="//cdn.example.jp/x.js">x</a>.<sup><a href="#fn:1">1</a></sup></p><img src="/kitami/stories/x/photo.jpg" alt="/not/a/link">` +
		`<p>Text with href="/not/a/link" in it.</p><a href=/bare>bare</a>`
	got := absoluteLinks(page, "https://example.jp", "https://example.jp/kitami/en/articles/one/")
	want := `<p>See <a href="https://example.jp/en/companies/kaname/">Kaname</a>, <a href="https://city.example.jp/">the city</a>, <a href='https://example.jp/kitami/a.pdf'>a PDF</a>` +
		` and <a href="//cdn.example.jp/x.js">x</a>.<sup><a href="https://example.jp/kitami/en/articles/one/#fn:1">1</a></sup></p><img src="https://example.jp/kitami/stories/x/photo.jpg" alt="/not/a/link">` +
		`<p>Text with href="/not/a/link" in it.</p><a href=https://example.jp/bare>bare</a>`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
