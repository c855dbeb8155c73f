// Package editor is the editor in the browser that furusato serve offers
// beside the preview, for PR staff who would rather not write YAML:
//
//	Editor: http://127.0.0.1:41234/?token=Jq3...
//
// It lists the pages of content/ by section with the state of each
// language (missing, draft, translation behind its source, errors), starts
// new pages as furusato new does (package newpage), and edits a page in a
// form made from site.yaml's schema: a choice for an enum with its labels,
// a date input that keeps month- and year-only dates, an amount in yen with
// how it will read (20万円, ¥200,000), a choice of the pages a ref may name,
// a checkbox for a bool, one line per item for a list. The body is a text
// area with a toolbar (heading, bold, list, a link to another page, an
// image or document put into the page's bundle with its alt text), and the
// page as the site's own templates show it beside it, at phone or desktop
// width. A translation shows its source field by field, with what changed
// in the source since the translation's stamp marked; saving it brings the
// stamp up to date (package translation).
//
// # Checks
//
// Every keystroke (after a pause) builds the site in memory with the
// form's text in place of the file, with the build's own code (package
// build): the errors shown at the fields are the build's, at the same
// positions; a page with errors is not saved.
//
// # Saving
//
// A save changes only the lines of the keys whose values changed, and the
// body when it changed: comments, quoting, the order of keys, a byte order
// mark and CRLF line endings stay as they were. The file is replaced
// atomically (diskfile.Replace). The form carries a hash of the file as it
// was opened: when the file changed on disk since (a text editor, a git
// pull), nothing is written, and the editor shows both versions.
//
// # Safety
//
// The editor listens on loopback only, whatever serve's --network says. It
// answers only requests that carry its random token (in the printed URL,
// then a cookie of this address only) and whose Host header names
// loopback (no DNS rebinding). A request that writes a file needs the
// token in a header, which a page of another site cannot set, and must come
// from the editor's own pages (http.CrossOriginProtection: Sec-Fetch-Site
// or Origin); otherwise it is refused and nothing is written. The preview
// is shown in a sandboxed frame where the site's scripts do not run.
package editor

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"path"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/content"
)

// Options configure an Editor.
type Options struct {
	Site    fs.FS  // the site folder, as the build reads it
	SiteDir string // the same folder on disk, where saves are written
	// Addr is the loopback host:port to listen on; "" picks a free port
	// on 127.0.0.1.
	Addr string
	Log  io.Writer
	Now  func() time.Time // for the dates of new pages; nil means time.Now
}

// Editor serves the editor of one site folder.
type Editor struct {
	opts    Options
	ln      net.Listener
	http    *http.Server
	token   string
	overlay *overlay
	builder *build.Builder

	buildMu   sync.Mutex // one build at a time
	saveMu    sync.Mutex // one save at a time: read, compare, write
	lastFiles atomic.Pointer[map[string][]byte]

	cacheMu     sync.Mutex
	cache       *content.Cache // content/ as last read, for the next read
	cacheConfig []byte         // the site.yaml it was read with
}

// New listens on a loopback address with a fresh token.
func New(opts Options) (*Editor, error) {
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:0"
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	host, _, err := net.SplitHostPort(opts.Addr)
	if err != nil || !isLoopback(host) {
		return nil, fmt.Errorf("the editor listens on loopback only, not on %q", opts.Addr)
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return nil, fmt.Errorf("editor: listen on %s: %w", opts.Addr, err)
	}
	var raw [24]byte
	rand.Read(raw[:])
	e := &Editor{opts: opts, ln: ln, token: base64.RawURLEncoding.EncodeToString(raw[:])}
	e.overlay = &overlay{FS: opts.Site}
	e.builder = build.NewBuilder(build.Options{Site: e.overlay, Drafts: true, Future: true, Preview: true, NoMinify: true,
		BaseURL: "http://" + ln.Addr().String() + previewBase})
	e.http = &http.Server{Handler: e, ReadHeaderTimeout: 10 * time.Second}
	return e, nil
}

// URL is the editor's address with its token: give it to the browser.
func (e *Editor) URL() string { return e.origin() + "/?token=" + e.token }

func (e *Editor) origin() string { return "http://" + e.ln.Addr().String() }

// Serve serves until ctx is done.
func (e *Editor) Serve(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() { errc <- e.http.Serve(e.ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := e.http.Shutdown(sctx)
	if e := <-errc; !errors.Is(e, http.ErrServerClosed) && err == nil {
		err = e
	}
	return err
}

// Close stops listening, for an editor that is never served.
func (e *Editor) Close() error { return e.ln.Close() }

const cookieName = "furusato_editor"

// tokenHeader carries the token on requests that write.
const tokenHeader = "X-Furusato-Token"

var crossOrigin = http.NewCrossOriginProtection()

// ServeHTTP checks every request, then serves the editor.
func (e *Editor) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !knownHost(r.Host) {
		http.Error(w, "the editor answers only to the loopback address it prints", http.StatusMisdirectedRequest)
		return
	}
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	if r.Method == http.MethodGet && r.URL.Query().Has("token") {
		if !e.goodToken(r.URL.Query().Get("token")) {
			http.Error(w, "this editor address is out of date: open the one furusato serve printed last", http.StatusForbidden)
			return
		}
		http.SetCookie(w, &http.Cookie{Name: cookieName, Value: e.token, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
		q := r.URL.Query()
		q.Del("token")
		u := *r.URL
		u.RawQuery = q.Encode()
		http.Redirect(w, r, u.RequestURI(), http.StatusSeeOther)
		return
	}
	c, err := r.Cookie(cookieName)
	if err != nil || !e.goodToken(c.Value) {
		http.Error(w, "open the editor with the address furusato serve printed (it has the token)", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		if err := crossOrigin.Check(r); err != nil {
			http.Error(w, "refused: the request did not come from the editor's own page", http.StatusForbidden)
			return
		}
		if !e.goodToken(r.Header.Get(tokenHeader)) {
			http.Error(w, "refused: a change needs the editor's token", http.StatusForbidden)
			return
		}
		if r.Method != http.MethodPost {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
	}
	e.route(w, r)
}

func (e *Editor) goodToken(t string) bool {
	return len(t) == len(e.token) && subtle.ConstantTimeCompare([]byte(t), []byte(e.token)) == 1
}

func (e *Editor) route(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	switch {
	case r.Method == http.MethodPost:
		switch p {
		case "/api/preview":
			e.apiPreview(w, r)
		case "/api/save":
			e.apiSave(w, r)
		case "/api/upload":
			e.apiUpload(w, r)
		case "/api/new":
			e.apiNew(w, r)
		default:
			http.NotFound(w, r)
		}
	case p == "/":
		e.pagesPage(w, r)
	case p == "/edit":
		e.editPage(w, r)
	case p == "/editor.js" || p == "/editor.css":
		serveAsset(w, p[1:])
	case strings.HasPrefix(p, previewBase):
		if !e.servePreview(w, strings.TrimPrefix(p, previewBase)) {
			http.NotFound(w, r)
		}
	default:
		http.NotFound(w, r)
	}
}

func contentType(name string) string {
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// knownHost reports whether a Host header names loopback: a page of
// another site that points a name of its own at 127.0.0.1 (DNS
// rebinding) is refused.
func knownHost(hostport string) bool {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = hostport
	}
	return isLoopback(host)
}
