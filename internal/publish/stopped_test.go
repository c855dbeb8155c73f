package publish

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/outputs"
)

// build commits an output of files, name → text, into out.
func build(t *testing.T, out string, files map[string]string) {
	t.Helper()
	s, err := Begin(context.Background(), out, "")
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		if err := s.Write(name, outputs.HTML, []byte(text)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
}

// folder writes files, name → text, into dir.
func folder(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func names(dir string) string {
	entries, _ := os.ReadDir(dir)
	var ns []string
	for _, e := range entries {
		ns = append(ns, e.Name())
	}
	return strings.Join(ns, " ")
}

func messages(errs []*diag.Error) string {
	var ms []string
	for _, e := range errs {
		ms = append(ms, e.Warning())
	}
	return strings.Join(ms, "\n")
}

// The folders of killed builds are removed by the next build, which says
// so; folders that furusato did not make (no marker, another name) stay.
func TestBeginRemovesFoldersOfKilledBuilds(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	build(t, out, map[string]string{"index.html": "v1"})
	marker := map[string]string{Marker: markerText, "index.html": "half"}
	folder(t, filepath.Join(dir, ".public.new-123"), marker)
	folder(t, filepath.Join(dir, ".public.new-456.old"), marker) // its build was killed after the swap
	folder(t, filepath.Join(dir, ".public.new-789"), map[string]string{"notes.txt": "mine"})
	folder(t, filepath.Join(dir, ".public.new-mine"), marker)
	folder(t, filepath.Join(dir, ".other.new-1"), marker)

	s, err := Begin(context.Background(), out, "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	got := messages(s.Tidied())
	for _, want := range []string{".public.new-123: warning: removed this folder (", ".public.new-456.old: warning: removed this folder ("} {
		if !strings.Contains(got, filepath.Join(dir, want)) {
			t.Errorf("Tidied does not say %q:\n%s", want, got)
		}
	}
	if n := len(s.Tidied()); n != 2 {
		t.Errorf("%d warnings, want 2:\n%s", n, got)
	}
	left := names(dir)
	for _, gone := range []string{".public.new-123 ", ".public.new-456.old "} {
		if strings.Contains(left+" ", gone) {
			t.Errorf("%s is still there: %s", gone, left)
		}
	}
	for _, kept := range []string{".public.new-789", ".public.new-mine", ".other.new-1", "public"} {
		if !strings.Contains(left, kept) {
			t.Errorf("%s was removed: %s", kept, left)
		}
	}
}

// A build killed between the two renames of a swap leaves no output but
// the previous one, set aside: the next build puts it back.
func TestBeginPutsBackHalfSwappedOutput(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	folder(t, filepath.Join(dir, ".public.new-42.old"), map[string]string{Marker: markerText, "index.html": "previous"})
	folder(t, filepath.Join(dir, ".public.new-42"), map[string]string{Marker: markerText, "index.html": "new"})
	s, err := Begin(context.Background(), out, "")
	if err != nil {
		t.Fatal(err)
	}
	got := messages(s.Tidied())
	s.Abort() // the build fails: the output put back stays
	if data, err := os.ReadFile(filepath.Join(out, "index.html")); string(data) != "previous" {
		t.Errorf("output: %q, %v", data, err)
	}
	if !strings.Contains(got, "public: warning: put the previous output back from .public.new-42.old") {
		t.Errorf("Tidied does not say it put the output back:\n%s", got)
	}
	if left := names(dir); left != "public" {
		t.Errorf("left beside the output: %s", left)
	}
}

// The folder of a build that is running is not another build's to
// remove.
func TestBeginLeavesRunningBuildAlone(t *testing.T) {
	if !locks {
		t.Skip("no locks on this system: two builds of one output at once are not expected")
	}
	out := filepath.Join(t.TempDir(), "public")
	first, err := Begin(context.Background(), out, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Write("index.html", outputs.HTML, []byte("first")); err != nil {
		t.Fatal(err)
	}
	second, err := Begin(context.Background(), out, "")
	if err != nil {
		t.Fatal(err)
	}
	defer second.Abort()
	if len(second.Tidied()) > 0 {
		t.Errorf("the second build tidied: %s", messages(second.Tidied()))
	}
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "index.html")); string(data) != "first" {
		t.Errorf("output: %q", data)
	}
}

// swap replaces the output whether there is one or not, and leaves the
// previous one where it says.
func TestSwap(t *testing.T) {
	dir := t.TempDir()
	out, tmp := filepath.Join(dir, "public"), filepath.Join(dir, ".public.new-1")
	folder(t, tmp, map[string]string{"index.html": "v1"})
	prev, err := swap(tmp, out)
	if err != nil || prev != "" {
		t.Fatalf("swap into nothing: %q, %v", prev, err)
	}
	folder(t, tmp, map[string]string{"index.html": "v2"})
	prev, err = swap(tmp, out)
	if err != nil || prev == "" {
		t.Fatalf("swap: %q, %v", prev, err)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "index.html")); string(data) != "v2" {
		t.Errorf("output: %q", data)
	}
	if data, _ := os.ReadFile(filepath.Join(prev, "index.html")); string(data) != "v1" {
		t.Errorf("previous output: %q", data)
	}
}

// exchange swaps two folders in one step where the system can.
func TestExchange(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	folder(t, a, map[string]string{"f": "a"})
	folder(t, b, map[string]string{"f": "b"})
	err := exchange(a, b)
	if errors.Is(err, errors.ErrUnsupported) {
		t.Skip("no exchange here; swap renames twice")
	}
	if err != nil {
		t.Fatal(err)
	}
	da, _ := os.ReadFile(filepath.Join(a, "f"))
	db, _ := os.ReadFile(filepath.Join(b, "f"))
	if string(da) != "b" || string(db) != "a" {
		t.Errorf("a holds %q, b holds %q", da, db)
	}
}

// A stopped build writes nothing more: files queued when its context
// ends are dropped, Write refuses, and Commit leaves the output as it was.
func TestStoppedStageWritesNothingMore(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	build(t, out, map[string]string{"index.html": "v1"})
	ctx, cancel := context.WithCancel(context.Background())
	s, err := Begin(ctx, out, "")
	if err != nil {
		t.Fatal(err)
	}
	var stopped atomic.Bool
	var late atomic.Int64
	entered, release := make(chan bool, writers+queued), make(chan struct{})
	s.writeData = func(name string, data []byte) error {
		if stopped.Load() {
			late.Add(1)
		}
		entered <- true
		<-release
		return os.WriteFile(name, data, 0o644)
	}
	for i := range writers + queued {
		if err := s.Write(fmt.Sprintf("p%d.html", i), outputs.HTML, []byte("v2")); err != nil {
			t.Fatal(err)
		}
	}
	for range writers { // every writer is writing a file; the rest wait in the queue
		<-entered
	}
	stopped.Store(true)
	cancel()
	close(release)
	if err := s.Write("late.html", outputs.HTML, nil); err == nil {
		t.Error("Write after the end of the context succeeded")
	}
	if err := s.Commit(); !errors.Is(err, context.Canceled) {
		t.Errorf("Commit: %v", err)
	}
	if n := late.Load(); n > 0 {
		t.Errorf("%d files written after the context ended", n)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "index.html")); string(data) != "v1" {
		t.Errorf("output changed: %q", data)
	}
	if left := names(dir); left != "public" {
		t.Errorf("left beside the output: %s", left)
	}
}

