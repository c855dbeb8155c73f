package check

import (
	"bytes"
	"encoding/json"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	// Calendars name their zone (TZID=Asia/Tokyo): read it on machines
	// without the system's zone files too.
	_ "time/tzdata"

	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/ical"
)

// checkFiles parses the calendars and JSON files of the output, and the
// structured data (JSON-LD) of every page, as the programs that read
// them would: a calendar that Google Calendar or Outlook cannot import,
// or JSON that does not parse, is an error.
func (c *checker) checkFiles() {
	names := make([]string, 0, len(c.in.Files))
	for name := range c.in.Files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		data := c.in.Files[name]
		switch strings.ToLower(path.Ext(name)) {
		case ".ics":
			if msg := calendarProblem(data); msg != "" {
				c.add(c.fileSource(name), Error, "", "calendar %s: %s", name, msg)
			}
		case ".json", ".geojson", ".webmanifest":
			if !json.Valid(data) {
				c.add(c.fileSource(name), Error, "", "%s is not valid JSON", name)
			}
		}
	}
	for _, name := range c.htmlFiles {
		doc := c.docs[name]
		if doc == nil {
			continue
		}
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode || n.DataAtom != atom.Script || !isJSONLD(n) {
				continue
			}
			var text strings.Builder
			for t := n.FirstChild; t != nil; t = t.NextSibling {
				text.WriteString(t.Data)
			}
			if !json.Valid([]byte(text.String())) {
				c.add(c.fileSource(name), Error, "", "the structured data (application/ld+json) of %s is not valid JSON", name)
			}
		}
	}
}

func isJSONLD(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key == "type" && strings.EqualFold(strings.TrimSpace(a.Val), "application/ld+json") {
			return true
		}
	}
	return false
}

// fileSource is where to fix an output file: the page it belongs to (an
// event's calendar, a page), else nothing more precise than the output.
func (c *checker) fileSource(name string) diag.Pos {
	for _, p := range c.s.Pages {
		if p.File == "" {
			continue
		}
		if u := p.CalendarURL(); u != "" && c.s.OutputPath(u) == name || c.s.OutputPath(p.URL) == name {
			return diag.Pos{File: p.File, Line: 1, Col: 1}
		}
	}
	return diag.Pos{}
}

// calendarProblem says what is wrong with an iCalendar file, or "": its
// lines (CRLF, at most 75 octets, whole UTF-8), then what a real parser
// reads of it: every event has a UID, a DTSTAMP and a start it can read.
func calendarProblem(data []byte) string {
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		return "it does not end with CRLF"
	}
	for i, line := range bytes.Split(bytes.TrimSuffix(data, []byte("\r\n")), []byte("\r\n")) {
		switch {
		case bytes.ContainsAny(line, "\r\n"):
			return "line " + strconv.Itoa(i+1) + " ends without CRLF"
		case len(line) > ical.MaxLine:
			return "line " + strconv.Itoa(i+1) + " is longer than 75 octets"
		case !utf8.Valid(line):
			return "line " + strconv.Itoa(i+1) + " is not whole UTF-8 (a character is cut by folding)"
		}
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		return "cannot be read: " + err.Error()
	}
	events := cal.Events()
	if len(events) == 0 && len(cal.Components) == 0 {
		return "it has no events"
	}
	for _, e := range events {
		id := e.Id()
		if id == "" {
			return "an event has no UID"
		}
		if _, err := e.GetDtStampTime(); err != nil {
			return "event " + id + ": DTSTAMP: " + err.Error()
		}
		start := e.GetProperty(ics.ComponentPropertyDtStart)
		if start == nil {
			return "event " + id + " has no DTSTART"
		}
		if _, allDay := start.ICalParameters["VALUE"]; allDay {
			if _, err := e.GetAllDayStartAt(); err != nil {
				return "event " + id + ": DTSTART: " + err.Error()
			}
		} else if _, err := e.GetStartAt(); err != nil {
			return "event " + id + ": DTSTART: " + err.Error()
		}
	}
	return ""
}
