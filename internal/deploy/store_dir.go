package deploy

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/furusato/furusato/internal/diskfile"
)

// dir is a file:// target: a folder, each key a file under it. A folder
// keeps no headers (see the package documentation).
type dir struct {
	root    string
	dirMode fs.FileMode
}

// errKey is the error of a key that is not a plain slash path inside the
// folder.
var errKey = errors.New("not a path inside the folder")

// openDir opens a file:// URL the way gocloud.dev/blob/fileblob did:
// file:///srv/www is the folder /srv/www, file://./site a folder relative
// to the working directory, and on Windows file:///C:/www is C:\www.
func openDir(u *url.URL) (backend, error) {
	d := &dir{root: folderOf(u), dirMode: 0o777}
	q := u.Query()
	for k := range q {
		switch k {
		case "create_dir", "metadata", "no_tmp_dir":
			// create_dir: the folder is always made. metadata (=skip): a
			// folder keeps no headers anyway. no_tmp_dir: files are always
			// written through a temporary file in their own folder.
		case "dir_file_mode":
			m, err := strconv.ParseUint(q.Get(k), 0, 32)
			if err != nil {
				return nil, errors.New("invalid dir_file_mode: want a mode such as 0755")
			}
			d.dirMode = fs.FileMode(m) & fs.ModePerm
		default:
			return nil, fmt.Errorf("invalid query parameter %q for a file:// target", k)
		}
	}
	if d.root == "" {
		return nil, errors.New("file:// target without a folder")
	}
	if err := os.MkdirAll(d.root, d.dirMode); err != nil {
		return nil, err
	}
	if fi, err := os.Stat(d.root); err != nil {
		return nil, err
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", d.root)
	}
	return d, nil
}

// path returns the file of a key, refusing keys that are not a clean
// relative slash path (empty, absolute, with .. or a backslash) and so
// could reach outside the folder.
func (d *dir) path(key string) (string, error) {
	if key == "" || path.Clean(key) != key || strings.Contains(key, `\`) || !filepath.IsLocal(filepath.FromSlash(key)) {
		return "", fmt.Errorf("key %q: %w", key, errKey)
	}
	return filepath.Join(d.root, filepath.FromSlash(key)), nil
}

func (d *dir) ReadAll(ctx context.Context, key string) ([]byte, error) {
	p, err := d.path(key)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, notFound(key)
	}
	return data, err
}

// Write writes a file through a temporary file in the same folder, renamed
// into place, so that a web server serving the folder never sends half a
// file. Folders are made as needed.
func (d *dir) Write(ctx context.Context, key string, data []byte, _ Meta) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	p, err := d.path(key)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), d.dirMode); err != nil {
		return err
	}
	return diskfile.ReplaceContext(ctx, p, data, 0o666)
}

func (d *dir) Delete(ctx context.Context, key string) error {
	p, err := d.path(key)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	// The folders the file leaves empty go too: a web server answers an
	// empty folder with 403 or a listing, not the 404 of a page that
	// left the site. Deletes follow every upload, so no upload is on
	// its way into them.
	root := filepath.Clean(d.root)
	for dir := filepath.Dir(p); dir != root && len(dir) > len(root); dir = filepath.Dir(dir) {
		if os.Remove(dir) != nil {
			break // not empty: it keeps other files
		}
	}
	return nil
}

// Attributes returns empty headers for a file that exists: a folder keeps
// none.
func (d *dir) Attributes(ctx context.Context, key string) (Meta, error) {
	p, err := d.path(key)
	if err != nil {
		return Meta{}, err
	}
	if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
		return Meta{}, notFound(key)
	} else if err != nil {
		return Meta{}, err
	}
	return Meta{}, nil
}

// List walks the folder. A folder not made yet holds nothing.
func (d *dir) List(ctx context.Context, prefix string, fn func(key string, size int64)) error {
	err := filepath.WalkDir(d.root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if !e.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(d.root, p)
		if err != nil {
			return err
		}
		key := filepath.ToSlash(rel)
		if !strings.HasPrefix(key, prefix) {
			return nil
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		fn(key, info.Size())
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		if _, serr := os.Stat(d.root); errors.Is(serr, fs.ErrNotExist) {
			return nil
		}
	}
	return err
}

func (d *dir) Close() error { return nil }

// dirPermanent reports the errors of a folder that trying again does not
// mend: a bad key, no permission.
func dirPermanent(err error) bool {
	return errors.Is(err, errKey) || errors.Is(err, fs.ErrPermission) || errors.Is(err, fs.ErrExist) ||
		errors.Is(err, fs.ErrInvalid)
}
