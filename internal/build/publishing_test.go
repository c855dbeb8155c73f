package build_test

import (
	"bytes"
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/assets"
	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/outputs"
	"github.com/furusato/furusato/internal/publish"
)

// publishingSite is basic.txtar with static files that templates, a
// stylesheet and Markdown name.
func publishingSite(t *testing.T) map[string]string {
	t.Helper()
	base := buildtest.FS(readArchive(t, "basic.txtar"))["templates/base.html"].Data
	return map[string]string{
		"static/css/site.css": "body { background: url(../img/bg.svg) }\n",
		"static/img/bg.svg":   `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>`,
		"static/img/map.svg":  `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5"></svg>`,
		"templates/base.html": strings.Replace(string(base), "</title>",
			`</title><link rel="stylesheet" href="{{static "css/site.css"}}" integrity="{{sri "css/site.css"}}">`, 1),
		"content/about.en.md": "---\ntitle: About\n---\n![A map of Kitami](/img/map.svg)\n",
	}
}

func TestFingerprintedBuild(t *testing.T) {
	out, err := buildtest.BuildFS(t, basicWith(t, publishingSite(t)), build.Options{NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	page := out.Read(t, "en/about/index.html")
	css := regexp.MustCompile(`href="/(css/site\.[0-9a-f]{8}\.css)" integrity="(sha384-[^"]+)"`).FindStringSubmatch(page)
	if css == nil {
		t.Fatalf("no fingerprinted stylesheet with integrity in:\n%s", page)
	}
	data := out.Read(t, css[1])
	if html.UnescapeString(css[2]) != assets.Integrity([]byte(data)) {
		t.Errorf("integrity %s does not match %s", css[2], css[1])
	}
	if plain := out.Read(t, "css/site.css"); plain != data {
		t.Error("the copy under the plain name differs from the hashed file")
	}
	bg := regexp.MustCompile(`url\(\.\./img/bg\.[0-9a-f]{8}\.svg\)`).FindString(data)
	if bg == "" || !out.Exists("img/"+strings.TrimSuffix(strings.TrimPrefix(bg, "url(../img/"), ")")) {
		t.Errorf("stylesheet does not name the hashed background: %s", data)
	}
	if !regexp.MustCompile(`<img src="/img/map\.[0-9a-f]{8}\.svg" alt="A map of Kitami" width="10" height="5"`).MatchString(page) {
		t.Errorf("Markdown image from static/ is not fingerprinted:\n%s", page)
	}

	var m assets.Manifest
	if err := json.Unmarshal([]byte(out.Read(t, outputs.ManifestFile)), &m); err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, e := range m.Files {
		listed = append(listed, e.Path)
	}
	var files []string
	for _, f := range out.Files(t) {
		if f != outputs.ManifestFile && f != publish.Marker {
			files = append(files, f)
		}
	}
	slices.Sort(files)
	if !slices.Equal(listed, files) {
		t.Errorf("manifest lists\n%v\nbut the output has\n%v", listed, files)
	}
	if h := out.Read(t, outputs.HeadersFile); !strings.Contains(h, "/"+css[1]+"\n  Cache-Control: public, max-age=31536000, immutable\n") {
		t.Errorf("_headers:\n%s", h)
	}
}

func TestPrecompressedBuildIsByteIdentical(t *testing.T) {
	fsys := basicWith(t, publishingSite(t))
	a, err := buildtest.BuildFS(t, fsys, build.Options{Precompress: true})
	if err != nil {
		t.Fatal(err)
	}
	b, err := buildtest.BuildFS(t, fsys, build.Options{Precompress: true})
	if err != nil {
		t.Fatal(err)
	}
	fa, fb := a.Files(t), b.Files(t)
	if !slices.Equal(fa, fb) {
		t.Fatalf("the builds have different files:\n%v\n%v", fa, fb)
	}
	compressed := 0
	for _, f := range fa {
		da, _ := os.ReadFile(filepath.Join(a.Dir, f))
		db, _ := os.ReadFile(filepath.Join(b.Dir, f))
		if !bytes.Equal(da, db) {
			t.Errorf("%s differs between two builds", f)
		}
		if strings.HasSuffix(f, ".gz") || strings.HasSuffix(f, ".br") {
			compressed++
		}
	}
	if !a.Exists("index.html.gz") || !a.Exists("index.html.br") || compressed < 10 {
		t.Errorf("want .gz and .br beside the pages, got %d compressed files", compressed)
	}
}
