package outputs

import (
	"cmp"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/ical"
	"github.com/furusato/furusato/internal/site"
)

// Calendar is the iCalendar feed of an events section in one language,
// at the section's URL + calendar.ics: every event of the section in
// that language, past ones too, so that a calendar that subscribed keeps
// them.
type Calendar struct {
	Title   string
	URL     string
	Section *site.Page // the section's list page
}

// Calendars returns the calendar feeds of each language (by language
// index), one for each section of kind events, in the order of the
// sections.
func Calendars(s *site.Site) [][]Calendar {
	out := make([][]Calendar, len(s.Langs))
	for i, ls := range s.Langs {
		for _, name := range s.Config.SectionNames() {
			sec := ls.Sections[name]
			if sec == nil || s.Config.Sections[name].Kind != config.KindEvents {
				continue
			}
			out[i] = append(out[i], Calendar{Title: sec.Title + " | " + ls.Title, URL: sec.CalendarURL(), Section: sec})
		}
	}
	return out
}

// EventCalendar writes the calendar of one event: its page's
// CalendarURL, for "add to calendar".
func EventCalendar(s *site.Site, p *site.Page) ([]byte, error) {
	return writeCalendar(s, p.Lang, p.Title, []*site.Page{p}), nil
}

// CalendarFeed writes the calendar of a section's events in one language.
func CalendarFeed(s *site.Site, c Calendar) ([]byte, error) {
	var events []*site.Page
	for _, p := range c.Section.Pages {
		if p.Event != nil && p.Lang == c.Section.Lang {
			events = append(events, p)
		}
	}
	slices.SortStableFunc(events, func(a, b *site.Page) int {
		return cmp.Or(a.Event.Start.Compare(b.Event.Start), cmp.Compare(a.URL, b.URL))
	})
	return writeCalendar(s, c.Section.Lang, c.Title, events), nil
}

// writeCalendar writes a VCALENDAR of events. Everything in it comes from
// the pages (DTSTAMP is the page's last update, not the time of the
// build), so the same site gives the same bytes. Times are local times of
// the site's timezone, with its VTIMEZONE, when the zone keeps one offset
// (Asia/Tokyo has had no daylight saving time since 1951); in a zone that
// changes its clocks they are written in UTC, which every calendar reads
// the same.
func writeCalendar(s *site.Site, lang *config.Language, name string, events []*site.Page) []byte {
	loc := s.Config.Location
	var w ical.Writer
	w.Prop("BEGIN", "VCALENDAR")
	w.Prop("VERSION", "2.0")
	w.Prop("PRODID", "-//furusato//"+s.Config.Base.Host+"//"+strings.ToUpper(lang.Code))
	w.Prop("CALSCALE", "GREGORIAN")
	w.Prop("METHOD", "PUBLISH")
	w.Text("X-WR-CALNAME", name)
	from, to := 1970, 1970
	for i, p := range events {
		y := p.Event.Start.Year()
		if i == 0 || y < from {
			from = y
		}
		to = max(to, p.Event.Over.Year(), y)
	}
	offset, abbr, fixed := ical.Zone(loc, from, to)
	tzid := loc.String()
	if fixed {
		w.Text("X-WR-TIMEZONE", tzid)
		w.Prop("BEGIN", "VTIMEZONE")
		w.Prop("TZID", tzid)
		w.Prop("BEGIN", "STANDARD")
		w.Prop("DTSTART", "19700101T000000")
		w.Prop("TZOFFSETFROM", ical.Offset(offset))
		w.Prop("TZOFFSETTO", ical.Offset(offset))
		w.Text("TZNAME", abbr)
		w.Prop("END", "STANDARD")
		w.Prop("END", "VTIMEZONE")
	}
	at := func(prop string, t time.Time) {
		if fixed {
			w.Prop(prop+";TZID="+tzid, ical.DateTime(t.In(loc)))
		} else {
			w.Prop(prop, ical.UTC(t))
		}
	}
	for _, p := range events {
		e := p.Event
		w.Prop("BEGIN", "VEVENT")
		w.Prop("UID", EventUID(s, p))
		stamp := p.LastModified
		if stamp.IsZero() {
			stamp = e.Start
		}
		w.Prop("DTSTAMP", ical.UTC(stamp))
		if e.AllDay {
			w.Prop("DTSTART;VALUE=DATE", ical.Date(e.Start))
			w.Prop("DTEND;VALUE=DATE", ical.Date(e.Over)) // the day after the last: DTEND is not part of it
		} else {
			at("DTSTART", e.Start)
			if !e.End.IsZero() {
				at("DTEND", e.End)
			}
		}
		w.Text("SUMMARY", p.Title)
		w.Text("DESCRIPTION", strings.TrimSpace(p.Description+"\n\n"+p.Permalink))
		w.Text("LOCATION", EventLocation(p))
		w.Prop("URL", p.Permalink)
		w.Prop("STATUS", "CONFIRMED")
		w.Prop("TRANSP", "OPAQUE")
		w.Prop("END", "VEVENT")
	}
	w.Prop("END", "VCALENDAR")
	return w.Bytes()
}

// EventUID is an event's UID, the same from build to build: its page's
// path and the site's host, such as en/events/pr-seminar@telework.example.jp.
// Each language's page is an event of its own, as each has its own text.
func EventUID(s *site.Site, p *site.Page) string {
	return strings.Trim(strings.TrimPrefix(p.URL, s.Config.Base.Path), "/") + "@" + s.Config.Base.Host
}

// EventLocation is where an event is, in one line: its venue and
// address, or the address to join online.
func EventLocation(p *site.Page) string {
	e := p.Event
	var parts []string
	for _, v := range []string{e.Venue, strings.Join(strings.Fields(e.Address), " ")} {
		if v != "" {
			parts = append(parts, v)
		}
	}
	if len(parts) == 0 {
		return e.JoinURL
	}
	return strings.Join(parts, ", ")
}

// GoogleCalendarURL is the address of Google Calendar's form to add the
// event, filled in.
func GoogleCalendarURL(s *site.Site, p *site.Page) string {
	e := p.Event
	if e == nil {
		return ""
	}
	var dates string
	if e.AllDay {
		dates = ical.Date(e.Start) + "/" + ical.Date(e.Over)
	} else {
		end := e.End
		if end.IsZero() {
			end = e.Start.Add(time.Hour)
		}
		dates = ical.DateTime(e.Start.In(s.Config.Location)) + "/" + ical.DateTime(end.In(s.Config.Location))
	}
	q := []string{
		"action=TEMPLATE",
		"text=" + url.QueryEscape(p.Title),
		"dates=" + dates,
		"ctz=" + url.QueryEscape(s.Config.Location.String()),
		"details=" + url.QueryEscape(strings.TrimSpace(p.Description+"\n\n"+p.Permalink)),
	}
	if loc := EventLocation(p); loc != "" {
		q = append(q, "location="+url.QueryEscape(loc))
	}
	return "https://calendar.google.com/calendar/render?" + strings.Join(q, "&")
}
