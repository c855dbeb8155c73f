package server

import (
	"net/http"
	"strings"
	"testing"
)

// The preview follows old URLs of pages (front matter aliases) as a host
// does, with a redirect that browsers do not keep, and drops one that is
// taken out.
func TestAliasesRedirect(t *testing.T) {
	h := startServer(t, false)
	h.write("content/about.ja.md", "---\ntitle: 北見について\naliases: [/kitami/about.html, /旧/概要/]\n---\n本文。\n")
	h.eventually("/kitami/about.html", "<h1>北見について</h1>") // followed by the client
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, old := range []string{"/kitami/about.html", "/%E6%97%A7/%E6%A6%82%E8%A6%81/"} {
		resp, err := client.Get(strings.TrimSuffix(h.srv.URL(), "/") + old)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/about/" {
			t.Errorf("%s: %d to %q, want 302 to /about/", old, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	h.write("content/about.ja.md", "---\ntitle: 北見について\n---\n本文。\n")
	h.eventually("/kitami/about.html", "404 ja")
}
