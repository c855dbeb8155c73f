package format

import (
	"strings"
	"time"

	"github.com/furusato/furusato/internal/content"
)

var (
	jaWeekdays = [...]string{"日", "月", "火", "水", "木", "金", "土"}
	enWeekdays = [...]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
)

// EventDates writes when an event is, for readers of lang: its day with
// the day of the week, and the time when it has one; the end after a
// dash, without what it shares with the start:
//
//	2027年2月10日（水）14:00〜16:30      Wed, February 10, 2027, 14:00–16:30
//	2027年2月10日（水）〜2月12日（金）    Wed, February 10, 2027 – Fri, February 12, 2027
//
// end is zero when the event gives none; for an all-day event it is its
// last day.
func EventDates(lang string, start, end time.Time, allDay bool) string {
	base, _, _ := strings.Cut(lang, "-")
	ja := base == "ja" || base == "zh"
	day := func(t time.Time, year bool) string {
		if ja {
			l := "1月2日"
			if year {
				l = "2006年1月2日"
			}
			return t.Format(l) + "（" + jaWeekdays[t.Weekday()] + "）"
		}
		return enWeekdays[t.Weekday()] + ", " + t.Format(layouts(lang)[content.Day])
	}
	clock := func(t time.Time) string { return t.Format("15:04") }
	sameDay := end.IsZero() || (end.Year() == start.Year() && end.YearDay() == start.YearDay())
	dash, sep := " – ", ", "
	if ja {
		dash, sep = "〜", ""
	}
	switch {
	case allDay && sameDay:
		return day(start, true)
	case allDay:
		return day(start, true) + dash + day(end, !ja || end.Year() != start.Year())
	case end.IsZero():
		return day(start, true) + sep + clock(start)
	case sameDay:
		if ja {
			return day(start, true) + clock(start) + "〜" + clock(end)
		}
		return day(start, true) + sep + clock(start) + "–" + clock(end)
	}
	return day(start, true) + sep + clock(start) + dash + day(end, !ja || end.Year() != start.Year()) + sep + clock(end)
}

// DateTime writes a day, and its time when clock is set: 2027年2月5日（金）17:00,
// Fri, February 5, 2027, 17:00.
func DateTime(lang string, t time.Time, clock bool) string {
	if t.IsZero() {
		return ""
	}
	if !clock {
		return EventDates(lang, t, time.Time{}, true)
	}
	return EventDates(lang, t, time.Time{}, false)
}
