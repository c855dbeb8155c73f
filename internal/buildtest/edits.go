package buildtest

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Editor makes random edits of every kind a PR office makes to a site
// that benchsite wrote: text, titles, dates, tags, references between
// pages, new, deleted and draft pages, slugs, templates, styles, and links
// that break the build and are mended a few edits later. With Folders, it
// also deletes folders (content/ itself, a section, a bundle, templates/
// or a folder of them, static/ or a folder of it), replaces folders by
// files of the same name, and puts them back as they were, the way people
// do: rm -rf and cp -r from a copy, or mv away and back.
type Editor struct {
	T       testing.TB
	Dir     string
	Rand    *rand.Rand
	Folders bool
	// Touched are the paths changed since the caller last cleared it,
	// slash-separated and relative to Dir: files, and a folder that was
	// removed, replaced or put back as its own path.
	Touched []string

	n      int
	broken bool    // a page may have a broken link
	saved  []saved // folders taken away, to be put back
	stash  string  // where they are kept, outside Dir
}

// saved is a folder taken away from the site.
type saved struct {
	rel  string // its path in the site
	kept string // where it is kept
}

// Edit makes one edit and says what it was.
func (e *Editor) Edit() string {
	e.n++
	if e.broken && e.Rand.IntN(3) == 0 {
		e.mend()
		return "mended broken links"
	}
	if e.Folders {
		if len(e.saved) > 0 && e.Rand.IntN(3) == 0 {
			return e.restore()
		}
		if e.Rand.IntN(6) == 0 {
			return e.takeFolder()
		}
	}
	return e.editFile()
}

func (e *Editor) editFile() string {
	n := e.n
	articles := e.files("content/articles/article-*.md")
	pages := append(e.files("content/*/*.md"), e.files("content/stories/*/index.*.md")...)
	tags := []string{"テレワーク", "移住", "北見工業大学", "telework", "KIT", "新しいタグ"}
	switch k := e.Rand.IntN(16); k {
	case 0:
		f := e.pick(pages)
		e.AppendText(f, fmt.Sprintf("\n\n追記%d。Added %d.\n", n, n))
		return "text of " + filepath.Base(f)
	case 1:
		f := e.pick(pages)
		e.replaceLine(f, "title:", fmt.Sprintf("title: 題名 %d", n))
		return "title of " + filepath.Base(f)
	case 2:
		f := e.pick(e.files("content/articles/article-*.ja.md"))
		e.replaceLine(f, "date:", fmt.Sprintf("date: 20%02d-%02d-%02d", 10+e.Rand.IntN(15), 1+e.Rand.IntN(12), 1+e.Rand.IntN(28)))
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
			e.Touch(f)
		}
		return "deleted " + filepath.Base(f)
	case 6:
		lang := e.pick([]string{"ja", "en"})
		f := filepath.Join(e.Dir, "content", "articles", fmt.Sprintf("new-%03d.%s.md", n, lang))
		if os.WriteFile(f, []byte(fmt.Sprintf("---\ntitle: 新しい記事 %d\ndate: 2020-05-%02d\ntags: [%s]\n---\n本文%d。\n", n, 1+n%28, e.pick(tags), n)), 0o644) == nil {
			e.Touch(f)
		}
		return "new " + filepath.Base(f)
	case 7:
		f := e.pick(articles)
		e.replaceLine(f, "draft:", fmt.Sprintf("draft: %t", e.Rand.IntN(2) == 0))
		return "draft " + filepath.Base(f)
	case 8:
		f := e.pick(e.files("content/*/*.en.md"))
		e.replaceLine(f, "slug:", fmt.Sprintf("slug: slug-%d", n))
		return "slug of " + filepath.Base(f)
	case 9:
		f := e.pick(e.files("templates/*.html"))
		e.AppendText(f, fmt.Sprintf("{{/* edit %d */}}", n))
		if e.Rand.IntN(2) == 0 {
			f = e.pick(e.files("templates/partials/*.html"))
			e.AppendText(f, fmt.Sprintf("<!-- %d -->", n))
		}
		return "template " + filepath.Base(f)
	case 10:
		f := filepath.Join(e.Dir, "static", "css", "site.css")
		if info, err := os.Lstat(f); err == nil && info.Mode().IsRegular() { // static/ may be away
			e.AppendText(f, fmt.Sprintf("\n.edit-%d{color:red}\n", n))
		}
		return "stylesheet"
	case 11:
		f := e.pick(append(e.files("content/programs/*.ja.md"), e.files("content/stories/*/index.ja.md")...))
		e.replaceLine(f, "weight:", fmt.Sprintf("weight: %d", e.Rand.IntN(20)))
		return "weight of " + filepath.Base(f)
	case 12:
		f := e.pick(e.files("content/*/_index.*.md"))
		e.replaceLine(f, "title:", fmt.Sprintf("title: 一覧 %d", n))
		return "section title " + filepath.Base(f)
	case 13:
		f := e.pick(e.files("content/companies/company-*.ja.md"))
		e.replaceLine(f, "local_staff:", fmt.Sprintf("local_staff: %d", e.Rand.IntN(20)+1))
		return "local staff of " + filepath.Base(f)
	case 14:
		// A broken link fails the build; a later step mends it.
		f := e.pick(pages)
		if f != "" {
			e.AppendText(f, "\n\n"+brokenLink+"\n")
			e.broken = true
		}
		return "broken link in " + filepath.Base(f)
	default:
		// Text only, the most common edit, on a few pages at once.
		var names []string
		for range 1 + e.Rand.IntN(3) {
			f := e.pick(pages)
			e.AppendText(f, fmt.Sprintf("\n\n本文の追記%d。More text %d.\n", n, n))
			names = append(names, filepath.Base(f))
		}
		return "text of " + strings.Join(names, ", ")
	}
}

