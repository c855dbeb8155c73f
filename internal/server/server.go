// Package server is the dev server behind furusato serve: it builds the
// site into memory, serves it on loopback, watches the site's files, and
// rebuilds on every change. Browsers reload when a rebuild changed their
// page, swap stylesheets when only CSS changed, and show build errors over
// the last good pages until the errors are fixed. Nothing is written to
// disk, and nothing outside the built site is ever served.
package server

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/furusato/furusato/internal/assets"
	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/outputs"
	"github.com/furusato/furusato/internal/watch"
)

// DefaultAddr is where the server listens unless told otherwise.
const DefaultAddr = "127.0.0.1:1313"

//go:embed reload.js
var reloadJS []byte

// Options configure a Server.
type Options struct {
	Build   build.Options // Drafts, Future, Now; the server sets Site and BaseURL
	SiteDir string        // the site folder, watched and built
	Addr    string        // host:port; an empty host means 127.0.0.1
	// Network allows an address that is not loopback (the preview, of
	// pages not yet published, is then open to the network).
	Network bool
	Log     io.Writer // progress and errors, for the terminal
	// Quiet is how long the watcher waits for more changes before it
	// rebuilds (default 5ms; burstQuiet in a burst of changes). A save
	// shows up within a few milliseconds; an editor that saves in steps is
	// caught by the burst rule, and a build of a half-saved file is not
	// shown (settleTime).
	Quiet time.Duration
}

// Server serves a site while it is being written.
type Server struct {
	opts    Options
	builder *build.Builder
	ln      net.Listener
	http    *http.Server
	watcher *watch.Watcher
	files   *watch.FS // the site folder, read again only where it changed

	state atomic.Pointer[state]

	mu   sync.Mutex
	subs map[chan []byte]struct{}

	rebuilt chan struct{} // for tests: a value after each rebuild
	done    chan struct{}
	wg      sync.WaitGroup
}

// state is what is being served: the last good build and the news of the
// last build, good or not.
type state struct {
	files   map[string][]byte
	formats map[string]*outputs.Format
	// redirects are where the old URLs of pages (front matter aliases)
	// lead, by output path: the preview redirects, as hosts do.
	redirects map[string]string
	basePath  string   // the path of site.yaml's baseURL: /, or /kitami/
	langs     []string // the codes of the languages but the default
	version   int      // of the last good build, from 1; 0 before the first
	event     []byte   // the last build event, for browsers that connect later
}

// event is what browsers are told after a build.
type event struct {
	Version int      `json:"version"`
	From    int      `json:"from"`
	Pages   []string `json:"pages,omitempty"`
	CSS     []string `json:"css,omitempty"`
	// Renamed maps the old URL of a fingerprinted file whose content
	// changed to its new URL, so that a stylesheet can be swapped in place.
	Renamed map[string]string `json:"renamed,omitempty"`
	All     bool              `json:"all,omitempty"`
	Errors  []errorJSON       `json:"errors,omitempty"`
}

type errorJSON struct {
	Pos string `json:"pos"`
	Msg string `json:"msg"`
}

// New listens on the address, builds the site once and starts watching.
// A site that does not build still gets a server: it shows the errors.
// Cancelling ctx stops the first build.
func New(ctx context.Context, opts Options) (*Server, error) {
	if opts.Addr == "" {
		opts.Addr = DefaultAddr
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Quiet <= 0 {
		opts.Quiet = 5 * time.Millisecond
	}
	addr, err := CheckAddr(opts.Addr, opts.Network)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, portError(addr, err)
	}
	s := &Server{opts: opts, ln: ln, subs: map[chan []byte]struct{}{}, done: make(chan struct{}), rebuilt: make(chan struct{}, 64)}
	s.state.Store(&state{basePath: "/"})
	s.files = watch.NewFS(opts.SiteDir)
	bopts := opts.Build
	bopts.Site = s.files
	bopts.Origin = "http://" + ln.Addr().String()
	bopts.Preview = true // no manifest or compressed copies: they are for hosts
	s.builder = build.NewBuilder(bopts)

	s.watcher, err = watch.New(opts.SiteDir, watch.Options{Quiet: opts.Quiet, Burst: burstQuiet, Ignore: sitePaths})
	if err != nil {
		ln.Close()
		return nil, fmt.Errorf("watch %s: %w", opts.SiteDir, err)
	}
	if f := s.rebuild(ctx, nil); f == nil && ctx.Err() != nil {
		s.watcher.Close()
		ln.Close()
		return nil, ctx.Err()
	}
	s.http = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	return s, nil
}

