package build_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
)

// TestStrayFilesInContent checks that content/ publishes the web files
// beside pages and nothing else: what Windows, macOS and Office leave
// behind is skipped without a word, other files are skipped with a
// warning that names them.
func TestStrayFilesInContent(t *testing.T) {
	fsys := basicWith(t, map[string]string{
		"content/desktop.ini":                 "[.ShellClassInfo]\n",
		"content/stories/salmon/Thumbs.db":    "\x00\x01",
		"content/stories/salmon/~$memo.docx":  "lock",
		"content/stories/salmon/memo.docx":    "PK\x03\x04 draft",
		"content/stories/salmon/notes.txt":    "to do",
		"content/stories/salmon/page.html":    "<script>alert(1)</script>",
		"content/stories/salmon/Photo.JPG":    "\xff\xd8\xff",
		"content/stories/salmon/leaflet.pdf":  "%PDF-1.4",
		"content/stories/salmon/figures.csv":  "year,people\n2015,3\n",
		"content/__MACOSX/stories/._x.jpg":    "junk",
		"content/stories/salmon/backup.bak":   "old",
		"content/stories/salmon/.hidden.jpg":  "x",
		"content/stories/salmon/index.ja.md~": "old",
	})
	out, err := buildtest.BuildFS(t, fsys, build.Options{NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	files := out.Files(t)
	for _, want := range []string{"stories/salmon/Photo.JPG", "stories/salmon/leaflet.pdf", "stories/salmon/figures.csv", "stories/salmon/photo.svg"} {
		if !slices.Contains(files, want) {
			t.Errorf("%s is not published; files: %v", want, files)
		}
	}
	for _, f := range files {
		for _, bad := range []string{"desktop.ini", "Thumbs.db", "memo.docx", "notes.txt", "page.html", "__MACOSX", ".bak", ".hidden", ".md"} {
			if strings.Contains(f, bad) {
				t.Errorf("%s is published", f)
			}
		}
	}
	var got []string
	for _, w := range out.Result.Warnings {
		if !strings.Contains(w.Msg, "image_alt") { // the basic site has one image without
			got = append(got, w.Warning())
		}
	}
	want := []string{
		"content/stories/salmon/memo.docx: warning: not published: content/ publishes only web files beside the pages",
		"content/stories/salmon/notes.txt: warning: not published:",
		"content/stories/salmon/page.html: warning: not published:",
	}
	if len(got) != len(want) {
		t.Errorf("want %d warnings, got %d:\n%s", len(want), len(got), strings.Join(got, "\n"))
	}
	for i := range min(len(got), len(want)) {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("warning %d:\n got %s\nwant %s…", i, got[i], want[i])
		}
	}
	if len(got) > 0 && !strings.Contains(got[0], "put it in static/") {
		t.Errorf("the warning does not say how to publish the file: %s", got[0])
	}
}

// TestLinkToUnpublishedFile checks that a link to a file content/ does
// not publish says why, rather than that the file does not exist.
func TestLinkToUnpublishedFile(t *testing.T) {
	fsys := basicWith(t, map[string]string{
		"content/memo.docx":   "PK",
		"content/about.ja.md": "---\ntitle: 北見\n---\n[申請書](memo.docx)\n",
	})
	_, err := buildtest.BuildFS(t, fsys, build.Options{})
	want := "content/about.ja.md:4:1: link to content/memo.docx: content/memo.docx is not published, because content/ publishes only web files"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("want %q, got %v", want, err)
	}
}