// takeFolder deletes a folder, or replaces it by a file of the same name,
// keeping a copy to put back later.
func (e *Editor) takeFolder() string {
	kinds := [][]string{{"content"}, {"content/*"}, {"content/stories/*"}, {"templates", "templates/*"}, {"static", "static/*"}}
	var dirs []string
	for _, glob := range kinds[e.Rand.IntN(len(kinds))] {
		for _, p := range e.files(glob) {
			if info, err := os.Lstat(p); err == nil && info.IsDir() {
				dirs = append(dirs, p)
			}
		}
	}
	dir := e.pick(dirs)
	if dir == "" {
		return "no folder to delete"
	}
	if e.stash == "" {
		e.stash = e.T.TempDir()
	}
	kept := filepath.Join(e.stash, fmt.Sprint(e.n))
	what := "deleted"
	if e.Rand.IntN(2) == 0 {
		what = "moved away"
		e.check(os.Rename(dir, kept))
	} else {
		e.check(os.CopyFS(kept, os.DirFS(dir)))
		e.check(os.RemoveAll(dir))
	}
	if e.Rand.IntN(4) == 0 {
		what = "replaced by a file"
		e.check(os.WriteFile(dir, []byte("not a folder\n"), 0o644))
	}
	e.Touch(dir)
	rel := e.rel(dir)
	e.saved = append(e.saved, saved{rel: rel, kept: kept})
	return what + " " + rel + "/"
}

// restore puts a folder back as it was when it was taken, over whatever
// is at its place now: copied back file by file, as cp -r does, or moved
// back whole.
func (e *Editor) restore() string {
	i := e.Rand.IntN(len(e.saved))
	s := e.saved[i]
	e.saved = slices.Delete(e.saved, i, i+1)
	dir := filepath.Join(e.Dir, filepath.FromSlash(s.rel))
	for p := filepath.Dir(dir); p != e.Dir; p = filepath.Dir(p) {
		if info, err := os.Lstat(p); err == nil && !info.IsDir() {
			e.check(os.Remove(p)) // a folder above replaced by a file
			e.Touch(p)
		}
	}
	e.check(os.RemoveAll(dir))
	e.check(os.MkdirAll(filepath.Dir(dir), 0o755))
	e.Touch(dir)
	e.broken = true // perhaps: it may have been taken with one
	if e.Rand.IntN(2) == 0 {
		e.check(os.Rename(s.kept, dir))
		return "moved back " + s.rel + "/"
	}
	e.check(os.CopyFS(dir, os.DirFS(s.kept)))
	e.check(os.RemoveAll(s.kept))
	return "copied back " + s.rel + "/"
}

// brokenLink is a link to a page that does not exist: an error.
const brokenLink = "[broken](nowhere.md)"

// mend removes the broken links from every page that has one.
func (e *Editor) mend() {
	err := filepath.WalkDir(filepath.Join(e.Dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil // content/ may be away, or a file instead
		}
		data, err := os.ReadFile(p)
		if err == nil && bytes.Contains(data, []byte(brokenLink)) {
			e.check(os.WriteFile(p, bytes.ReplaceAll(data, []byte(brokenLink), nil), 0o644))
			e.Touch(p)
		}
		return nil
	})
	e.check(err)
	e.broken = false
}

func (e *Editor) check(err error) {
	e.T.Helper()
	if err != nil {
		e.T.Fatal(err)
	}
}

func (e *Editor) rel(file string) string {
	rel, err := filepath.Rel(e.Dir, file)
	e.check(err)
	return filepath.ToSlash(rel)
}

// Touch notes that a file or folder changed.
func (e *Editor) Touch(file string) { e.Touched = append(e.Touched, e.rel(file)) }

// files lists the paths that match glob, a pattern relative to Dir.
func (e *Editor) files(glob string) []string {
	m, err := filepath.Glob(filepath.Join(e.Dir, filepath.FromSlash(glob)))
	e.check(err)
	slices.Sort(m)
	return m
}

func (e *Editor) pick(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[e.Rand.IntN(len(list))]
}

// replaceLine replaces the first line starting with prefix, or adds the
// line to the front matter.
func (e *Editor) replaceLine(file, prefix, line string) {
	if file == "" {
		return
	}
	data, err := os.ReadFile(file)
	e.check(err)
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
	e.check(os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o644))
	e.Touch(file)
}

// AppendText adds text to the end of a file.
func (e *Editor) AppendText(file, text string) {
	if file == "" {
		return
	}
	data, err := os.ReadFile(file)
	e.check(err)
	e.check(os.WriteFile(file, append(data, text...), 0o644))
	e.Touch(file)
}
