package bundle_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/furusato/furusato/internal/bundle"
	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/content"
	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/markdown"
)

// pages is a page graph as bundle sees it: URLs by content path and
// language code.
type pages struct {
	cfg         *config.Config
	urls        map[string]map[string]string
	unpublished map[string]string
}

func (g pages) PageURL(l *config.Language, p string) (string, bool) {
	if u, ok := g.urls[p][l.Code]; ok {
		return u, true
	}
	for _, o := range g.cfg.Languages {
		if u, ok := g.urls[p][o.Code]; ok {
			return u, true
		}
	}
	return "", false
}

func (g pages) Published(p string) bool { _, ok := g.urls[p]; return ok }

func (g pages) Unpublished(p string) string { return g.unpublished[p] }
func (g pages) PageExpired(p string) bool   { return strings.HasPrefix(g.unpublished[p], "expired") }

func (g pages) Paths() []string {
	var out []string
	for p := range g.urls {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// assets fingerprints one file of static/.
type assets struct{}

func (assets) Published(p string) (string, bool) {
	return strings.TrimSuffix(p, "map.svg") + "map.1a2b.svg", p == "img/map.svg"
}

func (assets) Integrity(p string) string { return "sha384-" + p }

func page(title string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\n---\n")}
}

// newFiles makes the Files of a small site: two languages, a base URL
// with a path, a page bundle with a photo, a draft's bundle, a file that
// content/ does not publish, and static/ with a fingerprinted image.
func newFiles(t *testing.T, extra fstest.MapFS) (*bundle.Files, error) {
	t.Helper()
	cfg, err := config.Parse([]byte("baseURL: https://example.jp/kitami/\nlanguages: [{code: ja, title: 北見}, {code: en, title: Kitami}]\n"))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"site.yaml":                            {Data: []byte("")},
		"content/about.ja.md":                  page("北見について"),
		"content/about.en.md":                  page("About"),
		"content/leaflet.pdf":                  {Data: []byte("%PDF")},
		"content/memo.txt":                     {Data: []byte("to do")},
		"content/stories/salmon/index.ja.md":   page("サケ"),
		"content/stories/salmon/photo.svg":     {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 80"></svg>`)},
		"content/articles/embargo/index.ja.md": {Data: []byte("---\ntitle: 予定\ndraft: true\n---\n")},
		"content/articles/embargo/budget.pdf":  {Data: []byte("%PDF")},
		"content/articles/embargo/chart.svg":   {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5"></svg>`)},
		"static/img/map.svg":                   {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="300px" height="200"></svg>`)},
		"static/css/site.css":                  {Data: []byte("body{}")},
	}
	for k, v := range extra {
		fsys[k] = v
	}
	c, err := content.Load(context.Background(), fsys, cfg, nil)
	if c == nil {
		t.Fatal(err)
	}
	g := pages{cfg: cfg, urls: map[string]map[string]string{
		"":                 {"ja": "/kitami/", "en": "/kitami/en/"},
		"about":            {"ja": "/kitami/about/", "en": "/kitami/en/about/"},
		"two":              {"ja": "/kitami/two/"},
		"companies/aoba":   {"ja": "/kitami/companies/aoba/"},
		"companies/kaname": {"ja": "/kitami/companies/kaname/", "en": "/kitami/en/companies/kaname/"},
		"stories/salmon":   {"ja": "/kitami/stories/salmon/"},
	}, unpublished: map[string]string{"articles/embargo": "a draft", "articles/draft": "a draft", "companies/retired": "expired (2020-04-01)"}}
	var static []string
	for name := range fsys {
		if p, ok := strings.CutPrefix(name, "static/"); ok {
			static = append(static, p)
		}
	}
	slices.Sort(static)
	return bundle.New(cfg, c, fsys, static, assets{}, g, nil)
}

func mustFiles(t *testing.T) *bundle.Files {
	t.Helper()
	f, err := newFiles(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

var (
	ja = &config.Language{Code: "ja", Index: 0}
	en = &config.Language{Code: "en", Index: 1}
)

// TestLink checks that a link to a page's Markdown file becomes that
// page's URL in the linking page's language (or in the language that
// has it), that a link to a file beside the page becomes its published
// URL, and that the rest is left as it is.
func TestLink(t *testing.T) {
	f := mustFiles(t)
	for _, tt := range []struct {
		file string
		lang *config.Language
		dest string
		want string
	}{
		{"content/about.ja.md", ja, "companies/kaname.ja.md", "/kitami/companies/kaname/"},
		{"content/about.en.md", en, "companies/kaname.ja.md", "/kitami/en/companies/kaname/"},
		{"content/about.en.md", en, "companies/aoba.ja.md#map", "/kitami/companies/aoba/#map"},
		{"content/about.en.md", en, "_index.en.md", "/kitami/en/"},
		{"content/stories/salmon/index.ja.md", ja, "../../about.md", "/kitami/about/"},
		{"content/about.ja.md", ja, "two.ja.md?x=1#地図", "/kitami/two/?x=1#%E5%9C%B0%E5%9B%B3"},
		{"content/about.ja.md", ja, "leaflet.pdf", "/kitami/leaflet.pdf"},
		// One ../ too many stops at content/, as a browser stops at the root.
		{"content/about.ja.md", ja, "../companies/kaname.ja.md", "/kitami/companies/kaname/"},
		{"content/about.ja.md", ja, "../leaflet.pdf", "/kitami/leaflet.pdf"},
		{"content/about.ja.md", ja, "https://city.example.jp/", "https://city.example.jp/"},
		{"content/about.ja.md", ja, "#top", "#top"},
		{"content/about.ja.md", ja, "/about/", "/about/"},
	} {
		got, err := f.Resolver(tt.file, tt.lang).Link(tt.dest)
		if err != nil || got != tt.want {
			t.Errorf("%s: Link(%q) = %q, %v; want %q", tt.file, tt.dest, got, err, tt.want)
		}
	}
}

func TestLinkErrors(t *testing.T) {
	f := mustFiles(t)
	for _, tt := range []struct{ dest, want string }{
		{"companies/kanme.ja.md", "link to content/companies/kanme.ja.md: there is no such page (did you mean companies/kaname?)"},
		{"articles/draft.md", "link to content/articles/draft.md: that page is a draft, so it is not published"},
		{"memo.txt", "link to content/memo.txt: content/memo.txt is not published, because content/ publishes only web files ("},
		{"none.pdf", "link to content/none.pdf: there is no such file in content/"},
	} {
		_, err := f.Resolver("content/about.ja.md", ja).Link(tt.dest)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Link(%q) error = %v; want %s", tt.dest, err, tt.want)
		}
	}
}

// TestImage checks images beside the page, in static/ (under their
// fingerprinted names) and elsewhere, with their sizes and types.
func TestImage(t *testing.T) {
	f := mustFiles(t)
	r := f.Resolver("content/stories/salmon/index.ja.md", ja)
	for _, tt := range []struct {
		dest string
		want markdown.Image
		typ  string
	}{
		{"photo.svg", markdown.Image{URL: "/kitami/stories/salmon/photo.svg", Width: 120, Height: 80}, "image/svg+xml"},
		{"/stories/salmon/photo.svg", markdown.Image{URL: "/kitami/stories/salmon/photo.svg", Width: 120, Height: 80}, "image/svg+xml"},
		{"/img/map.svg", markdown.Image{URL: "/kitami/img/map.1a2b.svg", Width: 300, Height: 200}, "image/svg+xml"},
		{"https://example.org/a.png", markdown.Image{URL: "https://example.org/a.png"}, ""},
		// A line copied from a page one folder down into a page at the top.
		{"../../../stories/salmon/photo.svg", markdown.Image{URL: "/kitami/stories/salmon/photo.svg", Width: 120, Height: 80}, "image/svg+xml"},
	} {
		img, typ, err := r.ImageType(tt.dest)
		if err != nil || img != tt.want || typ != tt.typ {
			t.Errorf("ImageType(%q) = %+v, %q, %v; want %+v, %q", tt.dest, img, typ, err, tt.want, tt.typ)
		}
		if img2, err := r.Image(tt.dest); img2 != img || err != nil {
			t.Errorf("Image(%q) = %+v, %v; want %+v", tt.dest, img2, err, img)
		}
	}
	for _, tt := range []struct{ dest, want string }{
		{"photo.jpg", "image photo.jpg: there is no file content/stories/salmon/photo.jpg"},
		{"/img/none.png", "image /img/none.png: there is no static/img/none.png"},
		{"../../memo.txt", "image ../../memo.txt: content/memo.txt is not published"},
		// Found by a computer that ignores capitals, not by the web server.
		{"Photo.SVG", "image Photo.SVG: there is no file content/stories/salmon/Photo.SVG; there is content/stories/salmon/photo.svg, named with other capitals"},
		{"/IMG/Map.svg", "image /IMG/Map.svg: there is no static/IMG/Map.svg; there is static/img/map.svg, named with other capitals"},
	} {
		if _, err := r.Image(tt.dest); err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Image(%q) error = %v; want %s", tt.dest, err, tt.want)
		}
	}
}

func TestStatic(t *testing.T) {
	f := mustFiles(t)
	for _, tt := range []struct {
		p, want string
		ok      bool
	}{
		{"css/site.css", "/kitami/css/site.css", true},
		{"img/map.svg", "/kitami/img/map.1a2b.svg", true},
		{"css/none.css", "", false},
	} {
		if got, ok := f.StaticURL(tt.p); got != tt.want || ok != tt.ok {
			t.Errorf("StaticURL(%q) = %q, %v; want %q, %v", tt.p, got, ok, tt.want, tt.ok)
		}
	}
	if got := f.StaticIntegrity("img/map.svg"); got != "sha384-img/map.svg" {
		t.Errorf("StaticIntegrity = %q", got)
	}
	if got := f.StaticIntegrity("img/none.svg"); got != "" {
		t.Errorf("StaticIntegrity of a missing file = %q, want none", got)
	}
}

// TestHoldBack checks that the files of a draft's bundle are not
// published, but for one that a published page shows.
func TestHoldBack(t *testing.T) {
	f := mustFiles(t)
	if _, err := f.Resolver("content/about.ja.md", ja).Image("articles/embargo/chart.svg"); err != nil {
		t.Fatal(err)
	}
	warnings := f.HoldBack(nil)
	if len(warnings) != 0 || f.HeldBack() != 0 {
		t.Errorf("with no sources: %d held back, warnings %v", f.HeldBack(), warnings)
	}
	warnings = f.HoldBack([]*content.Source{
		{File: "content/articles/embargo/index.ja.md", Path: "articles/embargo", Bundle: "articles/embargo"},
		{File: "content/stories/salmon/index.ja.md", Path: "stories/salmon", Bundle: "stories/salmon"},
	})
	var got []string
	for _, r := range f.Resources() {
		got = append(got, r.Path)
	}
	want := []string{"articles/embargo/chart.svg", "leaflet.pdf", "stories/salmon/photo.svg"}
	if !slices.Equal(got, want) || f.HeldBack() != 1 {
		t.Errorf("published %q (%d held back), want %q", got, f.HeldBack(), want)
	}
	// The file left out with its page is listed, not warned about; the
	// one published for a link is warned about.
	wantWarn := "content/articles/embargo/chart.svg: published, though its page content/articles/embargo is a draft, because a published page links to it or shows it"
	if len(warnings) != 1 || !strings.HasPrefix(warnings[0].Error(), wantWarn) {
		t.Errorf("warnings = %v, want %s…", warnings, wantWarn)
	}
	if got, want := f.LeftWithPages(), []string{"content/articles/embargo/budget.pdf"}; !slices.Equal(got, want) {
		t.Errorf("LeftWithPages = %q, want %q", got, want)
	}
}

// The folder beside a page written as a single file (companies/retired/
// beside companies/retired.ja.md) is that page's: its photo, which may
// carry where it was taken, is not published while the page is not (a
// draft, or expired), unless a published page shows it. A section's
// folder is not a page's.
func TestHoldBackFolderOfSingleFilePage(t *testing.T) {
	f, err := newFiles(t, fstest.MapFS{
		"content/companies/retired/photo.svg": {Data: []byte("<svg xmlns='http://www.w3.org/2000/svg'/>")},
		"content/companies/aoba/photo.svg":    {Data: []byte("<svg xmlns='http://www.w3.org/2000/svg'/>")},
		"content/companies/list.pdf":          {Data: []byte("%PDF")},
	})
	if err != nil {
		t.Fatal(err)
	}
	warnings := f.HoldBack([]*content.Source{
		{File: "content/companies/_index.ja.md", Path: "companies", IsIndex: true},
		{File: "content/companies/retired.ja.md", Path: "companies/retired"},
		{File: "content/companies/aoba.ja.md", Path: "companies/aoba"},
	})
	var got []string
	for _, r := range f.Resources() {
		got = append(got, r.Path)
	}
	if slices.Contains(got, "companies/retired/photo.svg") || !slices.Contains(got, "companies/aoba/photo.svg") || !slices.Contains(got, "companies/list.pdf") {
		t.Errorf("published %q: want the retired page's photo held back, the others published", got)
	}
	if len(warnings) != 0 || !slices.Equal(f.LeftWithPages(), []string{"content/companies/retired/photo.svg"}) {
		t.Errorf("warnings %v, left with their pages %q: want only content/companies/retired/photo.svg listed", warnings, f.LeftWithPages())
	}
}

func TestTwoFilesOneName(t *testing.T) {
	_, err := newFiles(t, fstest.MapFS{"content/Leaflet.pdf": {Data: []byte("%PDF")}})
	want := []string{"content/leaflet.pdf: content/Leaflet.pdf and content/leaflet.pdf would both be published as leaflet.pdf; rename one"}
	var got []string
	for _, e := range diag.All(err) {
		got = append(got, e.Error())
	}
	if !slices.Equal(got, want) {
		t.Errorf("errors %q, want %q", got, want)
	}
}

// TestLinkedDocuments checks that an Office or ZIP file of content/ is
// published when a page links to it, beside the page or by its path from
// the site's root, and held back with a warning when none does.
func TestLinkedDocuments(t *testing.T) {
	f, err := newFiles(t, fstest.MapFS{
		"content/stories/salmon/form.docx":  {Data: []byte("PK form")},
		"content/stories/salmon/table.xlsx": {Data: []byte("PK table")},
		"content/stories/salmon/data.zip":   {Data: []byte("PK zip")},
		"content/stories/salmon/draft.pptx": {Data: []byte("PK draft")},
	})
	if err != nil {
		t.Fatal(err)
	}
	res := f.Resolver("content/stories/salmon/index.ja.md", ja)
	if got, err := res.Link("form.docx"); err != nil || got != "/kitami/stories/salmon/form.docx" {
		t.Errorf("Link(form.docx) = %q, %v", got, err)
	}
	if _, err := res.Link("data.zip#top"); err != nil {
		t.Error(err)
	}
	if got, err := f.Resolver("content/about.ja.md", ja).Link("/stories/salmon/table.xlsx"); err != nil || got != "/stories/salmon/table.xlsx" {
		t.Errorf("Link(/stories/salmon/table.xlsx) = %q, %v", got, err)
	}
	warnings := f.HoldBack([]*content.Source{{File: "content/stories/salmon/index.ja.md", Path: "stories/salmon", Bundle: "stories/salmon"}})
	var got []string
	for _, r := range f.Resources() {
		got = append(got, r.Path)
	}
	for _, want := range []string{"stories/salmon/form.docx", "stories/salmon/table.xlsx", "stories/salmon/data.zip"} {
		if !slices.Contains(got, want) {
			t.Errorf("%s is not published: %q", want, got)
		}
	}
	if slices.Contains(got, "stories/salmon/draft.pptx") {
		t.Errorf("draft.pptx is published, though no page links to it")
	}
	want := "content/stories/salmon/draft.pptx: not published: no page links to it"
	if len(warnings) != 1 || !strings.HasPrefix(warnings[0].Error(), want) {
		t.Errorf("warnings %v, want %s…", warnings, want)
	}
}

// TestFileSize checks the sizes that document labels show.
func TestFileSize(t *testing.T) {
	f, err := newFiles(t, fstest.MapFS{
		"content/stories/salmon/form.docx": {Data: make([]byte, 3000)},
		"static/docs/leaflet.pdf":          {Data: make([]byte, 1500)},
	})
	if err != nil {
		t.Fatal(err)
	}
	res := f.Resolver("content/stories/salmon/index.ja.md", ja)
	for dest, want := range map[string]int64{
		"form.docx":                 3000,
		"form.docx#p2":              3000,
		"/stories/salmon/form.docx": 3000,
		"/docs/leaflet.pdf":         1500,
		"/leaflet.pdf":              4, // content/leaflet.pdf
		"../../leaflet.pdf":         4,
		"none.pdf":                  -1,
		"/docs/none.pdf":            -1,
		"https://example.com/a.pdf": -1,
		"../../memo.txt":            -1, // not published
	} {
		if got := res.FileSize(dest); got != want {
			t.Errorf("FileSize(%q) = %d, want %d", dest, got, want)
		}
	}
}
