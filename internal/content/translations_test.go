package content

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/diag"
)

const translationConfig = `baseURL: https://example.jp/
languages: [{code: ja, title: サイト}, {code: en, title: Site}, {code: zh, title: 网站}]
sections:
  companies:
    fields:
      - {name: founded, type: date}
      - {name: staff, type: int}
      - {name: motto, type: string}
      - {name: note, type: text, required: true}
      - {name: phone, type: string, translate: false, required: true}
`

// groupsOf loads files and puts them in translation groups, returning
// the groups by ID and the errors of both, one line each.
func groupsOf(t *testing.T, files map[string]string) (*config.Config, map[string]*Group, []string) {
	t.Helper()
	cfg, err := config.Parse([]byte(translationConfig))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys["content/"+name] = &fstest.MapFile{Data: []byte(data)}
	}
	var errs diag.List
	c, err := Load(context.Background(), fsys, cfg, nil)
	errs.Add(err)
	groups := map[string]*Group{}
	for _, g := range Groups(c.Sources, cfg, &errs) {
		groups[g.ID] = g
	}
	var lines []string
	for _, e := range errs.Errors() {
		lines = append(lines, e.Error())
	}
	return cfg, groups, lines
}

// langs lists a group's files, in the order of site.yaml.
func langs(cfg *config.Config, g *Group) string {
	var out []string
	for _, l := range cfg.Languages {
		if src := g.Sources[l.Code]; src != nil {
			out = append(out, src.File)
		}
	}
	return strings.Join(out, " ")
}

