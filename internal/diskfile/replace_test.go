package diskfile

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestReplace(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "page.en.md")
	if err := os.WriteFile(name, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Replace(name, []byte("new"), 0o600); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(name); string(data) != "new" {
		t.Errorf("the file holds %q, want new", data)
	}
	if info, _ := os.Stat(name); info.Mode().Perm() != 0o600 {
		t.Errorf("permissions %v, want 0600", info.Mode().Perm())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the folder holds %d files, want 1 (no temporary file left)", len(entries))
	}
	// A folder that cannot be written leaves the file as it was.
	if err := Replace(filepath.Join(dir, "no", "such"), []byte("x"), 0o600); err == nil {
		t.Error("writing into a missing folder: no error")
	}
}

// TestWriteStops: a file of several chunks is written whole, and a write
// whose work was stopped writes no more chunks: Replace leaves the file as
// it was and no new file beside it.
func TestWriteStops(t *testing.T) {
	dir := t.TempDir()
	data := bytes.Repeat([]byte("0123456789abcdef"), Chunk*5/2/16)
	name := filepath.Join(dir, "video.mp4")
	if err := ReplaceContext(context.Background(), name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "copy.mp4")
	if err := WriteFileContext(context.Background(), other, data); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{name, other} {
		if got, err := os.ReadFile(f); err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s: %d bytes of %d, %v", f, len(got), len(data), err)
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := ReplaceContext(ctx, name, []byte("new"), 0o644); !errors.Is(err, context.Canceled) {
		t.Errorf("ReplaceContext, stopped: %v", err)
	}
	if got, _ := os.ReadFile(name); !bytes.Equal(got, data) {
		t.Error("a stopped Replace changed the file")
	}
	if err := WriteFileContext(ctx, other, data); !errors.Is(err, context.Canceled) {
		t.Errorf("WriteFileContext, stopped: %v", err)
	}
	if fi, err := os.Stat(other); err != nil || fi.Size() != 0 {
		t.Errorf("a stopped write wrote %v bytes (%v)", fi.Size(), err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("left in the folder: %v", entries)
	}
}
