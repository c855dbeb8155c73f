package sitefiles

import (
	"io/fs"
	"os"

	"github.com/furusato/furusato/internal/diskfile"
)

// Dir returns the files of the folder root, as os.DirFS does, but never a
// file outside it: a name that leads out of the folder through a symbolic
// link fails with diskfile.ErrOutside (see os.Root), so that a link
// committed into a site cannot publish /etc/passwd or ~/.aws/credentials.
// ReadFile reads a file in as few system calls as the platform allows
// (see package diskfile), since a build reads every file of content/,
// templates/ and static/ once; it refuses a file that is not a regular
// file (a named pipe) with diskfile.ErrNotRegular instead of waiting.
func Dir(root string) fs.FS {
	r, err := diskfile.OpenRoot(root)
	if err != nil {
		// A folder that is not there (yet) has no files; os.DirFS says so
		// at each name, as it always has.
		return dirFS{FS: os.DirFS(root)}
	}
	return dirFS{FS: r.FS(), root: r}
}

type dirFS struct {
	fs.FS // the root's FS, for everything but ReadFile
	root  *diskfile.Root
}

// Every method of os.DirFS's result but ReadFile is promoted from it.
type osDirFS interface {
	fs.StatFS
	fs.ReadDirFS
	fs.ReadFileFS
	fs.ReadLinkFS
}

var _ osDirFS = dirFS{}

// Errors of a name that leads outside the folder are diskfile.ErrOutside.

func (d dirFS) Open(name string) (fs.File, error) {
	f, err := d.FS.Open(name)
	return f, diskfile.Outside(err)
}

func (d dirFS) Stat(name string) (fs.FileInfo, error) {
	if d.root != nil {
		return d.root.Stat(name)
	}
	return fs.Stat(d.FS, name)
}

func (d dirFS) ReadDir(name string) ([]fs.DirEntry, error) {
	list, err := fs.ReadDir(d.FS, name)
	return list, diskfile.Outside(err)
}

func (d dirFS) ReadLink(name string) (string, error) {
	target, err := fs.ReadLink(d.FS, name)
	return target, diskfile.Outside(err)
}

func (d dirFS) Lstat(name string) (fs.FileInfo, error) {
	info, err := fs.Lstat(d.FS, name)
	return info, diskfile.Outside(err)
}

// ReadFile reads the named file, with errors as os.DirFS gives them: an
// *fs.PathError naming the file as given.
func (d dirFS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: fs.ErrInvalid}
	}
	if d.root == nil {
		return fs.ReadFile(d.FS, name)
	}
	return d.root.ReadFile(name)
}
