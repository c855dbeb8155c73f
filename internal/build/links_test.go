//go:build unix

package build_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/sitefiles"
	"github.com/furusato/furusato/internal/watch"
)

// onDisk writes the basic site into a folder "site" of a new temporary
// folder, beside a folder "outside" with a secret in it, and returns both
// paths.
func onDisk(t *testing.T) (site, secret string) {
	t.Helper()
	top := t.TempDir()
	site, secret = filepath.Join(top, "site"), filepath.Join(top, "outside", "credentials")
	if err := os.CopyFS(site, basicWith(t, nil)); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(secret), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(secret, []byte("aws_secret_access_key = SECRET"), 0o600); err != nil {
		t.Fatal(err)
	}
	return site, secret
}

func symlink(t *testing.T, target, name string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, name); err != nil {
		t.Fatal(err)
	}
}

// A symbolic link that leads out of the site, committed by mistake or on
// purpose, is an error at its path in build (and so in check, deploy and
// serve, which build): nothing is written, the secret least of all.
func TestLinksOutOfTheSiteAreErrors(t *testing.T) {
	site, secret := onDisk(t)
	symlink(t, secret, filepath.Join(site, "static", "passwd.txt"))
	symlink(t, "../../../../outside/credentials", filepath.Join(site, "content", "stories", "salmon", "budget.pdf"))
	symlink(t, "../../outside", filepath.Join(site, "static", "docs"))
	symlink(t, secret, filepath.Join(site, "templates", "partials", "leak.html"))
	want := []string{
		"content/stories/salmon/budget.pdf: is a symbolic link to ../../../../outside/credentials, outside the site folder",
		"static/docs: is a symbolic link to ../../outside, outside the site folder",
		"static/passwd.txt: is a symbolic link to " + secret + ", outside the site folder",
	}
	for name, fsys := range map[string]fs.FS{"build": sitefiles.Dir(site), "serve": watch.NewFS(site)} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			_, err := buildtest.BuildFS(t, fsys, build.Options{Out: out})
			if err == nil {
				t.Fatal("the site builds")
			}
			for _, w := range want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("no error %q in:\n%v", w, err)
				}
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s was written", out)
			}
		})
	}
	// Templates are read before the rest: the link there is reported alone.
	for _, p := range []string{"static/passwd.txt", "static/docs", "content/stories/salmon/budget.pdf"} {
		os.Remove(filepath.Join(site, p))
	}
	_, err := buildtest.BuildFS(t, sitefiles.Dir(site), build.Options{})
	if err == nil || !strings.Contains(err.Error(), "templates/partials/leak.html: is a symbolic link to "+secret+", outside the site folder") {
		t.Errorf("template link: %v", err)
	}
}

// A link that stays inside the site publishes what it leads to; a named
// pipe is left out with a warning instead of hanging the build.
func TestLinksInsideTheSiteAndPipes(t *testing.T) {
	site, _ := onDisk(t)
	symlink(t, "../content/_index.ja.md", filepath.Join(site, "static", "source.txt"))
	if err := syscall.Mkfifo(filepath.Join(site, "static", "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(site, "content", "stories", "fifo.ja.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := buildtest.BuildFS(t, sitefiles.Dir(site), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	index, _ := os.ReadFile(filepath.Join(site, "content", "_index.ja.md"))
	if got := out.Read(t, "source.txt"); got != string(index) {
		t.Errorf("source.txt = %q, want the file it links to", got)
	}
	got := warningLines(out.Result, "named pipe")
	want := []string{
		"content/stories/fifo.ja.md: warning: left out: this is a named pipe (FIFO), not a file furusato can publish",
		"static/pipe.txt: warning: left out: this is a named pipe (FIFO), not a file furusato can publish",
	}
	if !slices.Equal(got, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if out.Exists("pipe.txt") {
		t.Error("the named pipe is published")
	}
}
