package site

import (
	"slices"
	"time"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/content"
	"github.com/furusato/furusato/internal/diag"
)

// Event is what a page of an events section (site.yaml kind: events; see
// config.KindEvents) says of its event, read from its front matter. Times
// are in the site's timezone.
type Event struct {
	Start time.Time
	// End is as written: the last day of an all-day event, the time it
	// ends of another; zero when the page gives none.
	End time.Time
	// AllDay: the event takes whole days (start is a date only, or
	// all_day: true), in the calendar and on the page.
	AllDay bool
	// Over is when the event is over: the day after its last day for an
	// all-day event, its end (or the end of its start's day) for another.
	Over time.Time
	// Ended: the event was over at the time of the build (Site.Now); its
	// page stays, marked as ended, and it leaves lists of upcoming events.
	Ended bool

	Venue        string
	Address      string
	Online       bool   // held online (too)
	JoinURL      string // the address to join online, when online: gives one
	Registration string // where to apply
	// Deadline is the last moment to apply: the end of the day for a
	// date; zero when the page gives none.
	Deadline      time.Time
	DeadlineClock bool      // a time of day was written for the deadline
	DeadlineDay   time.Time // the deadline's day
	// Closed: the deadline had passed at the time of the build; the page
	// no longer offers to apply.
	Closed    bool
	Fee       string // the fee as text (無料), when it is not a number
	FeeYen    int64  // the fee in yen, when HasFeeYen
	HasFeeYen bool
}

// IsEvent reports whether p is a page of an events section.
func (p *Page) IsEvent() bool { return p.Event != nil }

// Now is the time of the build, in the site's timezone: what event and
// period statuses are worked out at, and what pages say they are true as
// of.
func (s *Site) Now() time.Time { return s.opts.Now.In(s.Config.Location) }

// Upcoming returns the events among pages that are not over at the time
// of the build, soonest first.
func Upcoming(pages []*Page) []*Page {
	var out []*Page
	for _, p := range pages {
		if p.Event != nil && !p.Event.Ended {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b *Page) int { return a.Event.Start.Compare(b.Event.Start) })
	return out
}

// Past returns the events among pages that are over at the time of the
// build, the latest first.
func Past(pages []*Page) []*Page {
	var out []*Page
	for _, p := range pages {
		if p.Event != nil && p.Event.Ended {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b *Page) int { return b.Event.Start.Compare(a.Event.Start) })
	return out
}

// readEvents gives each page of an events section its Event, and reports
// what does not make sense in their dates: at the key, in the file that
// writes it (a translation inherits its dates and is not told again).
func (s *Site) readEvents(errs *diag.List) {
	for _, p := range s.Pages {
		if p.Kind != KindPage || p.section == nil || p.section.Kind != config.KindEvents {
			continue
		}
		p.Event = s.readEvent(p, errs)
		e := p.Event
		if e == nil {
			continue
		}
		for _, t := range []time.Time{e.Over, e.Deadline.Add(time.Second)} {
			if !t.IsZero() && s.Now().Before(t) && (s.nextOver.IsZero() || t.Before(s.nextOver)) {
				s.nextOver = t
			}
		}
	}
}

func (s *Site) readEvent(p *Page, errs *diag.List) *Event {
	loc := s.Config.Location
	written := func(key string) bool { return p.src != nil && p.src.Keys.Has(key) }
	bad := func(key, format string, args ...any) {
		if written(key) {
			errs.Addf(p.Pos(key), format, args...)
		}
	}
	date := func(key string) (content.Date, bool) {
		d, ok := p.Params[key].(content.Date)
		if ok && d.Precision != content.Day {
			bad(key, "front matter: %s: want a day, such as 2027-02-10, or a day and time, such as 2027-02-10T14:00", key)
			return d, false
		}
		return d, ok
	}
	start, ok := date("start")
	if !ok {
		return nil // required: content reports it missing
	}
	e := &Event{Start: start.In(loc), AllDay: !start.Clock}
	if v, ok := p.Params["all_day"].(bool); ok {
		if v && start.Clock {
			bad("all_day", "front matter: all_day: true, but start gives a time of day (%s); remove the time, or all_day", start.Format("15:04"))
		}
		if !v && !start.Clock {
			bad("all_day", "front matter: all_day: false, but start gives no time of day; write it, such as start: %sT14:00", start.Format("2006-01-02"))
		}
	}
	day := func(t time.Time) time.Time {
		y, m, d := t.In(loc).Date()
		return time.Date(y, m, d, 0, 0, 0, 0, loc)
	}
	if end, ok := date("end"); ok {
		e.End = end.In(loc)
		switch {
		case end.Clock != start.Clock && start.Clock:
			bad("end", "front matter: end: give a time of day as start does, such as end: %sT17:00", end.Format("2006-01-02"))
		case end.Clock != start.Clock:
			bad("end", "front matter: end: start is a day without a time, so end is a day too: write end: %s", end.Format("2006-01-02"))
		case e.End.Before(e.Start):
			bad("end", "front matter: end: %s is before start (%s); an event ends after it starts", describeTime(end), describeTime(start))
		}
	}
	if e.AllDay {
		last := e.Start
		if !e.End.IsZero() && !e.End.Before(e.Start) {
			last = e.End
		}
		e.Over = day(last).AddDate(0, 0, 1)
	} else {
		e.Over = e.End
		if e.End.IsZero() || e.End.Before(e.Start) {
			e.Over = day(e.Start).AddDate(0, 0, 1)
		}
	}
	e.Ended = !s.Now().Before(e.Over)
	if dl, ok := date("deadline"); ok {
		e.DeadlineClock = dl.Clock
		e.DeadlineDay = day(dl.Time)
		e.Deadline = dl.In(loc)
		if !dl.Clock {
			e.Deadline = e.DeadlineDay.AddDate(0, 0, 1).Add(-time.Second)
		}
		late := e.Deadline.After(e.Start)
		if !dl.Clock {
			late = e.DeadlineDay.After(day(e.Start))
		}
		e.Closed = s.Now().After(e.Deadline)
		if late {
			bad("deadline", "front matter: deadline: %s is after the event starts (%s); the deadline to apply comes before", describeTime(dl), describeTime(start))
		}
	}
	str := func(k string) string { v, _ := p.Params[k].(string); return v }
	e.Venue, e.Address, e.Registration = str("venue"), str("address"), str("registration")
	switch v := p.Params["online"].(type) {
	case bool:
		e.Online = v
	case string:
		e.Online, e.JoinURL = true, v
	}
	switch v := p.Params["fee"].(type) {
	case content.Yen:
		e.FeeYen, e.HasFeeYen = int64(v), true
	case string:
		e.Fee = v
	}
	return e
}

func describeTime(d content.Date) string {
	if d.Clock {
		return d.Format("2006-01-02T15:04")
	}
	return d.Format("2006-01-02")
}

// Names of the calendar files: an event's beside its page, a section's
// of all its events beside its list.
const (
	EventCalendarFile   = "event.ics"
	SectionCalendarFile = "calendar.ics"
)

// CalendarURL is the address of the page's iCalendar file: an event's
// own (/events/pr-seminar/event.ics), or for the list of an events
// section, the feed of all its events (/events/calendar.ics); "" for
// other pages.
func (p *Page) CalendarURL() string {
	switch {
	case p.Event != nil:
		return p.URL + EventCalendarFile
	case p.Kind == KindSection && p.site.Config.Sections[p.Section] != nil && p.site.Config.Sections[p.Section].Kind == config.KindEvents:
		return p.URL + SectionCalendarFile
	}
	return ""
}
