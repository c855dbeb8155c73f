package photos

import (
	"bytes"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteIsDeterministic(t *testing.T) {
	s := Size{320, 240}
	a, b := t.TempDir(), t.TempDir()
	for _, d := range []string{a, b} {
		if err := Write(d, 2, s); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 2 {
		x, err := os.ReadFile(filepath.Join(a, Name(i)))
		if err != nil {
			t.Fatal(err)
		}
		y, _ := os.ReadFile(filepath.Join(b, Name(i)))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two writes", Name(i))
		}
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(x))
		if err != nil || cfg.Width != s.W || cfg.Height != s.H {
			t.Errorf("%s: %dx%d, %v; want %dx%d", Name(i), cfg.Width, cfg.Height, err, s.W, s.H)
		}
	}
	x, _ := os.ReadFile(filepath.Join(a, Name(0)))
	y, _ := os.ReadFile(filepath.Join(a, Name(1)))
	if bytes.Equal(x, y) {
		t.Error("photos 0 and 1 are the same")
	}
}
