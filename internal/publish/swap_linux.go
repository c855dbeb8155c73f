package publish

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// exchange swaps the folders a and b in one step, so that no moment is
// without an output, or returns errors.ErrUnsupported where the file
// system cannot (before Linux 3.15, some network file systems).
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EOPNOTSUPP):
		return errors.ErrUnsupported
	}
	return &os.LinkError{Op: "exchange", Old: a, New: b, Err: err}
}

// writeMarker writes the marker file of a new folder and holds a lock on
// it until the returned Closer is closed, so that another build's tidy
// leaves the folder of a running build alone.
func writeMarker(name string, text []byte) (io.Closer, error) {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX); err != nil {
		f.Close()
		return nil, &os.PathError{Op: "lock", Path: name, Err: err}
	}
	if _, err := f.Write(text); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// running reports whether a build holds the lock on the marker file name.
func running(name string) bool {
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	return errors.Is(unix.Flock(int(f.Fd()), unix.LOCK_SH|unix.LOCK_NB), unix.EWOULDBLOCK)
}

// locks is whether running builds hold a lock that tidy sees.
const locks = true

// Stamp identifies a version of the folder dir of an output: its
// device, inode and modification time, which a file added to it, removed
// or renamed changes. "" when there is no such folder.
//
// The time is the file system's, which moves in steps of a few
// milliseconds: a stamp is to be trusted only when taken more than a step
// after the folder last changed (see images.Cache.Published).
func Stamp(dir string) (string, time.Time) {
	var st unix.Stat_t
	if err := unix.Lstat(dir, &st); err != nil || st.Mode&unix.S_IFMT != unix.S_IFDIR {
		return "", time.Time{}
	}
	mtime := time.Unix(st.Mtim.Unix())
	return fmt.Sprintf("%d %d %d", st.Dev, st.Ino, mtime.UnixNano()), mtime
}
