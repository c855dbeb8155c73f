package site_test

import (
	"context"
	"testing"
	"time"

	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/content"
	"github.com/furusato/furusato/internal/site"
)

const eventsArchive = `-- site.yaml --
baseURL: https://example.jp/
languages:
  - {code: ja, title: テスト}
sections:
  events:
    kind: events
-- content/events/seminar.ja.md --
---
title: セミナー
start: 2027-02-10T14:00
end: 2027-02-10T16:30
deadline: 2027-02-05T17:00
---
-- content/events/tour.ja.md --
---
title: 視察
start: 2027-06-17
---
`

// TestEditKeepsEventStatuses: the dev server's in-place edit of the graph
// keeps each event's status true. A later build edits the graph while no
// event ended or closed in between, and makes a new one once one did.
func TestEditKeepsEventStatuses(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	// The same day as the first edit: on another day the graph is made
	// anew anyway, since expiry and application statuses follow the day.
	start := time.Date(2027, 2, 5, 9, 0, 0, 0, tokyo)
	s := mustSite(t, eventsArchive, site.Options{Now: start})
	seminar := s.Lookup(s.Config.Languages[0], "events/seminar")
	if e := seminar.Event; e == nil || e.Ended || e.Closed {
		t.Fatalf("seminar event %+v", e)
	}
	fsys := buildtest.FS(eventsArchive)
	cfg := s.Config
	for _, tc := range []struct {
		now  time.Time
		edit bool
	}{
		{time.Date(2027, 2, 5, 17, 0, 0, 0, tokyo), true},  // the deadline, not past it yet
		{time.Date(2027, 2, 5, 17, 0, 1, 0, tokyo), false}, // closed
		{time.Date(2027, 2, 10, 16, 30, 0, 0, tokyo), false},
	} {
		c, err := content.Load(context.Background(), fsys, cfg, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, ok, err := s.Edit(context.Background(), c, site.Options{Now: tc.now}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if ok != tc.edit {
			t.Errorf("at %v: edited in place %v, want %v", tc.now, ok, tc.edit)
		}
		if !ok {
			// A new graph at that time has the new statuses.
			s2 := mustSite(t, eventsArchive, site.Options{Now: tc.now})
			e := s2.Lookup(s2.Config.Languages[0], "events/seminar").Event
			if !e.Closed || e.Ended != !tc.now.Before(time.Date(2027, 2, 10, 16, 30, 0, 0, tokyo)) {
				t.Errorf("at %v: %+v", tc.now, e)
			}
		}
	}
}
