package build_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/images/imagetest"
)

// TestStrayFilesInContent checks that content/ publishes the web files
// beside pages and nothing else: what Windows, macOS and Office leave
// behind is skipped without a word, other files are skipped with a
// warning that names them. A photo that no page shows or links to is
// not published either (it would carry its EXIF).
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
	for _, want := range []string{"stories/salmon/leaflet.pdf", "stories/salmon/figures.csv", "stories/salmon/photo.svg"} {
		if !slices.Contains(files, want) {
			t.Errorf("%s is not published; files: %v", want, files)
		}
	}
	for _, f := range files {
		for _, bad := range []string{"desktop.ini", "Thumbs.db", "memo.docx", "notes.txt", "page.html", "__MACOSX", ".bak", ".hidden", ".md", "photo.jpg"} {
			if strings.Contains(f, bad) {
				t.Errorf("%s is published", f)
			}
		}
	}
	got := warningLines(out.Result, "not published")
	want := []string{
		"content/stories/salmon/Photo.JPG: warning: not published: no page shows it or links to it",
		"content/stories/salmon/memo.docx: warning: not published: no page links to it",
		"content/stories/salmon/notes.txt: warning: not published: content/ publishes only web files beside the pages",
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
	if len(got) > 2 && !strings.Contains(got[2], "put it in static/") {
		t.Errorf("the warning does not say how to publish the file: %s", got[2])
	}
}

// TestLinkToUnpublishedFile checks that a link to a file content/ does
// not publish says why, rather than that the file does not exist.
func TestLinkToUnpublishedFile(t *testing.T) {
	fsys := basicWith(t, map[string]string{
		"content/memo.txt":    "to do",
		"content/about.ja.md": "---\ntitle: 北見\n---\n[申請書](memo.txt)\n",
	})
	_, err := buildtest.BuildFS(t, fsys, build.Options{})
	want := "content/about.ja.md:4:1: link to content/memo.txt: content/memo.txt is not published, because content/ publishes only web files"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("want %q, got %v", want, err)
	}
}

