package diskfile

import (
	"errors"
	"io/fs"
	"os"
	"runtime"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// The kernel refuses openat2 before Linux 5.6, and some sandboxes refuse
// it with EPERM: then every Root uses os.Root.
var openat2Refused atomic.Bool

type sysRoot struct {
	dir *os.File // held open for its descriptor
}

func openSysRoot(dir string) sysRoot {
	f, err := os.Open(dir)
	if err != nil {
		return sysRoot{}
	}
	return sysRoot{dir: f}
}

// readFile reads name with openat2(RESOLVE_BENEATH), which refuses a name
// that leads outside the folder in the same system call that opens it; ok
// is false where openat2 cannot be used.
func (s sysRoot) readFile(name string) (data []byte, err error, ok bool) {
	fd, err, ok := s.open("open", name, unix.O_RDONLY|unix.O_NONBLOCK)
	if !ok || err != nil {
		return nil, err, ok
	}
	data, err = readAndClose(fd, name)
	return data, err, true
}

// stat returns the information of name, which it opens with O_PATH (for
// no reading: a named pipe does not wait) the way readFile does.
func (s sysRoot) stat(name string) (info fs.FileInfo, err error, ok bool) {
	fd, err, ok := s.open("stat", name, unix.O_PATH)
	if !ok || err != nil {
		return nil, err, ok
	}
	f := os.NewFile(uintptr(fd), name)
	defer f.Close()
	info, err = f.Stat()
	return info, err, true
}

// open opens name with openat2(RESOLVE_BENEATH) and flags; ok is false
// where openat2 cannot be used. Errors are *fs.PathError of op, naming
// name.
func (s sysRoot) open(op, name string, flags uint64) (fd int, err error, ok bool) {
	if s.dir == nil || openat2Refused.Load() {
		return -1, nil, false
	}
	if !fs.ValidPath(name) {
		return -1, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}, true
	}
	how := unix.OpenHow{
		Flags:   flags | unix.O_CLOEXEC,
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_MAGICLINKS,
	}
	for range 8 { // EAGAIN: a rename raced with the lookup
		fd, err = unix.Openat2(int(s.dir.Fd()), name, &how)
		if err != unix.EINTR && err != unix.EAGAIN {
			break
		}
	}
	runtime.KeepAlive(s.dir)
	switch {
	case err == nil:
		return fd, nil, true
	case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EPERM):
		openat2Refused.Store(true)
		return -1, nil, false
	case errors.Is(err, unix.EXDEV):
		err = ErrOutside
	}
	return -1, &fs.PathError{Op: op, Path: name, Err: err}, true
}
