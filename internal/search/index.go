package search

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/ikawaha/kagome/v2/tokenizer"
	"golang.org/x/text/unicode/norm"

	"github.com/furusato/furusato/internal/parallel"
)

// Doc is one page to index, in the index's language or, with Other, a
// page that exists only in another language.
type Doc struct {
	URL         string
	Title       string
	Section     string // the section's name in site.yaml, "" for a page in none
	Lang        string // the page's language code
	Other       bool   // a page of another language, listed after the index's own
	Headings    []string
	Tags        []string
	Description string
	HTML        string // the page's text as HTML, as its Markdown renders it
}

// Weights of where a term is found: a term of the title counts as many
// times the same term in the body.
const (
	weightTitle   = 16
	weightHeading = 4
	weightMeta    = 2 // tags and the description
	weightBody    = 1
	maxScore      = 99
)

// maskBits is the width of a posting's position mask: bit p mod 8 is
// set for each position p of the term in the page. A query of three
// characters or more matches a page only where its pairs are next to each
// other in one of the page's positions modulo 8.
const maskBits = 8

// Sizes that shards and chunks of pages are cut at, in bytes of JSON.
const (
	shardSize = 32 << 10
	chunkSize = 16 << 10
)

// Section is a section of the site, for the filters of the search page.
type Section struct {
	Name  string // in site.yaml: companies
	Title string // in the index's language: 企業
}

// File is one file of an index.
type File struct {
	Path string // from the output root: search/ja/index.json
	Data []byte
	// Meta: the language's index.json, which names the others; the
	// others have a hash of their content in their name and never change.
	Meta bool
}

// Indexer writes the indexes of a site; it loads the Japanese
// dictionary once, the first time a Japanese page needs it, and may be
// used for one build after another.
type Indexer struct {
	once   sync.Once
	kagome *tokenizer.Tokenizer
	err    error
	// The stems of words and the words of titles (*titleEntry), as
	// found: the same words come back page after page, and build after
	// build in serve.
	stems, words sync.Map
	titles       *wordFile // the file that keeps the words of titles, or nil
	build        int64     // the builds done, for the words of titles they used

	// Keep keeps the terms of the pages each build reads, for the next
	// build to take those of pages that did not change instead of
	// reading them again (the dev server's builds: one page edited on
	// the 10,000-page site, and the index is made again in a quarter to
	// a third of the time).
	Keep bool
	mu   sync.Mutex
	kept map[string][]keptChunk // by the index's folder: its pages' chunks in the last build
}

// keptChunk is a worker's share of the pages of an index, docs[first:]
// of all, and their terms, numbered as in all.
type keptChunk struct {
	first int
	docs  []Doc
	terms *docTerms
}

// dictionary returns the morphological analyser with its dictionary,
// loaded once.
func (ix *Indexer) dictionary() (*tokenizer.Tokenizer, error) {
	ix.once.Do(func() {
		ix.kagome, ix.err = tokenizer.New(japaneseDictionary(), tokenizer.OmitBosEos())
		if ix.err != nil {
			ix.err = fmt.Errorf("japanese dictionary: %w", ix.err)
		}
	})
	return ix.kagome, ix.err
}

// Japanese tells a language code whose pages the index reads with the
// Japanese dictionary.
func Japanese(code string) bool { return code == "ja" }

// stem is Stem, remembered.
func (ix *Indexer) stem(w string) string {
	if ix == nil {
		return Stem(w)
	}
	if s, ok := ix.stems.Load(w); ok {
		return s.(string)
	}
	s := Stem(w)
	ix.stems.Store(strings.Clone(w), s)
	return s
}

type posting struct {
	doc   int32 // in the index's list of pages
	score uint8 // up to maxScore
	mask  uint8
}

