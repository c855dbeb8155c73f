//go:build unix

package publish

import (
	"io"
	"os"
	"syscall"
)

// writeFile creates a file with data. It is os.WriteFile without the
// registration with the runtime's poller that os.File tries for every
// file it opens (which a regular file refuses): one system call in four
// fewer for each of the thousands of files a build writes, which matters
// where system calls are dear, as in virtual machines.
func writeFile(name string, data []byte) error {
	var fd int
	err := ignoringEINTR(func() (err error) {
		fd, err = syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
		return err
	})
	if err != nil {
		return &os.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 && err == nil {
		var n int
		err = ignoringEINTR(func() (err error) {
			n, err = syscall.Write(fd, data)
			return err
		})
		if err == nil && n == 0 {
			err = io.ErrShortWrite
		}
		data = data[max(n, 0):]
	}
	if cerr := syscall.Close(fd); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return &os.PathError{Op: "write", Path: name, Err: err}
	}
	return nil
}

func ignoringEINTR(f func() error) error {
	for {
		if err := f(); err != syscall.EINTR {
			return err
		}
	}
}
