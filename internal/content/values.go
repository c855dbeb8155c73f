package content

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/width"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/textfile"
)

// Date is a date as precise as it was written: 2026-11-24, 2010-07 or 2004.
type Date struct {
	time.Time
	Precision Precision
	// Clock: a time of day was written too (2027-02-10T14:00), in the
	// site's timezone unless the value gives its own offset.
	Clock bool
}

// Precision says which parts of a Date were written.
type Precision int

const (
	Day Precision = iota
	Month
	Year
)

// Ref is the name of a page in another section, as written in front matter.
// The site graph resolves it to a page.
type Ref struct {
	Section string
	Name    string
	Pos     diag.Pos
}

// Yen is an amount of money in yen.
type Yen int64

// commonFields declares the keys every page may use.
var commonFields = map[string]*config.Field{
	"title":          {Name: "title", Type: config.TypeString},
	"description":    {Name: "description", Type: config.TypeText},
	"date":           {Name: "date", Type: config.TypeDate},
	"updated":        {Name: "updated", Type: config.TypeDate},
	"draft":          {Name: "draft", Type: config.TypeBool},
	"tags":           {Name: "tags", Type: config.TypeList, Of: config.TypeString},
	"image":          {Name: "image", Type: config.TypeString},
	"image_alt":      {Name: "image_alt", Type: config.TypeString},
	"image_focus":    {Name: "image_focus", Type: config.TypeString},
	"slug":           {Name: "slug", Type: config.TypeString},
	"translationKey": {Name: "translationKey", Type: config.TypeString},
	"weight":         {Name: "weight", Type: config.TypeInt},
	"aliases":        {Name: "aliases", Type: config.TypeList, Of: config.TypeString},
	"translated":     {Name: "translated", Type: config.TypeString},
	"translations":   {Name: "translations", Type: config.TypeEnum, Values: []config.EnumValue{{Value: "none"}}},
	"expires":        {Name: "expires", Type: config.TypeDate},
	"apply_from":     {Name: "apply_from", Type: config.TypeDate},
	"apply_until":    {Name: "apply_until", Type: config.TypeDate},
	"fiscal_year":    {Name: "fiscal_year", Type: config.TypeInt},
}

// decoder checks raw front matter values against their declarations.
type decoder struct {
	loc    *time.Location
	errs   *diag.List
	events bool // the page is an event, whose start, end and deadline are days
}

