package sitetest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/furusato/furusato/internal/browsertest"
	"github.com/furusato/furusato/internal/build"
	"github.com/furusato/furusato/internal/buildtest"
	"github.com/furusato/furusato/internal/site"
)

// widths are the viewport widths every page is checked at: a phone and a
// laptop.
var widths = []int64{375, 1280}

// samplePage is one page of each kind in one language.
type samplePage struct {
	name string // ja-companies-page
	page *site.Page
}

// samplePages picks one page of every kind (home, each section's list, a
// page of each section, a top-level page, the open data catalogue, tags, a tag, 404) in every
// language, from the built site's graph.
func samplePages(out *buildtest.Output) []samplePage {
	seen := map[string]bool{}
	var pages []samplePage
	for _, p := range out.Result.Site.Pages {
		name := p.Lang.Code + "-" + string(p.Kind)
		if p.Section != "" {
			name += "-" + p.Section
		}
		if p.Kind == site.KindPage && p.Path == out.Result.Site.Config.Data.Page {
			name += "-catalogue" // the open data catalogue, with its table of files
		}
		if seen[name] {
			continue
		}
		seen[name] = true
		pages = append(pages, samplePage{name: name, page: p})
	}
	return pages
}

// serve serves a built site on loopback, with its 404 page for missing
// files as a static host would.
func serve(t *testing.T, out *buildtest.Output) string {
	t.Helper()
	return serveDir(t, out.Dir)
}

// serveDir serves a built site's folder on loopback, as serve does.
func serveDir(t testing.TB, dir string) string {
	t.Helper()
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(r.URL.Path))); err != nil {
			w.WriteHeader(http.StatusNotFound)
			http.ServeFile(w, r, filepath.Join(dir, "404.html"))
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// setView sets the viewport width and the colour scheme.
func setView(width int64, scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.EmulateViewport(width, 800, chromedp.EmulateScale(1)),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			})
			return err
		}),
	)
}

// axeViolation is what axe-core reports for one rule.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

func (v axeViolation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s", v.ID, v.Impact, v.Help)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n    %v %s\n      %s", n.Target, n.HTML, strings.ReplaceAll(n.Summary, "\n", "\n      "))
	}
	return b.String()
}

// runAxe injects axe-core into the page and runs the WCAG 2.1 A and AA
// rules and the best practices (heading-order, landmarks, region, ...).
func runAxe(ctx context.Context, axeSource string) ([]axeViolation, error) {
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](axeSource)); err != nil {
		return nil, fmt.Errorf("inject axe-core: %w", err)
	}
	const run = `axe.run(document, {
		runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
		resultTypes: ["violations"]
	}).then(r => JSON.stringify(r.violations))`
	res, err := chromedp.Run(ctx, chromedp.Evaluate[string](run, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("run axe-core: %w", err)
	}
	var vs []axeViolation
	if err := json.Unmarshal([]byte(res), &vs); err != nil {
		return nil, fmt.Errorf("read axe-core's results: %w", err)
	}
	return vs, nil
}

// pageChecks is what the browser measures on a loaded page besides axe.
type pageChecks struct {
	ScrollWidth  int      `json:"scrollWidth"`
	ClientWidth  int      `json:"clientWidth"`
	EagerBelow   []string `json:"eagerBelow"`   // images below the fold that are not lazy
	NoSize       []string `json:"noSize"`       // images without width and height
	OtherHosts   []string `json:"otherHosts"`   // requests to other hosts
	Lang         string   `json:"lang"`         // <html lang>
	WordBreak    string   `json:"wordBreak"`    // of the h1
	BodyFontSize float64  `json:"bodyFontSize"` // in pixels
	Overflowing  []string `json:"overflowing"`  // elements that stick out on the right, outside scrolling boxes
}

