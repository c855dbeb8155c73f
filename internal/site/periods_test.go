package site_test

import (
	"context"
	"testing"
	"time"

	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/content"
	"github.com/furusato/furusato/internal/site"
)

const periodsSite = `
-- site.yaml --
baseURL: https://example.jp/
timezone: Asia/Tokyo
languages:
  - {code: ja, title: サイト}
sections:
  programs: {}
-- content/programs/a.ja.md --
---
title: A
apply_until: 2027-03-31
---
`

// Today is the day of the build in the site's time zone, whatever zone
// the build's time is given in.
func TestToday(t *testing.T) {
	// 2027-03-31 20:00 UTC is 2027-04-01 05:00 in Tokyo.
	s := mustSite(t, periodsSite, site.Options{Now: time.Date(2027, 3, 31, 20, 0, 0, 0, time.UTC)})
	if got := s.Today().Format(time.RFC3339); got != "2027-04-01T00:00:00+09:00" {
		t.Errorf("Today() = %s, want the start of 1 April in Tokyo", got)
	}
	if a := page(t, s, "ja:page:programs/a").Application; a == nil || a.Status != content.StatusClosed || !a.Closed() {
		t.Errorf("application = %+v, want closed on 1 April in Tokyo", a)
	}
}

// A graph edited in place for the next build keeps the statuses it
// computed; a build on another day must make a new one.
func TestEditOnAnotherDay(t *testing.T) {
	fsys := buildtest.FS(periodsSite)
	cfg, err := config.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	c, err := content.Load(context.Background(), fsys, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	loc := cfg.Location
	morning := time.Date(2027, 3, 31, 8, 0, 0, 0, loc)
	s, err := site.New(context.Background(), cfg, c, fsys, nil, site.Options{Now: morning})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.Edit(context.Background(), c, site.Options{Now: morning.Add(15 * time.Hour)}, nil); !ok {
		t.Error("a rebuild later the same day cannot edit the graph")
	}
	if _, ok, _ := s.Edit(context.Background(), c, site.Options{Now: morning.Add(16 * time.Hour)}, nil); ok {
		t.Error("a rebuild the next day edits the graph whose statuses are those of the day before")
	}
}
