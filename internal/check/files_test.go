package check_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/check"
)

// TestCalendarsAndJSON breaks the files of a built site with events the
// way a faulty writer would, and checks that check reports each one at
// the page it comes from: a calendar with LF line ends, a line longer
// than 75 octets, a fold that cuts a character, an event without a
// start, and JSON that does not parse.
func TestCalendarsAndJSON(t *testing.T) {
	data, err := os.ReadFile("../build/testdata/events.txtar")
	if err != nil {
		t.Fatal(err)
	}
	site := buildtest.FS(string(data))
	site["static/data.json"] = &fstest.MapFile{Data: []byte(`{"a": 1}`), Mode: 0o644}
	opts := build.Options{Site: site, Now: buildtest.Now}
	res, out, err := build.NewBuilder(opts).Memory(context.Background())
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	files := out.Files()
	clean := check.Run(check.Input{Site: res.Site, Files: files})
	for _, p := range clean.Problems {
		if p.Severity == check.Error {
			t.Errorf("clean site: %s", p)
		}
	}

	good := string(files["events/seminar/event.ics"])
	broken := map[string]string{
		"events/seminar/event.ics":    strings.Replace(good, "\r\n", "\n", 1),
		"en/events/seminar/event.ics": strings.Replace(good, "URL:", "URL:"+strings.Repeat("x", 80), 1),
		"events/tour/event.ics":       strings.Replace(good, "SUMMARY:東京", "SUMMARY:\xe6\x9d\r\n \xb1", 1),
		"events/hackathon/event.ics":  strings.Replace(good, "DTSTART;TZID=Asia/Tokyo:20270210T140000\r\n", "", 1),
		"en/events/tour/event.ics":    strings.Replace(good, "DTSTART;TZID=Asia/Tokyo:20270210T140000", "DTSTART;TZID=Asia/Tokyo:2027-02-10", 1),
		"data.json":                   `{"a": 1,}`,
	}
	for name, text := range broken {
		if _, ok := files[name]; !ok {
			t.Fatalf("no %s in the output", name)
		}
		files[name] = []byte(text)
	}
	html := string(files["events/seminar/index.html"])
	files["events/seminar/index.html"] = []byte(strings.Replace(html, `"@context"`, `"@context",`, 1))
	r := check.Run(check.Input{Site: res.Site, Files: files})
	var got []string
	for _, p := range r.Problems {
		got = append(got, p.String())
	}
	text := strings.Join(got, "\n")
	for _, want := range []string{
		"content/events/seminar.ja.md:1:1: calendar events/seminar/event.ics: line 1 ends without CRLF",
		"content/events/seminar.en.md:1:1: calendar en/events/seminar/event.ics: line ",
		" is longer than 75 octets",
		"content/events/tour.ja.md:1:1: calendar events/tour/event.ics: line ",
		"is not whole UTF-8",
		"content/events/hackathon.ja.md:1:1: calendar events/hackathon/event.ics: event events/seminar@example.jp has no DTSTART",
		"content/events/tour.en.md:1:1: calendar en/events/tour/event.ics: event events/seminar@example.jp: DTSTART: ",
		"data.json is not valid JSON",
		"content/events/seminar.ja.md:1:1: the structured data (application/ld+json) of events/seminar/index.html is not valid JSON",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("problems lack %q:\n%s", want, text)
		}
	}
	if n, _ := r.Count(); n != 7 {
		t.Errorf("%d errors, want 7:\n%s", n, text)
	}
}
