package editor

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/furusato/furusato/internal/browsertest"
)

// browser opens the editor's address in Chromium, which sets its cookie.
func browser(t *testing.T, h *harness) context.Context {
	t.Helper()
	ctx := browsertest.New(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(h.ed.URL())); err != nil {
		t.Fatal(err)
	}
	return ctx
}

func wait(t *testing.T, ctx context.Context, what, js string) {
	t.Helper()
	if err := browsertest.Wait(ctx, js, 15*time.Second); err != nil {
		page, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.body ? document.body.innerText : "") + "\npreview images: " + [...(document.getElementById("preview")?.contentDocument?.querySelectorAll("img") || [])].map(i => i.outerHTML + " complete=" + i.complete + " width=" + i.naturalWidth).join("\n")`))
		t.Fatalf("%s: %v\npage:\n%s", what, err, page)
	}
}

func run(t *testing.T, ctx context.Context, js string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](js)); err != nil {
		t.Fatalf("%s: %v", js, err)
	}
}

// open opens a page's form and waits for its first check.
func open(t *testing.T, ctx context.Context, h *harness, file string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(h.base+"/edit?file="+file)); err != nil {
		t.Fatal(err)
	}
	wait(t, ctx, "first check", `document.querySelector("main").dataset.checked !== undefined`)
}

// previewHas is true once the preview frame's page shows text.
func previewHas(text string) string {
	return fmt.Sprintf(`(() => { const d = document.getElementById("preview").contentDocument; return !!d && !!d.body && d.body.innerText.includes(%q); })()`, text)
}

// TestBrowserEditCompany changes a company's industry: the preview shows
// the new label before saving, and the saved file differs by that line.
func TestBrowserEditCompany(t *testing.T) {
	h := start(t)
	ctx := browser(t, h)
	// A blank line at the top of the body, which a text area drops unless
	// told otherwise, is kept.
	before := strings.Replace(h.read(kaname), "---\n株式会社", "---\n\n株式会社", 1)
	h.writeFile(kaname, before)
	open(t, ctx, h, kaname)
	wait(t, ctx, "preview of the page", previewHas("ソフトウェア開発"))
	// By keyboard: focus the choice and move up one, from software to dx.
	if err := chromedp.Do(ctx, chromedp.Focus("#f-industry"), chromedp.KeyEvent(kb.ArrowUp)); err != nil {
		t.Fatal(err)
	}
	wait(t, ctx, "dx chosen", `document.getElementById("f-industry").value === "dx"`)
	wait(t, ctx, "the preview shows the new label", previewHas("DX・IoT・AI開発"))
	if h.read(kaname) != before {
		t.Fatal("the file changed before saving")
	}
	if err := chromedp.Do(ctx, chromedp.Focus("#save"), chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	wait(t, ctx, "saved", `!!document.querySelector("main").dataset.saved`)
	if want := strings.Replace(before, "industry: software\n", "industry: dx\n", 1); h.read(kaname) != want {
		t.Errorf("the saved file differs by more than the industry line:\n%s", h.read(kaname))
	}
}

// TestBrowserInvalidAmount types an amount the build refuses: the error
// shows at the field, and saving writes nothing.
func TestBrowserInvalidAmount(t *testing.T) {
	h := start(t)
	ctx := browser(t, h)
	const name = "content/programs/employment-subsidy.ja.md"
	before := h.read(name)
	open(t, ctx, h, name)
	wait(t, ctx, "the amount reads", `document.getElementById("yen-amount").textContent.includes("20万円")`)
	if err := chromedp.Do(ctx, chromedp.Clear("#f-amount"), chromedp.SendKeys("#f-amount", "20万円")); err != nil {
		t.Fatal(err)
	}
	wait(t, ctx, "the error at the field", `document.getElementById("err-amount").textContent.includes("employment-subsidy.ja.md:") && document.getElementById("f-amount").getAttribute("aria-invalid") === "true"`)
	run(t, ctx, `document.getElementById("save").click()`)
	wait(t, ctx, "not saved", `document.getElementById("status").textContent.startsWith(document.getElementById("words").dataset.notSaved)`)
	if h.read(name) != before {
		t.Error("the file was written")
	}
}

// TestBrowserExpiredNote types an expires date that has passed: the form
// says at the date, and in its status line, that the page leaves the
// site; saving writes it all the same.
func TestBrowserExpiredNote(t *testing.T) {
	h := start(t)
	ctx := browser(t, h)
	open(t, ctx, h, kaname)
	if err := chromedp.Do(ctx, chromedp.SendKeys("#f-expires", "2020-04-01")); err != nil {
		t.Fatal(err)
	}
	wait(t, ctx, "the note at the date", `document.getElementById("note-expires").textContent.includes("2020-04-01") && document.getElementById("status").textContent.includes("2020-04-01")`)
	wait(t, ctx, "an empty preview", `document.getElementById("preview").src === "about:blank"`)
	run(t, ctx, `document.getElementById("save").click()`)
	wait(t, ctx, "saved, with the note", `!!document.querySelector("main").dataset.saved && document.getElementById("status").textContent.includes("2020-04-01")`)
	if !strings.Contains(h.read(kaname), "\nexpires: 2020-04-01\n") {
		t.Errorf("the date was not saved:\n%s", h.read(kaname))
	}
}

// TestBrowserUpload adds an image with its alt text to a bundle: the text
// gets the image, the preview shows it, and saving keeps it.
func TestBrowserUpload(t *testing.T) {
	h := start(t)
	ctx := browser(t, h)
	const name = "content/stories/salmon-engineer/index.ja.md"
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for x := range 40 {
		for y := range 30 {
			img.Set(x, y, color.RGBA{uint8(x * 6), 90, uint8(y * 8), 255})
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	upload := filepath.Join(t.TempDir(), "Sample Photo.png")
	if err := os.WriteFile(upload, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	open(t, ctx, h, name)
	run(t, ctx, `document.getElementById("body").setSelectionRange(0, 0)`)
	if err := chromedp.Do(ctx, chromedp.Click("#upload-open"),
		chromedp.SetUploadFiles("#upload-file", []string{upload}),
		chromedp.SendKeys("#upload-alt", "見本の図（テスト用）"),
		chromedp.Click("#upload-go")); err != nil {
		t.Fatal(err)
	}
	wait(t, ctx, "the image in the text", `document.getElementById("body").value.includes("![見本の図（テスト用）](sample-photo.png)")`)
	wait(t, ctx, "the preview shows the image", `(() => { const d = document.getElementById("preview").contentDocument; const i = d && d.querySelector('img[alt="見本の図（テスト用）"]'); if (i) i.scrollIntoView(); return !!i && i.complete && i.naturalWidth > 0 && /\/_photos\/sample-photo\.[0-9a-f]{10}\.40w\./.test(i.currentSrc); })()`) // scrolled to: below the story's photo, it loads lazily; srcset scales its naturalWidth
	if got, err := os.ReadFile(filepath.Join(h.dir, "content/stories/salmon-engineer/sample-photo.png")); err != nil || !bytes.Equal(got, buf.Bytes()) {
		t.Fatalf("the image is not in the bundle: %v", err)
	}
	run(t, ctx, `document.getElementById("save").click()`)
	wait(t, ctx, "saved", `!!document.querySelector("main").dataset.saved`)
	if !strings.Contains(h.read(name), "![見本の図（テスト用）](sample-photo.png)") {
		t.Error("the saved page lacks the image")
	}
}

// TestBrowserConflict: the file changes on disk while the form is open;
// saving shows both versions and writes nothing.
func TestBrowserConflict(t *testing.T) {
	h := start(t)
	ctx := browser(t, h)
	open(t, ctx, h, kaname)
	elsewhere := strings.Replace(h.read(kaname), "ceo: 田中 恵次", "ceo: 別の名前", 1)
	h.writeFile(kaname, elsewhere)
	run(t, ctx, `(() => { const s = document.getElementById("f-industry"); s.value = "web"; s.dispatchEvent(new Event("change", {bubbles: true})); document.getElementById("save").click(); })()`)
	wait(t, ctx, "both versions shown", `!document.getElementById("conflict").hidden && document.getElementById("conflict-disk").textContent.includes("別の名前") && document.getElementById("conflict-mine").textContent.includes("industry: web")`)
	if h.read(kaname) != elsewhere {
		t.Error("the file was overwritten")
	}
}

// TestBrowserCrossSite: a page of another origin that posts to the
// editor (with the browser's cookies) writes nothing.
func TestBrowserCrossSite(t *testing.T) {
	h := start(t)
	ctx := browser(t, h)
	before := h.read(kaname)
	body, _ := json.Marshal(map[string]any{"file": kaname, "hash": hashOf([]byte(before)), "fields": map[string]any{"industry": "dx"}})
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><title>x</title><script>
		window.done = Promise.allSettled([
			fetch(%[1]q, {method: "POST", mode: "no-cors", credentials: "include", headers: {"Content-Type": "text/plain"}, body: %[2]q}),
			fetch(%[1]q, {method: "POST", credentials: "include", headers: {"X-Furusato-Token": "guess"}, body: %[2]q}),
		]).then(() => true);
		</script>`, h.base+"/api/save", string(body))
	}))
	defer evil.Close()
	if err := chromedp.Do(ctx, chromedp.Navigate(evil.URL)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.done`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatal(err)
	}
	if h.read(kaname) != before {
		t.Fatal("a page of another origin changed the file")
	}
}

// TestBrowserAxe runs axe-core's WCAG 2.1 A and AA rules on the list of
// pages and on a form, in both languages, at 1280 and 375 pixels.
func TestBrowserAxe(t *testing.T) {
	axe := axeSource(t)
	h := start(t)
	ctx := browser(t, h)
	// The upload dialog, open, and the two versions of a conflict.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(375, 800)); err != nil {
		t.Fatal(err)
	}
	open(t, ctx, h, "content/stories/salmon-engineer/index.ja.md")
	if err := chromedp.Do(ctx, chromedp.Click("#upload-open")); err != nil {
		t.Fatal(err)
	}
	runAxe(t, ctx, axe, "the upload dialog")
	open(t, ctx, h, kaname)
	h.writeFile(kaname, h.read(kaname)+"\nmore\n")
	run(t, ctx, `document.getElementById("save").click()`)
	wait(t, ctx, "conflict", `!document.getElementById("conflict").hidden`)
	runAxe(t, ctx, axe, "a conflict")
	for _, width := range []int64{1280, 375} {
		for _, u := range []string{"/?lang=ja", "/?lang=en", "/edit?file=" + kaname + "&lang=ja", "/edit?file=content/companies/kaname.en.md&lang=en", "/edit?file=content/stories/salmon-engineer/index.ja.md&lang=en"} {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 800), chromedp.Navigate(h.base+u)); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(u, "edit") {
				wait(t, ctx, "first check", `document.querySelector("main").dataset.checked !== undefined`)
			}
			runAxe(t, ctx, axe, fmt.Sprintf("%s at %dpx", u, width))
			wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > document.documentElement.clientWidth`))
			if err == nil && wide {
				out, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.body.querySelectorAll("*")].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5).map(e => e.tagName + "." + e.className).join(", ")`))
				t.Errorf("%s at %dpx scrolls sideways: %s", u, width, out)
			}
		}
	}
}

// runAxe runs axe-core's WCAG 2.1 A and AA rules on the page as it is.
func runAxe(t *testing.T, ctx context.Context, axe, where string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
		t.Fatal(err)
	}
	const js = `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, resultTypes: ["violations"], iframes: false})
		.then(r => JSON.stringify(r.violations.map(v => v.id + ": " + v.help + " " + v.nodes.map(n => n.html).join(" | "))))`
	res, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	var vs []string
	json.Unmarshal([]byte(res), &vs)
	for _, v := range vs {
		t.Errorf("%s: %s", where, v)
	}
}

// axeSource reads axe-core from internal/sitetest's npm packages.
func axeSource(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("FURUSATO_NODE_MODULES")
	if dir == "" {
		dir = filepath.Join("..", "sitetest", "node_modules")
	}
	src, err := os.ReadFile(filepath.Join(dir, "axe-core", "axe.min.js"))
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("axe-core is missing (npm ci --prefix internal/sitetest): %v", err)
		}
		t.Skipf("skipping: axe-core is missing; install it with npm ci --prefix internal/sitetest")
	}
	return string(src)
}
