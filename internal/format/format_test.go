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
