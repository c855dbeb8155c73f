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
	Body        string // the text of the page, as Text reads it from its HTML
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
	// excerptLen caps the text kept of each page for excerpts.
	excerptLen = 600
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
	// The stems of words and the words of titles, as found: the same
	// words come back page after page, and stemming is most of the
	// index's work.
	stems, words sync.Map
}

// Prepare starts loading the Japanese dictionary in the background, for
// a build that will index Japanese pages: it is ready, or nearly, when
// the first page needs it.
func (ix *Indexer) Prepare() { go ix.dictionary() }

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

// words returns the words of Japanese text, as the morphological analyser
// reads them in its search mode and in its normal mode (which keeps
// compounds such as 北見工業大学 whole), normalized, of three characters
// or more: shorter ones are pairs, indexed anyway.
func (ix *Indexer) titleWords(text string) ([]string, error) {
	if ws, ok := ix.words.Load(text); ok {
		return ws.([]string), nil
	}
	kagome, err := ix.dictionary()
	if err != nil {
		return nil, err
	}
	out := []string{}
	for _, mode := range []tokenizer.TokenizeMode{tokenizer.Search, tokenizer.Normal} {
		for _, t := range kagome.Analyze(text, mode) {
			w := Normalize(t.Surface)
			if runeLen(w) < 3 {
				continue
			}
			all := true
			for _, r := range w {
				all = all && isCJK(r)
			}
			if all && !slices.Contains(out, w) {
				out = append(out, w)
			}
		}
	}
	ix.words.Store(text, out)
	return out, nil
}

type posting struct {
	doc   int32 // in the index's list of pages
	score int32
	mask  uint8
}

// docTerms collects the terms of one page. A worker uses one for page
// after page: reset empties it and keeps its memory.
type docTerms struct {
	ix    *Indexer          // for its stems; nil in tests
	stems map[string]string // the stems this worker has looked up, before ix's
	terms map[string]int    // term → its posting in list
	keys  []string          // the terms, in the order found
	list  []posting
	pos   int // the position of the next character: runs and fields are apart
}

func newDocTerms(ix *Indexer) *docTerms {
	return &docTerms{ix: ix, stems: map[string]string{}, terms: map[string]int{}}
}

// stem is ix.stem, looked up first in the worker's own map, which
// needs no synchronization.
func (d *docTerms) stem(w string) string {
	if s, ok := d.stems[w]; ok {
		return s
	}
	s := d.ix.stem(w)
	d.stems[strings.Clone(w)] = s
	return s
}

func (d *docTerms) reset() {
	clear(d.terms)
	d.keys, d.list, d.pos = d.keys[:0], d.list[:0], 0
}

func (d *docTerms) put(term string, weight, pos int) {
	i, ok := d.terms[term]
	if !ok {
		i = len(d.list)
		d.terms[term] = i
		d.keys = append(d.keys, term)
		d.list = append(d.list, posting{})
	}
	p := &d.list[i]
	p.score += int32(weight)
	if pos >= 0 {
		p.mask |= 1 << (pos % maskBits)
	}
}

// doc collects the terms of one page.
func (d *docTerms) doc(doc Doc) error {
	d.add(doc.Title, weightTitle)
	for _, h := range doc.Headings {
		d.add(h, weightHeading)
	}
	for _, t := range doc.Tags {
		d.add(t, weightMeta)
	}
	d.add(doc.Description, weightMeta)
	d.add(doc.Body, weightBody)
	if Japanese(doc.Lang) {
		// Whole words of the title and headings, so that a query that
		// is one of them ranks the page first.
		for _, text := range append([]string{doc.Title}, doc.Headings...) {
			ws, err := d.ix.titleWords(text)
			if err != nil {
				return err
			}
			for _, w := range ws {
				d.put(w, weightHeading, -1)
			}
		}
	}
	return nil
}

// add indexes a text: each run of CJK characters as its pairs of
// characters and its last character (so that a query of one character
// finds it by prefix), each word as its stem.
//
// In titles, headings, tags and descriptions, two words apart only by a
// space or a hyphen are also indexed as one word, so that airfare finds
// the Air fare subsidy (in the text too, it would cost a fifth of the
// index).
func (d *docTerms) add(text string, weight int) {
	text = Normalize(text)
	prev := run{end: -1}
	runs(text, func(r run) {
		if !r.cjk {
			d.put(d.stem(r.text), weight, -1)
			if weight > weightBody && !prev.cjk && prev.end >= 0 && letters(prev.text) && letters(r.text) && strings.Trim(text[prev.end:r.start], " -") == "" {
				d.put(d.stem(prev.text+r.text), weight, -1)
			}
			prev = r
			d.pos += 2
			return
		}
		prev = r
		// Pairs are substrings of the text: no copies.
		n, last, prev := 0, 0, rune(0)
		for j, c := range r.text {
			if n > 0 && Pair(prev, c) {
				d.put(r.text[last:j+utf8.RuneLen(c)], weight, d.pos+n-1)
			}
			n, last, prev = n+1, j, c
		}
		d.put(r.text[last:], weight, d.pos+n-1)
		d.pos += n + 2
	})
	d.pos += 2
}

