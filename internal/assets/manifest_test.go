package assets

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/outputs"
)

// TestManifestJSON checks that JSON writes what json.MarshalIndent
// writes, for manifests of names that need escaping and names that do
// not.
func TestManifestJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "index.html", "北見", "/", " ", "\"", "\\", "<", ">", "&", "\n", "\t", "\x00", "\x1f", "\u2028", "\u2029", "\xff", "é", "😀", "\x7f"}
	word := func() string {
		s := ""
		for range r.IntN(6) {
			s += pieces[r.IntN(len(pieces))]
		}
		return s
	}
	for _, m := range []*Manifest{{}, {Files: []Entry{}}} {
		want, _ := json.MarshalIndent(m, "", " ")
		if got := m.JSON(); string(got) != string(want)+"\n" {
			t.Errorf("got\n%s\nwant\n%s", got, want)
		}
	}
	// Written in one allocation, when nothing needs escaping.
	full := &Manifest{Files: []Entry{{Path: "a/北見.html", Size: 1 << 62, SHA256: "ab", ContentType: "text/html", CacheControl: "no-cache",
		ContentEncoding: "gzip", Kind: outputs.KindPage, Immutable: true, Redirect: "/b/"}}}
	if n := testing.AllocsPerRun(10, func() { full.JSON() }); n != 1 {
		t.Errorf("%v allocations, want 1", n)
	}
	for range 2000 {
		m := &Manifest{}
		for range r.IntN(4) + 1 {
			m.Files = append(m.Files, Entry{Path: word(), Size: r.Int64N(1 << 40), SHA256: word(), ContentType: word(), CacheControl: word(),
				ContentEncoding: []string{"", "gzip", word()}[r.IntN(3)], Kind: outputs.Kind(word()), Immutable: r.IntN(2) == 0,
				Redirect: []string{"", word()}[r.IntN(2)]})
		}
		want, _ := json.MarshalIndent(m, "", " ")
		if got := m.JSON(); string(got) != string(want)+"\n" {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
	}
}

// TestAddSorted checks that files added as a sorted run give the
// manifest and _headers that adding them one by one gives, whatever
// falls before, between and after them, and that a run out of order, one
// with a path twice, or a second run is taken all the same.
func TestAddSorted(t *testing.T) {
	cfg := config.Default()
	cfg.Cache.Rules = []config.CacheRule{{Path: "/_photos/b.*", CacheControl: "no-store"}}
	others := []string{"_headers", "_p", "_photos.html", "a/index.html", "about/index.html", "zz/index.html"}
	runs := [][]string{
		{"_photos/a.1.webp", "_photos/a.1.jpg", "_photos/b.2.webp"},
		{"_photos/c.3.jpg"},
	}
	sum := strings.Repeat("ab", 32)
	known := func(paths []string) []Known {
		var out []Known
		for _, p := range paths {
			out = append(out, Known{Path: p, Format: outputs.PhotoWebP, Size: int64(len(p)), SHA256: sum})
		}
		return out
	}
	oneByOne := NewCatalog(&cfg.Cache, nil, false)
	for _, p := range others {
		oneByOne.AddHashed(p, outputs.HTML, 1, [32]byte{})
	}
	for _, run := range runs {
		for _, f := range known(run) {
			oneByOne.put(oneByOne.entryOfHex(f.Path, f.Format, f.Size, f.SHA256))
		}
	}
	want, wantHeaders := oneByOne.Manifest(), oneByOne.Headers("/")
	if len(want.Files) != len(others)+4 {
		t.Fatalf("%d files one by one", len(want.Files))
	}

	twice := append(slices.Sorted(slices.Values(runs[0])), runs[1][0], runs[1][0])
	for name, runs := range map[string][][]string{"sorted": {slices.Sorted(slices.Values(runs[0])), runs[1]}, "unsorted": runs, "twice": {twice}} {
		c := NewCatalog(&cfg.Cache, nil, false)
		c.AddHashed(others[0], outputs.HTML, 1, [32]byte{})
		for _, run := range runs {
			c.AddSorted(known(run))
		}
		for _, p := range others[1:] {
			c.AddHashed(p, outputs.HTML, 1, [32]byte{})
		}
		if got := c.Manifest(); string(got.JSON()) != string(want.JSON()) {
			t.Errorf("%s: manifest\n%s\nwant\n%s", name, got.JSON(), want.JSON())
		}
		if got := c.Headers("/"); string(got) != string(wantHeaders) {
			t.Errorf("%s: _headers\n%s\nwant\n%s", name, got, wantHeaders)
		}
	}
}