const measure = `(() => {
	const d = document.documentElement;
	const imgs = [...document.images];
	const h1 = document.querySelector("h1");
	return JSON.stringify({
		scrollWidth: d.scrollWidth,
		clientWidth: d.clientWidth,
		eagerBelow: imgs.filter(i => i.getBoundingClientRect().top > innerHeight && i.loading !== "lazy").map(i => i.src),
		noSize: imgs.filter(i => !i.hasAttribute("width") || !i.hasAttribute("height")).map(i => i.src),
		otherHosts: performance.getEntriesByType("resource").map(e => e.name).filter(u => new URL(u).origin !== location.origin),
		lang: d.lang,
		wordBreak: h1 ? getComputedStyle(h1).wordBreak : "",
		bodyFontSize: parseFloat(getComputedStyle(document.body).fontSize),
		overflowing: [...document.body.querySelectorAll("*")]
			.filter(e => e.getBoundingClientRect().right > d.clientWidth + 0.5)
			.filter(e => { for (let a = e.parentElement; a; a = a.parentElement) { if (getComputedStyle(a).overflowX !== "visible") return false; } return true; })
			.map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className.toString().split(" ").join(".") : "") + " (right " + Math.round(e.getBoundingClientRect().right) + ")"),
	});
})()`

// measurePage runs measure in the loaded page.
func measurePage(ctx context.Context) (pageChecks, error) {
	var m pageChecks
	js, err := chromedp.Run(ctx, chromedp.Evaluate[string](measure))
	if err != nil {
		return m, err
	}
	err = json.Unmarshal([]byte(js), &m)
	return m, err
}

// layoutShift is what moved on a page while it loaded: the cumulative
// layout shift (CLS) and the elements that moved.
type layoutShift struct {
	CLS   float64  `json:"cls"`
	Moved []string `json:"moved"`
}

// noShift is the layout shift below which a page does not move: CLS
// 0.00 as Chrome's tools round it. On a busy machine Chrome may draw a
// page before it has parsed all of it (a button before its label), which
// moves a thing or two by a few pixels, CLS 0.0001; the companies filter
// that appeared after a script ran measured 0.118.
const noShift = 0.001

// measureShift is the sum of the page's layout shifts since it started
// loading (the browser keeps them: buffered), once the page has painted
// twice after load, so that deferred scripts have run and drawn.
const measureShift = `(async () => {
	let cls = 0;
	const moved = [];
	const add = entries => {
		for (const e of entries) {
			if (e.hadRecentInput) continue;
			cls += e.value;
			for (const s of e.sources || []) {
				const n = s.node;
				const name = n && n.nodeType === 1 ? n.tagName.toLowerCase() + (n.className ? "." + String(n.className).split(" ").join(".") : "") : String(n && n.nodeName);
				const r = b => b ? [b.x, b.y, b.width, b.height].map(v => Math.round(v * 100) / 100).join(",") : "";
				moved.push(name + " from " + r(s.previousRect) + " to " + r(s.currentRect) + " at " + Math.round(e.startTime) + " ms");
			}
		}
	};
	const po = new PerformanceObserver(list => add(list.getEntries()));
	po.observe({type: "layout-shift", buffered: true});
	await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))));
	add(po.takeRecords());
	po.disconnect();
	return JSON.stringify({cls, moved});
})()`

// measureLayoutShift returns what moved on the loaded page.
func measureLayoutShift(ctx context.Context) (layoutShift, error) {
	var ls layoutShift
	js, err := chromedp.Run(ctx, chromedp.Evaluate[string](measureShift, chromedp.EvalAwaitPromise))
	if err != nil {
		return ls, err
	}
	err = json.Unmarshal([]byte(js), &ls)
	return ls, err
}

