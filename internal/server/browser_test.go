package server

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/furusato/furusato/internal/browsertest"
)

// TestBrowserLiveReload opens a page in Chromium, saves a change to its
// Markdown and sees the new text appear with no action; breaks the front
// matter and sees the overlay with the file and line; fixes it and sees
// the overlay go and the page reload.
func TestBrowserLiveReload(t *testing.T) {
	ctx := browsertest.New(t)
	h := startServer(t, false)
	wait := func(what, js string) {
		t.Helper()
		if err := browsertest.Wait(ctx, js, 10*time.Second); err != nil {
			body, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.outerHTML`))
			t.Fatalf("%s: %v\npage:\n%s", what, err, body)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(h.srv.URL()+"en/about/")); err != nil {
		t.Fatal(err)
	}
	wait("first text", `document.body.innerText.includes("First text.")`)
	// The event stream is open before the first save.
	wait("connected", `window.furusatoLiveReload && window.furusatoLiveReload.connected`)

	h.write("content/about.en.md", "---\ntitle: About\n---\nSaved text.\n")
	wait("saved text appears", `document.body.innerText.includes("Saved text.")`)

	h.write("content/about.en.md", "---\ntitle: [About\n---\nBroken.\n")
	wait("overlay appears", `(() => { const o = document.getElementById("furusato-errors"); return !!o && o.innerText.includes("content/about.en.md:") })()`)
	wait("last good page under the overlay", `document.body.innerText.includes("Saved text.")`)

	h.write("content/about.en.md", "---\ntitle: About\n---\nFixed text.\n")
	wait("overlay gone, page reloaded", `!document.getElementById("furusato-errors") && document.body.innerText.includes("Fixed text.")`)
}

// TestBrowserCSSSwap changes only the stylesheet: the page swaps it in
// place, without a reload.
func TestBrowserCSSSwap(t *testing.T) {
	ctx := browsertest.New(t)
	h := startServer(t, false)
	if err := chromedp.Do(ctx, chromedp.Navigate(h.srv.URL()+"about/")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.furusatoMarker = true`)); err != nil {
		t.Fatal(err)
	}
	if err := browsertest.Wait(ctx, `window.furusatoLiveReload && window.furusatoLiveReload.connected`, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	h.write("static/css/site.css", "body { color: rgb(200, 0, 0); }")
	if err := browsertest.Wait(ctx, `getComputedStyle(document.body).color === "rgb(200, 0, 0)"`, 10*time.Second); err != nil {
		t.Fatalf("the new stylesheet was not applied: %v", err)
	}
	still, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.furusatoMarker === true`))
	if err != nil || !still {
		t.Error("the page reloaded for a CSS-only change")
	}
}