// docTerms collects the terms of pages, one page after another: a
// worker's share of the pages. Each term has a number, found from the
// text as written (a pair of characters, or a word before its stem) with
// one lookup; its postings are a list by number, whose last posting is
// the page being read once the page has the term.
//
// It reads a text in one pass as it comes, piece by piece (the text
// between the tags of a page's HTML), normalizing each character and
// finding the terms at once, without a copy of the text. A run of
// Japanese characters or a word may go on from one piece to the next:
// "Kita<em>mi</em>" is one word.
type docTerms struct {
	ix      *Indexer         // for its stems; nil in tests
	pairs   map[uint64]int32 // the characters of a pair (the second 0 for a last character) → its term's number
	ids     map[string]int32 // a word as written, a word of a title → its term's number
	stemmed map[string]int32 // a stem → its term's number: words of one stem share it
	terms   []string         // by number
	lists   [][]posting      // by number: the postings of the term, in the order of pages
	doc     int32            // the page being read
	pos     int              // the position of the next character: runs and fields are apart

	// The text being read: its weight, and whether two words of it
	// apart by spaces or hyphens are also one (see add).
	weight int
	join   bool
	// The run being read: its kind (between when none), the word so
	// far, or the count of its Japanese characters and the last of them.
	run  int
	word []byte
	n    int
	prev rune
	// With join, the word before, and whether it may join the next: a
	// word of letters with only spaces and hyphens after it so far.
	last   []byte
	lastOK bool
	in     []byte // a page's HTML, followed by the NUL that the lexer needs
}

func newDocTerms(ix *Indexer) *docTerms {
	return &docTerms{ix: ix, pairs: map[uint64]int32{}, ids: map[string]int32{}, stemmed: map[string]int32{}}
}

// newTerm numbers a term the worker has not seen before.
func (d *docTerms) newTerm(term string) int32 {
	d.terms = append(d.terms, term)
	d.lists = append(d.lists, nil)
	return int32(len(d.terms) - 1)
}

// pair is the number of a pair of characters a, b of Japanese text,
// or of a last character a (b 0), which are their own terms.
func (d *docTerms) pair(a, b rune) int32 {
	k := uint64(a)<<32 | uint64(b)
	if n, ok := d.pairs[k]; ok {
		return n
	}
	t := utf8.AppendRune(make([]byte, 0, 2*utf8.UTFMax), a)
	if b != 0 {
		t = utf8.AppendRune(t, b)
	}
	n := d.newTerm(string(t))
	d.pairs[k] = n
	return n
}

// titleWord is the number of a word of a title, its own term.
func (d *docTerms) titleWord(w string) int32 {
	if n, ok := d.ids[w]; ok {
		return n
	}
	n := d.newTerm(w)
	d.ids[w] = n
	return n
}

// wordTerm is the number of the term of a spaced word: its stem.
func (d *docTerms) wordTerm(w []byte) int32 {
	if n, ok := d.ids[string(w)]; ok {
		return n
	}
	s := d.ix.stem(string(w))
	n, ok := d.stemmed[s]
	if !ok {
		n = d.newTerm(s)
		d.stemmed[s] = n
	}
	d.ids[string(w)] = n
	return n
}

// page starts reading the page docs[doc].
func (d *docTerms) page(doc int) { d.doc, d.pos = int32(doc), 0 }

func (d *docTerms) put(n int32, weight, pos int) {
	l := d.lists[n]
	if len(l) == 0 || l[len(l)-1].doc != d.doc {
		l = append(l, posting{doc: d.doc})
		d.lists[n] = l
	}
	p := &l[len(l)-1]
	p.score = uint8(min(int(p.score)+weight, maxScore))
	if pos >= 0 {
		p.mask |= 1 << (pos % maskBits)
	}
}

// read collects the terms of one page.
func (d *docTerms) read(doc Doc) error {
	d.add(doc.Title, weightTitle, true)
	for _, h := range doc.Headings {
		d.add(h, weightHeading, true)
	}
	for _, t := range doc.Tags {
		d.add(t, weightMeta, true)
	}
	d.add(doc.Description, weightMeta, false)
	d.html(doc.HTML)
	// Whole words of the title and headings, so that a query that is
	// one of them ranks the page first.
	return d.ix.eachTitleWord(doc, func(w string) { d.put(d.titleWord(w), weightHeading, -1) })
}