// postings reads the terms of docs, and returns their postings in
// chunks of pages that follow each other, and the terms, sorted as the
// index lists them. A term's postings are, in the order of docs, those
// of each chunk in turn: chunks are shared out to workers, and need
// neither joining nor sorting.
func (ix *Indexer) postings(ctx context.Context, docs []Doc) ([]map[string][]posting, []string, error) {
	chunks := min(len(docs), 4*runtime.GOMAXPROCS(0)) // a few per core, to share the work evenly
	parts := make([]map[string][]posting, chunks)
	errs := make([]error, chunks)
	err := parallel.Each(ctx, chunks, func(r int) {
		d := newDocTerms(ix)
		part := map[string][]posting{}
		for i := r * len(docs) / chunks; i < (r+1)*len(docs)/chunks && ctx.Err() == nil; i++ {
			d.reset()
			if errs[r] = d.doc(docs[i]); errs[r] != nil {
				return
			}
			for k, t := range d.keys {
				p := d.list[k]
				p.doc = int32(i)
				list, ok := part[t]
				if !ok {
					t = strings.Clone(t) // not to keep the page's text
				}
				part[t] = append(list, p)
			}
		}
		parts[r] = part
	})
	if err := cmp.Or(append(errs, err, ctx.Err())...); err != nil {
		return nil, nil, err
	}
	seen := map[string]bool{}
	var terms []string
	for _, part := range parts {
		for t := range part {
			if !seen[t] {
				seen[t] = true
				terms = append(terms, t)
			}
		}
	}
	slices.SortFunc(terms, compareUTF16)
	return parts, terms, nil
}

// Build writes the index of one language into dir (search/ja/): its
// index.json, the shards of terms and the chunks of pages. docs are in
// the order the results list them when they score the same.
//
// sections are the site's sections, in order, for the search page's
// filters: each page's section is written as its index in sections.
func (ix *Indexer) Build(ctx context.Context, dir string, sections []Section, docs []Doc) ([]File, error) {
	postings, terms, err := ix.postings(ctx, docs)
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
	first := ""
	flush := func(list *[]part, prefix string, key any) {
		buf.WriteByte('}')
		if (*list) != nil || buf.Len() > 2 {
			name := prefix + hash(buf.Bytes()) + ".json"
			files = append(files, File{Path: dir + name, Data: bytes.Clone(buf.Bytes())})
			*list = append(*list, part{key, name})
		}
		buf.Reset()
	}
	for _, t := range terms {
		if buf.Len() == 0 {
			buf.WriteByte('{')
			first = t
		} else {
			buf.WriteByte(',')
		}
		writeString(&buf, t)
		buf.WriteString(":[")
		last, n := int32(0), 0
		r, _ := utf8.DecodeRuneInString(t)
		cjkTerm := isCJK(r)
		for _, part := range postings {
			for _, p := range part[t] {
				if n++; n > 1 {
					buf.WriteByte(',')
				}
				buf.WriteString(strconv.Itoa(int(p.doc - last)))
				buf.WriteByte(',')
				v := min(int(p.score), maxScore)
				if cjkTerm {
					v = v<<maskBits | int(p.mask)
				}
				buf.WriteString(strconv.Itoa(v))
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
	// Pages, in chunks: a result's title, URL, section and the start of
	// its text for the excerpt.
	start := 0
	for i, doc := range docs {
		if buf.Len() == 0 {
			buf.WriteByte('[')
			start = i
		} else {
			buf.WriteByte(',')
		}
		buf.WriteString(`{"u":`)
		writeString(&buf, doc.URL)
		buf.WriteString(`,"t":`)
		writeString(&buf, doc.Title)
		buf.WriteString(`,"s":`)
		writeString(&buf, doc.Section)
		if doc.Other {
			buf.WriteString(`,"l":`)
			writeString(&buf, doc.Lang)
		}
		buf.WriteString(`,"x":`)
		writeString(&buf, excerptText(doc.Body))
		buf.WriteByte('}')
		if buf.Len() >= chunkSize || i == len(docs)-1 {
			buf.WriteByte(']')
			name := "d-" + hash(buf.Bytes()) + ".json"
			files = append(files, File{Path: dir + name, Data: bytes.Clone(buf.Bytes())})
			chunks = append(chunks, part{start, name})
			buf.Reset()
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
	}{Version: 1, Docs: len(docs), Mask: maskBits, Sections: []string{}, Titles: []string{}, DocSec: []int{}, Shards: [][2]any{}, Chunks: [][2]any{}}
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

// excerptText is the start of a page's text, kept for excerpts.
func excerptText(s string) string {
	n := 0
	for i := range s {
		if n == excerptLen {
			return s[:i]
		}
		n++
	}
	return s
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

func writeString(buf *bytes.Buffer, s string) {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)           // a string always encodes
	buf.Truncate(buf.Len() - 1) // the encoder's newline
}
