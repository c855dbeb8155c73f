// Package watch reports changes under a folder, in batches. It knows nothing
// of sites: it watches every folder below its root (fsnotify is not
// recursive), follows folders that are created, renamed, or deleted and
// created again, leaves out what editors write on the side (backup, swap
// and temporary files), and turns bursts of events (a save that writes
// three times, a git checkout of 200 files) into one batch.
package watch

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/furusato/furusato/internal/sitefiles"
)

// Options tune a Watcher.
type Options struct {
	// Ignore leaves out paths (slash-separated, relative to the root) beyond
	// the ones every watcher leaves out. A folder it ignores is not watched.
	Ignore func(rel string, isDir bool) bool
	// Quiet is how long no event must arrive before a batch is sent
	// (default 100ms).
	Quiet time.Duration
	// Burst is the quiet period for changes that come within Burst of the
	// last batch: a checkout, a script or an editor saving again and
	// again, which one rebuild should follow rather than many (default
	// five times Quiet).
	Burst time.Duration
	// MaxWait is the longest a batch waits during a steady stream of
	// events (default 1s).
	MaxWait time.Duration
}

// Watcher watches a folder tree.
type Watcher struct {
	root    string
	opts    Options
	fsw     *fsnotify.Watcher
	batches chan []string
	errs    chan error
	done    chan struct{}
	wg      sync.WaitGroup
	once    sync.Once
	busy    atomic.Bool // changes are being gathered into a batch
}

// New starts watching root and every folder below it.
func New(root string, opts Options) (*Watcher, error) {
	if opts.Quiet <= 0 {
		opts.Quiet = 100 * time.Millisecond
	}
	if opts.MaxWait <= 0 {
		opts.MaxWait = time.Second
	}
	if opts.Burst <= 0 {
		opts.Burst = 5 * opts.Quiet
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	fsw, err := fsnotify.NewBufferedWatcher(4096)
	if err != nil {
		return nil, err
	}
	w := &Watcher{root: abs, opts: opts, fsw: fsw, batches: make(chan []string), errs: make(chan error, 8), done: make(chan struct{})}
	if _, err := w.addTree(abs); err != nil {
		fsw.Close()
		return nil, err
	}
	w.wg.Add(1)
	go w.loop()
	return w, nil
}

// Batches delivers the paths that changed, slash-separated and relative to
// the root, sorted, each once per batch. A removed folder is reported as
// its own path.
func (w *Watcher) Batches() <-chan []string { return w.batches }

// Busy reports whether changes have come that are not yet in a batch.
func (w *Watcher) Busy() bool { return w.busy.Load() }

// Errors delivers problems the watcher met and kept going after.
func (w *Watcher) Errors() <-chan error { return w.errs }

// Close stops watching and waits for the watcher's goroutine to end.
func (w *Watcher) Close() error {
	var err error
	w.once.Do(func() {
		close(w.done)
		err = w.fsw.Close()
		w.wg.Wait()
	})
	return err
}

// Ignored reports whether a file name is one that editors and systems
// write beside the real files (see sitefiles.Ignored).
func Ignored(name string) bool { return sitefiles.Ignored(name) }

func (w *Watcher) rel(p string) (string, bool) {
	r, err := filepath.Rel(w.root, p)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(r), true
}

// skip reports whether a path is left out, from its name or by Options.
func (w *Watcher) skip(p string, isDir bool) bool {
	r, ok := w.rel(p)
	if !ok {
		return true
	}
	if r == "." {
		return false
	}
	for _, part := range strings.Split(r, "/") {
		if Ignored(part) {
			return true
		}
	}
	return w.opts.Ignore != nil && w.opts.Ignore(r, isDir)
}

// addTree watches dir and the folders below it, and returns the files in
// them: a folder that appears (or is renamed into place) may already hold
// files whose events came before its watch.
func (w *Watcher) addTree(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // gone again already
			}
			return err
		}
		if w.skip(p, d.IsDir()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			if r, ok := w.rel(p); ok {
				files = append(files, r)
			}
			return nil
		}
		if err := w.fsw.Add(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	})
	return files, err
}

func (w *Watcher) loop() {
	defer w.wg.Done()
	defer close(w.batches)
	pending := map[string]bool{}
	var lastFlush time.Time
	wait := w.opts.Quiet // the quiet period of the batch being gathered
	var quiet, limit <-chan time.Time
	var quietTimer, limitTimer *time.Timer
	stop := func(t *time.Timer) {
		if t != nil {
			t.Stop()
		}
	}
	defer func() { stop(quietTimer); stop(limitTimer) }()
	for {
		select {
		case <-w.done:
			return
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			w.report(err)
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if !w.note(ev, pending) {
				continue
			}
			w.busy.Store(true)
			stop(quietTimer)
			if limit == nil { // the first change of a batch
				wait = w.opts.Quiet
				if time.Since(lastFlush) < w.opts.Burst {
					wait = w.opts.Burst
				}
			}
			quietTimer = time.NewTimer(wait)
			quiet = quietTimer.C
			if limit == nil {
				limitTimer = time.NewTimer(w.opts.MaxWait)
				limit = limitTimer.C
			}
		case <-quiet:
			if !w.flush(pending) {
				return
			}
			w.busy.Store(false)
			lastFlush = time.Now()
			quiet, limit = nil, nil
			stop(limitTimer)
		case <-limit:
			if !w.flush(pending) {
				return
			}
			w.busy.Store(false)
			lastFlush = time.Now()
			quiet, limit = nil, nil
			stop(quietTimer)
		}
	}
}

// note records one event; it reports whether the event counts.
func (w *Watcher) note(ev fsnotify.Event, pending map[string]bool) bool {
	if ev.Op == fsnotify.Chmod || ev.Name == "" {
		return false
	}
	info, statErr := os.Lstat(ev.Name)
	isDir := statErr == nil && info.IsDir()
	if w.skip(ev.Name, isDir) {
		return false
	}
	r, ok := w.rel(ev.Name)
	if !ok || r == "." {
		return false
	}
	pending[r] = true
	if ev.Has(fsnotify.Rename) || ev.Has(fsnotify.Remove) {
		w.forget(ev.Name)
	}
	if ev.Has(fsnotify.Create) && isDir {
		files, err := w.addTree(ev.Name)
		if err != nil {
			w.report(err)
		}
		for _, f := range files {
			pending[f] = true
		}
	}
	return true
}

// forget drops the watches of a folder that was renamed or removed, and of
// the folders below it. A renamed folder keeps its watches under the old
// name otherwise; its new name is watched afresh when its Create arrives.
func (w *Watcher) forget(dir string) {
	prefix := dir + string(filepath.Separator)
	for _, p := range w.fsw.WatchList() {
		if p == dir || strings.HasPrefix(p, prefix) {
			_ = w.fsw.Remove(p)
		}
	}
}

func (w *Watcher) flush(pending map[string]bool) bool {
	if len(pending) == 0 {
		return true
	}
	batch := make([]string, 0, len(pending))
	for p := range pending {
		batch = append(batch, p)
	}
	slices.Sort(batch)
	clear(pending)
	select {
	case w.batches <- batch:
		return true
	case <-w.done:
		return false
	}
}

func (w *Watcher) report(err error) {
	select {
	case w.errs <- err:
	default: // nobody is listening; the next batch still comes
	}
}
