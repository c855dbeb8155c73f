package search

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"

	"github.com/ikawaha/kagome/v2/tokenizer"
)

// The words of titles, and the file that keeps them between builds.
//
// kagome reads the titles and headings of Japanese pages (see the
// package's documentation). Its dictionary takes 50 MB of memory and a
// quarter of a second of CPU to load, even from furusato's cache
// (dict.go): a third of what the index adds to the build of a site of
// 10,000 pages, and most of it for a small site. So the words kagome
// found in each title and heading are kept in the site's cache folder
// (CacheDir), and a build whose titles and headings are all there does
// not load the dictionary at all. The file holds kagome's words as it
// returned them, before the index chooses and normalizes them, so that
// what furusato does with them may change without the file saying so;
// its name holds the versions of kagome and of its dictionary, which
// decide the words.

// CacheDir is the folder, beside a site's site.yaml, that keeps the words
// of its titles. Deleting it is safe: the next build reads the titles
// again. Builds of sites without a folder of their own (the built-in
// example site) share the search folder of furusato's cache
// (diskfile.CacheDir).
const CacheDir = ".furusato/cache/search"

// wordsFormat is the layout of the file; a change of layout changes it.
const wordsFormat = "furusato title words 1\n"

// sharedWords is how many texts a shared file keeps: the titles of the
// sites that share it, up to this many, after which a build keeps its own.
const sharedWords = 20000

// analysis is what kagome reads in a text, in its search mode and in its
// normal mode.
type analysis struct{ search, normal []string }

// titleEntry is a text's analysis and the words the index takes of it.
type titleEntry struct {
	analysis analysis
	words    []string
	build    atomic.Int64 // the last build that used it (Indexer.build)
}

// wordFile is the file of the words of titles of one site.
type wordFile struct {
	file   string
	shared bool
	ready  chan struct{}       // closed once saved is read
	saved  map[string]analysis // as the file holds them
}

// Prepare gets the words of titles ready for a build that will index
// Japanese pages: it reads the file in dir that keeps them (shared by
// several sites, or one site's own) in the background, or, when there
// is none, starts loading the Japanese dictionary, so that it is ready,
// or nearly, when the first page needs it. dir "" keeps no file.
func (ix *Indexer) Prepare(dir string, shared bool) {
	file := wordsFile(dir)
	if file == "" {
		go ix.dictionary()
		return
	}
	c := &wordFile{file: file, shared: shared, ready: make(chan struct{})}
	ix.titles = c
	go func() {
		saved, err := readWordFile(file)
		c.saved = saved
		close(c.ready)
		if err != nil { // a first build, or other versions: kagome reads every title
			ix.dictionary()
		}
	}()
}

// wordsFile returns the file in dir that keeps the words kagome found
// with the versions of it this binary was built with, or "" when there
// is no folder or the binary does not say its versions (a test).
func wordsFile(dir string) string {
	key := moduleVersions("github.com/ikawaha/kagome/v2", "github.com/ikawaha/kagome-dict", "github.com/ikawaha/kagome-dict/ipa")
	if dir == "" || key == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(wordsFormat + key))
	return filepath.Join(dir, "words-"+hex.EncodeToString(sum[:8])+".bin")
}

// titleWords returns the words of Japanese text, as the morphological
// analyser reads them in its search mode and in its normal mode (which
// keeps compounds such as 北見工業大学 whole), normalized, of three
// characters or more: shorter ones are pairs, indexed anyway.
func (ix *Indexer) titleWords(text string) ([]string, error) {
	if e, ok := ix.words.Load(text); ok {
		e := e.(*titleEntry)
		e.build.Store(ix.build)
		return e.words, nil
	}
	a, ok := ix.titles.lookup(text)
	if !ok {
		kagome, err := ix.dictionary()
		if err != nil {
			return nil, err
		}
		a = analysis{surfaces(kagome.Analyze(text, tokenizer.Search)), surfaces(kagome.Analyze(text, tokenizer.Normal))}
	}
	e := &titleEntry{analysis: a, words: []string{}}
	for _, s := range slices.Concat(a.search, a.normal) {
		w := Normalize(s)
		if runeLen(w) < 3 {
			continue
		}
		all := true
		for _, r := range w {
			all = all && isCJK(r)
		}
		if all && !slices.Contains(e.words, w) {
			e.words = append(e.words, w)
		}
	}
	e.build.Store(ix.build)
	ix.words.Store(text, e)
	return e.words, nil
}

func surfaces(tokens []tokenizer.Token) []string {
	out := make([]string, len(tokens))
	for i, t := range tokens {
		out[i] = t.Surface
	}
	return out
}

// lookup returns the analysis of text that the file holds.
func (c *wordFile) lookup(text string) (analysis, bool) {
	if c == nil {
		return analysis{}, false
	}
	<-c.ready
	a, ok := c.saved[text]
	return a, ok
}

// SaveWords keeps the words of the titles and headings that this build
// indexed in the site's file, when they are not what it holds already,
// and starts the next build with none used. A shared file keeps those of
// other sites too, up to sharedWords texts. The file is only a cache: an
// error leaves the next build to read the titles again.
func (ix *Indexer) SaveWords() error {
	c := ix.titles
	ix.build++
	if c == nil {
		return nil
	}
	<-c.ready
	used := map[string]analysis{}
	ix.words.Range(func(k, v any) bool {
		if e := v.(*titleEntry); e.build.Load() == ix.build-1 {
			used[k.(string)] = e.analysis
		}
		return true
	})
	keep := used
	if c.shared && len(c.saved)+len(used) <= sharedWords {
		keep = make(map[string]analysis, len(c.saved)+len(used))
		maps.Copy(keep, c.saved)
		maps.Copy(keep, used)
	}
	same := len(keep) == len(c.saved)
	for text := range keep {
		if _, ok := c.saved[text]; !ok {
			same = false
			break
		}
	}
	if same {
		return nil // the file holds these texts (and a text's words never change)
	}
	c.saved = keep
	if err := os.MkdirAll(filepath.Dir(c.file), 0o755); err != nil {
		return err
	}
	if err := writeWordFile(c.file, keep); err != nil {
		return err
	}
	removeOthers(c.file, "words-*.bin")
	return nil
}

// The file is the format's line, the CRC-32C of the rest, the number of
// texts, and each text, sorted, with kagome's words in its two modes, as
// dictWriter writes them.

func writeWordFile(file string, words map[string]analysis) error {
	w := newCacheWriter(wordsFormat, 64<<10)
	w.uint32(len(words))
	for _, text := range slices.Sorted(maps.Keys(words)) {
		w.bytes([]byte(text))
		w.strings(words[text].search)
		w.strings(words[text].normal)
	}
	return w.save(file)
}

func readWordFile(file string) (map[string]analysis, error) {
	r, err := readCacheFile(file, wordsFormat)
	if err != nil {
		return nil, err
	}
	n := r.length(12)
	words := make(map[string]analysis, n)
	for range n {
		text := string(r.next(r.length(1)))
		words[text] = analysis{r.strings(), r.strings()}
	}
	if r.bad || len(r.b) != 0 {
		return nil, errCacheFile
	}
	return words, nil
}
