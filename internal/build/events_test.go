package build_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
)

func eventsAt(t *testing.T, now time.Time) *buildtest.Output {
	t.Helper()
	return buildtest.MustBuild(t, readArchive(t, "events.txtar"), build.Options{NoMinify: true, Now: now})
}

// TestEventCalendarParsesBack reads an event's .ics and a language's feed
// with a real iCalendar parser and compares every field with the front
// matter.
func TestEventCalendarParsesBack(t *testing.T) {
	out := eventsAt(t, buildtest.Now)
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	data := out.Read(t, "events/seminar/event.ics")
	if strings.Contains(strings.ReplaceAll(data, "\r\n", ""), "\n") {
		t.Error("a line ends in LF without CR")
	}
	cal, err := ics.ParseCalendar(strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events, want 1", len(events))
	}
	e := events[0]
	prop := func(p ics.ComponentProperty) string {
		t.Helper()
		v := e.GetProperty(p)
		if v == nil {
			t.Errorf("no %s", p)
			return ""
		}
		return v.Value
	}
	if got, want := e.Id(), "events/seminar@example.jp"; got != want {
		t.Errorf("UID = %q, want %q", got, want)
	}
	start, err := e.GetStartAt()
	if err != nil || !start.Equal(time.Date(2027, 2, 10, 14, 0, 0, 0, tokyo)) {
		t.Errorf("DTSTART = %v, %v", start, err)
	}
	end, err := e.GetEndAt()
	if err != nil || !end.Equal(time.Date(2027, 2, 10, 16, 30, 0, 0, tokyo)) {
		t.Errorf("DTEND = %v, %v", end, err)
	}
	if p := e.GetProperty(ics.ComponentPropertyDtStart); p.ICalParameters["TZID"][0] != "Asia/Tokyo" {
		t.Errorf("DTSTART parameters %v, want TZID=Asia/Tokyo", p.ICalParameters)
	}
	// DTSTAMP is the page's updated date (midnight in Tokyo), not the clock.
	stamp, err := e.GetDtStampTime()
	if err != nil || !stamp.Equal(time.Date(2026, 11, 10, 0, 0, 0, 0, tokyo)) {
		t.Errorf("DTSTAMP = %v, %v", stamp, err)
	}
	for p, want := range map[ics.ComponentProperty]string{
		ics.ComponentPropertySummary:     "東京でのPRセミナー（掲載例）",
		ics.ComponentPropertyDescription: "北見市の支援制度を紹介します; 参加無料, 申込制です。\n\nhttps://example.jp/events/seminar/",
		ics.ComponentPropertyLocation:    "東京都内の会場, 東京都千代田区（掲載例）",
		ics.ComponentPropertyUrl:         "https://example.jp/events/seminar/",
	} {
		if got := ics.FromText(prop(p)); got != want {
			t.Errorf("%s = %q, want %q", p, got, want)
		}
	}
	for _, want := range []string{"BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\nBEGIN:STANDARD\r\n", "TZOFFSETTO:+0900\r\n", "TZNAME:JST\r\n",
		`DESCRIPTION:北見市の支援制度を紹介します\; 参加無料\, 申込制です。\n\nhttps://`} {
		if !strings.Contains(strings.ReplaceAll(data, "\r\n ", ""), want) {
			t.Errorf("calendar lacks %q:\n%s", want, data)
		}
	}

	// The all-day tour of two days: VALUE=DATE, DTEND the day after.
	tour := out.Read(t, "en/events/tour/event.ics")
	for _, want := range []string{"DTSTART;VALUE=DATE:20270617\r\n", "DTEND;VALUE=DATE:20270619\r\n", "UID:en/events/tour@example.jp\r\n",
		"SUMMARY:Inspection tour for executives (sample)\r\n", "LOCATION:Around Kitami\r\n"} {
		if !strings.Contains(tour, want) {
			t.Errorf("tour calendar lacks %q:\n%s", want, tour)
		}
	}
	cal, err = ics.ParseCalendar(strings.NewReader(tour))
	if err != nil {
		t.Fatal(err)
	}
	if d, err := cal.Events()[0].GetAllDayStartAt(); err != nil || d.Format("2006-01-02") != "2027-06-17" {
		t.Errorf("all-day start %v, %v", d, err)
	}

	// Each language's feed has its language's events, soonest first.
	feed, err := ics.ParseCalendar(strings.NewReader(out.Read(t, "events/calendar.ics")))
	if err != nil {
		t.Fatal(err)
	}
	var uids []string
	for _, e := range feed.Events() {
		uids = append(uids, e.Id())
	}
	if got, want := strings.Join(uids, " "), "events/hackathon@example.jp events/seminar@example.jp events/tour@example.jp"; got != want {
		t.Errorf("ja feed events %s, want %s", got, want)
	}
	enFeed := out.Read(t, "en/events/calendar.ics")
	if strings.Count(enFeed, "BEGIN:VEVENT") != 2 || !strings.Contains(enFeed, "X-WR-CALNAME:Events | Test site\r\n") {
		t.Errorf("en feed:\n%s", enFeed)
	}
}

