package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/newpage"
)

// TestWriteNewLeavesNothing checks that when a file of a new page appears
// between the check and the write, the files and folders already written
// are removed and the file that appeared is left alone.
func TestWriteNewLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	taken := filepath.Join(dir, "content", "other", "page.en.md")
	if err := os.MkdirAll(filepath.Dir(taken), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(taken, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := writeNew(dir, []newpage.File{
		{Path: "content/sec/page/index.ja.md", Data: []byte("new")},
		{Path: "content/other/page.en.md", Data: []byte("new")},
	})
	if err == nil || !strings.Contains(err.Error(), "page.en.md already exists: furusato new does not overwrite pages; nothing was written") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "sec")); !os.IsNotExist(err) {
		t.Errorf("content/sec is left behind (%v)", err)
	}
	if data, _ := os.ReadFile(taken); string(data) != "mine" {
		t.Errorf("the existing file now has %q", data)
	}
}
