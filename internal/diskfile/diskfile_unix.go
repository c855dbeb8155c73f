//go:build unix

package diskfile

import (
	"context"
	"io"
	"os"
	"syscall"
)

// WriteFile creates (or empties) the file name and writes data to it, with
// permissions 0644 before the umask.
func WriteFile(name string, data []byte) error {
	return WriteFileContext(context.Background(), name, data)
}

// WriteFileContext is WriteFile, a Chunk at a time until ctx is done:
// then it returns ctx's error, the file cut short.
func WriteFileContext(ctx context.Context, name string, data []byte) error {
	var fd int
	err := ignoringEINTR(func() (err error) {
		fd, err = syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
		return err
	})
	if err != nil {
		return &os.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 && err == nil {
		if err = ctx.Err(); err != nil {
			break
		}
		var n int
		err = ignoringEINTR(func() (err error) {
			n, err = syscall.Write(fd, data[:min(len(data), Chunk)])
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
	if err != nil && err == ctx.Err() {
		return err
	}
	if err != nil {
		return &os.PathError{Op: "write", Path: name, Err: err}
	}
	return nil
}

// readAndClose reads the open file fd whole and closes it; name is for
// errors.
func readAndClose(fd int, name string) ([]byte, error) {
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := ignoringEINTR(func() error { return syscall.Fstat(fd, &st) }); err != nil {
		return nil, &os.PathError{Op: "stat", Path: name, Err: err}
	}
	size := 0
	switch st.Mode & syscall.S_IFMT {
	case syscall.S_IFREG:
		size = int(st.Size)
	case syscall.S_IFDIR:
		// read gives EISDIR, as with os.ReadFile
	default:
		return nil, &os.PathError{Op: "read", Path: name, Err: ErrNotRegular}
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
			return nil, &os.PathError{Op: "read", Path: name, Err: err}
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
