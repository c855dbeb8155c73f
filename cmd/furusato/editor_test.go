package main

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// serve prints the editor's address, with its token, on loopback; the
// address opens the list of pages, and the editor stops with serve.
func TestServeEditor(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if err := run(context.Background(), []string{"init", site}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, noEditor := range []bool{false, true} {
		ctx, cancel := context.WithCancel(context.Background())
		var stdout lockedBuffer
		args := []string{"serve", "-s", site, "--addr", "127.0.0.1:0"}
		if noEditor {
			args = append(args, "--no-editor")
		}
		done := make(chan error, 1)
		go func() { done <- run(ctx, args, &stdout, io.Discard) }()
		waitFor(t, "first build", func() bool { return strings.Contains(stdout.String(), "Watching for changes") })
		u := regexp.MustCompile(`Editor \(.*\): (http://127\.0\.0\.1:\d+/\?token=[A-Za-z0-9_-]{32})\n`).FindStringSubmatch(stdout.String())
		switch {
		case noEditor && u != nil:
			t.Errorf("--no-editor printed an editor:\n%s", stdout.String())
		case !noEditor && u == nil:
			t.Errorf("no editor address printed:\n%s", stdout.String())
		case !noEditor:
			jar, _ := cookiejar.New(nil)
			c := &http.Client{Jar: jar, Timeout: 10 * time.Second}
			res, err := c.Get(u[1])
			if err != nil {
				t.Fatal(err)
			}
			page, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != 200 || !strings.Contains(string(page), `href="/edit?file=content%2f`) {
				t.Errorf("the editor's address: %s\n%s", res.Status, page)
			}
			res, err = http.Get(strings.Split(u[1], "?")[0])
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusForbidden {
				t.Errorf("without the token: %s", res.Status)
			}
		}
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}
