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
// office makes to a generated site (text, titles, dates, tags, references
// between pages, new, deleted and draft pages, slugs, templates, styles)
// and checks after each that the Builder, reusing what it can, gives byte
// for byte what a new Builder gives.
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
				randomEdits(t, seed, steps, watched)
			})
		}
	}
}

func randomEdits(t *testing.T, seed uint64, steps int, watched bool) {
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
	e := &editor{t: t, dir: dir, rng: rand.New(rand.NewPCG(seed, 7))}
	kept := 0
	for step := range steps {
		what := e.edit()
		if files != nil {
			files.Forget(e.touched)
		}
		e.touched = nil
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

// editor makes random edits to a generated site.
type editor struct {
	t       *testing.T
	dir     string
	rng     *rand.Rand
	n       int
	touched []string // the files changed, relative to dir, for watch.FS
	broken  []string // files with a broken link added
}

func (e *editor) touch(file string) {
	rel, err := filepath.Rel(e.dir, file)
	if err != nil {
		e.t.Fatal(err)
	}
	e.touched = append(e.touched, filepath.ToSlash(rel))
}

func (e *editor) files(glob string) []string {
	m, err := filepath.Glob(filepath.Join(e.dir, filepath.FromSlash(glob)))
	if err != nil {
		e.t.Fatal(err)
	}
	slices.Sort(m)
	return m
}

func (e *editor) pick(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[e.rng.IntN(len(list))]
}

// replaceLine replaces the first line starting with prefix, or adds the
// line to the front matter.
func (e *editor) replaceLine(file, prefix, line string) {
	if file == "" {
		return
	}
	data, err := os.ReadFile(file)
	if err != nil {
		e.t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	done := false
	for i, l := range lines {
		if i > 0 && l == "---" {
			break
		}
		if strings.HasPrefix(l, prefix) {
			lines[i] = line
			done = true
			break
		}
	}
	if !done {
		lines = slices.Insert(lines, 1, line)
	}
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		e.t.Fatal(err)
	}
	e.touch(file)
}

func (e *editor) appendText(file, text string) {
	if file == "" {
		return
	}
	data, err := os.ReadFile(file)
	if err != nil {
		e.t.Fatal(err)
	}
	if err := os.WriteFile(file, append(data, text...), 0o644); err != nil {
		e.t.Fatal(err)
	}
	e.touch(file)
}

func (e *editor) edit() string {
	e.n++
	n := e.n
	articles := e.files("content/articles/article-*.md")
	pages := append(e.files("content/*/*.md"), e.files("content/stories/*/index.*.md")...)
	tags := []string{"テレワーク", "移住", "北見工業大学", "telework", "KIT", "新しいタグ"}
	if len(e.broken) > 0 && e.rng.IntN(3) == 0 {
		// Mend the pages a broken link broke the build of.
		for _, f := range e.broken {
			data, err := os.ReadFile(f)
			if err == nil {
				os.WriteFile(f, []byte(strings.ReplaceAll(string(data), "[broken](nowhere.md)", "")), 0o644)
				e.touch(f)
			}
		}
		e.broken = nil
		return "mended broken links"
	}
	switch k := e.rng.IntN(16); k {
	case 0:
		f := e.pick(pages)
		e.appendText(f, fmt.Sprintf("\n\n追記%d。Added %d.\n", n, n))
		return "text of " + filepath.Base(f)
	case 1:
		f := e.pick(pages)
		e.replaceLine(f, "title:", fmt.Sprintf("title: 題名 %d", n))
		return "title of " + filepath.Base(f)
	case 2:
		f := e.pick(e.files("content/articles/article-*.ja.md"))
		e.replaceLine(f, "date:", fmt.Sprintf("date: 20%02d-%02d-%02d", 10+e.rng.IntN(15), 1+e.rng.IntN(12), 1+e.rng.IntN(28)))
		return "date of " + filepath.Base(f)
	case 3:
		f := e.pick(articles)
		e.replaceLine(f, "tags:", fmt.Sprintf("tags: [%s, %s]", e.pick(tags), e.pick(tags)))
		return "tags of " + filepath.Base(f)
	case 4:
		f := e.pick(e.files("content/stories/*/index.ja.md"))
		companies := e.files("content/companies/company-*.ja.md")
		c := strings.TrimSuffix(filepath.Base(e.pick(companies)), ".ja.md")
		e.replaceLine(f, "company:", "company: "+c)
		return "company of " + filepath.Base(filepath.Dir(f))
	case 5:
		f := e.pick(articles)
		if f != "" {
			os.Remove(f)
			e.touch(f)
		}
		return "deleted " + filepath.Base(f)
	case 6:
		lang := e.pick([]string{"ja", "en"})
		f := filepath.Join(e.dir, "content", "articles", fmt.Sprintf("new-%03d.%s.md", n, lang))
		os.WriteFile(f, []byte(fmt.Sprintf("---\ntitle: 新しい記事 %d\ndate: 2020-05-%02d\ntags: [%s]\n---\n本文%d。\n", n, 1+n%28, e.pick(tags), n)), 0o644)
		e.touch(f)
		return "new " + filepath.Base(f)
	case 7:
		f := e.pick(articles)
		e.replaceLine(f, "draft:", fmt.Sprintf("draft: %t", e.rng.IntN(2) == 0))
		return "draft " + filepath.Base(f)
	case 8:
		f := e.pick(e.files("content/*/*.en.md"))
		e.replaceLine(f, "slug:", fmt.Sprintf("slug: slug-%d", n))
		return "slug of " + filepath.Base(f)
	case 9:
		f := e.pick(e.files("templates/*.html"))
		e.appendText(f, fmt.Sprintf("{{/* edit %d */}}", n))
		if e.rng.IntN(2) == 0 {
			f = e.pick(e.files("templates/partials/*.html"))
			e.appendText(f, fmt.Sprintf("<!-- %d -->", n))
		}
		return "template " + filepath.Base(f)
	case 10:
		e.appendText(filepath.Join(e.dir, "static", "css", "site.css"), fmt.Sprintf("\n.edit-%d{color:red}\n", n))
		return "stylesheet"
	case 11:
		f := e.pick(append(e.files("content/programs/*.ja.md"), e.files("content/stories/*/index.ja.md")...))
		e.replaceLine(f, "weight:", fmt.Sprintf("weight: %d", e.rng.IntN(20)))
		return "weight of " + filepath.Base(f)
	case 12:
		f := e.pick(e.files("content/*/_index.*.md"))
		e.replaceLine(f, "title:", fmt.Sprintf("title: 一覧 %d", n))
		return "section title " + filepath.Base(f)
	case 13:
		f := e.pick(e.files("content/companies/company-*.ja.md"))
		e.replaceLine(f, "hiring:", fmt.Sprintf("hiring: %t", e.rng.IntN(2) == 0))
		return "hiring of " + filepath.Base(f)
	case 14:
		// A broken link fails the build; a later step mends it.
		f := e.pick(pages)
		e.appendText(f, "\n\n[broken](nowhere.md)\n")
		e.broken = append(e.broken, f)
		return "broken link in " + filepath.Base(f)
	default:
		// Text only, the most common edit, on a few pages at once.
		var names []string
		for range 1 + e.rng.IntN(3) {
			f := e.pick(pages)
			e.appendText(f, fmt.Sprintf("\n\n本文の追記%d。More text %d.\n", n, n))
			names = append(names, filepath.Base(f))
		}
		return "text of " + strings.Join(names, ", ")
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
	e := &editor{t: t, dir: dir}
	p := filepath.Join(dir, "content", "articles", "article-00001.ja.md")
	q := filepath.Join(dir, "content", "articles", "article-00002.en.md")
	for i, step := range []struct {
		edit func()
		fail bool
	}{
		{func() {}, false},
		{func() { e.appendText(p, "\n\n[broken](nowhere.md)\n") }, true},
		{func() { e.appendText(q, "\n\nNew text while the build is broken.\n") }, true},
		{func() {
			data, _ := os.ReadFile(p)
			os.WriteFile(p, []byte(strings.ReplaceAll(string(data), "[broken](nowhere.md)", "")), 0o644)
			e.touch(p)
		}, false},
	} {
		step.edit()
		files.Forget(e.touched)
		e.touched = nil
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
	}{{"read", tm.Read}, {"graph", tm.Graph}, {"templates", tm.Templates}, {"copy", tm.Copy}, {"render", tm.Render}} {
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
