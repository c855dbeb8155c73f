package search

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"ＩｏＴ":         "iot",
		"ｾｰﾌﾛｰﾄﾞ":     "せーふろーど",
		"セーフロードV":     "せーふろーどv",
		"ＫＩＴＡＭＩ　ＢＡＳＥ": "kitami base",
		"カーリング":       "かーりんぐ",
		"北見工業大学":      "北見工業大学",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

// terms returns the terms that one text gives, sorted.
func terms(text string) []string {
	d := newDocTerms(nil)
	d.add(text, weightTitle, true)
	out := slices.Clone(d.terms)
	slices.Sort(out)
	return out
}

func TestTerms(t *testing.T) {
	for text, want := range map[string]string{
		// Pairs, but none where kana meets kanji; the last character.
		"北見の新幹線": "幹線 新幹 線 北見",
		"テレワーク":  "く てれ れわ わー ーく",
		// Stems, and two words of a title as one.
		"Air fare subsidies": "air airfar fare faresubsidi subsidi",
		"organised":          "organ",
		"organized":          "organ",
		"IoT 2026":           "2026 iot",
		"<b> & 🎉":            "b",
	} {
		got := terms(text)
		w := strings.Fields(want)
		slices.Sort(w)
		if !slices.Equal(got, w) {
			t.Errorf("%q: terms %q, want %q", text, got, w)
		}
	}
}

// Two words of a title, a heading or a tag are also one word, so that
// airfare finds the Air fare subsidy; two words of a description or of
// the text are not: their prose gave terms such as companiesthat, a
// tenth of the example site's English index.
func TestJoinedWords(t *testing.T) {
	d := newDocTerms(nil)
	d.page(0)
	if err := d.read(Doc{Lang: "en", Title: "Air fare", Tags: []string{"salmon model"}, Description: "Companies that came", HTML: "<p>Office rent</p>"}); err != nil {
		t.Fatal(err)
	}
	got := slices.Sorted(slices.Values(d.terms))
	want := []string{"air", "airfar", "came", "compani", "fare", "model", "offic", "rent", "salmon", "salmonmodel", "that"}
	if !slices.Equal(got, want) {
		t.Errorf("terms %q, want %q", got, want)
	}
}

// posting returns what the page has of term.
func (d *docTerms) posting(term string) posting {
	if n := slices.Index(d.terms, term); n >= 0 {
		return d.lists[n][len(d.lists[n])-1]
	}
	return posting{}
}

// The masks say where pairs are: 新幹線 in one place has 新幹 and 幹線
// one apart; 新幹部 … 幹線道路 has them elsewhere.
func TestMasks(t *testing.T) {
	d := newDocTerms(nil)
	d.add("新幹線", weightBody, false)
	if a, b := d.posting("新幹").mask, d.posting("幹線").mask; a&(b>>1|b<<(maskBits-1)) == 0 {
		t.Errorf("新幹線: masks %08b %08b do not line up", a, b)
	}
	d = newDocTerms(nil)
	d.add("新幹部が来た。幹線道路", weightBody, false)
	if a, b := d.posting("新幹").mask, d.posting("幹線").mask; a&(b>>1|b<<(maskBits-1)) != 0 {
		t.Errorf("新幹部…幹線道路: masks %08b %08b line up", a, b)
	}
}

// A page's text is read without its markup: the text of elements next to
// each other runs on (Kita<em>mi</em>), blocks end words, and scripts are
// not read.
func TestHTML(t *testing.T) {
	d := newDocTerms(nil)
	d.html(`<h2 id="a">見出し</h2><p>本文の<strong>強調</strong>と &lt;b&gt; です。Kita<em>mi</em></p><script>x()</script><ul><li>one</li><li>two</li></ul><p><a href="/k/">Kaname</a> are <em>two </em> of them</p><p>カー</p><p>リング</p>`)
	got := slices.Sorted(slices.Values(d.terms))
	// 出し, 文の and 調と are where kanji meet kana: no pairs. カー and
	// リング are in two paragraphs: no ーり.
	want := strings.Fields("are b kanam kitami of one them two 見出 し 本文 強調 と です す かー ー りん んぐ ぐ")
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("terms %q, want %q", got, want)
	}
}

func sampleDocs() []Doc {
	return []Doc{
		{URL: "/a/", Title: "北見工業大学との共同研究", Section: "articles", Lang: "ja", Headings: []string{"カーリング"}, HTML: "北見工業大学と企業が新幹線の技術を研究しました。"},
		{URL: "/b/", Title: "航空運賃補助金", Section: "programs", Lang: "ja", HTML: "東京との行き来の航空運賃を補助します。"},
		{URL: "/en/c/", Title: "Curling", Section: "articles", Lang: "en", Other: true, HTML: "Curling stones."},
	}
}

