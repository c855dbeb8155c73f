package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/furusato/furusato/internal/assets"
	"github.com/furusato/furusato/internal/diag"
)

// A build writes into .OUT.new-NNN beside the output OUT. Where the
// system cannot exchange two folders in one step, the previous output
// waits as .OUT.new-NNN.old between the two renames of the swap.
const (
	newInfix  = ".new-"
	oldSuffix = ".old"
)

// tempPrefix is the start of the names of out's new folders.
func tempPrefix(out string) string { return "." + filepath.Base(out) + newInfix }

// swap puts the folder tmp in out's place, atomically where the system
// can, and returns where the previous output now is, to remove; "" when
// there was none.
func swap(tmp, out string) (string, error) {
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		return "", os.Rename(tmp, out)
	}
	err := exchange(tmp, out)
	if err == nil {
		return tmp, nil
	}
	if !errors.Is(err, errors.ErrUnsupported) {
		return "", err
	}
	// Two renames: a build killed between them leaves no output, which
	// the next one puts back (see tidy).
	old := tmp + oldSuffix
	if err := os.Rename(out, old); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, out); err != nil {
		_ = os.Rename(old, out) // put the previous output back
		return "", err
	}
	return old, nil
}

// tidy removes the folders that builds of out which were killed left
// beside it, and returns a warning for each. When out is missing because
// a build was killed between the two renames of a swap, it first puts
// the previous output back. A folder is only touched when it is named
// like a build's and holds Marker, and not while its build is running.
// shown is the folder of out as the user named it, for the warnings.
func tidy(out, shown string) ([]*diag.Error, error) {
	parent := filepath.Dir(out)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	prefix := tempPrefix(out)
	var left, olds []string
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		num, old := strings.CutSuffix(rest, oldSuffix)
		if !ok || num == "" || strings.Trim(num, "0123456789") != "" || !e.IsDir() {
			continue
		}
		dir := filepath.Join(parent, e.Name())
		if info, err := os.Lstat(filepath.Join(dir, Marker)); err != nil || !info.Mode().IsRegular() || running(filepath.Join(dir, Marker)) {
			continue
		}
		if old {
			olds = append(olds, e.Name())
		}
		left = append(left, e.Name())
	}
	notes, err := putBackKept(out, parent, left, shown)
	if err != nil {
		return nil, err
	}
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) && len(olds) > 0 {
		prev := newest(parent, olds)
		if err := os.Rename(filepath.Join(parent, prev), out); err != nil {
			return nil, fmt.Errorf("put back the previous output: %w", err)
		}
		left = slices.DeleteFunc(left, func(n string) bool { return n == prev })
		notes = append(notes, diag.Errorf(diag.Pos{File: filepath.Join(shown, filepath.Base(out))},
			"put the previous output back from %s: a build was stopped while replacing it", prev))
	}
	for _, name := range left {
		dir := filepath.Join(parent, name)
		size := folderSize(dir)
		if err := os.RemoveAll(dir); err != nil {
			return notes, fmt.Errorf("remove the folder of a stopped build: %w", err)
		}
		notes = append(notes, diag.Errorf(diag.Pos{File: filepath.Join(shown, name)},
			"removed this folder (%s), left by a build that was stopped", assets.Size(size)))
	}
	return notes, nil
}

// putBackKept puts back a folder that a build killed while it committed
// had taken from the output (see Stage.Keep): into the output, from the
// left folders of builds (killed before the swap), or under its own name
// in the output (killed after it), and says so.
func putBackKept(out, parent string, left []string, shown string) ([]*diag.Error, error) {
	var notes []*diag.Error
	for _, dir := range append([]string{out}, left...) {
		if dir != out {
			dir = filepath.Join(parent, dir)
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue // no output yet
		}
		for _, e := range entries {
			name, ok := strings.CutPrefix(e.Name(), keptPrefix)
			if !ok || !e.IsDir() {
				continue
			}
			if _, err := os.Lstat(filepath.Join(out, name)); !errors.Is(err, fs.ErrNotExist) {
				if dir == out { // no build leaves both
					os.RemoveAll(filepath.Join(dir, e.Name()))
				}
				continue // else it goes with its folder
			}
			if err := os.Rename(filepath.Join(dir, e.Name()), filepath.Join(out, name)); err != nil {
				return notes, fmt.Errorf("put back %s of the output: %w", name, err)
			}
			notes = append(notes, diag.Errorf(diag.Pos{File: filepath.Join(shown, filepath.Base(out), name)},
				"put this folder back: a build was stopped while it moved it"))
		}
	}
	return notes, nil
}

// newest returns the most recently changed of the folders names.
func newest(parent string, names []string) string {
	best, bestTime := names[0], int64(0)
	for _, n := range names {
		if info, err := os.Stat(filepath.Join(parent, n)); err == nil && info.ModTime().UnixNano() > bestTime {
			best, bestTime = n, info.ModTime().UnixNano()
		}
	}
	return best
}

// folderSize adds up the sizes of the files in dir.
func folderSize(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}
