package build_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/furusato/furusato/internal/benchsite"
	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/publish"
	"github.com/furusato/furusato/internal/watch"
)

// writeSite writes a txtar site to a new folder and returns it.
func writeSite(t testing.TB, archive string) string {
	t.Helper()
	return writeFS(t, buildtest.FS(archive))
}

// writeFS writes a site's files to a new folder and returns it, for
// builds that need a site on disk (a cache beside it, file stamps).
func writeFS(t testing.TB, fsys fstest.MapFS) string {
	t.Helper()
	dir := t.TempDir()
	for name, f := range fsys {
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
	edit := func(name, old, new string) { editFile(t, dir, name, old, new) }
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
		{"UI string", func() { edit("site.yaml", "more: More", "more: Read more") }}, // templates show it as text
		{"draft", func() { edit("content/articles/three.ja.md", "date: 2026-03-10", "date: 2026-03-10\ndraft: true") }},
		{"renamed page", func() { os.Rename(file("content/articles/one.ja.md"), file("content/articles/first.ja.md")) }},
		// The section's pages fall back to page.html, which did not change.
		{"section layout deleted", func() { os.Rename(file("templates/programs"), file("programs-layouts")) }},
		{"section layout back", func() { os.Rename(file("programs-layouts"), file("templates/programs")) }},
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
	files := watch.NewFS(dir) // as the dev server reads the site
	builder := build.NewBuilder(build.Options{Site: files, SiteDir: dir, Preview: true})
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
	var res *build.Result
	for b.Loop() {
		i++
		b.StopTimer()
		os.WriteFile(page, append(orig, []byte("\n\n追記"+strings.Repeat("。", i%7))...), 0o644)
		b.StartTimer()
		files.Forget([]string{"content/articles/article-00001.ja.md"})
		if res, _, err = builder.Memory(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Kept), "kept")
	reportTimings(b, res.Timings)
}

func BenchmarkRebuild10000(b *testing.B) { benchmarkRebuild(b, 5000) }

// TestRandomEditsEqualCleanBuild makes random edits of every kind a PR
// office makes to a generated site (see buildtest.Editor: text, titles,
// dates, tags, references between pages, new, deleted and draft pages,
// slugs, templates, styles, and folders deleted, replaced by files and put
// back) and checks after each that the Builder, reusing what it can, gives
// byte for byte what a new Builder gives.
func TestRandomEditsEqualCleanBuild(t *testing.T) {
	steps := 30
	if testing.Short() || raceEnabled {
		steps = 12
	}
	for _, seed := range []uint64{1, 2} {
		// On disk, a rebuild reads every file again; watched, as in the
		// dev server, it reads only the files the watcher reports, and
		// edits the previous page graph when only page bodies changed.
		for _, watched := range []bool{false, true} {
			t.Run(fmt.Sprint("seed", seed, "/watched=", watched), func(t *testing.T) {
				randomEdits(t, seed, steps, watched, false)
			})
		}
	}
}

// TestRandomFolderEditsEqualCleanBuild is TestRandomEditsEqualCleanBuild
// with folders deleted and put back among the edits: content/ itself (the
// menu's pages gone, then back), sections, bundles, templates/ and
// static/ and their folders, and folders replaced by files. A watched
// rebuild is told of a folder by its path alone, as the watcher reports
// a removed folder.
func TestRandomFolderEditsEqualCleanBuild(t *testing.T) {
	steps := 30
	if testing.Short() || raceEnabled {
		steps = 12
	}
	for _, seed := range []uint64{1, 2, 3} {
		for _, watched := range []bool{false, true} {
			t.Run(fmt.Sprint("seed", seed, "/watched=", watched), func(t *testing.T) {
				randomEdits(t, seed, steps, watched, true)
			})
		}
	}
}

func randomEdits(t *testing.T, seed uint64, steps int, watched, folders bool) {
	dir := t.TempDir()
	if err := benchsite.Write(dir, os.DirFS(repoRoot), 30); err != nil {
		t.Fatal(err)
	}
	clean := build.Options{Site: os.DirFS(dir), SiteDir: dir, Now: buildtest.Now, Preview: watched}
	opts := clean
	var files *watch.FS
	if watched {
		files = watch.NewFS(dir)
		opts.Site = files
	}
	b := build.NewBuilder(opts)
	if _, _, err := b.Memory(context.Background()); err != nil {
		t.Fatal(err)
	}
	e := &buildtest.Editor{T: t, Dir: dir, Rand: rand.New(rand.NewPCG(seed, 7)), Folders: folders}
	kept := 0
	for step := range steps {
		what := e.Edit()
		if files != nil {
			files.Forget(e.Touched)
		}
		e.Touched = nil
		res, got, err := b.Memory(context.Background())
		_, want, wantErr := build.NewBuilder(clean).Memory(context.Background())
		if (err == nil) != (wantErr == nil) {
			t.Fatalf("step %d (%s): rebuild error %v, clean build error %v", step, what, err, wantErr)
		}
		if err != nil {
			continue
		}
		kept += res.Kept
		sameOutput(t, fmt.Sprintf("step %d (%s)", step, what), got, want)
		if t.Failed() {
			return
		}
	}
	if kept == 0 {
		t.Error("no rebuild kept any page: the test does not exercise reuse")
	}
}

// TestFailedBuildsEdits: a build that fails after editing the page graph
// in place must not make the next good build forget what it edited.
func TestFailedBuildsEdits(t *testing.T) {
	dir := t.TempDir()
	if err := benchsite.Write(dir, os.DirFS(repoRoot), 20); err != nil {
		t.Fatal(err)
	}
	files := watch.NewFS(dir)
	opts := build.Options{Site: files, SiteDir: dir, Now: buildtest.Now, Preview: true}
	b := build.NewBuilder(opts)
	e := &buildtest.Editor{T: t, Dir: dir}
	p := filepath.Join(dir, "content", "articles", "article-00001.ja.md")
	q := filepath.Join(dir, "content", "articles", "article-00002.en.md")
	for i, step := range []struct {
		edit func()
		fail bool
	}{
		{func() {}, false},
		{func() { e.AppendText(p, "\n\n[broken](nowhere.md)\n") }, true},
		{func() { e.AppendText(q, "\n\nNew text while the build is broken.\n") }, true},
		{func() {
			data, _ := os.ReadFile(p)
			os.WriteFile(p, []byte(strings.ReplaceAll(string(data), "[broken](nowhere.md)", "")), 0o644)
			e.Touch(p)
		}, false},
	} {
		step.edit()
		files.Forget(e.Touched)
		e.Touched = nil
		res, got, err := b.Memory(context.Background())
		if (err != nil) != step.fail {
			t.Fatalf("step %d: error %v, want failure %v", i, err, step.fail)
		}
		if err != nil {
			continue
		}
		_, want, err := build.NewBuilder(build.Options{Site: os.DirFS(dir), SiteDir: dir, Now: buildtest.Now, Preview: true}).Memory(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		sameOutput(t, fmt.Sprint("step ", i), got, want)
		if i > 0 && res.Kept == 0 {
			t.Errorf("step %d kept nothing", i)
		}
	}
}

// reportTimings reports how long each stage of the last build took.
func reportTimings(b *testing.B, tm build.Timings) {
	for _, st := range []struct {
		name string
		d    time.Duration
	}{{"read", tm.Read}, {"graph", tm.Graph}, {"templates", tm.Templates}, {"copy", tm.Copy}, {"search", tm.Search}, {"render", tm.Render}} {
		b.ReportMetric(float64(st.d.Microseconds())/1000, st.name+"-ms")
	}
}

// TestUIStringChangeReachesPages changes a UI string in site.yaml under
// the dev server's file system, which keeps templates whose files did not
// change: templates show UI strings written as {{t "more"}} as text folded
// in at load, so the change must load them again.
func TestUIStringChangeReachesPages(t *testing.T) {
	dir := writeSite(t, readArchive(t, "basic.txtar"))
	files := watch.NewFS(dir)
	b := build.NewBuilder(build.Options{Site: files, SiteDir: dir, Now: buildtest.Now})
	if _, _, err := b.Memory(context.Background()); err != nil {
		t.Fatal(err)
	}
	editFile(t, dir, "site.yaml", "more: More", "more: Read more")
	files.Forget([]string{"site.yaml"})
	_, out, err := b.Memory(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if home := string(out.Files()["en/index.html"]); !strings.Contains(home, `<a class="more" href="/en/companies/">Read more</a>`) {
		t.Errorf("en/index.html after the change:\n%s", home)
	}
}

// editFile replaces the first old in a file of the site in dir by new.
func editFile(t *testing.T, dir, name, old, new string) {
	t.Helper()
	file := filepath.Join(dir, filepath.FromSlash(name))
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s has no %q", name, old)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}