// A full disk is one error at the output folder, which says how many
// files were written, not one error for each file.
func TestDiskFullIsOneError(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	s, err := Begin(context.Background(), out, "")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	room := 3
	s.writeData = func(name string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		if room == 0 {
			return &os.PathError{Op: "write", Path: name, Err: syscall.ENOSPC}
		}
		room--
		return os.WriteFile(name, data, 0o644)
	}
	for i := range 85 {
		if err := s.Write(fmt.Sprintf("p%d/index.html", i), outputs.HTML, []byte("page")); err != nil {
			t.Fatal(err)
		}
	}
	err = s.Commit()
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("Commit: %v", err)
	}
	errs := diag.All(err)
	want := out + ": the disk is full (no space left on device) after writing 3 files; free space and build again"
	if len(errs) != 1 || errs[0].Error() != want {
		t.Errorf("got %d errors:\n%v\nwant one:\n%s", len(errs), err, want)
	}
	if left := names(dir); left != "" {
		t.Errorf("left: %s", left)
	}
}

// The same on a real full disk, where the test may mount a small tmpfs.
func TestDiskFullOnTmpfs(t *testing.T) {
	dir := t.TempDir()
	if err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir).Run(); err != nil {
		t.Skipf("cannot mount a small tmpfs (needs Linux and root): %v", err)
	}
	defer exec.Command("umount", dir).Run()
	out := filepath.Join(dir, "public")
	s, err := Begin(context.Background(), out, "")
	if err != nil {
		t.Fatal(err)
	}
	page := strings.Repeat("x", 4000)
	for i := range 85 {
		if err := s.Write(fmt.Sprintf("p%d/index.html", i), outputs.HTML, []byte(page)); err != nil {
			t.Fatal(err)
		}
	}
	err = s.Commit()
	errs := diag.All(err)
	if !errors.Is(err, syscall.ENOSPC) || len(errs) != 1 || !strings.Contains(errs[0].Error(), ": the disk is full (no space left on device) after writing ") {
		t.Errorf("Commit: %d errors:\n%v", len(errs), err)
	}
	if left := names(dir); left != "" {
		t.Errorf("left: %s", left)
	}
}