// axeSource returns axe.min.js from the npm packages, skipping the test
// when they are not installed.
func axeSource(t *testing.T) string {
	t.Helper()
	_, modules := nodeModules(t)
	src, err := os.ReadFile(filepath.Join(modules, "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	return string(src)
}

// TestBrowserPages loads one page of every kind in both languages, at a
// phone's and a laptop's width, in light and dark mode, runs axe-core's
// WCAG 2.1 A and AA rules and best practices in the page, measures layout,
// loading and layout shift (none: CLS 0), and saves a screenshot of each.
func TestBrowserPages(t *testing.T) {
	axe := axeSource(t)
	ctx := browsertest.New(t)
	out := buildExample(t)
	base := serve(t, out)
	shots := artifactDir(t)
	t.Logf("screenshots: %s", shots)

	total := 0
	for _, sp := range samplePages(out) {
		for _, width := range widths {
			for _, scheme := range []string{"light", "dark"} {
				name := fmt.Sprintf("%s-%d-%s", sp.name, width, scheme)
				t.Run(name, func(t *testing.T) {
					// From a blank page, so that no layout of the last page's
					// size counts as a shift of this one.
					err := chromedp.Do(ctx, chromedp.Navigate("about:blank"), setView(width, scheme), chromedp.Navigate(base+sp.page.URL))
					if err != nil {
						t.Fatal(err)
					}
					shift, err := measureLayoutShift(ctx)
					if err != nil {
						t.Fatal(err)
					}
					if shift.CLS >= noShift {
						t.Errorf("the page moves while it loads: CLS %.4f; moved: %v", shift.CLS, shift.Moved)
					}
					m, err := measurePage(ctx)
					if err != nil {
						t.Fatal(err)
					}
					if m.ScrollWidth > m.ClientWidth {
						t.Errorf("the page scrolls sideways: scrollWidth %d > clientWidth %d; sticking out: %v", m.ScrollWidth, m.ClientWidth, m.Overflowing)
					}
					if len(m.EagerBelow) > 0 {
						t.Errorf("images below the fold load eagerly: %v", m.EagerBelow)
					}
					if len(m.NoSize) > 0 {
						t.Errorf("images without width and height: %v", m.NoSize)
					}
					if len(m.OtherHosts) > 0 {
						t.Errorf("the page fetches from other hosts: %v", m.OtherHosts)
					}
					if m.Lang != sp.page.Lang.Code {
						t.Errorf("<html lang=%q>, want %q", m.Lang, sp.page.Lang.Code)
					}
					if sp.page.Lang.Code == "ja" && m.WordBreak != "auto-phrase" {
						t.Errorf("Japanese h1 has word-break %q, want auto-phrase", m.WordBreak)
					}
					if m.BodyFontSize < 16 {
						t.Errorf("body text is %gpx, want at least 16px", m.BodyFontSize)
					}
					vs, err := runAxe(ctx, axe)
					if err != nil {
						t.Fatal(err)
					}
					total += len(vs)
					for _, v := range vs {
						t.Errorf("axe: %s", v)
					}
					// Lazy images load for the screenshot, which shows the whole page.
					const loadAll = `Promise.all([...document.images].map(i => { i.loading = "eager"; return i.decode().catch(() => {}); }))`
					if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](loadAll, chromedp.EvalAwaitPromise)); err != nil {
						t.Fatal(err)
					}
					png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
					if err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644); err != nil {
						t.Fatal(err)
					}
				})
			}
		}
	}
	t.Logf("axe-core violations in all pages: %d", total)

	// The narrowest phones: no sideways scrolling at 320 pixels either.
	for _, sp := range samplePages(out) {
		if err := chromedp.Do(ctx, setView(320, "light"), chromedp.Navigate(base+sp.page.URL)); err != nil {
			t.Fatal(err)
		}
		m, err := measurePage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if m.ScrollWidth > m.ClientWidth {
			t.Errorf("%s at 320px scrolls sideways: scrollWidth %d > clientWidth %d; sticking out: %v", sp.name, m.ScrollWidth, m.ClientWidth, m.Overflowing)
		}
		// The header's search label, box and button share one line: a
		// button alone on a line of its own makes the header taller.
		lines, err := chromedp.Run(ctx, chromedp.Evaluate[int](searchBoxLines))
		if err != nil {
			t.Fatal(err)
		}
		if lines > 1 {
			t.Errorf("%s at 320px: the header's search box takes %d lines", sp.name, lines)
		}
	}
}

