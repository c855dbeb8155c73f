// Package format writes values the way readers of each language expect
// (dates, amounts in yen, enum values and numbers with the words and units
// site.yaml gives them) and reads the values templates are given as times
// and numbers.
package format

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/furusato/furusato/internal/content"
)

// dateLayouts are the layouts of a day, a month and a year, by language,
// or by language and region where the region writes the day first.
var dateLayouts = map[string][3]string{
	"ja":    {"2006年1月2日", "2006年1月", "2006年"},
	"zh":    {"2006年1月2日", "2006年1月", "2006年"},
	"en":    {"January 2, 2006", "January 2006", "2006"},
	"en-GB": {"2 January 2006", "January 2006", "2006"},
	"":      {"2006-01-02", "2006-01", "2006"}, // ISO 8601, for other languages and machines
}

// dayFirst are the English-speaking regions that write the day before
// the month, as British English does.
var dayFirst = map[string]bool{"GB": true, "IE": true, "AU": true, "NZ": true, "IN": true, "ZA": true}

// layouts returns the date layouts for lang, a language code (en) or a
// locale (en_GB, en-GB).
func layouts(lang string) [3]string {
	base, region, _ := strings.Cut(strings.ReplaceAll(lang, "_", "-"), "-")
	if base == "en" && dayFirst[strings.ToUpper(region)] {
		return dateLayouts["en-GB"]
	}
	if l, ok := dateLayouts[base]; ok {
		return l
	}
	return dateLayouts[""]
}

// Date writes a date the way readers of lang expect, as precisely as it
// was written: 2026年11月24日 / November 24, 2026 (24 November 2026 for
// en_GB); 2010年7月 / July 2010.
func Date(lang string, t time.Time, p content.Precision) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(layouts(lang)[p])
}

// ISODate writes a date for machines (the datetime attribute of <time>):
// 2026-11-24, 2010-07 or 2004.
func ISODate(t time.Time, p content.Precision) string {
	return t.Format(dateLayouts[""][p])
}

// Yen writes an amount of yen for readers of lang: in Japanese with
// 万 and 億 as people say it (20万円, 1億2,000万円, 12,345円), elsewhere
// as ¥200,000.
func Yen(lang string, n int64) string {
	base, _, _ := strings.Cut(lang, "-")
	neg := ""
	if n < 0 {
		neg, n = "-", -n
	}
	if base != "ja" {
		return neg + "¥" + groupDigits(n)
	}
	if n == 0 {
		return "0円"
	}
	var b strings.Builder
	b.WriteString(neg)
	if oku := n / 100_000_000; oku > 0 {
		b.WriteString(groupDigits(oku) + "億")
	}
	if man := n % 100_000_000 / 10_000; man > 0 {
		b.WriteString(groupDigits(man) + "万")
	}
	if rest := n % 10_000; rest > 0 {
		b.WriteString(groupDigits(rest))
	}
	b.WriteString("円")
	return b.String()
}

// groupDigits writes n with a comma every three digits.
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Time accepts the date values templates meet: time.Time and content.Date.
func Time(v any) (time.Time, content.Precision, error) {
	switch v := v.(type) {
	case time.Time:
		return v, content.Day, nil
	case content.Date:
		return v.Time, v.Precision, nil
	case *content.Date:
		if v != nil {
			return v.Time, v.Precision, nil
		}
		return time.Time{}, content.Day, nil
	case nil:
		return time.Time{}, content.Day, nil
	}
	return time.Time{}, 0, fmt.Errorf("want a date, got %T", v)
}

// Int accepts the whole numbers templates meet.
func Int(v any) (int64, error) {
	switch v := v.(type) {
	case content.Yen:
		return int64(v), nil
	case int:
		return int64(v), nil
	case int64:
		return v, nil
	case int32:
		return int64(v), nil
	}
	return 0, fmt.Errorf("want a whole number, got %T", v)
}
