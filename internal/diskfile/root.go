package diskfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
)

// ErrOutside is the error of a name that leads out of a Root's folder,
// through ".." or a symbolic link.
var ErrOutside = errors.New("leads outside the site folder (through a symbolic link)")

// ErrNotRegular is the error of reading a file that is not a regular file:
// a named pipe, a socket or a device, which a reader could wait on forever.
var ErrNotRegular = errors.New("not a regular file")

// A Root is a folder whose files ReadFile reads and Stat describes, and
// never a file outside it: a name that leads out of the folder, through
// ".." or a symbolic link (also one in the middle of the name), fails with
// ErrOutside, and ReadFile of a file that is not a regular file fails with
// ErrNotRegular without waiting. Links that stay inside the folder are
// followed.
//
// On Linux ReadFile and Stat resolve a name in one system call (openat2
// with RESOLVE_BENEATH); elsewhere, and on kernels before 5.6, they use
// os.Root.
type Root struct {
	root *os.Root
	sys  sysRoot // the fast way, where there is one
}

// OpenRoot opens the folder dir as a Root. The Root holds the folder open
// until it is garbage collected: a folder deleted and made again under the
// same name is not the Root's folder.
func OpenRoot(dir string) (*Root, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &Root{root: root, sys: openSysRoot(dir)}, nil
}

// FS returns the file system of the root's folder (see os.Root.FS): it
// gives nothing outside the folder either.
func (r *Root) FS() fs.FS { return r.root.FS() }

// ReadFile reads the file name, slash-separated and relative to the root,
// whole. Errors are *fs.PathError naming name.
func (r *Root) ReadFile(name string) ([]byte, error) {
	if data, err, ok := r.sys.readFile(name); ok {
		return data, err
	}
	f, err := r.root.OpenFile(name, os.O_RDONLY|nonBlocking, 0)
	if err != nil {
		return nil, Outside(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() && !info.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrNotRegular}
	}
	data := make([]byte, 0, info.Size()+1)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}

// Stat returns the information of the file name, slash-separated and
// relative to the root, following links that stay inside the folder, as
// os.Root.Stat does. os.Root opens each folder of the name in turn; a
// build stats every folder of a site (for the output marker) and every
// photo (for the cache's stamp).
func (r *Root) Stat(name string) (fs.FileInfo, error) {
	if info, err, ok := r.sys.stat(name); ok {
		return info, err
	}
	info, err := r.root.Stat(name)
	return info, Outside(err)
}

// Outside gives os.Root's error for a name that leads out of the folder
// (which os does not export) as ErrOutside, and other errors as they are.
func Outside(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Err != nil && pe.Err.Error() == "path escapes from parent" {
		return &fs.PathError{Op: pe.Op, Path: pe.Path, Err: ErrOutside}
	}
	return err
}
