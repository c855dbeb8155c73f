package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/publish"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

const testSite = `
-- site.yaml --
baseURL: https://example.jp/
languages:
  - {code: ja, title: サイト}
  - {code: en, title: Site}
-- templates/page.html --
<!DOCTYPE html><html lang="{{.Site.Code}}"><head><link rel="stylesheet" href="/css/site.css"></head><body><h1>{{.Page.Title}}</h1>{{if .Page.Draft}}<span class="draft">draft</span>{{end}}{{.Page.Content}}</body></html>
-- templates/home.html --
<!DOCTYPE html><html lang="{{.Site.Code}}"><body><h1>{{.Page.Title}}</h1>{{range .Site.Regular}}<a href="{{.URL}}">{{.Title}}</a>{{end}}</body></html>
-- templates/section.html --
<!DOCTYPE html><html><body>{{.Page.Title}}</body></html>
-- templates/tags.html --
<!DOCTYPE html><html><body>tags</body></html>
-- templates/tag.html --
<!DOCTYPE html><html><body>tag</body></html>
-- templates/404.html --
<!DOCTYPE html><html lang="{{.Site.Code}}"><body><h1>404 {{.Site.Code}}</h1></body></html>
-- static/css/site.css --
body { color: black; }
-- content/about.ja.md --
---
title: 北見について
---
最初の本文。
-- content/about.en.md --
---
title: About
---
First text.
-- content/notes.ja.md --
---
title: メモ
draft: true
---
下書き。
`

type harness struct {
	t      testing.TB
	dir    string
	srv    *Server
	cancel context.CancelFunc
	done   chan error
}

func startServer(t testing.TB, drafts bool) *harness {
	t.Helper()
	return serveDir(t, writeTestSite(t), drafts)
}

