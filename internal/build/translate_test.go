package build_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
)

// storiesWithText is the basic site with text fields on stories, and a
// layout that shows every field.
func storiesWithText(t *testing.T, en string) fstest.MapFS {
	t.Helper()
	yaml := strings.Replace(readSiteYAML(t),
		"      - {name: company, type: ref, section: companies, label: {ja: 企業, en: Company}}\n",
		"      - {name: company, type: ref, section: companies, label: {ja: 企業, en: Company}}\n"+
			"      - {name: person, type: text, required: true, label: {ja: どんな人, en: Who}}\n"+
			"      - {name: from, type: string, label: {ja: 移住前, en: Moved from}}\n"+
			"      - {name: skills, type: list, label: {ja: 技能, en: Skills}}\n"+
			"      - {name: phone, type: string, translate: false, label: {ja: 電話, en: Phone}}\n", 1)
	return basicWith(t, map[string]string{
		"site.yaml": yaml,
		"templates/stories/page.html": "{{define \"main\"}}<h1>{{.Page.Title}}</h1>\n" +
			"{{range .Page.Fields}}<dd class=\"{{.Name}}\">{{.Value}}</dd>\n{{end}}{{with .Page.Image}}<img src=\"{{.URL}}\" alt=\"{{.Alt}}\">{{end}}{{end}}\n",
		"content/stories/salmon/index.ja.md": "---\ntitle: サケモデルで戻った技術者\ncompany: kaname\nperson: 東京から戻った技術者\nfrom: 東京都\nskills: [設計, 測量]\nphone: 0157-00-0000\nimage: photo.svg\nimage_alt: 北見の畑\n---\n本文\n",
		"content/stories/salmon/index.en.md": en,
	})
}

// TestTextIsNotInherited checks that a translation inherits what is the
// same in every language (a company, a phone number declared translate:
// false) but never text in the default language.
func TestTextIsNotInherited(t *testing.T) {
	fsys := storiesWithText(t, "---\ntitle: An engineer back under the salmon model\nperson: An engineer back from Tokyo\n---\nText\n")
	out, err := buildtest.BuildFS(t, fsys, build.Options{NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	out.Contains(t, "en/stories/salmon/index.html",
		`<dd class="company">Kaname Co., Ltd.</dd>`, `<dd class="person">An engineer back from Tokyo</dd>`, `<dd class="phone">0157-00-0000</dd>`)
	out.Lacks(t, "en/stories/salmon/index.html", "東京都", "設計", "北見の畑", `class="from"`, `class="skills"`)
	out.Contains(t, "stories/salmon/index.html", `<dd class="from">東京都</dd>`, `alt="北見の畑"`)

	got := warningLines(out.Result, "content/stories/")
	want := []string{
		"content/stories/salmon/index.en.md:1:1: warning: front matter: from is not translated: content/stories/salmon/index.ja.md has it and this page does not; write it in en",
		"content/stories/salmon/index.en.md:1:1: warning: front matter: image_alt is missing: the image (inherited from content/stories/salmon/index.ja.md) has no description for people who cannot see it; write what it shows in en",
		"content/stories/salmon/index.en.md:1:1: warning: front matter: skills is not translated: content/stories/salmon/index.ja.md has it and this page does not; write it in en",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestRequiredTextInEveryLanguage checks that a required text field
// missing in a translation is an error, not Japanese on the English page.
func TestRequiredTextInEveryLanguage(t *testing.T) {
	fsys := storiesWithText(t, "---\ntitle: An engineer back under the salmon model\nimage_alt: Fields\nfrom: Tokyo\nskills: [design]\n---\nText\n")
	_, err := buildtest.BuildFS(t, fsys, build.Options{NoMinify: true})
	got := errorLines(err)
	want := "content/stories/salmon/index.en.md:1:1: front matter: person is missing; pages of stories need it in every language, and text is not taken from content/stories/salmon/index.ja.md: write it in en"
	if strings.Join(got, "\n") != want {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}
