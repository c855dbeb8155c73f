//go:build unix

package sitefiles_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/sitefiles"
)

// Walk gives links that stay in the site as files, and makes each link
// that leads outside it, to a folder or nowhere an error at its path, in
// words; a named pipe is left out with a warning, never opened.
func TestWalkLinksAndPipes(t *testing.T) {
	top := t.TempDir()
	site := filepath.Join(top, "site")
	for _, d := range []string{"static/css", "content/about", "outside"} {
		base := site
		if d == "outside" {
			base = top
		}
		if err := os.MkdirAll(filepath.Join(base, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(site, "static/css/site.css"), []byte("body{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(top, "outside/credentials"), []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, ".env"), []byte("TOKEN=secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, target := range map[string]string{
		"static/style.css":      "css/site.css",
		"static/passwd.txt":     "/etc/passwd",
		"static/keys.txt":       "../../outside/credentials",
		"static/outdir":         "../../outside",
		"static/about":          "../content/about",
		"static/gone.txt":       "css/gone.css",
		"static/via-outdir.txt": "outdir/credentials",
		"static/loop.css":       "loop.css",
		"static/env.txt":        "../.env",
	} {
		if err := os.Symlink(target, filepath.Join(site, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(site, "static/pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}

	var got []string
	warnings, err := sitefiles.Walk(sitefiles.Dir(site), "static", func(p string, _ fs.DirEntry) { got = append(got, p) })
	if want := []string{"static/css/site.css", "static/style.css"}; !slices.Equal(got, want) {
		t.Errorf("files %v, want %v", got, want)
	}
	var list *diag.List
	if !errors.As(err, &list) {
		t.Fatalf("want errors, got %v", err)
	}
	var msgs []string
	for _, e := range list.Errors() {
		msgs = append(msgs, e.Error())
	}
	for _, want := range []string{
		"static/about: is a symbolic link to the folder ../content/about: furusato does not follow links to folders",
		"static/gone.txt: is a symbolic link to css/gone.css, which does not exist",
		"static/keys.txt: is a symbolic link to ../../outside/credentials, outside the site folder",
		"static/outdir: is a symbolic link to ../../outside, outside the site folder",
		"static/passwd.txt: is a symbolic link to /etc/passwd, outside the site folder",
		"static/via-outdir.txt: is a symbolic link to outdir/credentials, which leads outside the site folder through another link",
		"static/loop.css: is a symbolic link to loop.css, which leads back to itself through links",
		"static/env.txt: is a symbolic link to ../.env, a file that furusato never publishes",
	} {
		if !slices.ContainsFunc(msgs, func(m string) bool { return strings.HasPrefix(m, want) }) {
			t.Errorf("no error %q in:\n%s", want, strings.Join(msgs, "\n"))
		}
	}
	if len(msgs) != 8 {
		t.Errorf("%d errors, want 8:\n%s", len(msgs), strings.Join(msgs, "\n"))
	}
	if len(warnings) != 1 || !strings.HasPrefix(warnings[0].Warning(), "static/pipe.txt: warning: left out: this is a named pipe (FIFO)") {
		t.Errorf("warnings: %v", warnings)
	}
}
