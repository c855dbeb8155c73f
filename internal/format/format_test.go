package format

import (
	"testing"
	"time"

	"github.com/furusato/furusato/internal/content"
)

func TestYen(t *testing.T) {
	tests := []struct {
		lang string
		n    int64
		want string
	}{
		{"ja", 200_000, "20万円"},
		{"ja", 1_000_000, "100万円"},
		{"ja", 2_000_000, "200万円"},
		{"ja", 1_300_000, "130万円"},
		{"ja", 125_000, "12万5,000円"},
		{"ja", 12_345, "1万2,345円"},
		{"ja", 9_800, "9,800円"},
		{"ja", 150_000_000, "1億5,000万円"},
		{"ja", 0, "0円"},
		{"en", 200_000, "¥200,000"},
		{"en", 1_000_000, "¥1,000,000"},
		{"en", 999, "¥999"},
		{"fr", 2_000_000, "¥2,000,000"},
	}
	for _, tt := range tests {
		if got := Yen(tt.lang, tt.n); got != tt.want {
			t.Errorf("Yen(%s, %d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}

func TestDate(t *testing.T) {
	d := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		lang string
		p    content.Precision
		want string
	}{
		{"ja", content.Day, "2026年11月24日"},
		{"ja", content.Month, "2026年11月"},
		{"ja", content.Year, "2026年"},
		{"en", content.Day, "November 24, 2026"},
		{"en", content.Month, "November 2026"},
		{"en", content.Year, "2026"},
		{"de", content.Day, "2026-11-24"},
	}
	for _, tt := range tests {
		if got := Date(tt.lang, d, tt.p); got != tt.want {
			t.Errorf("Date(%s, %v) = %q, want %q", tt.lang, tt.p, got, tt.want)
		}
	}
	if got := Date("ja", time.Time{}, content.Day); got != "" {
		t.Errorf("zero date = %q, want empty", got)
	}
	if got := ISODate(d, content.Month); got != "2026-11" {
		t.Errorf("ISODate month = %q", got)
	}
}

// TestDayFirstEnglish: British English (en_GB, as the example site's
// locale) writes the day before the month; American English and a bare
// en, the month first.
func TestDayFirstEnglish(t *testing.T) {
	day := time.Date(2027, 3, 10, 14, 0, 0, 0, time.UTC)
	for lang, want := range map[string]string{"en_GB": "10 March 2027", "en-AU": "10 March 2027", "en_US": "March 10, 2027", "en": "March 10, 2027", "ja_JP": "2027年3月10日"} {
		if got := Date(lang, day, content.Day); got != want {
			t.Errorf("Date(%s) = %q, want %q", lang, got, want)
		}
	}
	if got, want := EventDates("en_GB", day, day.Add(2*time.Hour), false), "Wed, 10 March 2027, 14:00–16:00"; got != want {
		t.Errorf("EventDates(en_GB) = %q, want %q", got, want)
	}
	if got, want := Date("en_GB", day, content.Month), "March 2027"; got != want {
		t.Errorf("a month in en_GB = %q, want %q", got, want)
	}
}
