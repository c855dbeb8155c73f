//go:build unix

package sitefiles

import (
	"io/fs"
	"syscall"
)

// readFile reads root/name with open, fstat, read and close: os.ReadFile
// also registers the file with the runtime's poller, which a regular file
// refuses, and sets and clears non-blocking mode around that (five more
// system calls per file, dear in virtual machines).
func readFile(fsys fs.FS, root, name string) ([]byte, error) {
	if root == "" {
		return fs.ReadFile(fsys, name) // os.DirFS("") refuses every name
	}
	full := root + "/" + name
	if name == "." {
		full = root
	}
	var fd int
	err := ignoringEINTR(func() (err error) {
		fd, err = syscall.Open(full, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		return err
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	size := 0
	if ignoringEINTR(func() error { return syscall.Fstat(fd, &st) }) == nil && st.Mode&syscall.S_IFMT == syscall.S_IFREG {
		size = int(st.Size)
	}
	// One byte more than the size, so that a file read whole ends in a
	// read that returns 0; more room is made if the file grew meanwhile.
	data := make([]byte, 0, max(size+1, 512))
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		var n int
		err := ignoringEINTR(func() (err error) {
			n, err = syscall.Read(fd, data[len(data):cap(data)])
			return err
		})
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if n == 0 {
			return data, nil
		}
		data = data[:len(data)+n]
	}
}

func ignoringEINTR(f func() error) error {
	for {
		if err := f(); err != syscall.EINTR {
			return err
		}
	}
}
