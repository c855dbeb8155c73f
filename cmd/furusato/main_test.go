package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/furusato/furusato/internal/deploy"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"furusato": func() { os.Exit(runProcess(os.Args[1:])) },
	})
}

// TestScripts runs the command as a user would, from testdata/script.
// The condition [builtin:SCHEME] holds when this build publishes to
// SCHEME:// targets (gs and azblob need build tags).
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Condition: func(cond string) (bool, error) {
			if scheme, ok := strings.CutPrefix(cond, "builtin:"); ok {
				return deploy.CheckTarget(scheme+"://bucket") == nil, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
	})
}

// TestExitCodes checks the exit status of mistakes on the command line
// (2) and of help asked for (0).
func TestExitCodes(t *testing.T) {
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"build", "--base-url", "ftp://x"}, exitUsage},
		{[]string{"build", "--bogus"}, exitUsage},
		{[]string{"build", "extra"}, exitUsage},
		{[]string{"frobnicate"}, exitUsage},
		{[]string{"help", "build"}, exitOK},
		{[]string{"build", "-help"}, exitOK},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if got := exitCode(run(context.Background(), tt.args, &stdout, &stderr), &stderr); got != tt.code {
			t.Errorf("furusato %s: exit %d, want %d\n%s", strings.Join(tt.args, " "), got, tt.code, stderr.String())
		}
	}
}

// TestInterrupted checks that a build stopped by Ctrl+C says that the
// previous output is still there, and leaves it so.
func TestInterrupted(t *testing.T) {
	dir := t.TempDir()
	site, out := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	var stdout, stderr bytes.Buffer
	for _, args := range [][]string{{"init", site}, {"build", "-s", site, "-o", out, "-q"}} {
		if err := run(context.Background(), args, &stdout, &stderr); err != nil {
			t.Fatal(err)
		}
	}
	before, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(site, "content", "_index.ja.md"), []byte("---\ntitle: 変更\n---\n"), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	stderr.Reset()
	code := exitCode(run(ctx, []string{"build", "-s", site, "-o", out}, &stdout, &stderr), &stderr)
	if code != exitError || stderr.String() != "furusato: interrupted; nothing was written\n" {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
	after, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("the output changed: %v", err)
	}
}

// TestOutputBesideSite checks that a build of another folder's site
// (-s mycity) writes into that site's public folder, not into the
// public folder of the folder it is run in, which may be another site's.
func TestOutputBesideSite(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	for _, args := range [][]string{{"init", "mycity"}, {"build", "-s", "mycity", "-q"}} {
		if err := run(context.Background(), args, &stdout, &stderr); err != nil {
			t.Fatalf("furusato %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "mycity", "public", "index.html")); err != nil {
		t.Errorf("build -s mycity wrote no mycity/public: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("build -s mycity wrote ./public")
	}
	// What the build wrote in the site folder is all that init's
	// .gitignore leaves out, and it leaves out all of it.
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed: .gitignore not checked")
	}
	site := filepath.Join(dir, "mycity")
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", site}, args...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	git("init", "-q")
	var got []string
	for _, e := range strings.Split(git("status", "--porcelain", "-z", "--ignored"), "\x00") {
		if p, ok := strings.CutPrefix(e, "!! "); ok {
			got = append(got, strings.SplitN(p, "/", 2)[0])
		}
	}
	slices.Sort(got)
	got = slices.Compact(got)
	if want := []string{".furusato", "public"}; !slices.Equal(got, want) {
		t.Errorf("git ignores %v in a new site after a build, want %v", got, want)
	}
}