// value converts r to the Go value of field f's type, or records an error
// and returns false.
func (d decoder) value(f *config.Field, typ string, r Raw) (any, bool) {
	fail := func(want string) (any, bool) {
		d.errs.Addf(r.Pos, "front matter: %s: want %s, got %s", f.Name, want, describe(r.Value))
		return nil, false
	}
	switch typ {
	case config.TypeString, config.TypeText:
		switch v := r.Value.(type) {
		case string:
			if typ == config.TypeString && strings.Contains(strings.TrimRight(v, "\n"), "\n") {
				return fail("one line of text")
			}
			return strings.TrimRight(v, "\n"), true
		case int64, float64, bool:
			// An unquoted 2024, 0157251210 or yes is still text where
			// text is wanted, as written.
			if r.Text != "" {
				return r.Text, true
			}
			return fmt.Sprint(v), true
		}
		return fail("text")
	case config.TypeEnum:
		s, ok := r.Value.(string)
		if !ok {
			if n, isInt := r.Value.(int64); isInt {
				s, ok = strconv.FormatInt(n, 10), true
			}
		}
		if ok {
			var allowed []string
			for _, v := range f.Values {
				if v.Value == s {
					return s, true
				}
				allowed = append(allowed, v.Value)
			}
			d.errs.Addf(r.Pos, "front matter: %s: %q is not one of %s%s", f.Name, s, strings.Join(allowed, ", "), diag.DidYouMean(s, allowed))
			return nil, false
		}
		return fail("one of the declared values")
	case config.TypeInt:
		if v, ok := r.Value.(int64); ok {
			return int(v), true
		}
		if s, ok := r.Value.(string); ok {
			// Digits typed full-width with a Japanese input method
			// (２０２７) are the number they show.
			s = strings.TrimSpace(width.Narrow.String(s))
			if n, err := strconv.Atoi(s); err == nil {
				return n, true
			}
			if e := eraDate.FindStringSubmatch(s); e != nil && e[3] == "" {
				y := eraYear(e)
				d.errs.Addf(r.Pos, "front matter: %s: %s is %d: write the year as a number in the Western calendar, %s: %d", f.Name, s, y, f.Name, y)
				return nil, false
			}
		}
		if f.Name == "fiscal_year" {
			return fail("a year such as 2027")
		}
		return fail("a whole number such as 3")
	case config.TypeYen:
		if y, ok := yenValue(r.Value); ok {
			return y, true
		}
		return fail("an amount in yen as a whole number, such as 200000")
	case config.TypeBool:
		if v, ok := r.Value.(bool); ok {
			return v, true
		}
		return fail("true or false")
	case config.TypeDate:
		if dt, ok := d.date(r.Value); ok {
			return dt, true
		}
		if s, ok := r.Value.(string); ok {
			if hint := dateHint(strings.TrimSpace(s)); hint != "" {
				d.errs.Addf(r.Pos, "front matter: %s: %s", f.Name, hint)
				return nil, false
			}
		}
		if d.events && slices.Contains(eventDays, f.Name) {
			return fail("a day, such as 2027-02-10, or a day and time, such as 2027-02-10T14:00")
		}
		return fail("a date like 2026-11-24 (or 2026-11, or 2026)")
	case config.TypeOnline:
		switch v := r.Value.(type) {
		case bool:
			return v, true
		case string:
			if isWebURL(v) {
				return v, true
			}
		}
		return fail("true, false, or the web address to join, starting with https://")
	case config.TypeFee:
		if y, ok := yenValue(r.Value); ok {
			return y, true
		}
		if v, ok := r.Value.(string); ok {
			if v = strings.TrimSpace(v); v != "" && !strings.Contains(v, "\n") {
				return v, true
			}
		}
		return fail("an amount in yen such as 3000, or one line of text such as 無料")
	case config.TypeURL:
		if s, ok := r.Value.(string); ok {
			if u, err := url.Parse(s); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
				return s, true
			}
		}
		return fail("a full web address starting with https://")
	case config.TypeRef:
		if s, ok := r.Value.(string); ok && s != "" {
			return Ref{Section: f.Section, Name: strings.TrimPrefix(strings.Trim(s, "/"), f.Section+"/"), Pos: r.Pos}, true
		}
		return fail("the name of a page in " + f.Section)
	case config.TypeList:
		items, ok := r.Value.([]Raw)
		if !ok {
			if r.Value == nil {
				return []any{}, true
			}
			// A single value where a list is wanted is a list of one.
			items = []Raw{r}
		}
		out := make([]any, 0, len(items))
		good := true
		for _, item := range items {
			// Tags and page names hold no Japanese comma: 、 between
			// them was meant as the list's comma.
			if s, ok := item.Value.(string); ok && (f.Name == "tags" || f.Of == config.TypeRef) && strings.ContainsAny(s, "、，") {
				parts := strings.FieldsFunc(s, func(r rune) bool { return r == '、' || r == '，' })
				d.errs.Addf(item.Pos, "front matter: %s: %q is one item, since 、 does not separate items; write a comma (,) instead, in brackets: [%s]", f.Name, s, strings.Join(parts, ", "))
				good = false
				continue
			}
			v, ok := d.value(f, f.Of, item)
			good = good && ok
			out = append(out, v)
		}
		return out, good
	}
	return fail("a value of type " + typ)
}

func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

var yenText = regexp.MustCompile(`^[0-9]{1,3}(,[0-9]{3})*$|^[0-9]+$`)

var dateLayouts = []struct {
	layout    string
	precision Precision
	zoned     bool
	clock     bool
}{
	{time.RFC3339, Day, true, true},
	{"2006-01-02T15:04:05", Day, false, true},
	{"2006-01-02T15:04", Day, false, true},
	{"2006-01-02 15:04:05", Day, false, true},
	{"2006-01-02 15:04", Day, false, true},
	{"2006-01-02", Day, false, false},
	{"2006-01", Month, false, false},
	{"2006", Year, false, false},
}

// eventDays are the date fields of an event, which are days.
var eventDays = []string{"start", "end", "deadline"}

var (
	otherDate = regexp.MustCompile(`^(\d{4})\s*[/.年-]\s*(\d{1,2})\s*(?:[/.月-]\s*(\d{1,2})\s*日?)?\s*月?(?:[ T　]*(\d{1,2})\s*[:：時]\s*(\d{2})?\s*分?)?$`)
	eraDate   = regexp.MustCompile(`^(令和|平成|昭和)\s*(\d+|元)\s*年?\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?)?`)
)

// eras are the first years of the Japanese eras PR staff write dates in,
// less one: 令和9年 is 2018+9.
var eras = map[string]int{"令和": 2018, "平成": 1988, "昭和": 1925}