// sitePaths leaves out everything but site.yaml and the site's folders:
// the output of furusato build, .git, node_modules and the like.
func sitePaths(rel string, isDir bool) bool {
	top, _, _ := strings.Cut(rel, "/")
	switch top {
	case "content", "templates", "static":
		return false
	case config.File:
		return isDir
	}
	return true
}

// URL is the address of the site's home page in the default language, as
// the last good build has it.
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() + s.state.Load().basePath }

// Languages are the codes of the languages other than the default, each
// served under URL()+code+"/", as the last good build has them.
func (s *Server) Languages() []string { return s.state.Load().langs }

// Serve serves and rebuilds until ctx is done, then stops the watcher and
// the HTTP server and waits for every goroutine it started.
func (s *Server) Serve(ctx context.Context) error {
	s.wg.Add(2)
	// Rebuilds stop with ctx: Ctrl+C does not wait for a build to end.
	buildCtx, stopBuilds := context.WithCancel(ctx)
	defer stopBuilds()
	go func() {
		defer s.wg.Done()
		s.watchLoop(buildCtx)
	}()
	errc := make(chan error, 1)
	go func() {
		defer s.wg.Done()
		if err := s.http.Serve(s.ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			errc <- err
		}
	}()
	var err error
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	stopBuilds()
	close(s.done) // ends event streams, so Shutdown need not wait for them
	s.watcher.Close()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if e := s.http.Shutdown(shutdownCtx); e != nil && err == nil {
		err = e
	}
	s.wg.Wait()
	return err
}

func (s *Server) watchLoop(ctx context.Context) {
	for {
		select {
		case <-s.done:
			return
		case err, ok := <-s.watcher.Errors():
			if ok {
				// Changes may have been missed: read everything again.
				fmt.Fprintf(s.opts.Log, "watch: %v; rebuilding everything\n", err)
				s.files.ForgetAll()
				s.settle(ctx, s.rebuild(ctx, []string{"."}))
			}
		case batch, ok := <-s.watcher.Batches():
			if !ok {
				return
			}
			s.files.Forget(batch)
			s.settle(ctx, s.rebuild(ctx, batch))
		}
	}
}

// burstQuiet is how long the watcher waits for quiet when changes follow
// one another closely (a checkout, a script, an editor saving again and
// again): one rebuild, not one for each.
const burstQuiet = 100 * time.Millisecond

// settleTime is how long a failed build waits for more changes before it
// shows its errors: a file read while an editor or a checkout was still
// writing it looks broken, and the next change mends it.
const settleTime = 150 * time.Millisecond

// settle shows the errors of a failed build once no change has come for
// settleTime; changes that come meanwhile are built first.
func (s *Server) settle(ctx context.Context, failed *failure) {
	for failed != nil {
		timer := time.NewTimer(settleTime)
		select {
		case <-s.done:
			timer.Stop()
			return
		case batch, ok := <-s.watcher.Batches():
			timer.Stop()
			if !ok {
				return
			}
			s.files.Forget(batch)
			failed = s.rebuild(ctx, append(failed.changed, batch...))
		case <-timer.C:
			if !s.watcher.Busy() {
				s.report(failed)
				return
			}
		}
	}
}

// failure is a build that failed, not yet shown.
type failure struct {
	err      error
	changed  []string
	warnings []*diag.Error // found before the build stopped: they may say what went wrong
}

// report shows a failed build's errors in the terminal and the browsers;
// the last good build stays served.
func (s *Server) report(f *failure) {
	old := s.state.Load()
	next := *old
	next.event = nil
	ev := event{Version: old.version, From: old.version}
	for _, w := range f.warnings {
		fmt.Fprintln(s.opts.Log, w.Warning())
	}
	for _, e := range diag.All(f.err) {
		ev.Errors = append(ev.Errors, errorJSON{Pos: e.Pos.String(), Msg: e.Msg})
		fmt.Fprintln(s.opts.Log, e.Error())
	}
	problems, them := "problems", "them"
	if len(ev.Errors) == 1 {
		problems, them = "problem", "it"
	}
	fmt.Fprintf(s.opts.Log, "%d %s; the browser shows %s, and the last good build is still served\n", len(ev.Errors), problems, them)
	s.publish(&next, ev)
}