// searchBoxLines is the number of lines the header's search box takes
// (0 without one): its label, box and button flow in that order, and one
// that starts below the line before it starts a line.
const searchBoxLines = `(() => {
  const box = document.querySelector(".search-box");
  if (!box) return 0;
  let lines = 0, bottom = -Infinity;
  for (const e of box.children) {
    const r = e.getBoundingClientRect();
    if (r.top >= bottom - 1) { lines++; bottom = r.bottom; } else { bottom = Math.max(bottom, r.bottom); }
  }
  return lines;
})()`

// TestBrowserPrint prints the pages in the print media type: navigation,
// filters and buttons go, links to other sites show their address, and the
// screenshots show what paper gets.
func TestBrowserPrint(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildExample(t)
	base := serve(t, out)
	shots := artifactDir(t)
	printMedia := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	})
	for _, sp := range samplePages(out) {
		if sp.page.Kind != site.KindHome && !sp.page.IsPage {
			continue
		}
		t.Run(sp.name, func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(800, 1000), printMedia, chromedp.Navigate(base+sp.page.URL)); err != nil {
				t.Fatal(err)
			}
			const check = `(() => {
				const shown = sel => [...document.querySelectorAll(sel)].filter(e => getComputedStyle(e).display !== "none").length;
				return JSON.stringify({
					menus: shown("nav.menu, nav.languages, .skip, .actions, .prevnext"),
					footer: shown("footer"),
					main: shown("main"),
				});
			})()`
			js, err := chromedp.Run(ctx, chromedp.Evaluate[string](check))
			if err != nil {
				t.Fatal(err)
			}
			var got struct{ Menus, Footer, Main int }
			if err := json.Unmarshal([]byte(js), &got); err != nil {
				t.Fatal(err)
			}
			if got.Menus != 0 {
				t.Errorf("%d navigation elements are printed", got.Menus)
			}
			if got.Main != 1 || got.Footer != 1 {
				t.Errorf("the text or the footer (with the office and the date) is not printed: %s", js)
			}
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(shots, sp.name+"-print.png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestBrowserAxeReports checks that the accessibility check above can
// fail: axe-core, injected the same way, reports an image without alt text
// and a form field without a label.
func TestBrowserAxeReports(t *testing.T) {
	axe := axeSource(t)
	ctx := browsertest.New(t)
	page := `<!doctype html><html lang="en"><head><title>Broken</title></head><body><main><h1>Title</h1><h3>Skipped a level</h3>` +
		`<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="1" height="1"><input type="text"></main></body></html>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	}))
	t.Cleanup(srv.Close)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL)); err != nil {
		t.Fatal(err)
	}
	vs, err := runAxe(ctx, axe)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, v := range vs {
		ids = append(ids, v.ID)
	}
	for _, want := range []string{"image-alt", "label", "heading-order"} {
		if !slices.Contains(ids, want) {
			t.Errorf("axe-core did not report %s on a broken page; it reported %v", want, ids)
		}
	}
}

// TestBrowserLayoutShiftReports checks that the layout shift measured
// above can fail: a page whose deferred script puts a block above the text
// moves the text down. The script waits for the frame after the one that
// drew the text: a script that ran before the first paint would move
// nothing the reader saw, and a fast machine often runs it that early.
func TestBrowserLayoutShiftReports(t *testing.T) {
	ctx := browsertest.New(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/late.js" {
			w.Header().Set("Content-Type", "text/javascript")
			fmt.Fprint(w, `requestAnimationFrame(() => requestAnimationFrame(() => { const p = document.createElement("p"); p.style.height = "200px"; p.textContent = "late"; document.body.prepend(p); }));`)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><html lang="en"><head><title>Shift</title><script src="/late.js" defer></script></head><body><main><h1>Title</h1><p>Text that moves.</p></main></body></html>`)
	}))
	t.Cleanup(srv.Close)
	if err := chromedp.Do(ctx, setView(375, "light"), chromedp.Navigate(srv.URL)); err != nil {
		t.Fatal(err)
	}
	shift, err := measureLayoutShift(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if shift.CLS <= 0 || len(shift.Moved) == 0 {
		t.Errorf("a page whose script pushes its text down measured CLS %.4f, moved %v; want more than 0", shift.CLS, shift.Moved)
	}
}

