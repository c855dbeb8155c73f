package build_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/benchsite"
	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/publish"
)

// writeSite writes a txtar site to a new folder and returns it.
func writeSite(t testing.TB, archive string) string {
	t.Helper()
	dir := t.TempDir()
	for name, f := range buildtest.FS(archive) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func sameOutput(t *testing.T, step string, got, want *publish.Memory) {
	t.Helper()
	g, w := got.Files(), want.Files()
	var gk, wk []string
	for k := range g {
		gk = append(gk, k)
	}
	for k := range w {
		wk = append(wk, k)
	}
	slices.Sort(gk)
	slices.Sort(wk)
	if !slices.Equal(gk, wk) {
		t.Fatalf("%s: files differ from a clean build:\nrebuild: %v\nclean:   %v", step, gk, wk)
	}
	for _, k := range gk {
		if string(g[k]) != string(w[k]) {
			t.Errorf("%s: %s differs from a clean build", step, k)
		}
	}
}

// TestRebuildEqualsCleanBuild edits a site step by step and checks after
// each step that the Builder, with its caches, gives byte for byte what a
// new Builder gives.
func TestRebuildEqualsCleanBuild(t *testing.T) {
	dir := writeSite(t, readArchive(t, "basic.txtar"))
	opts := build.Options{Site: os.DirFS(dir), SiteDir: dir, Now: buildtest.Now}
	b := build.NewBuilder(opts)
	file := func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }
	edit := func(name, old, new string) {
		data, err := os.ReadFile(file(name))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), old) {
			t.Fatalf("%s has no %q", name, old)
		}
		if err := os.WriteFile(file(name), []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		name   string
		change func()
	}{
		{"nothing", func() {}},
		{"body", func() {
			edit("content/about.ja.md", "オホーツク地域の中心です。", "オホーツク地域の中心都市です。")
		}},
		{"title of a linked page", func() { edit("content/companies/kaname.ja.md", "title: 株式会社 要", "title: 株式会社要") }},
		{"slug of a linked page", func() {
			edit("content/companies/kaname.en.md", "title: Kaname Co., Ltd.", "title: Kaname Co., Ltd.\nslug: kaname-co")
		}},
		{"new page", func() {
			os.WriteFile(file("content/articles/four.ja.md"), []byte("---\ntitle: 四つ目\ndate: 2026-04-01\ntags: [北見]\n---\n新しい記事。\n"), 0o644)
		}},
		{"deleted page", func() { os.Remove(file("content/articles/two.ja.md")) }},
		{"image size", func() {
			edit("content/stories/salmon/photo.svg", `width="640" height="400"`, `width="800" height="500"`)
		}},
		{"template", func() {
			edit("templates/page.html", "<h1>{{.Page.Title}}</h1>", "<h1 class=\"t\">{{.Page.Title}}</h1>")
		}},
		{"static file", func() { os.WriteFile(file("static/css/site.css"), []byte("body{color:red}"), 0o644) }},
		{"site.yaml", func() { edit("site.yaml", "title: Test site", "title: Test site 2") }},
		{"draft", func() { edit("content/articles/three.ja.md", "date: 2026-03-10", "date: 2026-03-10\ndraft: true") }},
		{"renamed page", func() { os.Rename(file("content/articles/one.ja.md"), file("content/articles/first.ja.md")) }},
	}
	for _, st := range steps {
		st.change()
		_, got, err := b.Memory(context.Background())
		if err != nil {
			t.Fatalf("%s: rebuild: %v", st.name, err)
		}
		_, want, err := build.NewBuilder(opts).Memory(context.Background())
		if err != nil {
			t.Fatalf("%s: clean build: %v", st.name, err)
		}
		sameOutput(t, st.name, got, want)
	}
	// A broken step and its repair: the builder reports and recovers.
	edit("content/about.ja.md", "title:", "title: [")
	if _, _, err := b.Memory(context.Background()); err == nil {
		t.Fatal("broken front matter built")
	}
	edit("content/about.ja.md", "title: [", "title:")
	_, got, err := b.Memory(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	_, want, _ := build.NewBuilder(opts).Memory(context.Background())
	sameOutput(t, "repaired", got, want)
}

// BenchmarkRebuild1000 measures a rebuild after one page's text changed,
// on a generated site of 1,000 pages, with the Builder's caches warm.
func BenchmarkRebuild1000(b *testing.B) { benchmarkRebuild(b, 500) }

func benchmarkRebuild(b *testing.B, perLang int) {
	dir := b.TempDir()
	if err := benchsite.Write(dir, os.DirFS(repoRoot), perLang); err != nil {
		b.Fatal(err)
	}
	builder := build.NewBuilder(build.Options{Site: os.DirFS(dir), SiteDir: dir})
	if _, _, err := builder.Memory(context.Background()); err != nil {
		b.Fatal(err)
	}
	page := filepath.Join(dir, "content/articles/article-00001.ja.md")
	orig, err := os.ReadFile(page)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		i++
		b.StopTimer()
		os.WriteFile(page, append(orig, []byte("\n\n追記"+strings.Repeat("。", i%7))...), 0o644)
		b.StartTimer()
		if _, _, err := builder.Memory(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}