// eachTitleWord calls f with each word of the title and headings of a
// Japanese page, as the morphological analyser cuts them.
func (ix *Indexer) eachTitleWord(doc Doc, f func(w string)) error {
	if !Japanese(doc.Lang) {
		return nil
	}
	for _, t := range append([]string{doc.Title}, doc.Headings...) {
		ws, err := ix.titleWords(t)
		if err != nil {
			return err
		}
		for _, w := range ws {
			f(w)
		}
	}
	return nil
}

// add indexes a text: each run of CJK characters as its pairs of
// characters and its last character (so that a query of one character
// finds it by prefix), each word as its stem.
//
// With join (titles, headings and tags), two words apart only by a space
// or a hyphen are also indexed as one word, so that airfare finds the Air
// fare subsidy. Not in descriptions and the text: their prose would give
// terms no one types (companiesthat), a tenth of an English index in
// descriptions alone, a fifth in the text.
func (d *docTerms) add(text string, weight int, join bool) {
	d.start(weight, join)
	d.feed([]byte(text))
	d.end()
}

// start starts reading a text of the page.
func (d *docTerms) start(weight int, join bool) {
	d.weight, d.join, d.run, d.lastOK = weight, join, between, false
}

// end ends the text: the next is apart from it.
func (d *docTerms) end() {
	d.endRun()
	d.pos += 2
}

// feed reads a piece of the text, normalized as Normalize does as it
// goes: each character is held back until the next is known not to
// compose with it, for NFKC to normalize the rest of the piece from it
// when it might.
func (d *docTerms) feed(s []byte) {
	held, hr, hk := -1, rune(0), 0 // the start in s of the character held back, as normalized, and its kind
	for i := 0; i < len(s); {
		r, k, n := fast(s[i:])
		if n == 0 {
			if held >= 0 {
				i = held
			}
			for _, r := range string(norm.NFKC.Bytes(s[i:])) {
				r = lowerFold(r)
				d.char(r, kind(r))
			}
			return
		}
		if held >= 0 {
			d.char(hr, hk)
		}
		held, hr, hk = i, r, k
		i += n
	}
	if held >= 0 {
		d.char(hr, hk)
	}
}

// char reads the next character of a text, normalized, of kind k.
func (d *docTerms) char(r rune, k int) {
	if k != d.run {
		d.endRun()
		d.run = k
	}
	switch k {
	case word:
		d.word = utf8.AppendRune(d.word, r)
	case cjk:
		if d.n > 0 && Pair(d.prev, r) {
			d.put(d.pair(d.prev, r), d.weight, d.pos+d.n-1)
		}
		d.prev = r
		d.n++
	default:
		if r != ' ' && r != '-' {
			d.lastOK = false
		}
	}
}

// endRun ends the run being read, if any: a word, or a run of Japanese
// characters, whose last character is a term too.
func (d *docTerms) endRun() {
	switch d.run {
	case word:
		d.put(d.wordTerm(d.word), d.weight, -1)
		if d.join {
			ok := letters(string(d.word))
			if ok && d.lastOK {
				d.last = append(d.last, d.word...)
				d.put(d.wordTerm(d.last), d.weight, -1)
			}
			d.last, d.lastOK = append(d.last[:0], d.word...), ok
		}
		d.word = d.word[:0]
		d.pos += 2
	case cjk:
		d.put(d.pair(d.prev, 0), d.weight, d.pos+d.n-1)
		d.pos += d.n + 2
		d.n, d.lastOK = 0, false
	}
	d.run = between
}