// TestEventsUpcomingAndPast builds the site at dates before, between and
// after the events: the lists and the ended marks follow the build's date.
func TestEventsUpcomingAndPast(t *testing.T) {
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	for _, tc := range []struct {
		now            time.Time
		upcoming, past string
	}{
		{time.Date(2026, 12, 1, 0, 0, 0, 0, tokyo), "<li>北見工業大学と開くハッカソン（掲載例）</li><li>東京でのPRセミナー（掲載例）</li><li>経営者向け視察ツアー（掲載例）</li>", ""},
		// The hackathon ends at 17:00 on the 21st: at 16:59 it is still on.
		{time.Date(2027, 1, 21, 16, 59, 0, 0, tokyo), "<li>北見工業大学と開くハッカソン（掲載例）</li><li>東京でのPRセミナー（掲載例）</li><li>経営者向け視察ツアー（掲載例）</li>", ""},
		{time.Date(2027, 1, 21, 17, 0, 0, 0, tokyo), "<li>東京でのPRセミナー（掲載例）</li><li>経営者向け視察ツアー（掲載例）</li>", "<li>北見工業大学と開くハッカソン（掲載例）</li>"},
		// The all-day tour is on through the whole of its last day, the 18th.
		{time.Date(2027, 6, 18, 23, 59, 0, 0, tokyo), "<li>経営者向け視察ツアー（掲載例）</li>", "<li>東京でのPRセミナー（掲載例）</li><li>北見工業大学と開くハッカソン（掲載例）</li>"},
		{time.Date(2027, 6, 19, 0, 0, 0, 0, tokyo), "", "<li>経営者向け視察ツアー（掲載例）</li><li>東京でのPRセミナー（掲載例）</li><li>北見工業大学と開くハッカソン（掲載例）</li>"},
	} {
		out := eventsAt(t, tc.now)
		out.Contains(t, "events/index.html", `<ul class="upcoming">`+tc.upcoming+`</ul>`, `<ul class="past">`+tc.past+`</ul>`,
			`<p class="asof">`+tc.now.Format("2006年1月2日")+`時点</p>`)
		out.Contains(t, "index.html", `<ul class="upcoming">`+tc.upcoming+`</ul>`)
		// A past event's page stays, marked as ended.
		ended := strings.Contains(tc.past, "ハッカソン")
		page := out.Read(t, "events/hackathon/index.html")
		if got := strings.Contains(page, `<span class="ended">終了</span>`); got != ended {
			t.Errorf("at %v: hackathon marked ended %v, want %v", tc.now, got, ended)
		}
	}
	// Past its deadline, an event that is to come no longer offers to apply.
	for now, closed := range map[time.Time]bool{
		time.Date(2027, 2, 5, 23, 59, 0, 0, tokyo): false,
		time.Date(2027, 2, 6, 0, 0, 0, 0, tokyo):   true,
	} {
		page := eventsAt(t, now).Read(t, "events/seminar/index.html")
		if got := strings.Contains(page, `<p class="closed">`); got != closed {
			t.Errorf("at %v: closed %v, want %v", now, got, closed)
		}
	}
	out := eventsAt(t, time.Date(2027, 3, 1, 0, 0, 0, 0, tokyo))
	out.Contains(t, "en/events/seminar/index.html", `<span class="ended">Ended</span>`)
	out.Contains(t, "en/events/index.html", `<p class="asof">As of March 1, 2027</p>`)
}

