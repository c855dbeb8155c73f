package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestRemake checks that the generator makes the very photos the example
// site has, byte for byte: they can be remade, and a change to the
// drawings shows in the repository.
func TestRemake(t *testing.T) {
	if testing.Short() {
		t.Skip("draws six large pictures")
	}
	dir := t.TempDir()
	if err := run(dir, false); err != nil {
		t.Fatal(err)
	}
	for _, p := range pictures {
		made, err := os.ReadFile(filepath.Join(dir, p.file))
		if err != nil {
			t.Fatal(err)
		}
		committed, err := os.ReadFile(filepath.Join("..", "..", p.file))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(made, committed) {
			t.Errorf("%s differs from what the generator makes: run go run ./examplephotos -site .. in bench/", p.file)
		}
	}
}
