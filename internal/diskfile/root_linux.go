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
	if s.dir == nil || openat2Refused.Load() {
		return nil, nil, false
	}
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}, true
	}
	how := unix.OpenHow{
		Flags:   unix.O_RDONLY | unix.O_CLOEXEC | unix.O_NONBLOCK,
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_MAGICLINKS,
	}
	var fd int
	for range 8 { // EAGAIN: a rename raced with the lookup
		fd, err = unix.Openat2(int(s.dir.Fd()), name, &how)
		if err != unix.EINTR && err != unix.EAGAIN {
			break
		}
	}
	runtime.KeepAlive(s.dir)
	switch {
	case err == nil:
		data, err := readAndClose(fd, name)
		return data, err, true
	case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EPERM):
		openat2Refused.Store(true)
		return nil, nil, false
	case errors.Is(err, unix.EXDEV):
		err = ErrOutside
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: err}, true
}
