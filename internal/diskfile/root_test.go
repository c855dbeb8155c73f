//go:build linux

package diskfile

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A Root reads the files of its folder, following links that stay inside
// it, and nothing outside: not through "..", an absolute link, or a link
// in the middle of a name. A named pipe is refused at once, not waited on.
func TestRootStaysInside(t *testing.T) {
	top := t.TempDir()
	site, secret := filepath.Join(top, "site"), filepath.Join(top, "secret")
	for _, d := range []string{filepath.Join(site, "static", "sub"), secret} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(name, data string) {
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(site, "static", "sub", "a.txt"), "inside")
	write(filepath.Join(secret, "credentials"), "aws_secret_access_key = x")
	links := map[string]string{
		"static/in.txt":   "sub/a.txt",
		"static/up.txt":   "../static/sub/a.txt", // up and back in: inside
		"static/out.txt":  "../../secret/credentials",
		"static/abs.txt":  filepath.Join(secret, "credentials"),
		"static/dir":      "../../secret",
		"static/chain":    "out.txt",
		"static/missing":  "sub/none.txt",
		"static/loop.txt": "loop.txt",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(site, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	fifo := true
	if fifo {
		if err := syscall.Mkfifo(filepath.Join(site, "static", "pipe"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	check := func(t *testing.T) {
		r, err := OpenRoot(site)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"static/sub/a.txt", "static/in.txt", "static/up.txt"} {
			if data, err := r.ReadFile(name); err != nil || string(data) != "inside" {
				t.Errorf("%s: %q, %v", name, data, err)
			}
		}
		for _, name := range []string{"static/out.txt", "static/abs.txt", "static/dir/credentials", "static/chain"} {
			data, err := r.ReadFile(name)
			var pe *fs.PathError
			if !errors.Is(err, ErrOutside) || !errors.As(err, &pe) || pe.Path != name {
				t.Errorf("%s: got %q, %v; want ErrOutside naming the file", name, data, err)
			}
		}
		if _, err := r.ReadFile("static/missing"); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("dangling link: %v", err)
		}
		if _, err := r.ReadFile("static/loop.txt"); err == nil {
			t.Error("a link to itself is read")
		}
		if _, err := r.ReadFile("static/sub"); err == nil {
			t.Error("a folder is read as a file")
		}
		// Stat sees the same files, and is refused the same names.
		real, err := os.Stat(filepath.Join(site, "static", "sub", "a.txt"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"static/sub/a.txt", "static/in.txt", "static/up.txt"} {
			info, err := r.Stat(name)
			if err != nil || !os.SameFile(info, real) || info.Size() != 6 || !info.Mode().IsRegular() || info.Name() != path.Base(name) {
				t.Errorf("Stat %s: %v, %v; want the file a.txt, named %s", name, info, err, path.Base(name))
			}
		}
		for _, name := range []string{"static/out.txt", "static/abs.txt", "static/dir/credentials", "static/chain", "static/dir"} {
			info, err := r.Stat(name)
			var pe *fs.PathError
			if !errors.Is(err, ErrOutside) || !errors.As(err, &pe) || pe.Path != name {
				t.Errorf("Stat %s: got %v, %v; want ErrOutside naming the file", name, info, err)
			}
		}
		if _, err := r.Stat("static/missing"); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Stat of a dangling link: %v", err)
		}
		if _, err := r.Stat("static/none"); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Stat of no file: %v", err)
		}
		if info, err := r.Stat("static/sub"); err != nil || !info.IsDir() {
			t.Errorf("Stat of a folder: %v, %v", info, err)
		}
		if _, err := r.Stat("../site/static/sub/a.txt"); err == nil {
			t.Error("Stat of a name with .. succeeds")
		}
		if fifo {
			if info, err := r.Stat("static/pipe"); err != nil || info.Mode().Type() != fs.ModeNamedPipe {
				t.Errorf("Stat of a named pipe: %v, %v", info, err)
			}
			done := make(chan error, 1)
			go func() { _, err := r.ReadFile("static/pipe"); done <- err }()
			select {
			case err := <-done:
				if !errors.Is(err, ErrNotRegular) {
					t.Errorf("named pipe: %v, want ErrNotRegular", err)
				}
			case <-time.After(20 * time.Second): // generous: it returns at once or never
				t.Fatal("reading a named pipe waits for a writer")
			}
		}
	}
	t.Run("fast", check)
	t.Run("os.Root", func(t *testing.T) { // as on kernels without openat2
		openat2Refused.Store(true)
		defer openat2Refused.Store(false)
		check(t)
	})
}
