package assets

import (
	"encoding/json"
	"math/rand/v2"
	"testing"

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
