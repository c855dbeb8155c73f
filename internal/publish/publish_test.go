package publish

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/furusato/furusato/internal/outputs"
)

func TestCommitReplacesOutput(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	s, err := Begin(context.Background(), out, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"index.html", "a/b/c.html"} {
		if err := s.Write(f, outputs.HTML, []byte(f)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Write("index.html", outputs.HTML, nil); err == nil {
		t.Error("a second write of one file was accepted")
	}
	for _, bad := range []string{"../x", "/etc/x", ".."} {
		if err := s.Write(bad, outputs.HTML, nil); err == nil {
			t.Errorf("wrote %q outside the output", bad)
		}
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	s2, err := Begin(context.Background(), out, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s2.Write("new.html", outputs.HTML, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := s2.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "a/b/c.html")); err == nil {
		t.Error("old file survived a new build")
	}
	if data, _ := os.ReadFile(filepath.Join(out, "new.html")); string(data) != "new" {
		t.Error("new file missing")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left-overs beside the output: %v", entries)
	}
}

// TestShareKeepsCallersData: a shared file is written as it is, and its
// bytes never become a buffer for the files after it. Buffers go back to
// a sync.Pool, which hands them out in no set order: the test builds
// twenty times.
func TestShareKeepsCallersData(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	for range 20 {
		s, err := Begin(context.Background(), out, "")
		if err != nil {
			t.Fatal(err)
		}
		shared := []byte("a file of static/")
		if err := s.Share("static.txt", outputs.ForFile("static.txt"), shared); err != nil {
			t.Fatal(err)
		}
		if err := s.Share("static.txt", outputs.ForFile("static.txt"), shared); err == nil {
			t.Error("a second write of one file was accepted")
		}
		for i := range 200 { // more than the writers and the queue hold
			if err := s.Write(fmt.Sprintf("p/%d.html", i), outputs.HTML, []byte("page")); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Commit(); err != nil {
			t.Fatal(err)
		}
		if string(shared) != "a file of static/" {
			t.Fatalf("the caller's data became %q", shared)
		}
		if data, _ := os.ReadFile(filepath.Join(out, "static.txt")); string(data) != "a file of static/" {
			t.Fatalf("static.txt is %q", data)
		}
	}
}

func TestAbortLeavesOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	s, _ := Begin(context.Background(), out, "")
	_ = s.Write("index.html", outputs.HTML, []byte("v1"))
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	s, _ = Begin(context.Background(), out, "")
	_ = s.Write("index.html", outputs.HTML, []byte("v2"))
	s.Abort()
	if data, _ := os.ReadFile(filepath.Join(out, "index.html")); string(data) != "v1" {
		t.Errorf("output changed by an aborted build: %q", data)
	}
}

func TestRefusals(t *testing.T) {
	dir := t.TempDir()
	if _, err := Begin(context.Background(), dir, filepath.Join(dir, "site")); err == nil || !strings.Contains(err.Error(), "holds the site itself") {
		t.Errorf("output around the site: %v", err)
	}
	_ = os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	if _, err := Begin(context.Background(), dir, ""); err == nil || !strings.Contains(err.Error(), "did not write") {
		t.Errorf("foreign folder: %v", err)
	}
}

// TestCopyLinksOrCopies checks that Copy publishes a file as a hard link
// to it, and as a copy where the disk cannot link, counted either way.
func TestCopyLinksOrCopies(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "cache.bin")
	if err := os.WriteFile(src, []byte("variant"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, linking := range []bool{true, false} {
		out := filepath.Join(dir, "public")
		s, err := Begin(context.Background(), out, "")
		if err != nil {
			t.Fatal(err)
		}
		if !linking {
			s.link = func(string, string) error { return &os.LinkError{Op: "link", Err: syscall.EXDEV} }
		}
		if err := s.Copy("photos/a.webp", outputs.HTML, src, 7); err != nil {
			t.Fatal(err)
		}
		if err := s.Copy("photos/a.webp", outputs.HTML, src, 7); err == nil {
			t.Error("a second copy to one file was accepted")
		}
		if err := s.Commit(); err != nil {
			t.Fatal(err)
		}
		got := filepath.Join(out, "photos", "a.webp")
		if data, err := os.ReadFile(got); err != nil || string(data) != "variant" {
			t.Fatalf("linking %v: %q, %v", linking, data, err)
		}
		a, _ := os.Stat(src)
		b, _ := os.Stat(got)
		if os.SameFile(a, b) != linking {
			t.Errorf("linking %v: the output's file is the cache's: %v", linking, os.SameFile(a, b))
		}
		if s.Files() != 1 || s.Bytes() != 7 {
			t.Errorf("counted %d files, %d bytes", s.Files(), s.Bytes())
		}
	}
	// Memory keeps the bytes.
	m := NewMemory()
	if err := m.Copy("a.webp", outputs.HTML, src, 7); err != nil || string(m.Files()["a.webp"]) != "variant" {
		t.Errorf("memory: %q, %v", m.Files()["a.webp"], err)
	}
}
