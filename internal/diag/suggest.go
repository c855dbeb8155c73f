package diag

import (
	"strings"
	"unicode/utf8"
)

// Nearest returns the candidate closest to word by edit distance, or "" when
// none is close enough to be a likely typo. It helps turn "unknown key
// industy" into "unknown key industy (did you mean industry?)".
func Nearest(word string, candidates []string) string {
	best, bestDist := "", 0
	limit := max(1, utf8.RuneCountInString(word)/3)
	for _, c := range candidates {
		d := distance(strings.ToLower(word), strings.ToLower(c))
		if d <= limit && (best == "" || d < bestDist || d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	return best
}

// DidYouMean returns " (did you mean X?)" for the nearest candidate, or "".
func DidYouMean(word string, candidates []string) string {
	if n := Nearest(word, candidates); n != "" {
		return " (did you mean " + n + "?)"
	}
	return ""
}

// distance is the edit distance between a and b, counted in runes, where
// swapping two neighbouring letters (titel, title) counts as one edit.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// Shorten keeps the first n bytes of a value that a message quotes, or a
// little fewer so as not to cut a character, and marks the cut with …: a
// data: URL or a pasted address can be a whole file long.
func Shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && s[i]&0xC0 == 0x80 { // not in the middle of a character
		i--
	}
	return s[:i] + "…"
}
