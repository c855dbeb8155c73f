package main

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// slowTemplate makes each 404 page take long: a hundred million writes,
// each after two template calls. Left alone, a build of the example site
// with it takes minutes: the 404 pages, rendered first, take over a
// minute each.
const slowTemplate = `{{$l := list 0 1 2 3 4 5 6 7 8 9}}{{range $l}}{{range $l}}{{range $l}}{{range $l}}{{range $l}}{{range $l}}{{range $l}}{{range $l}}{{$x := add 1 2}}{{$x = sub $x 3}}.{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}{{end}}`

// stopBound is how soon a stopped command must end: generous, against a
// build that takes over 20 s.
const stopBound = 5 * time.Second

// slowSite writes the example site into dir/site, builds it into
// dir/public, then makes its 404 pages slow; it returns the site folder,
// the output folder and the output's files.
func slowSite(t *testing.T, dir string) (site, out string, before map[string]string) {
	t.Helper()
	site, out = filepath.Join(dir, "site"), filepath.Join(dir, "public")
	var stdout, stderr bytes.Buffer
	for _, args := range [][]string{{"init", site}, {"build", "-s", site, "-o", out, "-q"}} {
		if err := run(context.Background(), args, &stdout, &stderr); err != nil {
			t.Fatal(err, stderr.String())
		}
	}
	slowDown(t, site)
	return site, out, files(t, out)
}

// slowDown makes the 404 pages of the example site in site slow.
func slowDown(t *testing.T, site string) {
	t.Helper()
	page := filepath.Join(site, "templates", "404.html")
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	rest, ok := bytes.CutPrefix(data, []byte(`{{define "main"}}`))
	if !ok {
		t.Fatalf("%s does not start with its main block", page)
	}
	if err := os.WriteFile(page, append([]byte(`{{define "main"}}`+slowTemplate), rest...), 0o644); err != nil {
		t.Fatal(err)
	}
}

// files reads every file under dir.
func files(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		got[p] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// waitFor polls until ok holds, or fails the test after five minutes: a
// first build of the example makes its photos' widths, which takes more
// than a minute under the race detector.
func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Minute); !ok(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no %s after five minutes", what)
		}
	}
}

// stopAndWait sends sig to cmd and returns how long it took to end.
func stopAndWait(t *testing.T, cmd *exec.Cmd, sig os.Signal) time.Duration {
	t.Helper()
	start := time.Now()
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	ended := make(chan struct{})
	go func() {
		cmd.Wait()
		close(ended)
	}()
	select {
	case <-ended:
	case <-time.After(time.Minute):
		cmd.Process.Kill()
		<-ended
	}
	return time.Since(start)
}

// needSignals skips a test that stops the command with a signal, in a
// site slow enough to be stopped in the middle: on Windows, which has no
// signals to send, and with -short.
func needSignals(t *testing.T) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("no signals to send on Windows")
	}
	if testing.Short() {
		t.Skip("builds a slow site")
	}
}

// Ctrl+C and SIGTERM stop a build within a moment, also in the middle of
// a page's template, and leave the previous output as it was, with no
// folder of the build beside it. So does an interrupt sent twice at once,
// as GNU timeout sends it (to the command, then to its process group): a
// second Ctrl+C kills the command only once it is stopping (half a
// second after the first).
func TestSignalStopsBuild(t *testing.T) {
	needSignals(t)
	for _, tc := range []struct {
		sig   os.Signal
		twice bool
	}{{os.Interrupt, false}, {syscall.SIGTERM, false}, {os.Interrupt, true}} {
		sig := tc.sig
		name := sig.String()
		if tc.twice {
			name += " twice"
		}
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			site, out, before := slowSite(t, dir)
			var stderr bytes.Buffer
			cmd := exec.Command("furusato", "build", "-s", site, "-o", out)
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Rendering has begun once a page is written beside the
			// output; the 404 pages, first in the plan, are under way.
			waitFor(t, "page written", func() bool {
				pages, _ := filepath.Glob(filepath.Join(dir, ".public.new-*", "*", "index.html"))
				return len(pages) > 0
			})
			if tc.twice {
				if err := cmd.Process.Signal(sig); err != nil {
					t.Fatal(err)
				}
				time.Sleep(time.Millisecond)
			}
			took := stopAndWait(t, cmd, sig)
			t.Logf("ended %v after %v", took.Round(time.Millisecond), sig)
			if took > stopBound {
				t.Errorf("the build ended %v after %v, want within %v", took.Round(time.Millisecond), sig, stopBound)
			}
			if got, want := stderr.String(), "furusato: interrupted; nothing was written\n"; got != want {
				t.Errorf("stderr:\n%s\nwant:\n%s", got, want)
			}
			after := files(t, out)
			if len(after) != len(before) {
				t.Errorf("the output has %d files, had %d", len(after), len(before))
			}
			for name, data := range before {
				if after[name] != data {
					t.Errorf("%s changed", name)
				}
			}
			if left, _ := filepath.Glob(filepath.Join(dir, ".public.*")); len(left) > 0 {
				t.Errorf("left beside the output: %v", left)
			}
		})
	}
}

// Ctrl+C stops a deploy while it checks the site, and says that nothing
// was published.
func TestSignalStopsDeploy(t *testing.T) {
	needSignals(t)
	dir := t.TempDir()
	site, _, _ := slowSite(t, dir)
	bucket := filepath.Join(dir, "bucket")
	var stderr bytes.Buffer
	cmd := exec.Command("furusato", "deploy", "-s", site, "--target", "file://"+bucket)
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second) // the check's build of the slow site takes over 20 s
	took := stopAndWait(t, cmd, os.Interrupt)
	if took > stopBound {
		t.Errorf("the deploy ended %v after Ctrl+C, want within %v", took.Round(time.Millisecond), stopBound)
	}
	if got, want := stderr.String(), "furusato: interrupted; nothing was published\n"; got != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", got, want)
	}
	if _, err := os.Stat(bucket); err == nil {
		t.Error("the bucket's folder was made")
	}
}

// Ctrl+C stops serve while it rebuilds after a change.
func TestSignalStopsServeRebuild(t *testing.T) {
	needSignals(t)
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	if err := run(context.Background(), []string{"init", site}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	var stdout lockedBuffer
	var stderr bytes.Buffer
	cmd := exec.Command("furusato", "serve", "-s", site, "--addr", "127.0.0.1:0")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "first build", func() bool { return strings.Contains(stdout.String(), "Watching for changes") })
	slowDown(t, site)
	// Nothing says when the rebuild reaches the 404 pages; noticing the
	// change and reading the site take well under this.
	time.Sleep(2 * time.Second)
	took := stopAndWait(t, cmd, os.Interrupt)
	t.Logf("ended %v after Ctrl+C", took.Round(time.Millisecond))
	if took > stopBound {
		t.Errorf("serve ended %v after Ctrl+C, want within %v", took.Round(time.Millisecond), stopBound)
	}
	if !strings.Contains(stdout.String(), "Stopped.") || stderr.Len() > 0 {
		t.Errorf("stdout:\n%s\nstderr:\n%s", stdout.String(), &stderr)
	}
}

// serve stopped during its first build says so, as after it.
func TestServeStoppedInFirstBuild(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if err := run(context.Background(), []string{"init", site}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	err := run(ctx, []string{"serve", "-s", site, "--addr", "127.0.0.1:0"}, &stdout, &stderr)
	if err != nil || stdout.String() != "Stopped.\n" {
		t.Errorf("serve: %v; stdout %q", err, &stdout)
	}
}

// lockedBuffer is a buffer that a command writes while the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
