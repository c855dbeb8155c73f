package editor

import (
	"bytes"
	"context"
	"hash/fnv"
	"io"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/furusato/furusato/internal/diag"
	"github.com/furusato/furusato/internal/site"
)

// overlay is the site folder with one file replaced by the text in the
// editor, so that the preview and the checks run the build's own code on
// what is being typed, and nothing is written.
type overlay struct {
	fs.FS
	mu   sync.Mutex
	name string // slash-separated, from the site folder
	data []byte
	set  bool
}

func (o *overlay) get(name string) ([]byte, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.data, o.set && name == o.name
}

func (o *overlay) replace(name string, data []byte) {
	o.mu.Lock()
	o.name, o.data, o.set = name, data, true
	o.mu.Unlock()
}

func (o *overlay) Open(name string) (fs.File, error) {
	if data, ok := o.get(name); ok {
		return &memFile{Reader: bytes.NewReader(data), info: memInfo{name: path.Base(name), size: int64(len(data))}}, nil
	}
	return o.FS.Open(name)
}

func (o *overlay) ReadFile(name string) ([]byte, error) {
	if data, ok := o.get(name); ok {
		return bytes.Clone(data), nil
	}
	return fs.ReadFile(o.FS, name)
}

func (o *overlay) Stat(name string) (fs.FileInfo, error) {
	if data, ok := o.get(name); ok {
		return memInfo{name: path.Base(name), size: int64(len(data))}, nil
	}
	return fs.Stat(o.FS, name)
}

func (o *overlay) Lstat(name string) (fs.FileInfo, error) {
	if data, ok := o.get(name); ok {
		return memInfo{name: path.Base(name), size: int64(len(data))}, nil
	}
	return fs.Lstat(o.FS, name)
}

func (o *overlay) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(o.FS, name) }

func (o *overlay) ReadLink(name string) (string, error) { return fs.ReadLink(o.FS, name) }

// Version numbers the states of a file, so that the build converts again
// only the Markdown that changed: the text in the editor by its hash, a
// file on disk by its size and time of change.
func (o *overlay) Version(name string) (uint64, bool) {
	h := fnv.New64a()
	if data, ok := o.get(name); ok {
		h.Write([]byte{1})
		h.Write(data)
		return h.Sum64(), true
	}
	info, err := fs.Stat(o.FS, name)
	if err != nil || !info.Mode().IsRegular() {
		return 0, false
	}
	var b [16]byte
	t, n := uint64(info.ModTime().UnixNano()), uint64(info.Size())
	for i := range 8 {
		b[i], b[8+i] = byte(t>>(8*i)), byte(n>>(8*i))
	}
	h.Write([]byte{2})
	h.Write(b[:])
	return h.Sum64(), true
}

type memFile struct {
	*bytes.Reader
	info memInfo
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Close() error               { return nil }

var _ io.ReaderAt = (*memFile)(nil)

type memInfo struct {
	name string
	size int64
}

func (i memInfo) Name() string       { return i.name }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) Mode() fs.FileMode  { return 0o644 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }

// preview is one build of the site with the text in the editor.
type preview struct {
	site   *site.Site // nil when the build failed
	files  map[string][]byte
	errors []*diag.Error
}

// buildWith builds the site in memory with file's text replaced by data
// (or as it is on disk when file is ""), as the dev server does, drafts
// and future pages included. Builds take turns: one Builder, which keeps
// what did not change from one keystroke to the next.
func (e *Editor) buildWith(ctx context.Context, file string, data []byte) *preview {
	e.buildMu.Lock()
	defer e.buildMu.Unlock()
	if file != "" {
		e.overlay.replace(file, data)
	} else {
		e.overlay.replace("", nil)
	}
	res, out, err := e.builder.Memory(ctx)
	p := &preview{errors: diag.All(err)}
	if err == nil {
		p.site, p.files = res.Site, out.Files()
		e.lastFiles.Store(&p.files)
	}
	return p
}

// pageURL returns the preview's path of the page written in file, or "".
func (p *preview) pageURL(file string) string {
	if p.site == nil {
		return ""
	}
	for _, pg := range p.site.Pages {
		if pg.File == file {
			return pg.URL
		}
	}
	return ""
}

// errorsIn returns the errors of one file.
func errorsIn(errs []*diag.Error, file string) []*diag.Error {
	var out []*diag.Error
	for _, e := range errs {
		if e.Pos.File == file {
			out = append(out, e)
		}
	}
	return out
}

// previewBase is where the preview is served on the editor's address.
const previewBase = "/_preview/"

func (e *Editor) servePreview(w http.ResponseWriter, name string) bool {
	files := e.lastFiles.Load()
	if files == nil {
		return false
	}
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	data, ok := (*files)[path.Clean(name)]
	if !ok {
		return false
	}
	w.Header().Set("Content-Type", contentType(name))
	w.Header().Set("Cache-Control", "no-store")
	w.Write(data)
	return true
}
