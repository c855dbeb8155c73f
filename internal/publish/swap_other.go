//go:build !linux

package publish

import (
	"errors"
	"io"
	"os"
	"time"
)

// exchange is not offered here: swap renames twice instead.
func exchange(a, b string) error { return errors.ErrUnsupported }

// writeMarker writes the marker file of a new folder. Nothing here tells
// a running build's folder from a killed one's: two builds of one output
// at once are not expected.
func writeMarker(name string, text []byte) (io.Closer, error) {
	return nil, os.WriteFile(name, text, 0o644)
}

// running cannot tell here; see writeMarker.
func running(name string) bool { return false }

// locks is whether running builds hold a lock that tidy sees.
const locks = false

// Stamp would identify a version of the folder dir; here, where no inode
// tells a folder from one put in its place, it gives none, and each
// build writes every file.
func Stamp(dir string) (string, time.Time) { return "", time.Time{} }
