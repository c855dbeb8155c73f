package diskfile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// Files written and read back are what os reads and writes, and errors
// are those of os: *fs.PathError, with fs.ErrNotExist where os has it.
func TestReadWriteAsOS(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1, 511, 512, 513, 100_000} {
		data := bytes.Repeat([]byte("北"), size/3+1)[:size]
		name := filepath.Join(dir, "f.txt")
		if err := WriteFile(name, data); err != nil {
			t.Fatal(err)
		}
		if got, err := os.ReadFile(name); err != nil || !bytes.Equal(got, data) {
			t.Fatalf("%d bytes written, os reads %d, %v", size, len(got), err)
		}
		if got, err := root(t, dir).ReadFile("f.txt"); err != nil || !bytes.Equal(got, data) {
			t.Fatalf("%d bytes written, ReadFile reads %d, %v", size, len(got), err)
		}
		info, err := os.Stat(name)
		if err != nil || info.Mode().Perm()&0o600 != 0o600 {
			t.Fatalf("mode %v, %v", info.Mode(), err)
		}
	}
	for _, name := range []string{"missing", "."} {
		_, err := root(t, dir).ReadFile(name)
		_, want := os.ReadFile(filepath.Join(dir, name))
		var pe *fs.PathError
		if err == nil || !errors.As(err, &pe) || pe.Path != name || errors.Is(err, fs.ErrNotExist) != errors.Is(want, fs.ErrNotExist) {
			t.Errorf("ReadFile(%s): %v; os: %v", name, err, want)
		}
	}
	if err := WriteFile(filepath.Join(dir, "no", "such"), nil); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("WriteFile into a missing folder: %v", err)
	}
}

func root(t *testing.T, dir string) *Root {
	t.Helper()
	r, err := OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