// writeTestSite writes testSite in a folder of its own.
func writeTestSite(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	for name, f := range buildtest.FS(testSite) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// serveDir starts a server for the site in dir, stopped when the test ends.
func serveDir(t testing.TB, dir string, drafts bool) *harness {
	t.Helper()
	return serveWith(t, Options{Build: build.Options{SiteDir: dir, Drafts: drafts, Now: buildtest.Now}, SiteDir: dir})
}

// serveWith starts a server with opts on a free port of the loopback,
// stopped when the test ends.
func serveWith(t testing.TB, opts Options) *harness {
	t.Helper()
	dir := opts.SiteDir
	opts.Addr = "127.0.0.1:0"
	srv, err := New(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	h := &harness{t: t, dir: dir, srv: srv, cancel: cancel, done: make(chan error, 1)}
	go func() { h.done <- srv.Serve(ctx) }()
	t.Cleanup(h.stop)
	return h
}

func (h *harness) stop() {
	if h.cancel == nil {
		return
	}
	h.cancel()
	h.cancel = nil
	select {
	case err := <-h.done:
		if err != nil {
			h.t.Errorf("Serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		h.t.Error("the server did not stop within 10s")
	}
}

func (h *harness) write(name, text string) {
	h.t.Helper()
	p := filepath.Join(h.dir, filepath.FromSlash(name))
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) get(path string) (int, string) {
	h.t.Helper()
	resp, err := http.Get(strings.TrimSuffix(h.srv.URL(), "/") + path)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// eventually polls a page until it contains want.
func (h *harness) eventually(path, want string) {
	h.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, body := h.get(path)
		if strings.Contains(body, want) {
			return
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("%s never showed %q; last:\n%s", path, want, body)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// events subscribes to build events.
func (h *harness) events() <-chan event {
	h.t.Helper()
	req, _ := http.NewRequest("GET", h.srv.URL()+"_furusato/events", nil)
	ctx, cancel := context.WithCancel(context.Background())
	h.t.Cleanup(cancel)
	resp, err := http.DefaultClient.Do(req.WithContext(ctx))
	if err != nil {
		h.t.Fatal(err)
	}
	ch := make(chan event, 16)
	go func() {
		defer resp.Body.Close()
		defer close(ch)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var ev event
				json.Unmarshal([]byte(data), &ev)
				select {
				case ch <- ev:
				case <-ctx.Done():
					return // the test is over and reads no more
				}
			}
		}
	}()
	return ch
}

func next(t testing.TB, ch <-chan event) event {
	t.Helper()
	select {
	case ev := <-ch:
		return ev
	case <-time.After(5 * time.Second):
		t.Fatal("no build event within 5s")
		return event{}
	}
}

func TestServesBothLanguages(t *testing.T) {
	h := startServer(t, false)
	code, body := h.get("/about/")
	if code != 200 || !strings.Contains(body, "<h1>北見について</h1>") || !strings.Contains(body, `<script src="/_furusato/reload.js" data-build="1"></script></body>`) {
		t.Errorf("/about/: %d\n%s", code, body)
	}
	if _, body := h.get("/en/about/"); !strings.Contains(body, "<h1>About</h1>") {
		t.Errorf("/en/about/: %s", body)
	}
	if code, body := h.get("/en/missing/"); code != 404 || !strings.Contains(body, "404 en") {
		t.Errorf("English 404: %d %s", code, body)
	}
	if code, body := h.get("/missing/"); code != 404 || !strings.Contains(body, "404 ja") {
		t.Errorf("Japanese 404: %d %s", code, body)
	}
	if code, _ := h.get("/notes/"); code != 404 {
		t.Errorf("a draft is served without --drafts: %d", code)
	}
	if code, body := h.get("/css/site.css"); code != 200 || strings.Contains(body, "reload.js") {
		t.Errorf("CSS: %d %s", code, body)
	}
	// Nothing outside the built site: not the sources, not other files.
	for _, p := range []string{"/site.yaml", "/content/about.ja.md", "/../site.yaml", "/%2e%2e/site.yaml", "/templates/page.html"} {
		if code, body := h.get(p); code != 404 || strings.Contains(body, "baseURL") {
			t.Errorf("%s: %d", p, code)
		}
	}
}

func TestDraftsAreMarked(t *testing.T) {
	h := startServer(t, true)
	if _, body := h.get("/notes/"); !strings.Contains(body, `<span class="draft">draft</span>`) {
		t.Errorf("draft not shown with its mark: %s", body)
	}
}

func TestEditReloadsAndErrorsShow(t *testing.T) {
	h := startServer(t, false)
	evs := h.events()
	if ev := next(t, evs); ev.Version != 1 {
		t.Fatalf("first event: %+v", ev)
	}

	// An edit: the page changes, and the event names it.
	h.write("content/about.en.md", "---\ntitle: About\n---\nSecond text.\n")
	ev := next(t, evs)
	if ev.Version != 2 || ev.From != 1 || len(ev.Errors) > 0 || ev.All || strings.Join(ev.Pages, " ") != "/en/about/" {
		t.Errorf("edit event: %+v", ev)
	}
	h.eventually("/en/about/", "Second text.")

	// A CSS change swaps the stylesheet, and reloads nothing.
	h.write("static/css/site.css", "body { color: red; }")
	ev = next(t, evs)
	// The stylesheet is fingerprinted: its old URL is swapped for the new
	// one, and pages that only name the new file do not reload.
	if ev.All || len(ev.Pages) != 0 || len(ev.Renamed) != 1 {
		t.Errorf("CSS event: %+v", ev)
	}
	for from, to := range ev.Renamed {
		if !slices.Contains(ev.CSS, from) || !strings.HasPrefix(to, "/css/site.") || from == to {
			t.Errorf("CSS event: %+v", ev)
		}
		if code, body := h.get(to); code != 200 || !strings.Contains(body, "red") {
			t.Errorf("%s: %d %s", to, code, body)
		}
	}

	// Broken front matter: errors for the overlay, last good page served.
	h.write("content/about.en.md", "---\ntitle: [About\n---\nThird text.\n")
	ev = next(t, evs)
	if len(ev.Errors) != 1 || !strings.HasPrefix(ev.Errors[0].Pos, "content/about.en.md:") || ev.Version != 3 {
		t.Errorf("error event: %+v", ev)
	}
	if _, body := h.get("/en/about/"); !strings.Contains(body, "Second text.") {
		t.Errorf("the last good page is not served: %s", body)
	}
	// A browser that connects now learns about the errors at once.
	if ev := next(t, h.events()); len(ev.Errors) != 1 {
		t.Errorf("a new browser is not told about the errors: %+v", ev)
	}

	// Two errors at once, in two files: both are reported.
	h.write("templates/page.html", "{{.Page.Nope}}")
	ev = next(t, evs)
	if len(ev.Errors) != 2 {
		t.Errorf("want 2 errors, got %+v", ev.Errors)
	}

	// Fixing both: no errors, and the new text is served.
	h.write("templates/page.html", "<!DOCTYPE html><html><body><h1>{{.Page.Title}}</h1>{{.Page.Content}}</body></html>")
	h.write("content/about.en.md", "---\ntitle: About\n---\nFourth text.\n")
	for {
		ev = next(t, evs)
		if len(ev.Errors) == 0 {
			break
		}
	}
	h.eventually("/en/about/", "Fourth text.")
}

// TestServedEqualsCleanBuild makes a series of edits while serving, then
// compares what is served with a clean build of the same files.
func TestServedEqualsCleanBuild(t *testing.T) {
	h := startServer(t, false)
	evs := h.events()
	next(t, evs)
	h.write("content/about.ja.md", "---\ntitle: 北見について\n---\n二番目の本文。\n")
	next(t, evs)
	h.write("content/articles/new.ja.md", "---\ntitle: 新しい記事\ndate: 2026-01-01\ntags: [北見]\n---\n本文。\n")
	next(t, evs)
	os.Rename(filepath.Join(h.dir, "content/about.en.md"), filepath.Join(h.dir, "content/about-kitami.en.md"))
	next(t, evs)

	// Served builds leave out what only hosts use (manifest, _headers).
	b := build.NewBuilder(build.Options{Site: os.DirFS(h.dir), SiteDir: h.dir, Now: buildtest.Now, BaseURL: h.srv.URL(), Preview: true})
	_, clean, err := b.Memory(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	served := h.srv.state.Load().files
	compare(t, served, clean)
	for name := range clean.Files() {
		code, body := h.get("/" + strings.TrimSuffix(name, "index.html"))
		want := string(clean.Files()[name])
		if strings.HasSuffix(name, ".html") {
			want = string(inject([]byte(want), h.srv.state.Load().version))
		}
		if code != 200 && !strings.HasSuffix(name, "404.html") || body != want {
			t.Errorf("GET %s: %d, body differs from the clean build", name, code)
		}
	}
}

func compare(t testing.TB, served map[string][]byte, clean *publish.Memory) {
	t.Helper()
	want := clean.Files()
	if len(served) != len(want) {
		t.Errorf("served %d files, a clean build has %d", len(served), len(want))
	}
	for name, data := range want {
		if string(served[name]) != string(data) {
			t.Errorf("%s differs from a clean build", name)
		}
	}
}

func TestPortTaken(t *testing.T) {
	h := startServer(t, false)
	addr := strings.TrimSuffix(strings.TrimPrefix(h.srv.URL(), "http://"), "/")
	_, err := New(context.Background(), Options{Build: h.srv.opts.Build, SiteDir: h.dir, Addr: addr})
	if err == nil || !strings.Contains(err.Error(), "is already in use") || !strings.Contains(err.Error(), "try --addr 127.0.0.1:") {
		t.Errorf("port taken: %v", err)
	}
}

func TestDefaultsToLoopback(t *testing.T) {
	addr, err := loopbackDefault(":0")
	if err != nil || addr != "127.0.0.1:0" {
		t.Errorf("loopbackDefault(:0) = %q, %v", addr, err)
	}
	if DefaultAddr != "127.0.0.1:1313" {
		t.Error("the default address is not loopback")
	}
}

// TestBurstOfSavesShowsNoFalseErrors saves a page again and again, as an
// editor or a script does: a build may read the file half-written, but the
// browser must not be shown errors that the next save mends.
func TestBurstOfSavesShowsNoFalseErrors(t *testing.T) {
	h := startServer(t, false)
	evs := h.events()
	next(t, evs)
	// Each save empties the file and writes it a little later, as a slow
	// or large write does: a build may well read it empty.
	file := filepath.Join(h.dir, "content", "about.en.md")
	for i := range 10 {
		f, err := os.Create(file)
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(40 * time.Millisecond)
		fmt.Fprintf(f, "---\ntitle: About\n---\nSave %d.\n", i)
		f.Close()
		time.Sleep(10 * time.Millisecond)
	}
	h.eventually("/en/about/", "Save 9.")
	// Events of the builds after the burst have arrived by now, or will
	// within the settling time.
	deadline := time.After(settleTime + 500*time.Millisecond)
	for {
		select {
		case ev := <-evs:
			if len(ev.Errors) > 0 {
				t.Fatalf("a burst of good saves showed errors: %+v", ev.Errors)
			}
		case <-deadline:
			return
		}
	}
}

// The table of output formats gives each file its Content-Type, the same
// on every machine, and decides what a change reloads.
func TestContentTypesAndReloadsFollowTheTable(t *testing.T) {
	h := startServer(t, false)
	h.write("static/data/companies.csv", "name\nkaname\n")
	h.write("static/events/seminar.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
	h.eventually("/data/companies.csv", "kaname")
	for path, want := range map[string]string{
		"/about/":             "text/html; charset=utf-8",
		"/sitemap.xml":        "application/xml; charset=utf-8",
		"/robots.txt":         "text/plain; charset=utf-8",
		"/css/site.css":       "text/css; charset=utf-8",
		"/data/companies.csv": "text/csv; charset=utf-8",
		"/events/seminar.ics": "text/calendar; charset=utf-8",
		"/no/such/page/":      "text/html; charset=utf-8",
	} {
		resp, err := http.Get(strings.TrimSuffix(h.srv.URL(), "/") + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Content-Type"); got != want {
			t.Errorf("%s: Content-Type %q, want %q", path, got, want)
		}
	}
	// A part of a file, as a video player or Safari asks for it.
	req, _ := http.NewRequest("GET", strings.TrimSuffix(h.srv.URL(), "/")+"/data/companies.csv", nil)
	req.Header.Set("Range", "bytes=5-10")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	part, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusPartialContent || string(part) != "kaname" || resp.Header.Get("Content-Range") != "bytes 5-10/12" ||
		resp.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
		t.Errorf("Range bytes=5-10: %s %q %v", resp.Status, part, resp.Header)
	}
	ch := h.events()
	next(t, ch) // the current state
	// A new calendar file is not shown in pages, but may be linked from
	// them: like any file, it reloads every page.
	h.write("static/events/tour.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
	if ev := next(t, ch); !ev.All {
		t.Errorf("a new file: %+v", ev)
	}
	// A page's change reloads that page, and the sitemap's does nothing.
	h.write("content/about.ja.md", "---\ntitle: 北見について\n---\n次の本文。\n")
	if ev := next(t, ch); ev.All || !slices.Equal(ev.Pages, []string{"/about/"}) {
		t.Errorf("an edited page: %+v", ev)
	}
}

// site.yaml is read at every build: a base path or a language added while
// serving is served at once.
func TestSiteSettingsChangeWhileServing(t *testing.T) {
	h := startServer(t, false)
	ch := h.events()
	next(t, ch)
	site := strings.Replace(string(buildtest.FS(testSite)["site.yaml"].Data), "https://example.jp/", "https://example.jp/kitami/", 1)
	site = strings.Replace(site, "  - {code: en, title: Site}\n", "  - {code: en, title: Site}\n  - {code: ko, title: 사이트}\n", 1)
	h.write("site.yaml", site)
	if ev := next(t, ch); !ev.All || len(ev.Errors) > 0 {
		t.Errorf("a new base path: %+v", ev)
	}
	if !strings.HasSuffix(h.srv.URL(), "/kitami/") || !slices.Equal(h.srv.Languages(), []string{"en", "ko"}) {
		t.Errorf("URL %s, languages %v", h.srv.URL(), h.srv.Languages())
	}
	if code, body := h.get("/about/"); code != 200 || !strings.Contains(body, "北見について") {
		t.Errorf("/kitami/about/: %d %s", code, body)
	}
	if code, body := h.get("/ko/no-such-page/"); code != 404 || !strings.Contains(body, "404 ko") {
		t.Errorf("the new language's 404 page: %d %s", code, body)
	}
}

// A build stopped by its context (Ctrl+C) is neither served nor shown as
// an error, and stops the server's start.
func TestStoppedBuildIsNotServed(t *testing.T) {
	h := startServer(t, false)
	old := h.srv.state.Load()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	// Every file read again, so that the build has work to stop; none
	// written, which would start the server's own rebuild beside this one.
	h.srv.files.ForgetAll()
	if f := h.srv.rebuild(ctx, []string{"content/about.ja.md"}); f != nil {
		t.Errorf("a stopped build is reported: %v", f.err)
	}
	if cur := h.srv.state.Load(); cur != old {
		t.Errorf("a stopped build replaced what is served (version %d → %d)", old.version, cur.version)
	}

	srv, err := New(ctx, Options{Build: build.Options{SiteDir: h.dir, Now: buildtest.Now}, SiteDir: h.dir, Addr: "127.0.0.1:0"})
	if !errors.Is(err, context.Canceled) || srv != nil {
		t.Errorf("New with a stopped context: %v, %v", srv, err)
	}
}

// The preview, of pages not yet published, stays on this machine: an address that
// is not loopback needs Network, and a request for a name that is not
// this server's (a page elsewhere rebinding its name to 127.0.0.1) gets
// nothing.
func TestPreviewStaysOnThisMachine(t *testing.T) {
	h := startServer(t, true)
	_, err := New(context.Background(), Options{Build: h.srv.opts.Build, SiteDir: h.dir, Addr: "0.0.0.0:0"})
	if err == nil || !strings.Contains(err.Error(), "--network") {
		t.Fatalf("0.0.0.0 without Network: %v", err)
	}
	get := func(host, method, path string) int {
		t.Helper()
		req, _ := http.NewRequest(method, strings.TrimSuffix(h.srv.URL(), "/")+path, nil)
		req.Host = host
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		resp, err := http.DefaultClient.Do(req.WithContext(ctx))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	port := h.srv.ln.Addr().(*net.TCPAddr).Port
	for host, want := range map[string]int{
		fmt.Sprintf("127.0.0.1:%d", port):          http.StatusOK,
		fmt.Sprintf("localhost:%d", port):          http.StatusOK,
		fmt.Sprintf("rebind.example.com:%d", port): http.StatusMisdirectedRequest,
		"attacker.example":                         http.StatusMisdirectedRequest,
	} {
		if got := get(host, "GET", "/notes/"); got != want {
			t.Errorf("Host %s: %d, want %d", host, got, want)
		}
	}
	if got := get(fmt.Sprintf("127.0.0.1:%d", port), "POST", "/_furusato/events"); got != http.StatusMethodNotAllowed {
		t.Errorf("POST to the event stream: %d", got)
	}
}

// lockedBuffer is a bytes.Buffer that the server writes to while the test
// reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// A failed build shows in the terminal the warnings found before it
// stopped, as well as its errors: a warning can be what the error is
// about (here a link to a page that expired).
func TestFailedBuildShowsWarnings(t *testing.T) {
	dir := writeTestSite(t)
	log := new(lockedBuffer)
	h := serveWith(t, Options{Build: build.Options{SiteDir: dir, Now: buildtest.Now}, SiteDir: dir, Log: log})
	evs := h.events()
	next(t, evs)
	errorsShown := func() {
		t.Helper()
		for {
			if ev := next(t, evs); len(ev.Errors) > 0 {
				return
			}
		}
	}
	// A page that does not build, then a link to an expired page: the
	// builds fail from the first, so a warning shown is a failed build's.
	h.write("content/broken.en.md", "---\ntitle: [Broken\n---\n")
	errorsShown()
	h.write("content/old.en.md", "---\ntitle: Old news\nexpires: 2020-04-01\n---\nOld.\n")
	h.write("content/about.en.md", "---\ntitle: About\n---\nSee [the old news](old.en.md).\n")
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(log.String(), "that page is expired") && time.Now().Before(deadline) {
		errorsShown()
	}
	out := log.String()
	warning := regexp.MustCompile(`(?m)^content/about.en.md:4:\d+: warning: link to content/old.en.md: that page is expired.*\n(.*\n)*content/broken.en.md:2:8: YAML syntax`)
	if !warning.MatchString(out) {
		t.Errorf("the terminal does not show the warning before the error:\n%s", out)
	}
}
