// Package ical writes iCalendar files (RFC 5545): the content lines of a
// calendar, with their text escaped and long lines folded.
//
// Lines end in CRLF. A line longer than 75 octets is folded: cut before
// the 76th octet, or earlier so that no UTF-8 sequence is split (a
// Japanese character is 3 octets), and continued on the next line after a
// space, which counts toward that line's 75.
package ical

import (
	"bytes"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxLine is the most octets a line may have, without its CRLF.
const MaxLine = 75

// Writer builds the text of a calendar.
type Writer struct {
	b bytes.Buffer
}

// Bytes returns what was written.
func (w *Writer) Bytes() []byte { return w.b.Bytes() }

// Line writes a content line as it is (name, parameters, colon and
// value), folded.
func (w *Writer) Line(line string) {
	w.b.WriteString(Fold(line))
}

// Prop writes a property whose value is already in iCalendar form, such
// as a date or a URI: DTSTART;VALUE=DATE:20270210.
func (w *Writer) Prop(name, value string) { w.Line(name + ":" + value) }

// Text writes a property of type TEXT, escaped; an empty value writes
// nothing.
func (w *Writer) Text(name, value string) {
	if value != "" {
		w.Line(name + ":" + Escape(value))
	}
}

// Escape escapes text for a TEXT value: backslash, semicolon, comma and
// line breaks.
func Escape(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', ';', ',':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b.WriteString(`\n`)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// Fold returns a content line folded at 75 octets, never inside a UTF-8
// sequence, each part ending in CRLF.
func Fold(line string) string {
	if len(line) <= MaxLine {
		return line + "\r\n"
	}
	var b strings.Builder
	b.Grow(len(line) + len(line)/MaxLine*3 + 2)
	limit := MaxLine
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n ")
		line = line[cut:]
		limit = MaxLine - 1 // the space that starts a continuation counts
	}
	b.WriteString(line)
	b.WriteString("\r\n")
	return b.String()
}

// DateTime is a local time, to follow a TZID parameter: 20270210T140000.
func DateTime(t time.Time) string { return t.Format("20060102T150405") }

// UTC is a time in UTC: 20270110T000000Z.
func UTC(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// Date is a day, for VALUE=DATE: 20270210.
func Date(t time.Time) string { return t.Format("20060102") }

// Zone reports the one UTC offset and abbreviation that loc has over
// the years from..to, and whether it has a single one: a zone without
// daylight saving time (Asia/Tokyo: +0900, JST), which a VTIMEZONE of one
// STANDARD block describes.
func Zone(loc *time.Location, from, to int) (offset int, abbr string, fixed bool) {
	first := true
	for y := from; y <= to; y++ {
		for _, m := range []time.Month{time.January, time.April, time.July, time.October} {
			a, off := time.Date(y, m, 1, 12, 0, 0, 0, loc).Zone()
			if first {
				offset, abbr, first = off, a, false
			} else if off != offset || a != abbr {
				return 0, "", false
			}
		}
	}
	return offset, abbr, true
}

// Offset writes a UTC offset in seconds as iCalendar does: +0900.
func Offset(sec int) string {
	sign := byte('+')
	if sec < 0 {
		sign, sec = '-', -sec
	}
	h, m := sec/3600, sec%3600/60
	return string([]byte{sign, byte('0' + h/10), byte('0' + h%10), byte('0' + m/10), byte('0' + m%10)})
}
