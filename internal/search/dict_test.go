package search

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"slices"
	"testing"

	"github.com/ikawaha/kagome-dict/ipa"
	"github.com/ikawaha/kagome/v2/tokenizer"
)

// fakeBuildInfo makes the binary say these versions of the dictionary's
// modules, as a built furusato does (a test binary records none).
func fakeBuildInfo(t *testing.T, version string) {
	t.Helper()
	old := buildInfo
	t.Cleanup(func() { buildInfo = old })
	buildInfo = func() (*debug.BuildInfo, bool) {
		return &debug.BuildInfo{Deps: []*debug.Module{
			{Path: "github.com/ikawaha/kagome/v2", Version: "v2.10.3", Sum: "h1:test="},
			{Path: "github.com/ikawaha/kagome-dict", Version: "v1.1.7", Sum: "h1:test="},
			{Path: "github.com/ikawaha/kagome-dict/ipa", Version: version, Sum: "h1:test" + version + "="},
		}}, true
	}
}

// TestDictionaryCache checks that the dictionary kept in the cache is
// kagome's, value for value, and that a file damaged, cut short or of
// other versions is not read but written anew.
func TestDictionaryCache(t *testing.T) {
	t.Setenv("FURUSATO_CACHE_DIR", t.TempDir())
	if dictionaryFile() != "" {
		t.Fatal("a test binary names a dictionary file: it does not record the modules' versions")
	}
	fakeBuildInfo(t, "v1.2.6")
	file := dictionaryFile()
	if file == "" {
		t.Fatal("no dictionary file, with versions recorded")
	}
	want := ipa.DictShrink()
	if d := japaneseDictionary(); d != want {
		t.Fatal("the first load is not kagome's dictionary")
	}
	got, err := readDictionary(file)
	if err != nil {
		t.Fatalf("the file the first load wrote: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatal("the dictionary read back differs from kagome's")
	}
	// The same words either way.
	text := "北見工業大学のサテライトオフィスでテレワークを始めました"
	a, _ := tokenizer.New(want, tokenizer.OmitBosEos())
	b, _ := tokenizer.New(japaneseDictionary(), tokenizer.OmitBosEos())
	surfaces := func(tk *tokenizer.Tokenizer) (out []string) {
		for _, t := range tk.Analyze(text, tokenizer.Search) {
			out = append(out, t.Surface+"/"+t.POS()[0])
		}
		return out
	}
	if sa, sb := surfaces(a), surfaces(b); !slices.Equal(sa, sb) {
		t.Fatalf("words with kagome's dictionary %q, with the kept one %q", sa, sb)
	}
	// The same bytes when written again (the file is not the output, but
	// a cache that changes with nothing is easier to trust).
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	again := filepath.Join(t.TempDir(), "again.bin")
	if err := writeDictionary(again, got); err != nil {
		t.Fatal(err)
	}
	if data2, _ := os.ReadFile(again); !slices.Equal(data, data2) {
		t.Error("the dictionary written twice gives other bytes")
	}

	for name, damage := range map[string]func([]byte) []byte{
		"one byte changed": func(b []byte) []byte { b = slices.Clone(b); b[len(b)/2] ^= 1; return b },
		"cut short":        func(b []byte) []byte { return b[:len(b)-1000] },
		"empty":            func([]byte) []byte { return nil },
		"other format":     func(b []byte) []byte { b = slices.Clone(b); b[len(dictFormat)-2]++; return b },
	} {
		if err := os.WriteFile(file, damage(data), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := readDictionary(file); err == nil {
			t.Errorf("%s: read without an error", name)
		}
		if d := japaneseDictionary(); d != want {
			t.Errorf("%s: not kagome's dictionary", name)
		}
		if now, _ := os.ReadFile(file); !slices.Equal(now, data) {
			t.Errorf("%s: the file was not written anew", name)
		}
	}

	// Another version of the dictionary's module: another file, and the
	// old one goes.
	fakeBuildInfo(t, "v1.2.7")
	if other := dictionaryFile(); other == file {
		t.Fatal("another version names the same file")
	}
	japaneseDictionary()
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(file), "*"))
	if len(left) != 1 || left[0] == file {
		t.Errorf("files left in the dictionary folder: %q", left)
	}

	// A cache folder that cannot be made: kagome's dictionary, and no
	// error.
	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("FURUSATO_CACHE_DIR", notDir)
	if d := japaneseDictionary(); d != want {
		t.Error("without a cache folder: not kagome's dictionary")
	}
}

// BenchmarkReadDictionary reads the dictionary from the cache, as every
// build but a machine's first does.
func BenchmarkReadDictionary(b *testing.B) {
	file := filepath.Join(b.TempDir(), "dictionary.bin")
	if err := writeDictionary(file, ipa.DictShrink()); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := readDictionary(file); err != nil {
			b.Fatal(err)
		}
	}
}
