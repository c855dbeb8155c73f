package build_test

import (
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
)

// TestDocumentLinks checks that links to documents end with their format
// and size in the page's language, that an Office file a page links to is
// published without a warning, and that one no page links to is left out
// with a warning.
func TestDocumentLinks(t *testing.T) {
	fsys := basicWith(t, map[string]string{
		"content/stories/salmon/index.ja.md": "---\ntitle: サケモデル\nimage: photo.svg\n---\n" +
			"[申込書](form.docx)と[チラシ](/docs/leaflet.pdf)、[総務省の資料](https://www.soumu.go.jp/a.pdf)。\n",
		"content/stories/salmon/index.en.md": "---\ntitle: Salmon\nimage_alt: Fields\n---\n" +
			"The [application form](form.docx) and the [leaflet](/docs/leaflet.pdf).\n",
		"content/stories/salmon/form.docx":  strings.Repeat("x", 35*1024),
		"content/stories/salmon/notes.docx": "PK draft",
		"static/docs/leaflet.pdf":           "%PDF-1.4" + strings.Repeat(" ", 1258291-8),
	})
	out, err := buildtest.BuildFS(t, fsys, build.Options{NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	out.Contains(t, "stories/salmon/index.html",
		`<a href="/stories/salmon/form.docx">申込書（Word形式：35KB）</a>`,
		`<a href="/docs/leaflet.pdf">チラシ（PDF形式：1.2MB）</a>`,
		`<a href="https://www.soumu.go.jp/a.pdf">総務省の資料（PDF形式）</a>`)
	out.Contains(t, "en/stories/salmon/index.html",
		`<a href="/stories/salmon/form.docx">application form (Word, 35 KB)</a>`,
		`<a href="/docs/leaflet.pdf">leaflet (PDF, 1.2 MB)</a>`)
	if !out.Exists("stories/salmon/form.docx") {
		t.Error("the linked form.docx is not published")
	}
	if out.Exists("stories/salmon/notes.docx") {
		t.Error("notes.docx is published, though no page links to it")
	}
	if w := warningLines(out.Result, "form.docx"); len(w) != 0 {
		t.Errorf("warnings about the linked file: %q", w)
	}
	want := "content/stories/salmon/notes.docx: warning: not published: no page links to it"
	if w := warningLines(out.Result, "notes.docx"); len(w) != 1 || !strings.HasPrefix(w[0], want) {
		t.Errorf("warnings %q, want %s…", w, want)
	}
}
