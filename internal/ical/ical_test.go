package ical

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// TestFoldJapanese folds a long Japanese line: every physical line is at
// most 75 octets (the leading space included), ends in CRLF, is whole
// UTF-8, and unfolding gives back the line.
func TestFoldJapanese(t *testing.T) {
	// "SUMMARY:" is 8 octets, each character 3: the first cut falls inside
	// a character unless it moves back to the character's start.
	line := "SUMMARY:" + strings.Repeat("北見市の企業向けセミナー、", 12) + "end"
	folded := Fold(line)
	if !strings.HasSuffix(folded, "\r\n") {
		t.Fatalf("no CRLF at the end: %q", folded)
	}
	parts := strings.Split(strings.TrimSuffix(folded, "\r\n"), "\r\n")
	if len(parts) < 5 {
		t.Fatalf("folded into %d lines, want more: %q", len(parts), folded)
	}
	var unfolded strings.Builder
	for i, p := range parts {
		if len(p) > MaxLine {
			t.Errorf("line %d has %d octets: %q", i+1, len(p), p)
		}
		if i > 0 {
			if !strings.HasPrefix(p, " ") {
				t.Fatalf("line %d does not start with a space: %q", i+1, p)
			}
			p = p[1:]
		}
		if !utf8.ValidString(p) {
			t.Errorf("line %d splits a UTF-8 sequence: %q", i+1, p)
		}
		unfolded.WriteString(p)
	}
	if unfolded.String() != line {
		t.Errorf("unfolded:\n%s\nwant\n%s", unfolded.String(), line)
	}
	// 8 + 22×3 = 74 octets fit; the 23rd character would end at 77, so the
	// first line is cut before it, at 74 octets, not 75.
	if len(parts[0]) != 74 {
		t.Errorf("first line has %d octets, want 74 (the cut moved back to a character's start)", len(parts[0]))
	}
	// A line of ASCII is cut at exactly 75, then 74 after the space.
	ascii := Fold("DESCRIPTION:" + strings.Repeat("a", 200))
	for i, p := range strings.Split(strings.TrimSuffix(ascii, "\r\n"), "\r\n") {
		if i < 2 && len(p) != 75 {
			t.Errorf("ASCII line %d has %d octets, want 75", i+1, len(p))
		}
	}
	if got := Fold("VERSION:2.0"); got != "VERSION:2.0\r\n" {
		t.Errorf("short line: %q", got)
	}
}

func TestEscape(t *testing.T) {
	got := Escape("会場: 北見市, 大通西; C:\\path\r\n二行目\n三行目")
	want := `会場: 北見市\, 大通西\; C:\\path\n二行目\n三行目`
	if got != want {
		t.Errorf("Escape = %q, want %q", got, want)
	}
}

func TestZone(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	off, abbr, fixed := Zone(tokyo, 2026, 2028)
	if !fixed || off != 9*3600 || abbr != "JST" || Offset(off) != "+0900" {
		t.Errorf("Asia/Tokyo: %d %q %v", off, abbr, fixed)
	}
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, fixed := Zone(ny, 2027, 2027); fixed {
		t.Error("America/New_York has daylight saving time, want not fixed")
	}
	if got := Offset(-(3*3600 + 30*60)); got != "-0330" {
		t.Errorf("Offset = %q", got)
	}
}
