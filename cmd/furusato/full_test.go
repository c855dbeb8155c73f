package main

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A build that fills the disk says so in one line, and closes as any
// failed build does; it leaves nothing on the disk.
func TestDiskFull(t *testing.T) {
	dir := t.TempDir()
	site, disk := filepath.Join(dir, "site"), filepath.Join(dir, "disk")
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"init", site}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	if err := exec.Command("mkdir", disk).Run(); err != nil {
		t.Fatal(err)
	}
	// The example site's output is about 650 kB.
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", disk).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small tmpfs (needs Linux and root): %v %s", err, out)
	}
	defer exec.Command("umount", disk).Run()
	out := filepath.Join(disk, "public")
	code := exitCode(run(context.Background(), []string{"build", "-s", site, "-o", out}, &stdout, &stderr), &stderr)
	lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
	if code != exitError || len(lines) != 2 ||
		!strings.HasPrefix(lines[0], out+": the disk is full (no space left on device) after writing ") ||
		!strings.HasSuffix(lines[0], " files; free space and build again") ||
		lines[1] != "furusato: 1 problem; nothing was written" {
		t.Errorf("exit %d, %d lines:\n%s", code, len(lines), &stderr)
	}
	if left, _ := filepath.Glob(filepath.Join(disk, "*")); len(left) > 0 {
		t.Errorf("left on the disk: %v", left)
	}
	if left, _ := filepath.Glob(filepath.Join(disk, ".*")); len(left) > 0 {
		t.Errorf("left on the disk: %v", left)
	}
}
