package markdown

import (
	"strings"
	"testing"
)

// sizedResolver knows the sizes of some files of the site.
type sizedResolver struct {
	fakeResolver
	sizes map[string]int64
}

func (r sizedResolver) FileSize(dest string) int64 {
	if n, ok := r.sizes[dest]; ok {
		return n
	}
	return -1
}

func TestDocumentLabels(t *testing.T) {
	res := sizedResolver{sizes: map[string]int64{
		"leaflet.pdf":          1258291, // 1.2 MB
		"form.docx":            35 * 1024,
		"table.XLSX":           100,
		"/docs/slides.pptx":    1023*1024 + 1,
		"data.csv":             2049,
		"photos.zip":           5 * 1024 * 1024,
		"old.doc":              0,
		"sheet.xls?v=2":        4096,
		"deck.ppt#slide=3":     10 * 1024,
		"leaflet.pdf#page=2":   1258291,
		"/static/guide.md.pdf": 2048,
	}}
	for _, tc := range []struct{ lang, md, want string }{
		{"ja", "[チラシ](leaflet.pdf)", `<a href="leaflet.pdf">チラシ（PDF形式：1.2MB）</a>`},
		{"en", "[Leaflet](leaflet.pdf)", `<a href="leaflet.pdf">Leaflet (PDF, 1.2 MB)</a>`},
		{"ja", "[申請書](form.docx)", `<a href="form.docx">申請書（Word形式：35KB）</a>`},
		{"en", "[Form](form.docx)", `<a href="form.docx">Form (Word, 35 KB)</a>`},
		{"ja", "[表](table.XLSX)", `（Excel形式：1KB）</a>`},
		{"en", "[Slides](/docs/slides.pptx)", `Slides (PowerPoint, 1.0 MB)</a>`},
		{"en", "[Data](data.csv)", `Data (CSV, 3 KB)</a>`},
		{"ja", "[写真](photos.zip)", `写真（ZIP形式：5.0MB）</a>`},
		{"en", "[Old](old.doc)", `Old (Word, 1 KB)</a>`},
		{"en", "[Sheet](sheet.xls?v=2)", `Sheet (Excel, 4 KB)</a>`},
		{"en", "[Deck](deck.ppt#slide=3)", `Deck (PowerPoint, 10 KB)</a>`},
		{"ja-JP", "[2ページ目](leaflet.pdf#page=2)", `2ページ目（PDF形式：1.2MB）</a>`},
		{"ko", "[Leaflet](leaflet.pdf)", `Leaflet (PDF, 1.2 MB)</a>`},
		// Another site's documents: their size is not known.
		{"ja", "[白書](https://www.soumu.go.jp/hakusho.pdf)", `白書（PDF形式）</a>`},
		{"en", "[White paper](https://www.soumu.go.jp/hakusho.PDF)", `White paper (PDF)</a>`},
		{"en", "<https://example.com/a.pdf>", `<a href="https://example.com/a.pdf">https://example.com/a.pdf</a>`},
		// Formatting inside the link is kept; the label follows it.
		{"en", "[**Form**](form.docx)", `<a href="form.docx"><strong>Form</strong> (Word, 35 KB)</a>`},
		// The format as the writer put it is not said twice.
		{"ja", "[申請書（PDF）](leaflet.pdf)", `<a href="leaflet.pdf">申請書（PDF形式：1.2MB）</a>`},
		{"ja", "[申請書 (pdf形式)](leaflet.pdf)", `<a href="leaflet.pdf">申請書（PDF形式：1.2MB）</a>`},
		{"ja", "[様式（Word）](form.docx)", `<a href="form.docx">様式（Word形式：35KB）</a>`},
		{"en", "[Leaflet (PDF)](leaflet.pdf)", `<a href="leaflet.pdf">Leaflet (PDF, 1.2 MB)</a>`},
		{"en", "[Leaflet (PDF file)](leaflet.pdf)", `<a href="leaflet.pdf">Leaflet (PDF, 1.2 MB)</a>`},
		{"en", "[**Form** (Word)](form.docx)", `<a href="form.docx"><strong>Form</strong> (Word, 35 KB)</a>`},
		{"en", "[PDF](leaflet.pdf)", `<a href="leaflet.pdf">PDF (PDF, 1.2 MB)</a>`},
		{"en", "[Leaflet (PDF) for 2026](leaflet.pdf)", `<a href="leaflet.pdf">Leaflet (PDF) for 2026 (PDF, 1.2 MB)</a>`},
		{"ja", "[表（PDF）](table.XLSX)", `表（PDF）（Excel形式：1KB）</a>`},
		// Not documents.
		{"ja", "[会社](kaname.md)", `<a href="/resolved/">会社</a>`},
		{"en", "[Mail](mailto:a@example.com?subject=x.pdf)", `<a href="mailto:a@example.com?subject=x.pdf">Mail</a>`},
		{"en", "[Page](https://example.com/pdf/)", `<a href="https://example.com/pdf/">Page</a>`},
		{"en", "![Map](map.png)", `alt="Map"`},
	} {
		r, err := New(Options{}).Convert(Page{File: "content/x.md", Lang: tc.lang, Body: []byte(tc.md + "\n"), BodyLine: 1, Resolver: res})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(r.HTML), tc.want) {
			t.Errorf("%s %s:\n got %s\nwant %s", tc.lang, tc.md, r.HTML, tc.want)
		}
	}
}

func TestDocumentLabelWithoutSizes(t *testing.T) {
	// A resolver that cannot tell sizes labels the format alone.
	r := convert(t, "ja", "[チラシ](leaflet.pdf)\n")
	if want := `<a href="leaflet.pdf">チラシ（PDF形式）</a>`; !strings.Contains(string(r.HTML), want) {
		t.Errorf("got %s, want %s", r.HTML, want)
	}
}

func TestSizeText(t *testing.T) {
	for n, want := range map[int64]string{
		0: "1KB", 1: "1KB", 1024: "1KB", 1025: "2KB", 1000 * 1024: "1000KB",
		1023 * 1024: "1023KB", 1023*1024 + 1: "1.0MB", 1 << 20: "1.0MB", 1258291: "1.2MB", 15 << 20: "15.0MB",
	} {
		if got := sizeText(n, ""); got != want {
			t.Errorf("sizeText(%d) = %s, want %s", n, got, want)
		}
	}
}

// TestCacheSeesSizes checks that a page whose linked document changed size
// is converted again, so that its label is never stale.
func TestCacheSeesSizes(t *testing.T) {
	conv, cache := New(Options{}), NewCache()
	res := sizedResolver{sizes: map[string]int64{"a.pdf": 2048}}
	page := Page{File: "content/a.en.md", Lang: "en", Body: []byte("[A](a.pdf)\n"), Resolver: res}
	first := cache.Convert(conv, page)
	if !strings.Contains(string(first.HTML), "(PDF, 2 KB)") {
		t.Fatalf("got %s", first.HTML)
	}
	if cache.Convert(conv, page) != first {
		t.Error("converted again, though nothing changed")
	}
	res.sizes["a.pdf"] = 3 << 20
	if again := cache.Convert(conv, page); !strings.Contains(string(again.HTML), "(PDF, 3.0 MB)") {
		t.Errorf("the label did not follow the file: %s", again.HTML)
	}
}