// TestBrowserLanguageSwitcher follows the language switcher of every kind
// of page and checks that it lands on the same page in the other language,
// or on the same section's list there when the page has no translation.
func TestBrowserLanguageSwitcher(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildExample(t)
	base := serve(t, out)
	pages := samplePages(out)
	// The page written only in Japanese, too.
	for _, p := range out.Result.Site.Pages {
		if p.IsPage && !p.IsTranslated {
			pages = append(pages, samplePage{name: p.Lang.Code + "-untranslated", page: p})
			break
		}
	}
	for _, sp := range pages {
		for _, alt := range sp.page.Alternates {
			if alt.Current {
				continue
			}
			t.Run(sp.name+"-to-"+alt.Lang.Code, func(t *testing.T) {
				if err := chromedp.Do(ctx, chromedp.Navigate(base+sp.page.URL)); err != nil {
					t.Fatal(err)
				}
				click := fmt.Sprintf(`document.querySelector('header a[hreflang=%q]').click()`, alt.Lang.Code)
				if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](click)); err != nil {
					t.Fatalf("click the %s link of the language switcher: %v", alt.Lang.Code, err)
				}
				landed := fmt.Sprintf(`decodeURIComponent(location.pathname) === %q && document.readyState === "complete" && document.documentElement.lang === %q`, alt.URL, alt.Lang.Code)
				if err := browsertest.Wait(ctx, landed, 10*time.Second); err != nil {
					where, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname + " lang=" + document.documentElement.lang`))
					t.Fatalf("want to land on %s (lang %s), landed on %s", alt.URL, alt.Lang.Code, where)
				}
				if want := sp.page.Translation(alt.Lang.Code); want != nil && want.URL != alt.URL {
					t.Errorf("the switcher leads to %s, but the translation is %s", alt.URL, want.URL)
				}
				if f := sp.page.Fallback(alt.Lang); !alt.Exists && (alt.URL != f.URL || sp.page.IsPage && f.Kind != site.KindSection) {
					t.Errorf("a page without translation should lead to the %s list of its section, %s, not %s", alt.Lang.Code, f.URL, alt.URL)
				}
			})
		}
	}
}

// TestBrowserCompanyFilter narrows the company directory by industry, with
// the control a reader uses, and checks the cards shown, the status
// message, and that the choice survives a reload through the URL. The
// example's directory is too short to need filters: they are turned on.
func TestBrowserCompanyFilter(t *testing.T) {
	ctx := browsertest.New(t)
	out, err := buildtest.BuildFS(t, withFilterFrom(t, exampleFS(t), 0), build.Options{})
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	base := serve(t, out)
	for _, ls := range out.Result.Site.Langs {
		sec := ls.Sections["companies"]
		if sec == nil {
			t.Fatalf("%s has no company directory", ls.Code)
		}
		t.Run(ls.Code, func(t *testing.T) {
			companies := sec.Pages
			industry := fmt.Sprint(companies[0].Param("industry"))
			var wantIndustry []string
			for _, c := range companies {
				if fmt.Sprint(c.Param("industry")) == industry {
					wantIndustry = append(wantIndustry, c.URL)
				}
			}
			visible := func() []string {
				t.Helper()
				js := `[...document.querySelectorAll("[data-filter-list] > li")].filter(li => li.offsetParent !== null).map(li => li.querySelector("h3 a").getAttribute("href"))`
				v, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](js))
				if err != nil {
					t.Fatal(err)
				}
				return v
			}
			status := func() string {
				t.Helper()
				v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("[data-filter] [role=status]").textContent`))
				if err != nil {
					t.Fatal(err)
				}
				return v
			}
			wantStatus := func(n int) string {
				return strings.NewReplacer("{n}", fmt.Sprint(n), "{total}", fmt.Sprint(len(companies))).Replace(ls.Strings["showing"])
			}

			if err := chromedp.Do(ctx, setView(375, "light"), chromedp.Navigate(base+sec.URL)); err != nil {
				t.Fatal(err)
			}
			shown, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("[data-filter]").offsetParent !== null`))
			if err != nil {
				t.Fatal(err)
			}
			if !shown {
				t.Fatal("the filters do not show, with scripts on")
			}
			// They are there from the first paint: nothing moves when the script runs.
			if shift, err := measureLayoutShift(ctx); err != nil {
				t.Fatal(err)
			} else if shift.CLS >= noShift {
				t.Errorf("the directory moves while it loads: CLS %.4f; moved: %v", shift.CLS, shift.Moved)
			}
			if got := visible(); len(got) != len(companies) {
				t.Fatalf("before filtering, %d of %d companies show: %v", len(got), len(companies), got)
			}
			if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("#filter-industry"), industry),
				chromedp.Evaluate[chromedp.Void](`document.querySelector("#filter-industry").dispatchEvent(new Event("change", {bubbles: true}))`)); err != nil {
				t.Fatal(err)
			}
			if got := visible(); strings.Join(got, " ") != strings.Join(wantIndustry, " ") {
				t.Errorf("industry %s: shown %v, want %v", industry, got, wantIndustry)
			}
			if got, want := status(), wantStatus(len(wantIndustry)); got != want {
				t.Errorf("status %q, want %q", got, want)
			}
			// The choice is in the URL: a reload or a shared link keeps it.
			if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
				t.Fatal(err)
			}
			if got := visible(); strings.Join(got, " ") != strings.Join(wantIndustry, " ") {
				t.Errorf("after a reload: shown %v, want %v", got, wantIndustry)
			}
		})
	}
}

// TestBrowserStoryWeight loads a story, with its photo, as a phone with a
// sharp screen (375 px wide, 3 device pixels to each) does, and holds what
// it downloads (HTML, CSS, scripts, images, fonts) under 150 KB.
func TestBrowserStoryWeight(t *testing.T) {
	out := buildExample(t)
	base := serve(t, out)
	for _, page := range []string{"/stories/salmon-engineer/", "/en/stories/accountant/"} {
		ctx := browsertest.New(t) // a browser of its own: nothing cached from the page before
		err := chromedp.Do(ctx,
			chromedp.EmulateViewport(375, 800, chromedp.EmulateScale(3)),
			chromedp.Navigate(base+page),
			chromedp.Poll[chromedp.Void](`document.readyState === "complete"`),
		)
		if err != nil {
			t.Fatal(err)
		}
		bytes, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`[...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")].reduce((n, e) => n + e.encodedBodySize, 0)`))
		if err != nil {
			t.Fatal(err)
		}
		names, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`performance.getEntriesByType("resource").map(e => e.name.replace(location.origin, "") + " " + e.encodedBodySize)`))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %.1f KB: %s", page, bytes/1024, strings.Join(names, ", "))
		if !slices.ContainsFunc(names, func(n string) bool { return strings.Contains(n, "/photo.") && strings.Contains(n, ".webp") }) {
			t.Errorf("%s: the story's photo was not loaded as WebP: %v", page, names)
		}
		if bytes > 150*1024 {
			t.Errorf("%s weighs %.1f KB at 375 px, want at most 150 KB", page, bytes/1024)
		}
	}
}