// eraYear is the Western year of a match of eraDate: 令和元年 is 2019.
func eraYear(e []string) int {
	n := 1
	if e[2] != "元" {
		n, _ = strconv.Atoi(e[2])
	}
	return eras[e[1]] + n
}

// dateHint says how to write a date that is written another way
// (2027/01/20 14:00, 2027年1月20日, 令和9年1月20日, 2027-1-5) or is no
// day of the calendar (2027-02-30), or returns "".
func dateHint(s string) string {
	var y, m, day, hh, mm int
	var hasTime bool
	if e := eraDate.FindStringSubmatch(s); e != nil {
		y = eraYear(e)
		m, _ = strconv.Atoi(e[3])
		day, _ = strconv.Atoi(e[4])
		if m == 0 {
			return fmt.Sprintf("%s is the year %d: write dates in the Western calendar, such as %d, %d-04 or %d-04-01", e[0], y, y, y, y)
		}
	} else if o := otherDate.FindStringSubmatch(s); o != nil {
		y, _ = strconv.Atoi(o[1])
		m, _ = strconv.Atoi(o[2])
		day, _ = strconv.Atoi(o[3])
		hh, _ = strconv.Atoi(o[4])
		mm, _ = strconv.Atoi(o[5])
		hasTime = o[4] != ""
	} else {
		return ""
	}
	if m < 1 || m > 12 {
		return fmt.Sprintf("%q has no month %d", s, m)
	}
	if day == 0 {
		return fmt.Sprintf("write the date as %04d-%02d (year-month, with a hyphen)", y, m)
	}
	if last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day(); day > last {
		return fmt.Sprintf("%q is not a day of the calendar: %s %d has %d days", s, time.Month(m), y, last)
	}
	if hasTime {
		if hh > 23 || mm > 59 {
			return fmt.Sprintf("%q is not a time of the day", s)
		}
		return fmt.Sprintf("write the date and time as %04d-%02d-%02dT%02d:%02d (year-month-day with hyphens, T, then the time)", y, m, day, hh, mm)
	}
	want := fmt.Sprintf("%04d-%02d-%02d", y, m, day)
	if want == s {
		return ""
	}
	return fmt.Sprintf("write the date as %s (year-month-day, with hyphens)", want)
}

// ParseDate reads a front matter value as the date of a date field, in
// the site's timezone loc (for the editor, which reads a value of a form
// that is not yet saved).
func ParseDate(v any, loc *time.Location) (Date, bool) { return decoder{loc: loc}.date(v) }

func (d decoder) date(v any) (Date, bool) {
	switch v := v.(type) {
	case int64:
		if v >= 1000 && v <= 9999 {
			return Date{Time: time.Date(int(v), 1, 1, 0, 0, 0, 0, d.loc), Precision: Year}, true
		}
	case time.Time:
		if strings.HasSuffix(v.Location().String(), "-local") {
			v = time.Date(v.Year(), v.Month(), v.Day(), v.Hour(), v.Minute(), v.Second(), v.Nanosecond(), d.loc)
		}
		return Date{Time: v, Clock: v.Hour() != 0 || v.Minute() != 0 || v.Second() != 0}, true
	case string:
		s := strings.TrimSpace(v)
		for _, l := range dateLayouts {
			var t time.Time
			var err error
			if l.zoned {
				t, err = time.Parse(l.layout, s)
			} else {
				t, err = time.ParseInLocation(l.layout, s, d.loc)
			}
			if err == nil {
				return Date{Time: t, Precision: l.precision, Clock: l.clock}, true
			}
		}
	}
	return Date{}, false
}

func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "nothing"
	case string:
		return textfile.String(v)
	case []Raw:
		return "a list"
	case map[string]any:
		return "keys with values (a mapping)"
	case bool:
		return fmt.Sprint(v)
	case time.Time:
		return v.Format(time.RFC3339)
	}
	return fmt.Sprint(v)
}

// yenValue reads an amount in yen: a whole number, or text of digits with
// commas (200,000), half-width or full-width.
func yenValue(v any) (Yen, bool) {
	switch v := v.(type) {
	case int64:
		if v >= 0 {
			return Yen(v), true
		}
	case string:
		v = width.Narrow.String(v) // ２００，０００ as typed full-width
		if yenText.MatchString(v) {
			if n, err := strconv.ParseInt(strings.ReplaceAll(v, ",", ""), 10, 64); err == nil {
				return Yen(n), true
			}
		}
	}
	return 0, false
}
