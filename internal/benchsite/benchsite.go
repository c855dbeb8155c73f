// Package benchsite writes realistic generated bilingual sites for
// benchmarks and tests: the example site's site.yaml, templates and static
// files, with as many generated pages as asked for, in Japanese and
// English. Bodies have headings, lists, tables, links between pages and
// images; front matter uses every field of the sections; stories refer to
// companies and companies to programmes; articles carry tags.
//
// The bench module (bench/ in the repository) writes the same pages as a
// Hugo site, taking them from Pages and writing them with a ContentWriter,
// to compare a build by furusato with a build by Hugo. This package stays
// in the main module because furusato's own benchmarks and rebuild tests
// build its sites.
package benchsite

import (
	"io/fs"
	"os"
	"path/filepath"
)

// Write writes a site with perLang pages in each of Japanese and English
// into dir, taking site.yaml, templates/ and static/ from example.
// The same arguments always write the same site.
func Write(dir string, example fs.FS, perLang int) error {
	data, err := fs.ReadFile(example, "site.yaml")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), data, 0o644); err != nil {
		return err
	}
	for _, sub := range []string{"templates", "static"} {
		if err := CopyDir(filepath.Join(dir, sub), example, sub); err != nil {
			return err
		}
	}
	w := ContentWriter{Dir: filepath.Join(dir, "content")}
	for _, pg := range Pages(perLang) {
		w.Page(pg)
	}
	return w.Err()
}

// CopyDir copies the folder sub of fsys to dir.
func CopyDir(dir string, fsys fs.FS, sub string) error {
	part, err := fs.Sub(fsys, sub)
	if err != nil {
		return err
	}
	return os.CopyFS(dir, part)
}

// A ContentWriter writes files under Dir, a site's content/ folder,
// keeping the first error.
type ContentWriter struct {
	Dir string
	err error
}

// Write writes text to the file name, a slash-separated path in Dir,
// making its folders.
func (w *ContentWriter) Write(name, text string) {
	if w.err != nil {
		return
	}
	p := filepath.Join(w.Dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		w.err = err
		return
	}
	w.err = os.WriteFile(p, []byte(text), 0o644)
}

// Page writes a page as furusato's and Hugo's content files both name it:
// its Japanese and English versions as Path.ja.md and Path.en.md, and
// the files beside it.
func (w *ContentWriter) Page(pg Page) {
	w.Write(pg.Path+".ja.md", FrontMatter(pg.JA.Params, pg.JA.Body))
	w.Write(pg.Path+".en.md", FrontMatter(pg.EN.Params, pg.EN.Body))
	for _, f := range pg.Files {
		w.Write(filepath.ToSlash(filepath.Join(filepath.Dir(pg.Path), f.Name)), f.Data)
	}
}

// Err returns the first error of the writes.
func (w *ContentWriter) Err() error { return w.err }
