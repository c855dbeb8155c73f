package search

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// index builds the index of docs with ix, and keeps the words of titles.
func index(t *testing.T, ix *Indexer, docs []Doc) []File {
	t.Helper()
	files, err := ix.Build(context.Background(), "search/", nil, docs)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.SaveWords(); err != nil {
		t.Fatal(err)
	}
	return files
}

func sameFiles(t *testing.T, what string, a, b []File) {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("%s: %d files, want %d", what, len(b), len(a))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("%s: %s differs", what, a[i].Path)
		}
	}
}

// savedTexts returns the texts that the file of words in dir holds.
func savedTexts(t *testing.T, dir string) []string {
	t.Helper()
	words, err := readWordFile(wordsFile(dir))
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for text := range words {
		texts = append(texts, text)
	}
	slices.Sort(texts)
	return texts
}

// TestWordsFile checks that a build whose titles and headings are all in
// the file of words does not load the dictionary, and writes the same
// index as one that reads them with kagome; that a new title loads it;
// that a file damaged or of other versions is read again; and that a
// site's file keeps only the titles of its last build.
func TestWordsFile(t *testing.T) {
	fakeBuildInfo(t, "v1.2.6")
	dir := t.TempDir()
	docs := sampleDocs()
	want := index(t, new(Indexer), docs) // no file: kagome reads every title

	first := new(Indexer)
	first.Prepare(dir, false)
	sameFiles(t, "a first build", want, index(t, first, docs))
	if first.kagome == nil {
		t.Fatal("a first build did not load the dictionary")
	}
	texts := []string{"カーリング", "北見工業大学との共同研究", "航空運賃補助金"}
	if got := savedTexts(t, dir); !slices.Equal(got, texts) {
		t.Fatalf("the file holds %q, want %q", got, texts)
	}
	data, err := os.ReadFile(wordsFile(dir))
	if err != nil {
		t.Fatal(err)
	}

	again := new(Indexer)
	again.Prepare(dir, false)
	sameFiles(t, "a build with the file", want, index(t, again, docs))
	if again.kagome != nil {
		t.Error("a build whose titles are all in the file loaded the dictionary")
	}
	// A second build of the same Indexer (serve) uses the same words and
	// keeps the file as it is.
	sameFiles(t, "serve's second build", want, index(t, again, docs))
	if now, _ := os.ReadFile(wordsFile(dir)); !bytes.Equal(now, data) {
		t.Error("the file changed with nothing new")
	}
	// A page gone in serve: the file lets go of its title, though the
	// Indexer remembers it; back again, the file has it again.
	index(t, again, docs[:1])
	if got := savedTexts(t, dir); !slices.Equal(got, texts[:2]) {
		t.Errorf("after a page went, the file holds %q, want %q", got, texts[:2])
	}
	index(t, again, docs)
	if now, _ := os.ReadFile(wordsFile(dir)); !bytes.Equal(now, data) {
		t.Error("with the page back, the file is not what it was")
	}
	if again.kagome != nil {
		t.Error("serve's builds loaded the dictionary for titles they knew")
	}

	// A new title: kagome reads it, and the file keeps it; a page gone:
	// the file lets go of its title.
	docs[1].Title = "家賃補助制度のご案内"
	docs = docs[1:]
	third := new(Indexer)
	third.Prepare(dir, false)
	index(t, third, docs)
	if third.kagome == nil {
		t.Error("a new title did not load the dictionary")
	}
	if got := savedTexts(t, dir); !slices.Equal(got, []string{"家賃補助制度のご案内"}) {
		t.Errorf("after the title changed, the file holds %q", got)
	}

	// A damaged file is not read: kagome reads the titles again, and
	// gives the same index.
	data, _ = os.ReadFile(wordsFile(dir))
	data[len(data)-3] ^= 1
	if err := os.WriteFile(wordsFile(dir), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readWordFile(wordsFile(dir)); err == nil {
		t.Fatal("a damaged file was read")
	}
	want = index(t, new(Indexer), docs)
	damaged := new(Indexer)
	damaged.Prepare(dir, false)
	sameFiles(t, "a build with a damaged file", want, index(t, damaged, docs))
	if _, err := readWordFile(wordsFile(dir)); err != nil {
		t.Errorf("the damaged file was not written anew: %v", err)
	}

	// Other versions of kagome: another file, and the old one goes.
	old := wordsFile(dir)
	fakeBuildInfo(t, "v1.2.7")
	if wordsFile(dir) == old {
		t.Fatal("other versions name the same file")
	}
	other := new(Indexer)
	other.Prepare(dir, false)
	index(t, other, docs)
	if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) != 1 || left[0] != wordsFile(dir) {
		t.Errorf("files left: %q", left)
	}
}

// A shared file (the built-in example site's) keeps the titles of other
// builds too.
func TestSharedWordsFile(t *testing.T) {
	fakeBuildInfo(t, "v1.2.6")
	dir := t.TempDir()
	docs := sampleDocs()
	for _, d := range [][]Doc{docs[:1], docs[1:2]} {
		ix := new(Indexer)
		ix.Prepare(dir, true)
		index(t, ix, d)
	}
	if got, want := savedTexts(t, dir), []string{"カーリング", "北見工業大学との共同研究", "航空運賃補助金"}; !slices.Equal(got, want) {
		t.Errorf("the shared file holds %q, want %q", got, want)
	}
}

// A binary that does not say the versions of kagome keeps no file.
func TestNoWordsFileWithoutVersions(t *testing.T) {
	dir := t.TempDir()
	ix := new(Indexer)
	ix.Prepare(dir, false)
	index(t, ix, sampleDocs())
	if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) != 0 {
		t.Errorf("files written: %q", left)
	}
}
