package watch

import (
	"bytes"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/furusato/furusato/internal/sitefiles"
)

// FS is a watched folder as a file system that remembers what it read,
// folder listings and file contents, until it is told that they changed.
// A dev server gives it to each rebuild and calls Forget with each batch of
// changes, so that a rebuild reads from disk only what changed.
//
// Version numbers every state of a file it has read: a reader that keeps
// what it made of a file, with the version, need not read the file again
// while the version stays the same.
type FS struct {
	disk fs.FS

	mu       sync.Mutex
	epoch    uint64 // counts calls of Forget
	version  uint64 // the last version given out
	listings uint64 // counts folder listings dropped
	dirs     map[string][]fs.DirEntry
	files    map[string]file
}

type file struct {
	data    []byte
	version uint64
}

// NewFS returns the file system of the folder root.
func NewFS(root string) *FS {
	return &FS{disk: sitefiles.Dir(root), dirs: map[string][]fs.DirEntry{}, files: map[string]file{}}
}

// Forget drops what FS remembers of the paths (slash-separated, relative
// to the root, as a Watcher gives them), of everything below them, and of
// the listings of the folders that hold them.
func (f *FS) Forget(paths []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.epoch++
	for _, p := range paths {
		p = path.Clean(p)
		if p == "." || p == "" {
			clear(f.dirs)
			clear(f.files)
			f.listings++
			return
		}
		delete(f.files, p)
		prefix := p + "/"
		for name := range f.files {
			if strings.HasPrefix(name, prefix) {
				delete(f.files, name)
			}
		}
		for name := range f.dirs {
			if name == p || strings.HasPrefix(name, prefix) {
				delete(f.dirs, name)
				f.listings++
			}
		}
		// The folder's listing holds only names and kinds: it stays when
		// the file was changed, not created, removed or replaced by a
		// folder. With no listing to compare, the path may be new (in a
		// folder that was deleted and is back, or was never read): a walk
		// kept by Listings must be made again.
		dir := path.Dir(p)
		switch list, ok := f.dirs[dir]; {
		case !ok:
			f.listings++
		case !sameEntry(list, p, f.disk):
			delete(f.dirs, dir)
			f.listings++
		}
	}
}

// sameEntry reports whether a listing still says what is on disk at p.
func sameEntry(list []fs.DirEntry, p string, disk fs.FS) bool {
	name := path.Base(p)
	i := slices.IndexFunc(list, func(e fs.DirEntry) bool { return e.Name() == name })
	info, err := fs.Lstat(disk, p)
	if err != nil {
		return i < 0
	}
	return i >= 0 && list[i].Type() == info.Mode().Type()
}

// Listings is a number that changes whenever a folder's list of files
// may have changed, so that a walk of the folders can be kept until then.
func (f *FS) Listings() uint64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.listings
}

// ForgetAll drops everything, as after events were lost.
func (f *FS) ForgetAll() { f.Forget([]string{"."}) }

// Open opens a file on disk.
func (f *FS) Open(name string) (fs.File, error) { return f.disk.Open(name) }

// ReadLink gives the target of a symbolic link on disk.
func (f *FS) ReadLink(name string) (string, error) { return fs.ReadLink(f.disk, name) }

// Lstat describes a file on disk, not following a symbolic link.
func (f *FS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(f.disk, name) }

// Stat describes a file on disk. A file that its folder's remembered
// listing does not have does not exist, with no need to ask the disk.
func (f *FS) Stat(name string) (fs.FileInfo, error) {
	if name != "." {
		f.mu.Lock()
		list, ok := f.dirs[path.Dir(name)]
		f.mu.Unlock()
		base := path.Base(name)
		if ok && !slices.ContainsFunc(list, func(e fs.DirEntry) bool { return e.Name() == base }) {
			return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
		}
	}
	return fs.Stat(f.disk, name)
}

// ReadDir lists a folder, from memory when it has not changed.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	f.mu.Lock()
	list, ok := f.dirs[name]
	epoch := f.epoch
	f.mu.Unlock()
	if ok {
		return append([]fs.DirEntry(nil), list...), nil
	}
	list, err := fs.ReadDir(f.disk, name)
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	if f.epoch == epoch {
		f.dirs[name] = list
	}
	f.mu.Unlock()
	return append([]fs.DirEntry(nil), list...), nil
}

// ReadFile reads a file, from memory when it has not changed. The caller
// may change the bytes it gets.
func (f *FS) ReadFile(name string) ([]byte, error) {
	e, err := f.read(name)
	if err != nil {
		return nil, err
	}
	return bytes.Clone(e.data), nil
}

// Version returns the version of a file's contents, reading the file if
// FS does not remember it; false when it cannot be read.
func (f *FS) Version(name string) (uint64, bool) {
	e, err := f.read(name)
	return e.version, err == nil
}

func (f *FS) read(name string) (file, error) {
	if !fs.ValidPath(name) {
		return file{}, &fs.PathError{Op: "read", Path: name, Err: fs.ErrInvalid}
	}
	f.mu.Lock()
	e, ok := f.files[name]
	epoch := f.epoch
	f.mu.Unlock()
	if ok {
		return e, nil
	}
	data, err := fs.ReadFile(f.disk, name)
	if err != nil {
		return file{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if e, ok := f.files[name]; ok && f.epoch == epoch {
		return e, nil // read meanwhile by another caller
	}
	f.version++
	e = file{data: data, version: f.version}
	if f.epoch == epoch {
		f.files[name] = e
	}
	return e, nil
}

var (
	_ fs.ReadDirFS  = (*FS)(nil)
	_ fs.ReadFileFS = (*FS)(nil)
	_ fs.StatFS     = (*FS)(nil)
	_ fs.ReadLinkFS = (*FS)(nil)
)