// Keep moves a folder of the previous output into the new one, unless it
// changed since its stamp was taken.
func TestKeep(t *testing.T) {
	if s, _ := Stamp(t.TempDir()); s == "" {
		t.Skip("no folder stamps on " + runtime.GOOS)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	build(t, out, map[string]string{"index.html": "v1", "_photos/a.webp": "a", "_photos/b.webp": "bb"})
	stamp, _ := Stamp(filepath.Join(out, "_photos"))
	ino := func() uint64 {
		fi, err := os.Stat(filepath.Join(out, "_photos", "a.webp"))
		if err != nil {
			t.Fatal(err)
		}
		return fi.Sys().(*syscall.Stat_t).Ino
	}
	before := ino()
	s, err := Begin(context.Background(), out, "")
	if err != nil {
		t.Fatal(err)
	}
	if s.Keep("_photos", stamp+"1", 2, 3) || s.Keep("../public", stamp, 2, 3) {
		t.Error("Keep took a folder of another stamp, or outside the output")
	}
	if !s.Keep("_photos", stamp, 2, 3) {
		t.Fatal("Keep refused an unchanged folder")
	}
	s.Write("index.html", outputs.HTML, []byte("v2"))
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if s.Files() != 3 || s.Bytes() != 5 {
		t.Errorf("%d files, %d bytes", s.Files(), s.Bytes())
	}
	if ino() != before || names(filepath.Join(out, "_photos")) != "a.webp b.webp" || names(out) != Marker+" _photos index.html" {
		t.Errorf("the folder was not moved as it was: %s; %s", names(filepath.Join(out, "_photos")), names(out))
	}
	if left := names(dir); left != "public" {
		t.Errorf("left beside the output: %s", left)
	}

	// A file added: the stamp is another.
	stamp, _ = Stamp(filepath.Join(out, "_photos"))
	time.Sleep(20 * time.Millisecond) // past a step of the file system's clock
	folder(t, filepath.Join(out, "_photos"), map[string]string{"c.webp": "c"})
	s, err = Begin(context.Background(), out, "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	if s.Keep("_photos", stamp, 2, 3) {
		t.Error("Keep took a changed folder")
	}
}

// A build killed while it moved a kept folder leaves it in its own folder
// (before the swap) or in the output under another name (after it): the
// next build puts it back into the output, and says so.
func TestBeginPutsBackKeptFolder(t *testing.T) {
	for _, killed := range []string{"before the swap", "after the swap"} {
		t.Run(killed, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "public")
			if killed == "before the swap" {
				folder(t, out, map[string]string{Marker: markerText, "index.html": "previous"})
				folder(t, filepath.Join(dir, ".public.new-7"), map[string]string{Marker: markerText, "index.html": "new", keptPrefix + "_photos/a.webp": "a"})
			} else {
				folder(t, out, map[string]string{Marker: markerText, "index.html": "new", keptPrefix + "_photos/a.webp": "a"})
			}
			s, err := Begin(context.Background(), out, "")
			if err != nil {
				t.Fatal(err)
			}
			got := messages(s.Tidied())
			s.Abort()
			if data, err := os.ReadFile(filepath.Join(out, "_photos", "a.webp")); string(data) != "a" {
				t.Errorf("the folder is not back: %q, %v; %s", data, err, names(out))
			}
			if names(out) != Marker+" _photos index.html" || names(dir) != "public" {
				t.Errorf("output %s; beside it %s", names(out), names(dir))
			}
			if !strings.Contains(got, filepath.Join("public", "_photos")+": warning: put this folder back: a build was stopped while it moved it") {
				t.Errorf("Tidied does not say it put the folder back:\n%s", got)
			}
		})
	}
}
