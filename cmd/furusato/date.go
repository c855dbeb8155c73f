package main

import (
	"fmt"
	"io/fs"
	"time"

	"github.com/furusato/furusato/internal/config"
)

// dateFlag is a --date as written, checked before the site is opened.
type dateFlag struct{ y, m, d int }

// parseDateFlag reads --date: a day such as 2027-04-01.
func parseDateFlag(s, cmd string) (*dateFlag, error) {
	if s == "" {
		return nil, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return nil, &usageError{fmt.Sprintf("--date: want a day written like 2027-04-01, got %q", s), cmd}
	}
	return &dateFlag{t.Year(), int(t.Month()), t.Day()}, nil
}

// at is the start of the day in the site's time zone (site.yaml's
// timezone), which the build takes as its time: the site as it will be
// published that morning.
func (d *dateFlag) at(site fs.FS) (time.Time, error) {
	if d == nil {
		return time.Time{}, nil
	}
	cfg, err := config.Load(site)
	if err != nil {
		return time.Time{}, err
	}
	return time.Date(d.y, time.Month(d.m), d.d, 0, 0, 0, 0, cfg.Location), nil
}
