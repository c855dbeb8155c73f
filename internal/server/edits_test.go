package server

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/furusato/furusato/internal/benchsite"
	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/diag"
)

// TestRandomEditsWhileServing makes random edits to a generated site
// while serving it, folders deleted, replaced by files and put back among
// them (rm -rf content; cp -r saved content), through real file-system
// events. After each edit, once the server has caught up, it serves byte
// for byte what a clean build of the files on disk gives, or shows the
// errors a clean build gives.
func TestRandomEditsWhileServing(t *testing.T) {
	steps := 25
	if testing.Short() || raceEnabled {
		steps = 10
	}
	for _, seed := range []uint64{1, 2} {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			dir := t.TempDir()
			if err := benchsite.Write(dir, os.DirFS("../.."), 30); err != nil {
				t.Fatal(err)
			}
			h := serveDir(t, dir, false)
			evs := h.events()
			next(t, evs)
			e := &buildtest.Editor{T: t, Dir: dir, Rand: rand.New(rand.NewPCG(seed, 7)), Folders: true}
			for step := range steps {
				what := e.Edit()
				t.Log(step, what)
				e.Touched = nil
				h.catchUp(evs, fmt.Sprintf("step %d (%s)", step, what))
				if t.Failed() {
					return
				}
			}
		})
	}
}

// catchUp waits until the server serves what a clean build of the files
// on disk gives, or shows its errors, and fails the test if that does not
// happen within a generous time.
func (h *harness) catchUp(evs <-chan event, step string) {
	h.t.Helper()
	opts := build.Options{Site: os.DirFS(h.dir), SiteDir: h.dir, Now: buildtest.Now, Origin: "http://" + h.srv.ln.Addr().String(), Preview: true}
	_, clean, cleanErr := build.NewBuilder(opts).Memory(context.Background())
	var want []string // the errors of the clean build
	for _, e := range diag.All(cleanErr) {
		want = append(want, e.Pos.String()+": "+e.Msg)
	}
	slices.Sort(want)
	same := func() bool {
		st := h.srv.state.Load()
		var ev event
		json.Unmarshal(st.event, &ev)
		if cleanErr == nil {
			// The last good build is served while errors are shown.
			return len(ev.Errors) == 0 && maps.EqualFunc(st.files, clean.Files(), func(a, b []byte) bool { return string(a) == string(b) })
		}
		var got []string
		for _, e := range ev.Errors {
			got = append(got, e.Pos+": "+e.Msg)
		}
		slices.Sort(got)
		return slices.Equal(got, want)
	}
	// Events say when to look again; a slow reader may miss one, so look
	// now and then too.
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(30 * time.Second)
	for !same() {
		select {
		case <-evs:
		case <-tick.C:
		case <-deadline:
			st := h.srv.state.Load()
			if cleanErr != nil {
				h.t.Errorf("%s: the server never showed the errors of a clean build:\n%s\nit shows: %s", step, want, st.event)
				return
			}
			h.t.Errorf("%s: the server never served what a clean build gives (last event %s)", step, st.event)
			compare(h.t, st.files, clean)
			return
		}
	}
}