// The same pages give the same bytes, whatever the order of work.
func TestBuildDeterministic(t *testing.T) {
	build := func() []File {
		files, err := new(Indexer).Build(context.Background(), "search/", []Section{{"articles", "お知らせ"}, {"programs", "支援制度"}}, sampleDocs())
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	a := build()
	for range 5 {
		b := build()
		if len(a) != len(b) {
			t.Fatalf("%d files, then %d", len(a), len(b))
		}
		for i := range a {
			if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
				t.Fatalf("%s differs from one build to the next", a[i].Path)
			}
		}
	}
	var meta struct {
		Own int      `json:"own"`
		DS  []int    `json:"ds"`
		T   [][2]any `json:"t"`
	}
	if err := json.Unmarshal(a[len(a)-1].Data, &meta); err != nil || a[len(a)-1].Path != "search/index.json" {
		t.Fatalf("the last file %s is not the index: %v", a[len(a)-1].Path, err)
	}
	if meta.Own != 2 || !slices.Equal(meta.DS, []int{0, 1, 0}) || len(meta.T) == 0 {
		t.Errorf("index.json: %+v", meta)
	}
	all := map[string][]int{}
	for _, f := range a[:len(a)-1] {
		if strings.Contains(f.Path, "/t-") {
			var shard map[string][]int
			if err := json.Unmarshal(f.Data, &shard); err != nil {
				t.Fatal(err)
			}
			for k, v := range shard {
				all[k] = v
			}
		}
	}
	// 北見工業大学, a word of the title (kagome), and curling in both
	// pages that have it.
	if _, ok := all["北見工業大学"]; !ok {
		t.Error("the title's word 北見工業大学 is not a term")
	}
	if got := all["curl"]; len(got) != 2 || got[0] != 2 {
		t.Errorf("curl: %v, want the third page", got)
	}
	if got := all["かー"]; len(got) != 2 || got[0] != 0 {
		t.Errorf("かー (カーリング, folded): %v, want the first page", got)
	}
}

// With Keep, a build takes the terms of the chunks of pages that did not
// change from the last, reads the others, and writes what a new Indexer
// writes.
func TestKeep(t *testing.T) {
	var docs []Doc
	for i := range 40 {
		docs = append(docs, Doc{URL: fmt.Sprintf("/p/%d/", i), Title: fmt.Sprintf("ページ%d", i), Lang: "ja", HTML: benchPage(i)})
	}
	ctx := context.Background()
	ix := &Indexer{Keep: true}
	if _, err := ix.Build(ctx, "search/", nil, docs); err != nil {
		t.Fatal(err)
	}
	before := slices.Clone(ix.kept["search/"])
	docs = slices.Clone(docs)
	docs[3].HTML = "<p>北見の新しい段落</p>"
	got, err := ix.Build(ctx, "search/", nil, docs)
	if err != nil {
		t.Fatal(err)
	}
	want, err := new(Indexer).Build(ctx, "search/", nil, docs)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(got, want, func(a, b File) bool { return a.Path == b.Path && bytes.Equal(a.Data, b.Data) }) {
		t.Error("the index made with the last build's terms differs from one made anew")
	}
	read := 0
	for r, c := range ix.kept["search/"] {
		if c.terms != before[r].terms {
			read++
			if c.first > 3 || 3 >= c.first+len(c.docs) {
				t.Errorf("the chunk of pages %d to %d was read again; only page 3 changed", c.first, c.first+len(c.docs)-1)
			}
		}
	}
	if read != 1 {
		t.Errorf("%d chunks read again, want 1", read)
	}
}