// TestEventPage checks what an event's page says: its dates in each
// language, the deadline, and the Google Calendar link.
func TestEventPage(t *testing.T) {
	out := eventsAt(t, buildtest.Now)
	out.Contains(t, "events/seminar/index.html", `<p class="when">2027年2月10日（水）14:00〜16:30</p>`,
		`<p class="deadline">2027年2月5日（金）</p>`, `<a class="ics" href="/events/seminar/event.ics">`,
		`<a class="gcal" href="https://calendar.google.com/calendar/render?action=TEMPLATE&amp;text=`,
		`&amp;dates=20270210T140000/20270210T163000&amp;ctz=Asia%2FTokyo&amp;details=`)
	out.Contains(t, "en/events/seminar/index.html", `<p class="when">Wed, February 10, 2027, 14:00–16:30</p>`,
		`<p class="deadline">Fri, February 5, 2027</p>`)
	out.Contains(t, "events/tour/index.html", `<p class="when">2027年6月17日（木）〜6月18日（金）</p>`)
	out.Contains(t, "en/events/tour/index.html", `<p class="when">Thu, June 17, 2027 – Fri, June 18, 2027</p>`)
	out.Contains(t, "events/hackathon/index.html", `<p class="when">2027年1月20日（水）10:00〜1月21日（木）17:00</p>`,
		`<p class="deadline">2027年1月10日（日）17:00</p>`)
	out.Contains(t, "events/tour/index.html", `dates=20270617/20270619&amp;`)
}

// TestEventJSONLD reads the structured data of an event's page back and
// checks it as a schema.org Event.
func TestEventJSONLD(t *testing.T) {
	out := buildtest.MustBuild(t, readArchive(t, "events.txtar"), build.Options{Now: buildtest.Now}) // minified, as published
	script := regexp.MustCompile(`(?s)<script type="?application/ld\+json"?>(.*?)</script>`)
	type place struct {
		Type    string `json:"@type"`
		Name    string `json:"name"`
		Address string `json:"address"`
		URL     string `json:"url"`
	}
	var doc struct {
		Context string `json:"@context"`
		Graph   []struct {
			Type           string  `json:"@type"`
			Name           string  `json:"name"`
			StartDate      string  `json:"startDate"`
			EndDate        string  `json:"endDate"`
			EventStatus    string  `json:"eventStatus"`
			AttendanceMode string  `json:"eventAttendanceMode"`
			Location       []place `json:"location"`
			Offers         *struct {
				Type     string `json:"@type"`
				Price    *int   `json:"price"`
				Currency string `json:"priceCurrency"`
				URL      string `json:"url"`
			} `json:"offers"`
			Organizer struct {
				Type string `json:"@type"`
				Name string `json:"name"`
			} `json:"organizer"`
		} `json:"@graph"`
	}
	m := script.FindStringSubmatch(out.Read(t, "events/seminar/index.html"))
	if m == nil {
		t.Fatal("no JSON-LD")
	}
	if err := json.Unmarshal([]byte(m[1]), &doc); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, m[1])
	}
	if doc.Context != "https://schema.org" || len(doc.Graph) != 2 || doc.Graph[1].Type != "Event" {
		t.Fatalf("want breadcrumbs and an Event: %s", m[1])
	}
	ev := doc.Graph[1]
	if _, err := time.Parse(time.RFC3339, ev.StartDate); err != nil || ev.StartDate != "2027-02-10T14:00:00+09:00" {
		t.Errorf("startDate %q (%v): want a date and time with its offset", ev.StartDate, err)
	}
	if ev.EndDate != "2027-02-10T16:30:00+09:00" || ev.Name != "東京でのPRセミナー（掲載例）" || ev.EventStatus != "https://schema.org/EventScheduled" {
		t.Errorf("event %+v", ev)
	}
	if ev.AttendanceMode != "https://schema.org/MixedEventAttendanceMode" || len(ev.Location) != 2 ||
		ev.Location[0] != (place{Type: "Place", Name: "東京都内の会場", Address: "東京都千代田区（掲載例）"}) ||
		ev.Location[1] != (place{Type: "VirtualLocation", URL: "https://meet.example.jp/seminar"}) {
		t.Errorf("location %s %+v", ev.AttendanceMode, ev.Location)
	}
	if o := ev.Offers; o == nil || o.Type != "Offer" || o.Price == nil || *o.Price != 0 || o.Currency != "JPY" || o.URL != "https://example.jp/apply/" {
		t.Errorf("offers %+v", o)
	}
	if ev.Organizer.Type != "GovernmentOrganization" || ev.Organizer.Name != "広報課" {
		t.Errorf("organizer %+v", ev.Organizer)
	}
	// The tour: days without a time, offline, fee in words (no price).
	m = script.FindStringSubmatch(out.Read(t, "events/tour/index.html"))
	doc.Graph = nil
	if err := json.Unmarshal([]byte(m[1]), &doc); err != nil {
		t.Fatal(err)
	}
	if ev := doc.Graph[1]; ev.StartDate != "2027-06-17" || ev.EndDate != "2027-06-18" || ev.AttendanceMode != "https://schema.org/OfflineEventAttendanceMode" || ev.Offers != nil {
		t.Errorf("tour %+v", ev)
	}
}

