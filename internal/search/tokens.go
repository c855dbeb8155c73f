package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"golang.org/x/text/unicode/norm"
)

// Normalize is what both the index and the query see of a text: NFKC
// (full-width ＩｏＴ is IoT, half-width ｾｰﾌ is セーフ), lower case, and
// katakana folded to hiragana. static/js/search.js does the same with
// String.prototype.normalize("NFKC"), toLowerCase and the same kana
// table, so that a query is split exactly as the index was.
func Normalize(s string) string {
	// Most characters of a page are ones that NFKC leaves as they are or
	// maps alone (ASCII, kana, common kanji, full-width ASCII and the
	// ideographic space): one pass does them, copying the stretches that
	// stay as they are whole, and s itself when all do. Any other
	// character, which NFKC may compose with its neighbours, sends the
	// whole text through NFKC.
	var b strings.Builder
	from := 0 // the start of the stretch not yet copied
	swap := func(i, n int, r rune) {
		if b.Cap() == 0 {
			b.Grow(len(s)) // as long as s, or shorter (ｶ, ＩｏＴ)
		}
		b.WriteString(s[from:i])
		b.WriteRune(r)
		from = i + n
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				swap(i, 1, rune(c+'a'-'A'))
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r >= 0x3041 && r <= 0x3096, r >= 0x4e00 && r <= 0x9fff, r >= 0x3001 && r <= 0x3003, r >= 0x3005 && r <= 0x3011, r == 'ー', r == '・':
		case r >= 'ァ' && r <= 'ヶ':
			swap(i, n, r-0x60)
		case r >= 0xff01 && r <= 0xff5e: // full-width ASCII
			swap(i, n, lowerFold(r-0xfee0))
		case r == 0x3000: // the ideographic space
			swap(i, n, ' ')
		default:
			return strings.Map(lowerFold, norm.NFKC.String(s))
		}
		i += n
	}
	if b.Cap() == 0 {
		return s
	}
	b.WriteString(s[from:])
	return b.String()
}

// lowerFold is a character in lower case (as strings.ToLower makes it),
// katakana folded to hiragana.
func lowerFold(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	}
	return foldKana(unicode.ToLower(r))
}

// foldKana maps a katakana letter to its hiragana: カーリング and
// かーりんぐ are one word to a visitor typing on a phone who did not
// convert, and the site's own text writes some words both ways
// (ふるさと, フルサト). The long vowel mark ー stays as it is.
func foldKana(r rune) rune {
	if r >= 'ァ' && r <= 'ヶ' {
		return r - 0x60
	}
	return r
}

// isCJK tells the characters that Japanese writes without spaces: kanji,
// kana, the long vowel mark and the iteration marks. They are indexed as
// character pairs.
func isCJK(r rune) bool {
	switch {
	case r == 'ー' || r == '々' || r == '〆' || r == 'ゝ' || r == 'ゞ' || r == 'ヽ' || r == 'ヾ':
		return true
	case r < 0x2e80:
		return false
	case r >= 0x3041 && r <= 0x3096, r >= 0x30a1 && r <= 0x30fa, r >= 0x4e00 && r <= 0x9fff:
		return true // the kana and the common kanji: most of a Japanese text
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

// Pair tells whether two characters that follow each other are indexed
// as a pair: not where kana meets kanji (見の, 住を, 動し), which is where
// a particle or an inflection meets a word: such pairs are nearly half of
// a Japanese index and name no word. A query skips them too, and the
// positions of the pairs on both sides of one still have to line up: 移住の
// 支援 finds 移住 and 支援 two characters apart.
func Pair(a, b rune) bool { return isKana(a) == isKana(b) }

// isKana tells kana, after katakana is folded to hiragana, with the
// marks that go with them.
func isKana(r rune) bool { return r >= 0x3041 && r <= 0x309f || r == 'ー' }

// isWord tells the characters of a spaced word: letters, digits and
// combining marks of every other script.
func isWord(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return !isCJK(r) && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
}

// run is a stretch of normalized text of one kind.
type run struct {
	text       string
	cjk        bool
	start, end int // in bytes of the text
}

// The kinds of characters that runs tells apart.
const (
	between = iota // spaces, punctuation, symbols, emoji
	cjk            // isCJK
	word           // isWord
)

// kind is the kind of a character: isCJK and isWord, with the characters
// most of a page is made of first.
func kind(r rune) int {
	switch {
	case r < utf8.RuneSelf:
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
			return word
		}
		return between
	case r >= 0x3041 && r <= 0x3096, r >= 0x30a1 && r <= 0x30fa, r >= 0x4e00 && r <= 0x9fff, r == 'ー':
		return cjk
	case r >= 0x3000 && r <= 0x3004, r >= 0x3008 && r <= 0x3020: // 、。「」 and the like
		return between
	case isCJK(r):
		return cjk
	case isWord(r):
		return word
	}
	return between
}

// runs splits normalized text into runs of CJK characters and words;
// everything else (spaces, punctuation, symbols, emoji) only separates.
func runs(s string, f func(run)) {
	start, last := -1, between
	for i, r := range s {
		k := kind(r)
		if k != last {
			if last != between {
				f(run{s[start:i], last == cjk, start, i})
			}
			start, last = i, k
		}
	}
	if last != between {
		f(run{s[start:], last == cjk, start, len(s)})
	}
}

// Stem is the term of a spaced word: English Snowball (Porter2), after
// folding the British -ise spellings to -ize (organised and organized
// are one word; the stemmer alone makes organis and organ of them).
// Words with a digit, or of letters other than a to z, are kept as they
// are. static/js/porter2.js does the same in the browser (our own
// JavaScript, written from the Snowball description); a test checks that
// they agree on the example site's words and on the description's hard
// cases.
func Stem(w string) string {
	if !letters(w) {
		return w
	}
	return english.Stem(foldIse(w), true)
}

// letters tells a word of the letters a to z only.
func letters(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// iseEndings are the British endings folded to their -ize spelling.
var iseEndings = []string{"isations", "isation", "ising", "ised", "ises", "isers", "iser", "ise"}

func foldIse(w string) string {
	for _, e := range iseEndings {
		// Keep short words such as rise, wise and raised as they are.
		if strings.HasSuffix(w, e) && len(w)-len(e) >= 4 {
			return w[:len(w)-len(e)] + "iz" + e[2:]
		}
	}
	return w
}

// runeLen is the number of characters of s.
func runeLen(s string) int { return utf8.RuneCountInString(s) }
