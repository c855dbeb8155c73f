package format

import (
	"testing"
	"time"
)

func TestEventDates(t *testing.T) {
	jst := time.FixedZone("JST", 9*3600)
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, jst) }
	var none time.Time
	for _, tc := range []struct {
		lang       string
		start, end time.Time
		allDay     bool
		want       string
	}{
		{"ja", at(2027, 2, 10, 14, 0), at(2027, 2, 10, 16, 30), false, "2027年2月10日（水）14:00〜16:30"},
		{"en", at(2027, 2, 10, 14, 0), at(2027, 2, 10, 16, 30), false, "Wed, February 10, 2027, 14:00–16:30"},
		{"ja", at(2027, 2, 10, 14, 0), none, false, "2027年2月10日（水）14:00"},
		{"en", at(2027, 2, 10, 14, 0), none, false, "Wed, February 10, 2027, 14:00"},
		{"ja", at(2027, 6, 17, 0, 0), none, true, "2027年6月17日（木）"},
		{"ja", at(2027, 6, 17, 0, 0), at(2027, 6, 17, 0, 0), true, "2027年6月17日（木）"},
		{"ja", at(2027, 12, 30, 0, 0), at(2028, 1, 2, 0, 0), true, "2027年12月30日（木）〜2028年1月2日（日）"},
		{"en", at(2027, 12, 30, 0, 0), at(2028, 1, 2, 0, 0), true, "Thu, December 30, 2027 – Sun, January 2, 2028"},
		{"en", at(2027, 9, 11, 10, 0), at(2027, 9, 12, 17, 0), false, "Sat, September 11, 2027, 10:00 – Sun, September 12, 2027, 17:00"},
	} {
		if got := EventDates(tc.lang, tc.start, tc.end, tc.allDay); got != tc.want {
			t.Errorf("EventDates(%s, %v, %v, %v) = %q, want %q", tc.lang, tc.start, tc.end, tc.allDay, got, tc.want)
		}
	}
	if got := DateTime("ja", at(2027, 2, 5, 17, 0), true); got != "2027年2月5日（金）17:00" {
		t.Errorf("DateTime = %q", got)
	}
	if got := DateTime("en", at(2027, 2, 5, 0, 0), false); got != "Fri, February 5, 2027" {
		t.Errorf("DateTime = %q", got)
	}
}