// rebuild builds the site and, when it is good, swaps it in and tells the
// browsers and the terminal. A failed build is returned, to be reported
// once changes have settled; a build stopped by ctx is neither.
func (s *Server) rebuild(ctx context.Context, changed []string) *failure {
	start := time.Now()
	res, out, err := s.builder.Memory(ctx)
	if ctx.Err() != nil {
		return nil
	}
	if err != nil {
		f := &failure{err: err, changed: changed}
		if res != nil {
			f.warnings = res.Warnings
		}
		return f
	}
	old := s.state.Load()
	next := &state{files: out.Files(), formats: out.Formats(), redirects: outputs.RedirectTargets(res.Site), basePath: res.Site.Config.Base.Path, version: old.version + 1}
	for _, l := range res.Site.Config.Languages[1:] {
		next.langs = append(next.langs, l.Code)
	}
	ev := event{Version: next.version, From: old.version}
	ev.Pages, ev.CSS, ev.Renamed, ev.All = diff(old, next)
	changed = s.existing(changed)
	switch {
	case len(changed) == 0:
		fmt.Fprintf(s.opts.Log, "Built %d files in %s\n", res.Files, time.Since(start).Round(time.Millisecond))
	default:
		what := fmt.Sprintf("%d pages changed", len(ev.Pages))
		if len(ev.Pages) == 1 {
			what = "1 page changed"
		}
		if ev.All {
			what = "reloading every page"
		}
		fmt.Fprintf(s.opts.Log, "Rebuilt in %s after %s: %s\n", time.Since(start).Round(time.Millisecond), strings.Join(short(changed), ", "), what)
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(s.opts.Log, w.Warning())
	}
	s.publish(next, ev)
	return nil
}

// publish serves a state and sends its event to the browsers.
func (s *Server) publish(next *state, ev event) {
	next.event, _ = json.Marshal(ev)
	s.state.Store(next)
	s.broadcast(next.event)
	select {
	case s.rebuilt <- struct{}{}:
	default:
	}
}