func TestGroups(t *testing.T) {
	cfg, groups, errs := groupsOf(t, map[string]string{
		"a.ja.md":             "---\ntitle: A\n---\n",
		"a.en.md":             "---\ntitle: A\n---\n",
		"b.en.md":             "---\ntitle: B\ntranslationKey: k\n---\n",
		"c.zh.md":             "---\ntitle: C\ntranslationKey: k\n---\n",
		"kaname.ja.md":        "---\ntitle: 要\ntranslationKey: k\n---\n",
		"d.ja.md":             "---\ntitle: D\ntranslationKey: x\n---\n",
		"e.ja.md":             "---\ntitle: E\ntranslationKey: x\n---\n",
		"f.ja.md":             "---\ntitle: F\ntranslations: none\n---\n",
		"f.en.md":             "---\ntitle: F\n---\n",
		"_index.md":           "---\ntitle: Home\n---\n",
		"_index.en.md":        "---\ntitle: Home\n---\n",
		"companies/_index.md": "---\ntitle: 企業\n---\n",
		"companies.ja.md":     "---\ntitle: 企業とは\n---\n",
	})
	want := map[string]string{
		"content/_index.en.md":        "content/_index.md content/_index.en.md",
		"content/companies/_index.md": "content/companies/_index.md",
		"content/companies.ja.md":     "content/companies.ja.md", // a page, not the section's list
		"content/a.en.md":             "content/a.ja.md content/a.en.md",
		"content/b.en.md":             "content/kaname.ja.md content/b.en.md content/c.zh.md",
		"content/d.ja.md":             "content/d.ja.md",
		"content/f.en.md":             "content/f.ja.md content/f.en.md",
	}
	got := map[string]string{}
	for id, g := range groups {
		got[id] = langs(cfg, g)
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("group %s = %q, want %q", id, got[id], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("groups %q, want %q", got, want)
	}
	if b := groups["content/b.en.md"].Base.File; b != "content/kaname.ja.md" {
		t.Errorf("base of b = %s, want the Japanese file", b)
	}
	wantErrs := []string{
		"content/e.ja.md:1:1: ja is also written in content/d.ja.md: each language can have one version of a page (check file names and translationKey)",
		"content/f.ja.md:3:15: front matter: translations: none says the page is in ja only, but content/f.en.md translates it; remove one of them",
	}
	if !slices.Equal(errs, wantErrs) {
		t.Errorf("errors\n%s\nwant\n%s", strings.Join(errs, "\n"), strings.Join(wantErrs, "\n"))
	}
}

// TestInheritAndCheck checks what translations inherit, and what a page
// is told it lacks after inheritance.
func TestInheritAndCheck(t *testing.T) {
	cfg, groups, errs := groupsOf(t, map[string]string{
		"companies/x.ja.md": "---\ntitle: X\ndescription: 説明\ntags: [a]\nimage: p.jpg\nimage_alt: 写真\nfounded: 2010-07-01\nstaff: 3\nmotto: 一歩\nnote: 注\nphone: 0157\n---\n",
		"companies/x.en.md": "---\ntitle: X\nstaff: 4\n---\n",
		"companies/x.zh.md": "---\ntitle: 标题\n---\n",
		"companies/z.en.md": "---\nnote: n\nphone: 1\n---\n",
		"companies/w.ja.md": "---\ntitle: W\nnote: 注\n---\n",
		"companies/w.en.md": "---\ntitle: W\nnote: n\n---\n",
		"companies/y.en.md": "---\ntitle: Y\nnote: n\n---\n",
	})
	if len(errs) != 0 {
		t.Fatalf("errors: %q", errs)
	}
	g := groups["content/companies/x.en.md"]
	if g == nil || g.Base != g.Sources["ja"] {
		t.Fatalf("groups %v: want x with the Japanese file as base", groups)
	}
	inherit := func(g *Group, src *Source) map[string]any {
		params := map[string]any{}
		g.Inherit(params, src, cfg)
		return params
	}
	keys := func(params map[string]any) []string {
		var out []string
		for k := range params {
			out = append(out, k)
		}
		slices.Sort(out)
		return out
	}
	en := inherit(g, g.Sources["en"])
	if got, want := keys(en), []string{"founded", "image", "phone", "staff", "title"}; !slices.Equal(got, want) {
		t.Errorf("en params %q, want %q", got, want)
	}
	if en["staff"] != 4 {
		t.Errorf("en staff = %v, want its own 4", en["staff"])
	}
	if got, want := keys(inherit(g, g.Base)), keys(g.Base.Params); !slices.Equal(got, want) {
		t.Errorf("ja params %q, want its own %q", got, want)
	}

	var errList, warnings diag.List
	for i, code := range []string{"ja", "en", "zh"} {
		src := g.Sources[code]
		g.Check(src, inherit(g, src), cfg, i > 0, false, &errList, &warnings)
	}
	y, z := groups["content/companies/y.en.md"], groups["content/companies/z.en.md"]
	z.Check(z.Base, inherit(z, z.Base), cfg, false, false, &errList, &warnings)
	y.Check(y.Base, inherit(y, y.Base), cfg, false, false, &errList, &warnings)
	// The Japanese page, checked first, reports what the English one
	// would inherit.
	w := groups["content/companies/w.en.md"]
	for i, code := range []string{"ja", "en"} {
		w.Check(w.Sources[code], inherit(w, w.Sources[code]), cfg, i > 0, false, &errList, &warnings)
	}
	// A version that could not be read may have what is missing.
	var none diag.List
	y.Check(y.Base, inherit(y, y.Base), cfg, false, true, &none, &none)
	if none.Len() > 0 {
		t.Errorf("a page with a broken version: %v", none.Error())
	}
	lines := func(l *diag.List) []string {
		var out []string
		for _, e := range l.Errors() {
			out = append(out, e.Error())
		}
		return out
	}
	wantErrs := []string{
		"content/companies/w.ja.md:1:1: front matter: phone is missing; pages of companies need it",
		"content/companies/x.en.md:1:1: front matter: note is missing; pages of companies need it in every language, and text is not taken from content/companies/x.ja.md: write it in en",
		"content/companies/x.zh.md:1:1: front matter: note is missing; pages of companies need it in every language, and text is not taken from content/companies/x.ja.md: write it in zh",
		"content/companies/y.en.md:1:1: front matter: phone is missing; pages of companies need it",
		"content/companies/z.en.md:1:1: front matter: title is missing; every page needs one",
	}
	wantWarnings := []string{
		"content/companies/x.en.md:1:1: front matter: image_alt is missing: the image (inherited from content/companies/x.ja.md) has no description for people who cannot see it; write what it shows in en",
		"content/companies/x.en.md:1:1: front matter: motto is not translated: content/companies/x.ja.md has it and this page does not; write it in en",
		"content/companies/x.zh.md:1:1: front matter: image_alt is missing: the image (inherited from content/companies/x.ja.md) has no description for people who cannot see it; write what it shows in zh",
		"content/companies/x.zh.md:1:1: front matter: motto is not translated: content/companies/x.ja.md has it and this page does not; write it in zh",
	}
	if got := lines(&errList); !slices.Equal(got, wantErrs) {
		t.Errorf("errors\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantErrs, "\n"))
	}
	if got := lines(&warnings); !slices.Equal(got, wantWarnings) {
		t.Errorf("warnings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantWarnings, "\n"))
	}
}
