package images

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSharedCachePrunesByAge checks that a cache shared by sites keeps
// the entries another site's build uses, however old this build's
// view of them, until they are 30 days unused.
func TestSharedCachePrunesByAge(t *testing.T) {
	dir := t.TempDir()
	c := &Cache{dir: dir, shared: true}
	recent, old, used := "aa01", "bb02", "cc03"
	for _, k := range []string{recent, old, used} {
		c.Put(k, "", []byte(k), sha256.Sum256([]byte(k)))
	}
	if err := c.Record(nil); err != nil {
		t.Fatal(err)
	}
	month := time.Now().Add(-31 * 24 * time.Hour)
	if err := os.Chtimes(c.file(old), month, month); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(c.file(used), month, month); err != nil {
		t.Fatal(err)
	}

	// The next build uses only `used`: reading it marks it used now.
	next := &Cache{dir: dir, shared: true}
	if name, _, _, ok := next.Get(used, ""); !ok || name != next.file(used) {
		t.Fatalf("Get(%s) = %q, %v", used, name, ok)
	}
	if n := next.Prune(nil); n != 1 {
		t.Errorf("Prune removed %d entries, want 1 (the one unused for 31 days)", n)
	}
	for k, want := range map[string]bool{recent: true, old: false, used: true} {
		if _, err := os.Stat(next.file(k)); (err == nil) != want {
			t.Errorf("%s kept = %v, want %v", k, err == nil, want)
		}
	}
	if fi, err := os.Stat(next.file(used)); err != nil || time.Since(fi.ModTime()) > time.Hour {
		t.Errorf("a shared entry read is not marked as used now: %v", err)
	}

	// A site's own cache removes what its build did not use, at once.
	own := &Cache{dir: filepath.Join(t.TempDir(), "own")}
	own.Put(recent, "", []byte(recent), sha256.Sum256([]byte(recent)))
	if n := (&Cache{dir: own.dir}).Prune(nil); n != 1 {
		t.Errorf("a site's own cache pruned %d entries, want 1", n)
	}
}

// TestPublished checks the record of the photos' folder: read back as
// written, and not trusted when the folder changed in the same step of
// the file system's clock as the record was written, or after.
func TestPublished(t *testing.T) {
	c := OpenCache(t.TempDir(), false)
	files := []PublishedFile{{Path: Dir + "/b.1234567890.8w.webp", Size: 2, Sum: strings.Repeat("b", 64)}, {Path: Dir + "/a.1234567890.8w.jpg", Size: 1, Sum: strings.Repeat("a", 64)}}
	if err := c.RecordPublished("/site/public", "1 2 3", time.Now(), files); err != nil {
		t.Fatal(err)
	}
	p, ok := OpenCache(c.dir, false).Published() // a cache reads its record once
	if !ok || p.Out != "/site/public" || p.Folder != "1 2 3" || len(p.Files) != 2 || p.Files[0] != files[1] || p.Files[1] != files[0] {
		t.Fatalf("%+v, %v", p, ok)
	}
	if err := c.RecordPublished("/site/public", "1 2 4", time.Now().Add(time.Hour), files); err != nil {
		t.Fatal(err)
	}
	if _, ok := OpenCache(c.dir, false).Published(); ok {
		t.Error("a record older than its folder's change was trusted")
	}
	if err := c.RecordPublished("/site/public", "", time.Time{}, nil); err != nil {
		t.Fatal(err)
	}
	if _, ok := OpenCache(c.dir, false).Published(); ok {
		t.Error("no photos published, and a record")
	}
	if _, ok := OpenCache(t.TempDir(), true).Published(); ok {
		t.Error("a shared cache has a record")
	}
}

// TestCheckpoint: a build killed after making some photos (it never
// writes its record at its end) leaves them to the next build, which
// finds them in the record, and keeps what the record held before.
func TestCheckpoint(t *testing.T) {
	dir := t.TempDir()
	first := OpenCache(dir, false)
	first.Put("aa01", "content/a/photo.jpg", []byte("old"), sha256.Sum256([]byte("old")))
	if err := first.Record(nil); err != nil {
		t.Fatal(err)
	}
	killed := OpenCache(dir, false)
	if _, _, _, ok := killed.Get("aa01", "content/a/photo.jpg"); !ok {
		t.Fatal("the recorded file is not found")
	}
	killed.Put("bb02", "content/b/photo.jpg", []byte("new"), sha256.Sum256([]byte("new")))
	// killed ends here, without Record or Prune.
	next := OpenCache(dir, false)
	for _, k := range []string{"aa01", "bb02"} {
		if _, _, sum, ok := next.Get(k, ""); !ok || sum == ([sha256.Size]byte{}) {
			t.Errorf("%s: not in the cache after a killed build", k)
		}
	}
}