// stemmerCases are words that take each turn of the Snowball English
// algorithm (https://snowballstem.org/algorithms/english/stemmer.html),
// on top of the example site's words, which a small site may not have.
var stemmerCases = []string{
	// Exceptional forms, and words kept as they are.
	"skis", "skies", "sky", "dying", "lying", "tying", "idly", "gently", "ugly",
	"early", "only", "singly", "news", "howe", "atlas", "cosmos", "bias", "andes",
	"inning", "innings", "outing", "outings", "canning", "cannings", "herring",
	"herrings", "earring", "earrings", "proceed", "proceeds", "exceed", "exceeds",
	"succeed", "succeeds", "proceeding", "exceeding", "succeeding",
	// Two letters or fewer are kept.
	"as", "is", "us", "by",
	// R1 after gener, commun and arsen.
	"generous", "generously", "general", "generate", "generation", "communism",
	"community", "communication", "arsenic", "arsenal", "arsenals",
	// y at the start, after a vowel, and at the end.
	"youth", "yearly", "yes", "say", "says", "saying", "boy", "boys", "toy",
	"enjoy", "enjoying", "employee", "cry", "cries", "cried", "by", "happy",
	"happily", "happiness", "subsidy", "subsidies", "skying", "flying", "buy",
	"buying", "sayyid", "ayyubid",
	// Step 1a.
	"caresses", "ponies", "ties", "tied", "cries", "gas", "gaps", "this",
	"kiwis", "bus", "press", "class", "classes", "glasses",
	// Step 1b: -eed, -ed, -ing and the endings after them.
	"agreed", "agreedly", "feed", "feeding", "bleed", "bleeding", "speed",
	"hoped", "hoping", "hopped", "hopping", "plastered", "bled", "motoring",
	"sing", "singing", "luxuriating", "troubled", "sized", "hopefully",
	"filing", "failing", "fizzed", "tanned", "falling", "hissing", "fizzing",
	"conflated", "ringing", "spying", "trying", "exceedingly", "interestingly",
	"markedly", "shed", "red", "bed", "ed", "ing", "ting", "thing", "things",
	"spied", "died", "dies", "lied", "lies",
	// Short words and short syllables.
	"hop", "hope", "trap", "entrap", "ow", "on", "at", "bestow", "disturb",
	"rated", "rating", "ration", "rational", "owing", "axed", "mixed",
	// Steps 2 to 4.
	"relational", "conditional", "rational", "valenci", "hesitanci",
	"digitizer", "conformabli", "radicalli", "differentli", "vileli",
	"analogousli", "vietnamization", "predication", "operator", "feudalism",
	"decisiveness", "hopefulness", "callousness", "formaliti", "sensitiviti",
	"sensibiliti", "archaeology", "geology", "analogi", "fruitfulli",
	"carelessli", "quickly", "really", "fully", "kindly", "gracefully",
	"triplicate", "formative", "formalize", "electriciti", "electrical",
	"hopeful", "goodness", "revival", "allowance", "inference", "airliner",
	"gyroscopic", "adjustable", "defensible", "irritant", "replacement",
	"adjustment", "dependent", "adoption", "adoptions", "communication",
	"homologou", "communism", "activate", "angulariti", "homologous",
	"effective", "bowdlerize", "decision", "union", "onion", "opinion",
	"cement", "element", "elements", "agreement", "argument",
	// Step 5.
	"probate", "rate", "cease", "controll", "roll", "fall", "ill", "bell",
	"create", "estate", "centre", "seize", "revise", "size",
	// -ise folded to -ize first; rise, wise and raised are too short.
	"organise", "organised", "organising", "organisation", "organisations",
	"realise", "realisation", "recognises", "specialisers", "rise", "wise",
	"raised", "revise", "apologise",
}

// TestStemSpec checks the index's stemmer, which TestStemmerAgrees holds
// porter2.js to, on outputs the Snowball description gives or implies.
func TestStemSpec(t *testing.T) {
	for w, want := range map[string]string{
		"skis": "ski", "skies": "sky", "dying": "die", "news": "news", "gently": "gentl",
		"early": "earli", "proceed": "proceed", "proceeds": "proceed", "innings": "inning",
		"succeeding": "succeed", "generously": "generous", "generate": "generat",
		"communism": "communism", "arsenal": "arsenal", "cries": "cri", "ties": "tie",
		"caresses": "caress", "kiwis": "kiwi", "gas": "gas", "gaps": "gap", "agreed": "agre",
		"feed": "feed", "hopping": "hop", "hoping": "hope", "luxuriating": "luxuri",
		"yearly": "year", "saying": "say", "by": "by", "fizzed": "fizz", "sized": "size",
		"controll": "control", "bowdlerize": "bowdler", "cement": "cement", "onion": "onion",
		"adoption": "adopt", "replacement": "replac", "triplicate": "triplic",
		"organisations": "organ", "organised": "organ", "raised": "rais",
	} {
		if got := Stem(w); got != want {
			t.Errorf("Stem(%q) = %q, want %q", w, got, want)
		}
	}
}

