// Package benchsite writes realistic generated bilingual sites for
// benchmarks: the example site's site.yaml, templates and static files,
// with as many generated pages as asked for, in Japanese and English.
// Bodies have headings, lists, tables, links between pages and images;
// front matter uses every field of the sections; stories refer to
// companies and companies to programmes; articles carry tags.
//
// WriteHugo writes the same pages as a Hugo site, with templates that do
// the same work as the example site's, so that a build by furusato can be
// compared with a build by Hugo (see the compare command).
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
		if err := copyDir(filepath.Join(dir, sub), example, sub); err != nil {
			return err
		}
	}
	w := contentWriter{dir: filepath.Join(dir, "content")}
	for _, pg := range pages(perLang) {
		w.write(pg.path+".ja.md", frontMatter(pg.ja.params, pg.ja.body))
		w.write(pg.path+".en.md", frontMatter(pg.en.params, pg.en.body))
		w.bundle(pg)
	}
	return w.err
}

// copyDir copies the folder sub of fsys to dir.
func copyDir(dir string, fsys fs.FS, sub string) error {
	part, err := fs.Sub(fsys, sub)
	if err != nil {
		return err
	}
	return os.CopyFS(dir, part)
}

// contentWriter writes files under content/, keeping the first error.
type contentWriter struct {
	dir string
	err error
}

func (w *contentWriter) write(name, text string) {
	if w.err != nil {
		return
	}
	p := filepath.Join(w.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		w.err = err
		return
	}
	w.err = os.WriteFile(p, []byte(text), 0o644)
}

// bundle writes the files beside a page.
func (w *contentWriter) bundle(pg page) {
	for _, f := range pg.files {
		w.write(filepath.ToSlash(filepath.Join(filepath.Dir(pg.path), f.name)), f.data)
	}
}
