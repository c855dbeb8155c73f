package sitetest

import (
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/furusato/furusato"
	"github.com/furusato/furusato/internal/browsertest"
	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
)

// eventsOver is a date after every sample event of the example site: its
// event pages are marked ended and its lists have past events.
var eventsOver = time.Date(2027, 12, 1, 0, 0, 0, 0, time.UTC)

func buildExampleAt(t *testing.T, now time.Time) *buildtest.Output {
	t.Helper()
	out, err := buildtest.BuildFS(t, furusato.Example(), build.Options{Now: now})
	if err != nil {
		t.Fatalf("the example site does not build at %v:\n%v", now, err)
	}
	return out
}

// TestEventsEndedValidate validates the example site as it is once its
// events are over (TestHTMLValidate covers it while they are to come):
// pages marked ended and lists of past events.
func TestEventsEndedValidate(t *testing.T) {
	out := buildExampleAt(t, eventsOver)
	out.Contains(t, "events/hackathon-kit/index.html", `<span class="badge ended">終了</span>`)
	out.Contains(t, "en/events/index.html", "Past events")
	n, report := htmlValidate(t, out.Dir)
	if n > 0 {
		t.Errorf("html-validate found %d errors:\n%s", n, report)
	}
}

// TestBrowserEventsEnded runs axe-core on the event pages and lists of
// the example site once its events are over, in both languages, at a
// phone's and a laptop's width, light and dark. TestBrowserPages covers
// them while the events are to come.
func TestBrowserEventsEnded(t *testing.T) {
	axe := axeSource(t)
	ctx := browsertest.New(t)
	out := buildExampleAt(t, eventsOver)
	base := serve(t, out)
	var pages []string
	for _, p := range out.Result.Site.Pages {
		if p.Section == "events" {
			pages = append(pages, p.URL)
		}
	}
	if len(pages) != 8 { // a list and three events, in two languages
		t.Fatalf("event pages %v, want 8", pages)
	}
	for _, u := range pages {
		for _, width := range widths {
			for _, scheme := range []string{"light", "dark"} {
				t.Run(fmt.Sprintf("%s-%d-%s", strings.Trim(u, "/"), width, scheme), func(t *testing.T) {
					if err := chromedp.Do(ctx, setView(width, scheme), chromedp.Navigate(base+u)); err != nil {
						t.Fatal(err)
					}
					m, err := measurePage(ctx)
					if err != nil {
						t.Fatal(err)
					}
					if m.ScrollWidth > m.ClientWidth {
						t.Errorf("the page scrolls sideways: %v", m.Overflowing)
					}
					vs, err := runAxe(ctx, axe)
					if err != nil {
						t.Fatal(err)
					}
					for _, v := range vs {
						t.Errorf("axe: %s", v)
					}
				})
			}
		}
	}
}

// TestOpenDataEventTimes reads the example site's events as open data
// (イベント一覧): an event written with times has them, and only one of
// whole days is all-day.
func TestOpenDataEventTimes(t *testing.T) {
	out := buildExample(t)
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out.Read(t, "data/events.csv"), "\ufeff"))).ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("data/events.csv: %d records, %v", len(recs), err)
	}
	col := func(rec []string, name string) string {
		i := slices.Index(recs[0], name)
		if i < 0 {
			t.Fatalf("data/events.csv has no column %s", name)
		}
		return rec[i]
	}
	want := map[string][3]string{ // 開始時間, 終了時間, 終日フラグ, from the events' front matter
		"hackathon-kit":    {"10:00", "17:00", "FALSE"},
		"pr-seminar-tokyo": {"14:00", "16:30", "FALSE"},
		"executive-tour":   {"", "", "TRUE"},
	}
	for _, rec := range recs[1:] {
		id := col(rec, "ID")
		w, ok := want[id]
		if !ok {
			continue
		}
		delete(want, id)
		if got := [3]string{col(rec, "開始時間"), col(rec, "終了時間"), col(rec, "終日フラグ")}; got != w {
			t.Errorf("%s: 開始時間, 終了時間, 終日フラグ = %q, want %q", id, got, w)
		}
	}
	for id := range want {
		t.Errorf("data/events.csv has no row for %s", id)
	}
}
