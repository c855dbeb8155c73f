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
	b := []byte(s)
	out := make([]byte, 0, len(b)) // as long as s, or shorter (ｶ, ＩｏＴ)
	for i := 0; i < len(b); {
		r, _, n := fast(b[i:])
		if n == 0 { // NFKC may compose this character with its neighbours
			return strings.Map(lowerFold, norm.NFKC.String(s))
		}
		out = utf8.AppendRune(out, r)
		i += n
	}
	return string(out)
}

// fast normalizes the character at the start of s, and tells its kind,
// when it is one that NFKC leaves as it is or maps alone, which most
// characters of a page are: ASCII, kana, common kanji, full-width ASCII
// and the ideographic space. n is the length of the character in s, 0
// for any other, which NFKC may compose with its neighbours.
func fast(s []byte) (r rune, k, n int) {
	if c := s[0]; c < utf8.RuneSelf {
		r, k = ascii(c)
		return r, k, 1
	}
	r, n = utf8.DecodeRune(s)
	switch {
	case r >= 0x3041 && r <= 0x3096, r >= 0x4e00 && r <= 0x9fff, r == 'ー', r >= 0x3005 && r <= 0x3007:
		return r, cjk, n
	case r >= 'ァ' && r <= 'ヶ':
		return r - 0x60, cjk, n
	case r >= 0x3001 && r <= 0x3003, r >= 0x3008 && r <= 0x3011, r == '・':
		return r, between, n
	case r >= 0xff01 && r <= 0xff5e: // full-width ASCII
		r, k = ascii(byte(r - 0xfee0))
		return r, k, n
	case r == 0x3000: // the ideographic space
		return ' ', between, n
	}
	return r, between, 0
}

// ascii is an ASCII character in lower case, and its kind.
func ascii(c byte) (rune, int) {
	switch {
	case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
		return rune(c), word
	case 'A' <= c && c <= 'Z':
		return rune(c + 'a' - 'A'), word
	}
	return rune(c), between
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

// The kinds of characters that the index tells apart.
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
