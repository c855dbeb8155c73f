package render_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/outputs"
	"github.com/furusato/furusato/internal/render"
)

// stopSite has one page whose template takes long: ten million writes.
const stopSite = `
-- site.yaml --
baseURL: https://example.jp/
languages:
  - {code: ja, title: サイト}
-- templates/page.html --
{{if eq .Page.Title "Long"}}{{$l := list 0 1 2 3 4 5 6 7 8 9}}{{range $l}}{{range $l}}{{range $l}}{{range $l}}{{range $l}}{{range $l}}{{range $l}}.{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}{{else}}{{.Page.Title}}{{end}}
-- templates/home.html --
home
-- templates/section.html --
section
-- templates/404.html --
404
-- templates/tags.html --
tags
-- templates/tag.html --
tag
-- content/a.ja.md --
---
title: A
---
-- content/b.ja.md --
---
title: Long
---
-- content/c.ja.md --
---
title: C
---
`

// endsAt is a context that ends when its Err is asked for the n-th time:
// parallel.EachOn asks before it takes each output, so with one worker
// it ends as the (n-1)-th output of the plan starts.
type endsAt struct {
	context.Context
	n     int64
	calls atomic.Int64
	once  sync.Once
	done  chan struct{}
}

func (c *endsAt) Done() <-chan struct{} { return c.done }

func (c *endsAt) Err() error {
	if c.calls.Add(1) == c.n {
		c.once.Do(func() { close(c.done) })
		return nil
	}
	select {
	case <-c.done:
		return context.Canceled
	default:
		return nil
	}
}

// A build stopped while a page's template runs writes nothing more: the
// template stops at its next write, and Render returns at once.
func TestRenderStopsInsideTemplate(t *testing.T) {
	fsys := buildtest.FS(stopSite)
	s := newSite(t, fsys, nil)
	tmpl, err := render.Load(fsys, s.Config, nil)
	if err != nil {
		t.Fatal(err)
	}
	tmpl.CheckCached(true) // one output after the other, in the order of the plan
	plan, err := render.Plan(s)
	if err != nil {
		t.Fatal(err)
	}
	long := -1
	for i, o := range plan {
		if o.Path == "b/index.html" {
			long = i
		}
	}
	if long < 0 {
		t.Fatalf("no b/index.html in the plan")
	}
	ctx := &endsAt{Context: context.Background(), n: int64(long) + 1, done: make(chan struct{})}
	var late []string
	_, err = render.Render(ctx, s, tmpl, plan, func(path string, _ *outputs.Format, _ []byte) error {
		select {
		case <-ctx.done:
			late = append(late, path)
		default:
		}
		return nil
	}, render.Options{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Render: %v, want context.Canceled", err)
	}
	if len(late) > 0 {
		t.Errorf("written after the build was stopped: %v", late)
	}
}
