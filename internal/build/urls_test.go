package build_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/images/imagetest"
)

// TestNamesBecomeSafeURLs checks that file names and tags become URLs
// (and output folders) without spaces, URL signs or names Windows cannot
// hold, and that a bundle's files stay beside its page.
func TestNamesBecomeSafeURLs(t *testing.T) {
	fsys := basicWith(t, map[string]string{
		"content/My Page.ja.md":                    "---\ntitle: 私のページ\ntags: [C#, C++, CON, \"?\", 北見 工業大学]\n---\n[物語](<stories/My Story/index.ja.md>)\n",
		"content/con.ja.md":                        "---\ntitle: コン\n---\n",
		"content/stories/My Story/index.ja.md":     "---\ntitle: 物語\nimage: Photo 1.JPG\nimage_alt: 写真\n---\n![畑](<Photo 1.JPG>)\n",
		"content/stories/My Story/Photo 1.JPG":     string(imagetest.JPEG(imagetest.Picture(20, 10))),
		"content/stories/My Story/Leaflet (A).pdf": "%PDF",
	})
	out, err := buildtest.BuildFS(t, fsys, build.Options{NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	files := out.UnhashedFiles(t)
	for _, want := range []string{"my-page/index.html", "con_/index.html", "stories/my-story/index.html", "_photos/photo-1.#.20w.jpg", "_photos/photo-1.#.20w.webp",
		"stories/my-story/leaflet-a.pdf", "tags/c-sharp/index.html", "tags/c-plus-plus/index.html", "tags/con_/index.html", "tags/北見-工業大学/index.html"} {
		if !slices.Contains(files, want) {
			t.Errorf("no %s in %v", want, files)
		}
	}
	for _, f := range out.Files(t) {
		if strings.ContainsAny(f, " #?%&:*\"<>|\\") {
			t.Errorf("unsafe output name %q", f)
		}
	}
	out.Contains(t, "my-page/index.html", `href="/stories/my-story/"`)
	out.ContainsUnhashed(t, "stories/my-story/index.html", `src="/_photos/photo-1.#.20w.jpg"`)
	got := warningLines(out.Result, "")
	if want := `content/My Page.ja.md:3:7: warning: front matter: tags: "?" has no letters or digits to make a URL of, so the page does not get that tag`; !slices.Contains(got, want) {
		t.Errorf("want warning\n%s\ngot\n%s", want, strings.Join(got, "\n"))
	}
}

func TestNameWithoutLetters(t *testing.T) {
	_, err := buildtest.BuildFS(t, basicWith(t, map[string]string{"content/(__).ja.md": "---\ntitle: x\n---\n"}), build.Options{})
	want := `content/(__).ja.md:1:1: the name "(__)" has no letters or digits to make a URL of; rename the file, or give the page a slug`
	got := errorLines(err)
	if strings.Join(got, "\n") != want {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}