// TestEventOutputsIdentical builds twice with the same input: every file
// is byte for byte the same; a third build, hours later, writes the same
// calendars (DTSTAMP comes from the pages, not the clock).
func TestEventOutputsIdentical(t *testing.T) {
	a := buildtest.MustBuild(t, readArchive(t, "events.txtar"), build.Options{Now: buildtest.Now})
	b := buildtest.MustBuild(t, readArchive(t, "events.txtar"), build.Options{Now: buildtest.Now})
	c := buildtest.MustBuild(t, readArchive(t, "events.txtar"), build.Options{Now: buildtest.Now.Add(3 * time.Hour)})
	files := a.Files(t)
	if len(files) != len(b.Files(t)) {
		t.Fatalf("%d files, then %d", len(files), len(b.Files(t)))
	}
	n := 0
	for _, f := range files {
		if a.Read(t, f) != b.Read(t, f) {
			t.Errorf("%s differs between builds", f)
		}
		if strings.HasSuffix(f, ".ics") {
			n++
			if a.Read(t, f) != c.Read(t, f) {
				t.Errorf("%s differs between builds at different times", f)
			}
		}
	}
	if n != 7 { // 5 events, 2 feeds
		t.Errorf("%d calendars, want 7", n)
	}
}

// TestEventErrors reports what does not make sense in an event's dates at
// the line of the key.
func TestEventErrors(t *testing.T) {
	fsys := buildtest.FS(readArchive(t, "events.txtar"))
	set := func(name, text string) {
		fsys[name].Data = []byte(text)
	}
	set("content/events/tour.ja.md", "---\ntitle: 視察\nstart: 2027-06-17\nend: 2027-06-16\n---\n")
	set("content/events/hackathon.ja.md", "---\ntitle: ハッカソン\nstart: 2027-01-20T10:00\nend: 2027-01-20T17:00\ndeadline: 2027-01-21\n---\n")
	set("content/events/seminar.ja.md", "---\ntitle: セミナー\nstart: 2027-02-30T14:00\n---\n")
	set("content/events/seminar.en.md", "---\ntitle: Seminar\nstart: 2027-02\n---\n")
	_, err := buildtest.BuildFS(t, fsys, build.Options{Now: buildtest.Now})
	if err == nil {
		t.Fatal("built")
	}
	for _, want := range []string{
		"content/events/tour.ja.md:4:6: front matter: end: 2027-06-16 is before start (2027-06-17)",
		"content/events/hackathon.ja.md:5:11: front matter: deadline: 2027-01-21 is after the event starts (2027-01-20T10:00)",
		`content/events/seminar.ja.md:3:8: front matter: start: "2027-02-30T14:00" is not a day of the calendar: February 2027 has 28 days`,
		"content/events/seminar.en.md:3:8: front matter: start: want a day, such as 2027-02-10, or a day and time",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors lack %q:\n%v", want, err)
		}
	}

	// An unknown time zone is an error at site.yaml's line.
	fsys = buildtest.FS(readArchive(t, "events.txtar"))
	fsys["site.yaml"].Data = []byte("timezone: Asia/Kitami\n" + string(fsys["site.yaml"].Data))
	_, err = buildtest.BuildFS(t, fsys, build.Options{Now: buildtest.Now})
	if err == nil || !strings.Contains(err.Error(), `site.yaml:1:11: timezone: unknown zone "Asia/Kitami"`) {
		t.Errorf("want the unknown zone at its line, got %v", err)
	}
}