// existing leaves out of a list of changes, for the terminal, the files
// that an editor wrote and removed on the side (sed's and some editors'
// temporary files): paths that no longer exist and whose names have no
// extension. Deleted pages stay.
func (s *Server) existing(changed []string) []string {
	var out []string
	for _, p := range changed {
		if path.Ext(p) == "" && p != "." {
			if _, err := os.Lstat(filepath.Join(s.opts.SiteDir, filepath.FromSlash(p))); err != nil {
				continue
			}
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		return changed // a folder was removed
	}
	return out
}

func short(paths []string) []string {
	if len(paths) > 3 {
		return append(slices.Clone(paths[:3]), fmt.Sprintf("and %d more", len(paths)-3))
	}
	return paths
}

// maxListed is how many changed pages an event lists before it tells
// every page to reload instead.
const maxListed = 200

// diff lists the pages and stylesheets that changed between two builds, as
// URL paths; what else a change reloads is the table of output formats'
// choice. A fingerprinted file that changed has a new name, and so every
// page that names it changes: a page whose only change is such a new name
// does not count, and renamed gives the stylesheets' new URLs. A new base
// path reloads every page.
func diff(oldState, curState *state) (pages, css []string, renamed map[string]string, all bool) {
	old, cur, base := oldState.files, curState.files, curState.basePath
	if oldState.version > 0 && oldState.basePath != base {
		return nil, nil, nil, true
	}
	moved := assets.Renames(old, cur)
	var replacer *strings.Replacer
	if len(moved) > 0 {
		renamed = map[string]string{}
		var pairs []string
		for from, to := range moved {
			renamed[base+from] = base + to
			pairs = append(pairs, base+from, base+to)
		}
		replacer = strings.NewReplacer(pairs...)
	}
	note := func(name string, f *outputs.Format) {
		switch f.Reload {
		case outputs.ReloadNone:
		case outputs.ReloadPage:
			pages = append(pages, base+strings.TrimSuffix(name, "index.html"))
		case outputs.ReloadCSS:
			css = append(css, base+name)
		default:
			all = true
		}
	}
	newNames := map[string]bool{}
	for _, to := range moved {
		newNames[to] = true
	}
	for name, data := range cur {
		prev, ok := old[name]
		switch {
		case ok && bytes.Equal(prev, data):
		case !ok && newNames[name]: // reported under its old name
		case ok && replacer != nil && curState.formats[name] == outputs.HTML && replacer.Replace(string(prev)) == string(data):
		default:
			note(name, curState.formats[name])
		}
	}
	for name := range old {
		if _, ok := cur[name]; !ok {
			note(name, oldState.formats[name])
		}
	}
	slices.Sort(pages)
	slices.Sort(css)
	if len(pages) > maxListed {
		all, pages = true, nil
	}
	return pages, css, renamed, all
}

func (s *Server) broadcast(msg []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for ch := range s.subs {
		select {
		case ch <- msg:
		default: // a slow browser misses this one; the next event makes it reload
		}
	}
}

// ServeHTTP serves the built site, the live reload script and its events.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.knownHost(r.Host) {
		// A page elsewhere that points a name of its own at this machine
		// (DNS rebinding) must not read the preview.
		http.Error(w, "furusato serve answers only to the address it prints", http.StatusMisdirectedRequest)
		return
	}
	switch r.URL.Path {
	case "/_furusato/events":
		if r.Method != http.MethodGet {
			w.Header().Set("Allow", "GET")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		s.serveEvents(w, r)
		return
	case "/_furusato/reload.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(reloadJS)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	st := s.state.Load()
	name, ok := strings.CutPrefix(r.URL.Path, st.basePath)
	if !ok {
		if r.URL.Path+"/" == st.basePath {
			http.Redirect(w, r, st.basePath, http.StatusMovedPermanently)
			return
		}
		s.notFound(w, r, st)
		return
	}
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	name = path.Clean(name)
	if to, ok := st.redirects[name]; ok {
		// 302, not the 301 of hosts: a browser keeps a 301 for good, and
		// an alias removed while previewing would still redirect.
		http.Redirect(w, r, to, http.StatusFound)
		return
	}
	data, found := st.files[name]
	if !found {
		if _, dir := st.files[name+"/index.html"]; dir {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		s.notFound(w, r, st)
		return
	}
	s.write(w, r, st, name, data, http.StatusOK)
}

// notFound serves the 404 page of the language the URL is in.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, st *state) {
	name := "404.html"
	rest, _ := strings.CutPrefix(r.URL.Path, st.basePath)
	first, _, _ := strings.Cut(rest, "/")
	if slices.Contains(st.langs, first) {
		name = first + "/404.html"
	}
	data, ok := st.files[name]
	if !ok {
		data = []byte("<!DOCTYPE html><title>404</title><p>Not found.</p>")
	}
	s.write(w, r, st, name, data, http.StatusNotFound)
}

func (s *Server) write(w http.ResponseWriter, r *http.Request, st *state, name string, data []byte, status int) {
	f := st.formats[name]
	if f == nil { // the server's own 404 page
		f = outputs.HTML
	}
	if f == outputs.HTML {
		data = inject(data, st.version)
	}
	h := w.Header()
	h.Set("Content-Type", f.MediaType)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if status == http.StatusOK {
		// With Range requests, as hosts answer them: a video seeks, and
		// Safari on an iPhone plays one only so.
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// inject adds the live reload script to a served page. Built sites never
// have it: it is added here, on the way out.
func inject(page []byte, version int) []byte {
	tag := []byte(`<script src="/_furusato/reload.js" data-build="` + strconv.Itoa(version) + `"></script>`)
	i := bytes.LastIndex(bytes.ToLower(page), []byte("</body>"))
	if i < 0 {
		return append(slices.Clip(page), tag...)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

// serveEvents streams build events to a browser.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	ch := make(chan []byte, 8)
	s.mu.Lock()
	s.subs[ch] = struct{}{}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.subs, ch)
		s.mu.Unlock()
	}()
	send := func(msg []byte) bool {
		_, err := fmt.Fprintf(w, "event: build\ndata: %s\n\n", msg)
		flusher.Flush()
		return err == nil
	}
	if !send(s.state.Load().event) {
		return
	}
	keepAlive := time.NewTicker(30 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		case msg := <-ch:
			if !send(msg) {
				return
			}
		case <-keepAlive.C:
			if _, err := io.WriteString(w, ": keep-alive\n\n"); err != nil {
				return
			}
			flusher.Flush()
		}
	}
}
