// Package browsertest starts a real headless Chromium for tests, driven
// with chromedp. Tests that need it skip with a clear message on machines
// without Chromium; CI installs Debian's chromium so that they run there.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Path finds a Chromium or Chrome binary, or returns "".
func Path() string {
	if p := os.Getenv("FURUSATO_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// New returns a chromedp context with a fresh headless browser, closed
// when the test ends. It skips the test when no browser is installed.
func New(t testing.TB) context.Context {
	t.Helper()
	path := Path()
	if path == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("no Chromium found, and CI must run browser tests: install Debian's chromium (apt-get install -y chromium)")
		}
		t.Skip("skipping the browser test: no Chromium found (apt-get install -y chromium, or set FURUSATO_CHROMIUM)")
	}
	// Chromium sometimes crashes as it starts on a loaded machine (several
	// test packages starting it at once): a second or third try starts it.
	var err error
	for try := 1; try <= 3; try++ {
		if try > 1 {
			t.Logf("start Chromium (%s), try %d of 3: %v", path, try-1, err)
			time.Sleep(time.Second)
		}
		var ctx context.Context
		if ctx, err = start(t, path); err == nil {
			return ctx
		}
	}
	t.Fatalf("start Chromium (%s): %v", path, err)
	return nil
}

// start starts a browser, closed when the test ends.
func start(t testing.TB, path string) (context.Context, error) {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	// The first Run starts the browser; it must not have a deadline.
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		cancelAlloc()
		return nil, err
	}
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	return ctx, nil
}

// Wait evaluates a JavaScript expression until it is true, through page
// loads and reloads, for at most timeout.
func Wait(ctx context.Context, expr string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	var last error
	for time.Now().Before(deadline) {
		tctx, cancel := context.WithTimeout(ctx, time.Second)
		ok, err := chromedp.Run(tctx, chromedp.Evaluate[bool](expr))
		cancel()
		if err == nil && ok {
			return nil
		}
		last = err
		time.Sleep(20 * time.Millisecond)
	}
	if last != nil {
		return fmt.Errorf("%s stayed false for %s (last error: %v)", expr, timeout, last)
	}
	return fmt.Errorf("%s stayed false for %s", expr, timeout)
}
