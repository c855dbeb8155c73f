package sitefiles_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/furusato/furusato/internal/sitefiles"
)

// Dir reads what os.DirFS reads, and fails where it fails, with the same
// errors.
func TestDirReadsAsOSDirFS(t *testing.T) {
	root := t.TempDir()
	files := map[string][]byte{
		"site.yaml":               []byte("title: x\r\n"),
		"content/empty.md":        nil,
		"content/ja/長い.md":        bytes.Repeat([]byte("北見の玉ねぎ。\n"), 3000), // far over one read's first guess
		"content/exactly-512.txt": bytes.Repeat([]byte("a"), 512),
		"static/bom.css":          []byte("\ufeffbody{}"),
	}
	for name, data := range files {
		full := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("site.yaml", filepath.Join(root, "link.yaml")); err != nil {
		t.Fatal(err)
	}
	dir, want := sitefiles.Dir(root), os.DirFS(root)
	names := []string{"site.yaml", "content/empty.md", "content/ja/長い.md", "content/exactly-512.txt",
		"static/bom.css", "link.yaml", "missing.md", "content", ".", "../x", "/etc/passwd", "content/../site.yaml", ""}
	for _, name := range names {
		got, gerr := fs.ReadFile(dir, name)
		exp, werr := fs.ReadFile(want, name)
		if !bytes.Equal(got, exp) || (gerr == nil) != (werr == nil) {
			t.Errorf("%q: got %d bytes, %v; os.DirFS: %d bytes, %v", name, len(got), gerr, len(exp), werr)
			continue
		}
		if werr != nil {
			var gp, wp *fs.PathError
			if !errors.As(gerr, &gp) || !errors.As(werr, &wp) || gp.Path != wp.Path || gp.Err != wp.Err {
				t.Errorf("%q: error %#v, os.DirFS's %#v", name, gerr, werr)
			}
			if errors.Is(werr, fs.ErrNotExist) != errors.Is(gerr, fs.ErrNotExist) {
				t.Errorf("%q: %v is not like %v", name, gerr, werr)
			}
		}
	}
	// The rest of fs.FS, as os.DirFS gives it.
	var list []string
	for name := range files {
		list = append(list, name)
	}
	if err := fstest.TestFS(dir, append(list, "link.yaml")...); err != nil {
		t.Fatal(err)
	}
	if target, err := fs.ReadLink(dir, "link.yaml"); err != nil || target != "site.yaml" {
		t.Errorf("ReadLink = %q, %v", target, err)
	}
	if info, err := fs.Lstat(dir, "link.yaml"); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("Lstat = %v, %v", info, err)
	}
	_, gerr := fs.ReadFile(sitefiles.Dir(""), "site.yaml")
	_, werr := fs.ReadFile(os.DirFS(""), "site.yaml")
	if gerr == nil || gerr.Error() != werr.Error() {
		t.Errorf("Dir(\"\") read: %v, want os.DirFS(\"\")'s %v", gerr, werr)
	}
}
