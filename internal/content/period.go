package content

import (
	"time"

	"github.com/furusato/furusato/internal/diag"
)

// Period is when a page takes applications (apply_from, apply_until or
// fiscal_year): from the start of From to the end of Last. A zero From or
// Last leaves that side open.
type Period struct {
	From Date
	Last Date // the last day (or month, or year) applications are taken
	// FiscalYear is the year of fiscal_year (年度 starting on 1 April),
	// or 0.
	FiscalYear int
}

// PeriodOf returns the application period of a page's decoded front
// matter, and false when it gives none. loc is the site's time zone, in
// which a fiscal year starts.
func PeriodOf(params map[string]any, loc *time.Location) (Period, bool) {
	var p Period
	if fy, ok := params["fiscal_year"].(int); ok {
		p.FiscalYear = fy
		p.From = Date{Time: time.Date(fy, time.April, 1, 0, 0, 0, 0, loc)}
		p.Last = Date{Time: time.Date(fy+1, time.March, 31, 0, 0, 0, 0, loc)}
		return p, true
	}
	from, hasFrom := params["apply_from"].(Date)
	last, hasLast := params["apply_until"].(Date)
	p.From, p.Last = from, last
	return p, hasFrom || hasLast
}

// Start is when applications open, or the zero time.
func (p Period) Start() time.Time { return p.From.Time }

// End is the first moment applications are no longer taken: the day
// after Last (the month or year after, for a month or a year), or the zero
// time.
func (p Period) End() time.Time { return After(p.Last) }

// After is the first moment after a date, taken as the whole day, month
// or year that it names; the zero time for a zero date.
func After(d Date) time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	switch d.Precision {
	case Year:
		return d.AddDate(1, 0, 0)
	case Month:
		return d.AddDate(0, 1, 0)
	}
	return d.AddDate(0, 0, 1)
}

// Application statuses, at a time.
const (
	StatusUpcoming = "upcoming" // 受付予定: applications open later
	StatusOpen     = "open"     // 受付中
	StatusClosed   = "closed"   // 受付終了
)

// Status is the period's status at now.
func (p Period) Status(now time.Time) string {
	switch {
	case !p.Start().IsZero() && now.Before(p.Start()):
		return StatusUpcoming
	case !p.End().IsZero() && !now.Before(p.End()):
		return StatusClosed
	}
	return StatusOpen
}

// checkPeriod reports an application period that ends before it starts,
// a fiscal year given with dates, and a fiscal year out of range, at the
// line of the key that is wrong.
func checkPeriod(fm FrontMatter, params map[string]any, errs *diag.List) {
	pos := func(key string) diag.Pos {
		for _, r := range fm {
			if r.Key == key {
				return r.Pos
			}
		}
		return diag.Pos{}
	}
	if fy, ok := params["fiscal_year"].(int); ok {
		if fy < 1900 || fy > 9998 {
			errs.Addf(pos("fiscal_year"), "front matter: fiscal_year: want a year such as 2027 (for 2027-04-01 to 2028-03-31), got %d", fy)
			delete(params, "fiscal_year")
			return
		}
		for _, k := range []string{"apply_from", "apply_until"} {
			if _, has := params[k]; has {
				errs.Addf(pos(k), "front matter: %s: the period is already fiscal_year %d (%d-04-01 to %d-03-31); give either fiscal_year or apply_from/apply_until, not both", k, fy, fy, fy+1)
			}
		}
		return
	}
	from, hasFrom := params["apply_from"].(Date)
	last, hasLast := params["apply_until"].(Date)
	if hasFrom && hasLast && !After(last).After(from.Time) {
		errs.Addf(pos("apply_until"), "front matter: apply_until: the period ends (%s) before it starts (apply_from: %s); check both dates", last.Format("2006-01-02"), from.Format("2006-01-02"))
	}
}
