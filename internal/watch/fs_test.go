package watch

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestFSRemembersUntilForgotten(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	read := func(f *FS, name string) string {
		data, err := f.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	names := func(f *FS, dir string) []string {
		list, err := fs.ReadDir(f, dir)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range list {
			out = append(out, e.Name())
		}
		return out
	}
	write("content/a.md", "one")
	write("content/sub/b.md", "two")
	f := NewFS(dir)
	names(f, "content")
	v1, ok := f.Version("content/a.md")
	if !ok || read(f, "content/a.md") != "one" {
		t.Fatal("first read")
	}
	// The caller may change what it reads.
	data, _ := f.ReadFile("content/a.md")
	data[0] = 'X'
	write("content/a.md", "changed")
	write("content/c.md", "new")
	if got := read(f, "content/a.md"); got != "one" {
		t.Errorf("before Forget: %q, want the remembered %q", got, "one")
	}
	if v, _ := f.Version("content/a.md"); v != v1 {
		t.Errorf("version changed without a change reported")
	}
	if got := names(f, "content"); !slices.Equal(got, []string{"a.md", "sub"}) {
		t.Errorf("listing before Forget: %v", got)
	}
	f.Forget([]string{"content/a.md", "content/c.md"})
	if got := read(f, "content/a.md"); got != "changed" {
		t.Errorf("after Forget: %q", got)
	}
	if v, _ := f.Version("content/a.md"); v == v1 {
		t.Errorf("version unchanged after a change")
	}
	if got := names(f, "content"); !slices.Equal(got, []string{"a.md", "c.md", "sub"}) {
		t.Errorf("listing after Forget: %v", got)
	}
	// Forgetting a folder forgets what is below it.
	read(f, "content/sub/b.md")
	os.RemoveAll(filepath.Join(dir, "content", "sub"))
	f.Forget([]string{"content/sub"})
	if _, err := f.ReadFile("content/sub/b.md"); err == nil {
		t.Error("a file of a removed folder is still read")
	}
	if _, ok := f.Version("content/sub/b.md"); ok {
		t.Error("a removed file has a version")
	}
	f.ForgetAll()
	if got := names(f, "content"); !slices.Equal(got, []string{"a.md", "c.md"}) {
		t.Errorf("listing after ForgetAll: %v", got)
	}
}

// TestFSListingsChangeOnlyWithNames checks that an edited file keeps its
// folder's listing, and that a created or removed one drops it.
func TestFSListingsChangeOnlyWithNames(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	os.WriteFile(p, []byte("one"), 0o644)
	f := NewFS(dir)
	if _, err := fs.ReadDir(f, "."); err != nil {
		t.Fatal(err)
	}
	v := f.Listings()
	os.WriteFile(p, []byte("two"), 0o644)
	f.Forget([]string{"a.md"})
	if f.Listings() != v {
		t.Error("an edit dropped the folder's listing")
	}
	if _, err := f.Stat("missing.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Stat of a file the listing lacks: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "b.md"), nil, 0o644)
	f.Forget([]string{"b.md"})
	if f.Listings() == v {
		t.Error("a new file kept the old listing")
	}
	list, _ := fs.ReadDir(f, ".")
	if len(list) != 2 {
		t.Errorf("listing after a new file: %d entries", len(list))
	}
	v = f.Listings()
	os.Remove(p)
	f.Forget([]string{"a.md"})
	if f.Listings() == v {
		t.Error("a removed file kept the old listing")
	}
}

// TestFSListingsChangeWhenAFolderComesBack: a folder that is deleted and
// created again has no listing while it is gone, so there is none to drop
// when it is back; a walk kept by Listings must still be made again.
func TestFSListingsChangeWhenAFolderComesBack(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "content", "about.md")
	os.MkdirAll(filepath.Dir(page), 0o755)
	os.WriteFile(page, []byte("one"), 0o644)
	f := NewFS(dir)
	if _, err := fs.ReadDir(f, "content"); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(dir, "content"))
	f.Forget([]string{"content", "content/about.md"})
	if _, err := fs.ReadDir(f, "content"); err == nil {
		t.Fatal("a removed folder is listed")
	}
	v := f.Listings()
	os.MkdirAll(filepath.Dir(page), 0o755)
	os.WriteFile(page, []byte("one"), 0o644)
	f.Forget([]string{"content", "content/about.md"})
	if f.Listings() == v {
		t.Error("a folder created again kept the listings of its absence")
	}
	if list, err := fs.ReadDir(f, "content"); err != nil || len(list) != 1 {
		t.Errorf("listing of the folder created again: %v, %v", list, err)
	}
}