// TestUnminifiableFilesArePublished checks that a file of the site that
// the minifier cannot read (a vendor's script with syntax it does not
// know, a broken JSON file) is published as it is, with a warning at its
// line and column, in every build of a Builder too.
func TestUnminifiableFilesArePublished(t *testing.T) {
	bad := map[string]string{
		"static/js/vendor.js":             "var x = 1;\nfunction (",
		"static/data/bad.json":            "{\"a\": ]",
		"content/stories/salmon/map.json": "[1, 2,, 3]",
		"static/css/site.css":             "body {  color : red ; }\n",
	}
	out, err := buildtest.BuildFS(t, basicWith(t, bad), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for src, data := range bad {
		dst := strings.TrimPrefix(strings.TrimPrefix(src, "static/"), "content/")
		if got := out.Read(t, dst); got != data && src != "static/css/site.css" {
			t.Errorf("%s = %q, want it as it is", dst, got)
		}
	}
	out.Contains(t, "css/site.css", "body{color:red}")
	want := []string{
		"content/stories/salmon/map.json:1:7: warning: published as it is, not minified: unexpected character ','",
		"static/data/bad.json:1:7: warning: published as it is, not minified: unexpected right bracket character",
		"static/js/vendor.js:2:10: warning: published as it is, not minified: expected Identifier instead of ( in function declaration",
	}
	check := func(res *build.Result) {
		t.Helper()
		got := warningLines(res, "not minified")
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("warnings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	check(out.Result)

	opts := build.Options{Site: basicWith(t, bad), Now: buildtest.Now}
	b := build.NewBuilder(opts)
	for range 2 { // the second build keeps the copies of the first
		res, _, err := b.Memory(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		check(res)
	}
}

// TestFilesOfUnpublishedPagesStayOut checks that the files of a page
// bundle whose page is a draft or dated in the future are not published
// (nor listed in the manifest) before the page is, unless a published
// page links to them.
func TestFilesOfUnpublishedPagesStayOut(t *testing.T) {
	fsys := basicWith(t, map[string]string{
		"content/articles/embargo/index.ja.md": "---\ntitle: 予算\ndate: 2999-01-01\n---\n![表](chart.png) [予算](budget.pdf)\n",
		"content/articles/embargo/budget.pdf":  "%PDF-1.4 budget",
		"content/articles/embargo/chart.png":   string(imagetest.PNG(imagetest.Picture(20, 10))),
		"content/articles/plans/index.ja.md":   "---\ntitle: 計画\ndraft: true\n---\n[地図](map.pdf)\n",
		"content/articles/plans/map.pdf":       "%PDF-1.4 map",
		"content/articles/plans/shared.pdf":    "%PDF-1.4 shared",
		"content/about.ja.md":                  "---\ntitle: 北見について\n---\n[資料](articles/plans/shared.pdf)\n",
	})
	out, err := buildtest.BuildFS(t, fsys, build.Options{NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	manifest := buildtest.Unhashed(out.Read(t, "furusato-manifest.json"))
	files := out.UnhashedFiles(t)
	for _, f := range []string{"articles/embargo/budget.pdf", "articles/embargo/chart.png", "_photos/chart.#.20w.png", "_photos/chart.#.20w.webp", "articles/plans/map.pdf"} {
		if slices.Contains(files, f) || strings.Contains(manifest, `"`+f+`"`) {
			t.Errorf("%s of an unpublished page is published", f)
		}
	}
	if !out.Exists("articles/plans/shared.pdf") {
		t.Error("a file that a published page links to is not published")
	}
	// They are no mistake: the summary lists them, with no warning. The
	// draft's file that a published page links to goes out, with one.
	if got := warningLines(out.Result, "not published"); len(got) != 0 {
		t.Errorf("warnings:\n%s", strings.Join(got, "\n"))
	}
	if got := warningLines(out.Result, "published, though"); len(got) != 1 || !strings.HasPrefix(got[0], "content/articles/plans/shared.pdf: warning: published, though its page content/articles/plans is a draft") {
		t.Errorf("warnings for the draft's linked file:\n%s", strings.Join(got, "\n"))
	}
	want := []string{"content/articles/embargo/budget.pdf", "content/articles/embargo/chart.png", "content/articles/plans/map.pdf"}
	if got := out.Result.Site.LeftWithPages(); !slices.Equal(got, want) {
		t.Errorf("left out with their pages: %q, want %q", got, want)
	}
	// Published with their pages.
	out, err = buildtest.BuildFS(t, fsys, build.Options{NoMinify: true, Drafts: true, Future: true})
	if err != nil {
		t.Fatal(err)
	}
	files = out.UnhashedFiles(t)
	for _, f := range []string{"articles/embargo/budget.pdf", "_photos/chart.#.20w.png", "_photos/chart.#.20w.webp", "articles/plans/map.pdf"} {
		if !slices.Contains(files, f) {
			t.Errorf("%s is not published with its page", f)
		}
	}
}

// TestWellKnownIsPublished checks that static/.well-known/ (security.txt,
// assetlinks.json) is published at its fixed address, while other dot
// files and folders, and dot files inside it, stay out.
func TestWellKnownIsPublished(t *testing.T) {
	fsys := basicWith(t, map[string]string{
		"static/.well-known/security.txt":    "Contact: mailto:security@example.jp\n",
		"static/.well-known/assetlinks.json": `[{"relation": ["delegate_permission/common.handle_all_urls"]}]`,
		"static/.well-known/.DS_Store":       "junk",
		"static/.env":                        "AWS_SECRET_ACCESS_KEY=x",
		"static/.git/config":                 "[core]",
	})
	out, err := buildtest.BuildFS(t, fsys, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out.Contains(t, ".well-known/security.txt", "Contact: mailto:security@example.jp")
	if !out.Exists(".well-known/assetlinks.json") {
		t.Error("assetlinks.json is not published")
	}
	for _, f := range out.Files(t) {
		if strings.Contains(f, ".DS_Store") || strings.Contains(f, ".env") || strings.Contains(f, ".git/") {
			t.Errorf("%s is published", f)
		}
	}
}
