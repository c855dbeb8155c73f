package sitefiles

import (
	"io/fs"
	"os"
	"path/filepath"

	"github.com/furusato/furusato/internal/diskfile"
)

// Dir returns the files of the folder root, as os.DirFS does, with a
// ReadFile that reads a file in as few system calls as the platform allows
// (see package diskfile): a build reads every file of content/, templates/
// and static/ once, which for thousands of pages is thousands of calls.
func Dir(root string) fs.FS { return dirFS{FS: os.DirFS(root), root: root} }

type dirFS struct {
	fs.FS // os.DirFS(root), for everything but ReadFile
	root  string
}

// Every method of os.DirFS's result but ReadFile is promoted from it.
type osDirFS interface {
	fs.StatFS
	fs.ReadDirFS
	fs.ReadFileFS
	fs.ReadLinkFS
}

var _ osDirFS = dirFS{}

func (d dirFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(d.FS, name) }

func (d dirFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(d.FS, name) }

func (d dirFS) ReadLink(name string) (string, error) { return fs.ReadLink(d.FS, name) }

func (d dirFS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(d.FS, name) }

// ReadFile reads the named file, with errors as os.DirFS gives them: an
// *fs.PathError naming the file as given.
func (d dirFS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: fs.ErrInvalid}
	}
	if d.root == "" {
		return fs.ReadFile(d.FS, name) // os.DirFS("") refuses every name
	}
	local, err := filepath.Localize(name) // refuses what os.DirFS refuses (C:, \ on Windows)
	if err != nil {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: err}
	}
	data, err := diskfile.ReadFile(filepath.Join(d.root, local))
	if e, ok := err.(*fs.PathError); ok {
		e.Path = name // as os.DirFS names it
	}
	return data, err
}