// postings reads the terms of docs, shared out to workers in chunks of
// pages that follow each other, and returns each chunk's terms and
// postings, and the terms of all, sorted as the index lists them, each
// with its number in each chunk (-1 where the chunk lacks it). A term's
// postings are, in the order of docs, those of each chunk in turn: they
// need neither joining nor sorting.
//
// With Keep, a chunk whose pages are those of the same chunk of the last
// build of the index in dir, unchanged, is taken as it was read.
func (ix *Indexer) postings(ctx context.Context, dir string, docs []Doc) (parts []*docTerms, terms []sortedTerm, err error) {
	chunks := min(len(docs), 4*runtime.GOMAXPROCS(0)) // a few per core, to share the work evenly
	var last []keptChunk
	if ix.Keep {
		ix.mu.Lock()
		last = ix.kept[dir]
		ix.mu.Unlock()
	}
	kept := make([]keptChunk, chunks)
	parts = make([]*docTerms, chunks)
	errs := make([]error, chunks)
	err = parallel.Each(ctx, chunks, func(r int) {
		first := r * len(docs) / chunks
		mine := docs[first : (r+1)*len(docs)/chunks]
		kept[r].first, kept[r].docs = first, mine
		if len(last) == chunks && last[r].first == first && slices.EqualFunc(last[r].docs, mine, sameDoc) {
			errs[r] = ix.reuse(mine)
			parts[r], kept[r].terms = last[r].terms, last[r].terms
			return
		}
		d := newDocTerms(ix)
		for i := range mine {
			if ctx.Err() != nil {
				return
			}
			d.page(first + i)
			if errs[r] = d.read(mine[i]); errs[r] != nil {
				return
			}
		}
		parts[r], kept[r].terms = d, d
	})
	if err := cmp.Or(append(errs, err, ctx.Err())...); err != nil {
		return nil, nil, err
	}
	if ix.Keep {
		ix.mu.Lock()
		if ix.kept == nil {
			ix.kept = map[string][]keptChunk{}
		}
		ix.kept[dir] = kept
		ix.mu.Unlock()
	}
	number := map[string]int{}
	for r, part := range parts {
		for n, t := range part.terms {
			g, ok := number[t]
			if !ok {
				g = len(terms)
				number[t] = g
				terms = append(terms, sortedTerm{t, slices.Repeat([]int32{-1}, chunks)})
			}
			terms[g].in[r] = int32(n)
		}
	}
	slices.SortFunc(terms, func(a, b sortedTerm) int { return compareUTF16(a.term, b.term) })
	return parts, terms, nil
}

// sameDoc tells two pages that give the same terms.
func sameDoc(a, b Doc) bool {
	return a.URL == b.URL && a.Title == b.Title && a.Section == b.Section && a.Lang == b.Lang && a.Other == b.Other &&
		a.Description == b.Description && a.HTML == b.HTML && slices.Equal(a.Headings, b.Headings) && slices.Equal(a.Tags, b.Tags)
}

// reuse notes that a build uses the words of the titles of docs, whose
// terms it takes from the last build, so that SaveWords keeps them.
func (ix *Indexer) reuse(docs []Doc) error {
	for _, doc := range docs {
		if err := ix.eachTitleWord(doc, func(string) {}); err != nil {
			return err
		}
	}
	return nil
}

// sortedTerm is a term of the index, with its number in each worker's
// docTerms.
type sortedTerm struct {
	term string
	in   []int32
}

