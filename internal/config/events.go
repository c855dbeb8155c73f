package config

import (
	"fmt"
	"slices"

	"github.com/furusato/furusato/internal/diag"
)

// KindEvents is the kind of a section of events:
//
//	sections:
//	  events:
//	    kind: events   # its pages are events, with the keys below
//	    sort: date
//
// Besides the common keys, every page of an events section may use these
// front matter keys, which it needs no declaration for:
//
//	start: 2027-02-10T14:00     # required: a date, or a date and time in the site's timezone
//	end: 2027-02-10T16:30       # a date or a date and time, not before start
//	all_day: true               # the whole day (the default when start is a date only)
//	venue: KITAMI BASE          # where it is held
//	address: 北海道北見市…       # the venue's address
//	online: true                # held online too: true, or the address (https://…) to join
//	registration: https://…     # where to apply
//	deadline: 2027-02-05        # last day to apply: a date or a date and time, not after start
//	fee: 無料                   # text, or a number of yen such as 3000
//
// The section's schema is Event (the only one an events section takes).
const KindEvents = "events"

// Types of the keys of events that take one of two kinds of value; a
// section's fields cannot declare them.
const (
	// TypeOnline is true or false, or the web address to join.
	TypeOnline = "online"
	// TypeFee is a number of yen, or text such as 無料.
	TypeFee = "fee"
)

// EventFields are the keys that kind: events gives a section's pages.
// Text (venue, address, fee) is written in each language; dates and
// addresses of web pages are inherited by translations. Their labels
// are in Japanese and English; a site in other languages sees the keys.
func EventFields() []*Field {
	no, yes := false, true
	label := func(ja, en string) map[string]string { return map[string]string{"ja": ja, "en": en} }
	return []*Field{
		{Name: "start", Type: TypeDate, Required: true, Label: label("開始", "Starts")},
		{Name: "end", Type: TypeDate, Label: label("終了", "Ends")},
		{Name: "all_day", Type: TypeBool, Label: label("終日", "All day")},
		{Name: "venue", Type: TypeString, Label: label("会場", "Venue")},
		{Name: "address", Type: TypeText, Label: label("会場の住所", "Address")},
		{Name: "online", Type: TypeOnline, Translate: &no, Label: label("オンライン", "Online")},
		{Name: "registration", Type: TypeURL, Label: label("申込先", "Registration")},
		{Name: "deadline", Type: TypeDate, Label: label("申込締切", "Deadline")},
		{Name: "fee", Type: TypeFee, Translate: &yes, Label: label("参加費", "Fee")},
	}
}

// checkKind checks a section's kind and gives an events section its keys.
func (c *Config) checkKind(s *Section, errs *diag.List) {
	p := "$.sections." + s.Name
	switch s.Kind {
	case "":
		return
	case KindEvents:
	default:
		errs.Addf(c.Pos(p+".kind"), "kind: want events or nothing, got %q", s.Kind)
		return
	}
	switch s.Schema {
	case "":
		s.Schema = "Event"
	case "Event":
	default:
		errs.Addf(c.Pos(p+".schema"), "schema: a section of kind events is of schema Event; remove schema: %s", s.Schema)
	}
	for i, f := range s.Fields {
		if f != nil && slices.ContainsFunc(EventFields(), func(e *Field) bool { return e.Name == f.Name }) {
			errs.Addf(c.Pos(fmt.Sprintf("%s.fields[%d].name", p, i)), "fields: %s is a key of every event (kind: events); remove its declaration", f.Name)
		}
	}
	s.Fields = append(EventFields(), s.Fields...)
}