// static/js/porter2.js stems as the index does, on the English words of
// the example site and on stemmerCases.
func TestStemmerAgrees(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("skipping: Node.js is missing; install it with: apt-get install -y nodejs")
	}
	var words []string
	seen := map[string]bool{}
	err = filepath.WalkDir("../../content", func(p string, d os.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".en.md") {
			return err
		}
		data, err := os.ReadFile(p)
		for _, w := range strings.FieldsFunc(Normalize(string(data)), func(r rune) bool { return kind(r) != word }) {
			if letters(w) && !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	words = append(words, stemmerCases...)
	script, _ := filepath.Abs("../../static/js/porter2.js")
	prog := `global.window = {}; require(process.argv[1]);
require("fs").readFileSync(0, "utf8").split("\n").filter(Boolean).forEach(w => console.log(window.furusatoStem(w)));`
	cmd := exec.Command(node, "-e", prog, script)
	cmd.Stdin = strings.NewReader(strings.Join(words, "\n"))
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Fields(string(out))
	if len(got) != len(words) {
		t.Fatalf("node stemmed %d words of %d", len(got), len(words))
	}
	bad := 0
	for i, w := range words {
		if want := Stem(w); got[i] != want {
			bad++
			t.Errorf("%s: porter2.js %q, index %q", w, got[i], want)
		}
	}
	t.Logf("%d words compared", len(words))
}

// TestFastPaths checks the shortcuts of the character classes against
// the Unicode tables, for every character.
func TestFastPaths(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		slowCJK := r == 'ー' || r == '々' || r == '〆' || r == 'ゝ' || r == 'ゞ' || r == 'ヽ' || r == 'ヾ' ||
			r >= 0x2e80 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
		if isCJK(r) != slowCJK {
			t.Fatalf("isCJK(%U) = %v", r, !slowCJK)
		}
		if slow := !slowCJK && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)); isWord(r) != slow {
			t.Fatalf("isWord(%U) = %v", r, !slow)
		}
		want := between
		if slowCJK {
			want = cjk
		} else if isWord(r) {
			want = word
		}
		if kind(r) != want {
			t.Fatalf("kind(%U) = %d, want %d", r, kind(r), want)
		}
		if s := string(r); utf8.ValidRune(r) && Normalize(s) != strings.Map(foldKana, strings.ToLower(norm.NFKC.String(s))) {
			t.Fatalf("Normalize(%q) = %q", s, Normalize(s))
		}
		if f, k, n := fast([]byte(string(r))); n > 0 && k != kind(f) {
			t.Fatalf("fast(%U) = %U of kind %d, want %d", r, f, k, kind(f))
		}
	}
}

// mixedChars mix the characters that Normalize and reading a text
// normalize themselves with ones that NFKC composes with their neighbours
// (combining marks, half-width kana).
var mixedChars = []rune("aZ9 -（）：ＩｏＴｶﾞﾊﾟか\u3099は\u309aカ\u3099ヷヸヴーｰ・、。「」【】々〆〇\u3000北見𠮟é\u0301ﾞﾟ①㈱ｧ’—")

// randomTexts calls f with n texts of up to 9 of mixedChars.
func randomTexts(seed uint64, n int, f func(string)) {
	rng := rand.New(rand.NewPCG(seed, seed+1))
	for range n {
		var b strings.Builder
		for range rng.IntN(10) {
			b.WriteRune(mixedChars[rng.IntN(len(mixedChars))])
		}
		f(b.String())
	}
}

// TestNormalizeTexts checks Normalize's one pass against NFKC and folding.
func TestNormalizeTexts(t *testing.T) {
	randomTexts(1, 100_000, func(s string) {
		if got, want := Normalize(s), strings.Map(lowerFold, norm.NFKC.String(s)); got != want {
			t.Fatalf("Normalize(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestReadNormalizes checks that reading a text normalizes it as
// Normalize does, NFKC (which may compose a character with the one
// before) included: the text and its normalized form give the same
// terms, at the same places.
func TestReadNormalizes(t *testing.T) {
	randomTexts(3, 50_000, func(s string) {
		raw, normal := newDocTerms(nil), newDocTerms(nil)
		raw.add(s, weightBody, true)
		normal.add(Normalize(s), weightBody, true)
		if !slices.Equal(raw.terms, normal.terms) || !slices.EqualFunc(raw.lists, normal.lists, slices.Equal) || raw.pos != normal.pos {
			t.Fatalf("%q: terms %q %v, normalized first %q %v", s, raw.terms, raw.lists, normal.terms, normal.lists)
		}
	})
}

// TestCompareUTF16 checks the order of terms against JavaScript's: by
// UTF-16 code units, where 𠮟 (U+20B9F) comes before ｱ (U+FF71).
func TestCompareUTF16(t *testing.T) {
	chars := []rune{'a', 'b', 'z', 'é', 'あ', '北', 0xd7ff, 0xe000, 0xff71, 0xffff, 0x10000, 0x20b9f, 0x1f600}
	var words []string
	for _, a := range chars {
		words = append(words, string(a))
		for _, b := range chars {
			words = append(words, string([]rune{a, b}))
		}
	}
	for _, a := range words {
		for _, b := range words {
			want := slices.Compare(utf16.Encode([]rune(a)), utf16.Encode([]rune(b)))
			if got := compareUTF16(a, b); got != want {
				t.Fatalf("compareUTF16(%q, %q) = %d, want %d", a, b, got, want)
			}
		}
	}
}
