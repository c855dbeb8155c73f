package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func start(t *testing.T, opts Options) (*Watcher, string) {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"content/articles", "templates", "public", ".git"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if opts.Quiet == 0 {
		opts.Quiet = 50 * time.Millisecond
	}
	w, err := New(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w, dir
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// next waits for a batch.
func next(t *testing.T, w *Watcher) []string {
	t.Helper()
	select {
	case b := <-w.Batches():
		return b
	case <-time.After(5 * time.Second):
		t.Fatal("no batch within 5s")
		return nil
	}
}

// none checks that no batch comes for a while.
func none(t *testing.T, w *Watcher) {
	t.Helper()
	select {
	case b := <-w.Batches():
		t.Fatalf("unexpected batch %v", b)
	case <-time.After(300 * time.Millisecond):
	}
}

func TestCreateEditDelete(t *testing.T) {
	w, dir := start(t, Options{})
	p := filepath.Join(dir, "content/articles/a.ja.md")
	write(t, p, "one")
	if got := next(t, w); !slices.Equal(got, []string{"content/articles/a.ja.md"}) {
		t.Errorf("create: %v", got)
	}
	write(t, p, "two")
	if got := next(t, w); !slices.Equal(got, []string{"content/articles/a.ja.md"}) {
		t.Errorf("edit: %v", got)
	}
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	if got := next(t, w); !slices.Equal(got, []string{"content/articles/a.ja.md"}) {
		t.Errorf("delete: %v", got)
	}
}

func TestRename(t *testing.T) {
	w, dir := start(t, Options{})
	write(t, filepath.Join(dir, "content/a.md"), "x")
	next(t, w)
	if err := os.Rename(filepath.Join(dir, "content/a.md"), filepath.Join(dir, "content/b.md")); err != nil {
		t.Fatal(err)
	}
	if got := next(t, w); !slices.Equal(got, []string{"content/a.md", "content/b.md"}) {
		t.Errorf("rename: %v", got)
	}
}

// TestEditorSaves replays how editors save: vim writes a probe file 4913,
// a backup x~ and a swap file; JetBrains and VS Code-like editors write a
// temporary file and rename it over the original.
func TestEditorSaves(t *testing.T) {
	w, dir := start(t, Options{})
	p := filepath.Join(dir, "content/about.ja.md")
	write(t, p, "v1")
	next(t, w)

	// vim
	write(t, filepath.Join(dir, "content/4913"), "")
	os.Remove(filepath.Join(dir, "content/4913"))
	write(t, filepath.Join(dir, "content/.about.ja.md.swp"), "swap")
	if err := os.Rename(p, p+"~"); err != nil {
		t.Fatal(err)
	}
	write(t, p, "v2")
	os.Remove(p + "~")
	if got := next(t, w); !slices.Equal(got, []string{"content/about.ja.md"}) {
		t.Errorf("vim save: %v", got)
	}

	// safe write through a temporary file
	tmp := p + "___jb_tmp___"
	write(t, tmp, "v3")
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
	if got := next(t, w); !slices.Equal(got, []string{"content/about.ja.md"}) {
		t.Errorf("safe write: %v", got)
	}

	// Only side files: nothing to report.
	write(t, filepath.Join(dir, "content/.#about.ja.md"), "lock")
	write(t, filepath.Join(dir, "content/#about.ja.md#"), "autosave")
	none(t, w)
}

func TestIgnoredFolders(t *testing.T) {
	w, dir := start(t, Options{Ignore: func(rel string, isDir bool) bool { return rel == "public" }})
	write(t, filepath.Join(dir, "public/index.html"), "out")
	write(t, filepath.Join(dir, ".git/index"), "git")
	write(t, filepath.Join(dir, "public/new/deep.html"), "out")
	none(t, w)
}

func TestNewAndRecreatedFolders(t *testing.T) {
	w, dir := start(t, Options{})
	// A new folder with a file written at once: the file is reported even if
	// it was written before the folder's watch was in place.
	write(t, filepath.Join(dir, "content/stories/sato/index.ja.md"), "s")
	got := next(t, w)
	if !slices.Contains(got, "content/stories/sato/index.ja.md") {
		t.Errorf("new folder: %v", got)
	}
	// Files written later in the new folder are seen too.
	write(t, filepath.Join(dir, "content/stories/sato/photo.jpg"), "jpg")
	if got := next(t, w); !slices.Equal(got, []string{"content/stories/sato/photo.jpg"}) {
		t.Errorf("file in new folder: %v", got)
	}
	// Deleted and created again: still watched.
	if err := os.RemoveAll(filepath.Join(dir, "content/stories")); err != nil {
		t.Fatal(err)
	}
	next(t, w)
	write(t, filepath.Join(dir, "content/stories/sato/index.ja.md"), "again")
	next(t, w)
	write(t, filepath.Join(dir, "content/stories/sato/index.ja.md"), "edited")
	if got := next(t, w); !slices.Equal(got, []string{"content/stories/sato/index.ja.md"}) {
		t.Errorf("recreated folder: %v", got)
	}
	// A renamed folder is followed.
	if err := os.Rename(filepath.Join(dir, "content/stories"), filepath.Join(dir, "content/cases")); err != nil {
		t.Fatal(err)
	}
	if got := next(t, w); !slices.Contains(got, "content/cases/sato/index.ja.md") || !slices.Contains(got, "content/stories") {
		t.Errorf("renamed folder: %v", got)
	}
	write(t, filepath.Join(dir, "content/cases/sato/index.ja.md"), "after rename")
	if got := next(t, w); !slices.Equal(got, []string{"content/cases/sato/index.ja.md"}) {
		t.Errorf("file in renamed folder: %v", got)
	}
}

// TestBurst writes 200 files as a git checkout would, and saves one file
// 100 times in a second: each gives one or two batches, not hundreds.
func TestBurst(t *testing.T) {
	// The dev server's quiet period: short, for a single save. The burst
	// period is longer than the default (5 × Quiet) so that a loaded
	// machine, whose 25 ms sleeps below can take far longer, still sees
	// the saves as one burst.
	w, dir := start(t, Options{Quiet: 20 * time.Millisecond, Burst: 400 * time.Millisecond})
	for i := range 200 {
		write(t, filepath.Join(dir, fmt.Sprintf("content/articles/a%03d.ja.md", i)), "x")
	}
	seen, batches := map[string]bool{}, 0
	for len(seen) < 200 {
		for _, p := range next(t, w) {
			seen[p] = true
		}
		batches++
	}
	if batches > 2 {
		t.Errorf("200 files gave %d batches", batches)
	}
	// Saves a little further apart than the quiet period, for a second,
	// with the batches read as they come, as the dev server does: after
	// the first batch they count as a burst.
	counted := make(chan int)
	go func() {
		n := 0
		idle := time.NewTimer(3 * time.Second)
		defer idle.Stop()
		for {
			select {
			case <-w.Batches():
				n++
			case <-idle.C:
				counted <- n
				return
			}
		}
	}()
	p := filepath.Join(dir, "content/articles/a000.ja.md")
	for i := range 40 {
		write(t, p, fmt.Sprint(i))
		time.Sleep(25 * time.Millisecond)
	}
	if batches := <-counted; batches < 1 || batches > 3 {
		t.Errorf("40 saves in about a second gave %d batches", batches)
	}
}

func TestCloseEndsGoroutine(t *testing.T) {
	w, _ := start(t, Options{})
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, ok := <-w.Batches(); ok {
		t.Error("batches still open after Close")
	}
	w.Close() // twice is fine
}