// Build writes the index of one language into dir (search/ja/): its
// index.json, the shards of terms and the chunks of pages. docs are in
// the order the results list them when they score the same.
//
// sections are the site's sections, in order, for the search page's
// filters: each page's section is written as its index in sections.
func (ix *Indexer) Build(ctx context.Context, dir string, sections []Section, docs []Doc) ([]File, error) {
	parts, terms, err := ix.postings(ctx, dir, docs)
	if err != nil {
		return nil, err
	}

	var files []File
	type part struct {
		first any
		file  string
	}
	var shards, chunks []part
	var buf bytes.Buffer
	keep := func(prefix string) string {
		name := prefix + hash(buf.Bytes()) + ".json"
		files = append(files, File{Path: dir + name, Data: bytes.Clone(buf.Bytes())})
		buf.Reset()
		return name
	}
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	writeString := func(s string) {
		_ = enc.Encode(s)           // a string always encodes
		buf.Truncate(buf.Len() - 1) // the encoder's newline
	}
	var num []byte
	writeInt := func(n int) {
		num = strconv.AppendInt(num[:0], int64(n), 10)
		buf.Write(num)
	}
	first := ""
	flush := func(list *[]part, prefix string, key any) {
		buf.WriteByte('}')
		if (*list) != nil || buf.Len() > 2 {
			*list = append(*list, part{key, keep(prefix)})
		}
		buf.Reset() // an empty shard
	}
	for _, t := range terms {
		if buf.Len() == 0 {
			buf.WriteByte('{')
			first = t.term
		} else {
			buf.WriteByte(',')
		}
		writeString(t.term)
		buf.WriteString(":[")
		last, n := int32(0), 0
		c, _ := utf8.DecodeRuneInString(t.term)
		cjkTerm := isCJK(c)
		for r, part := range parts {
			if t.in[r] < 0 {
				continue
			}
			for _, p := range part.lists[t.in[r]] {
				if n++; n > 1 {
					buf.WriteByte(',')
				}
				writeInt(int(p.doc - last))
				buf.WriteByte(',')
				v := int(p.score)
				if cjkTerm {
					v = v<<maskBits | int(p.mask)
				}
				writeInt(v)
				last = p.doc
			}
		}
		buf.WriteByte(']')
		if buf.Len() >= shardSize {
			flush(&shards, "t-", first)
		}
	}
	if buf.Len() > 0 {
		flush(&shards, "t-", first)
	}
	// Pages, in chunks: a result's title, URL and section. Not its text:
	// the search page cuts a result's excerpt out of the page itself.
	start := 0
	for i, doc := range docs {
		if buf.Len() == 0 {
			buf.WriteByte('[')
			start = i
		} else {
			buf.WriteByte(',')
		}
		buf.WriteString(`{"u":`)
		writeString(doc.URL)
		buf.WriteString(`,"t":`)
		writeString(doc.Title)
		buf.WriteString(`,"s":`)
		writeString(doc.Section)
		if doc.Other {
			buf.WriteString(`,"l":`)
			writeString(doc.Lang)
		}
		buf.WriteByte('}')
		if buf.Len() >= chunkSize || i == len(docs)-1 {
			buf.WriteByte(']')
			chunks = append(chunks, part{start, keep("d-")})
		}
	}
	meta := struct {
		Version  int      `json:"v"`
		Docs     int      `json:"n"`
		Own      int      `json:"own"` // pages of the index's language, listed first
		Mask     int      `json:"mask"`
		Sections []string `json:"sections"`
		Titles   []string `json:"titles"`
		DocSec   []int    `json:"ds"` // each page's section, an index of Sections, or -1
		Shards   [][2]any `json:"t"`
		Chunks   [][2]any `json:"d"`
	}{Version: 2, Docs: len(docs), Mask: maskBits, Sections: []string{}, Titles: []string{}, DocSec: []int{}, Shards: [][2]any{}, Chunks: [][2]any{}}
	for _, s := range sections {
		meta.Sections = append(meta.Sections, s.Name)
		meta.Titles = append(meta.Titles, s.Title)
	}
	for _, d := range docs {
		if !d.Other {
			meta.Own++
		}
		meta.DocSec = append(meta.DocSec, slices.Index(meta.Sections, d.Section))
	}
	for _, s := range shards {
		meta.Shards = append(meta.Shards, [2]any{s.first, s.file})
	}
	for _, c := range chunks {
		meta.Chunks = append(meta.Chunks, [2]any{c.first, c.file})
	}
	data, err := json.Marshal(meta)
	if err != nil {
		return nil, err
	}
	files = append(files, File{Path: dir + "index.json", Data: data, Meta: true})
	return files, nil
}

// compareUTF16 orders terms as JavaScript compares strings, by UTF-16
// code units, so that the client can find a term's shard by bisection.
//
// It compares character by character, without encoding: UTF-16 orders
// characters as their code points but for those beyond U+FFFF, whose
// first unit (a surrogate, 0xD800–0xDBFF) comes before U+E000–U+FFFF.
func compareUTF16(a, b string) int {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			if c := cmp.Compare(firstUnit(ra), firstUnit(rb)); c != 0 {
				return c
			}
			return cmp.Compare(ra, rb)
		}
		a, b = a[na:], b[nb:]
	}
	return cmp.Compare(len(a), len(b))
}

// firstUnit is the first UTF-16 code unit of a character.
func firstUnit(r rune) rune {
	if r > 0xffff {
		return 0xd800 + (r-0x10000)>>10
	}
	return r
}

func hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:4])
}
