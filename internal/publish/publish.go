// Package publish writes the built site. It is the only package that writes
// to the output folder, and it writes all or nothing: a build writes into a
// new folder beside the output, and Commit swaps it in only when the whole
// build succeeded. A failed build leaves the previous output exactly as it
// was, and files that a build no longer makes disappear with the old folder.
package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/furusato/furusato/internal/diskfile"
	"github.com/furusato/furusato/internal/outputs"
	"github.com/furusato/furusato/internal/sitefiles"
)

// Marker is the file that marks a folder as furusato's output, so that a
// build never replaces a folder it did not write, and never publishes an
// old output found among the site's files.
const Marker = sitefiles.OutputMarker

const markerText = "This folder is written by furusato build and replaced as a whole by each build.\n"

// Stage is an output being written.
//
// Files are written by a few goroutines of their own, so that rendering
// goes on while the disk creates files: on many machines creating a file
// costs more than rendering it.
type Stage struct {
	out, tmp string
	dirs     sync.Map
	written  sync.Map // path → true
	files    atomic.Int64
	bytes    atomic.Int64

	queue   chan pending
	buffers sync.Pool // *[]byte: the copies of queued files, used again once written
	writers sync.WaitGroup
	stop    sync.Once
	mu      sync.Mutex
	errs    []error
}

type pending struct {
	name, full string
	data       *[]byte
}

// writers is how many files are written at once, and queued is how many
// more may wait, which bounds the memory they hold.
const (
	writers = 8
	queued  = 64
)

// maxReused is the largest buffer kept for the next file: pages and most
// assets, not the occasional large file.
const maxReused = 1 << 20

// Begin starts writing a new output that will replace out. site is the
// site folder, which out must not contain or be.
func Begin(out, site string) (*Stage, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	if err := checkOutput(abs, site); err != nil {
		return nil, err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".new-")
	if err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	s := &Stage{out: abs, tmp: tmp, queue: make(chan pending, queued)}
	s.writers.Add(writers)
	for range writers {
		go s.writer()
	}
	if err := os.WriteFile(filepath.Join(tmp, Marker), []byte(markerText), 0o644); err != nil {
		s.Abort()
		return nil, err
	}
	return s, nil
}

func (s *Stage) writer() {
	defer s.writers.Done()
	for p := range s.queue {
		err := s.writeFile(p.full, *p.data)
		n := len(*p.data)
		if cap(*p.data) <= maxReused {
			s.buffers.Put(p.data)
		}
		if err != nil {
			s.mu.Lock()
			s.errs = append(s.errs, fmt.Errorf("write %s: %w", p.name, err))
			s.mu.Unlock()
			continue
		}
		s.files.Add(1)
		s.bytes.Add(int64(n))
	}
}

func (s *Stage) writeFile(full string, data []byte) error {
	if err := s.mkdir(filepath.Dir(full)); err != nil {
		return err
	}
	return diskfile.WriteFile(full, data)
}

// mkdir makes a folder of the output and those above it, each once.
func (s *Stage) mkdir(dir string) error {
	if _, ok := s.dirs.Load(dir); ok || dir == s.tmp {
		return nil
	}
	if !strings.HasPrefix(dir, s.tmp+string(filepath.Separator)) {
		return fmt.Errorf("%s is outside the output", dir) // Write lets no such path through
	}
	if err := s.mkdir(filepath.Dir(dir)); err != nil {
		return err
	}
	// Another writer may have made it since.
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	s.dirs.Store(dir, true)
	return nil
}

// wait stops the writers once every queued file is written, and returns
// the errors they met.
func (s *Stage) wait() error {
	s.stop.Do(func() { close(s.queue) })
	s.writers.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	return errors.Join(s.errs...)
}

// checkOutput refuses outputs that replacing would destroy something: the
// site itself, a folder around it, or a folder that furusato did not write.
func checkOutput(out, site string) error {
	if site != "" {
		siteAbs, err := filepath.Abs(site)
		if err == nil && (siteAbs == out || strings.HasPrefix(siteAbs+string(filepath.Separator), out+string(filepath.Separator))) {
			return fmt.Errorf("the output folder %s holds the site itself; choose another with -o", out)
		}
	}
	entries, err := os.ReadDir(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(out, Marker)); err != nil {
		return fmt.Errorf("the output folder %s already has files that furusato did not write; a build replaces the whole folder, so empty it or choose another with -o", out)
	}
	return nil
}

// Write writes one file of the output; name is a slash path relative to
// the output folder. It is safe to call from many goroutines.
func (s *Stage) Write(name string, _ *outputs.Format, data []byte) error {
	clean := filepath.Clean(filepath.FromSlash(name))
	if clean == "." || filepath.IsAbs(clean) || strings.HasPrefix(clean, ".."+string(filepath.Separator)) || clean == ".." {
		return fmt.Errorf("output path %q is outside the output folder", name)
	}
	if _, dup := s.written.LoadOrStore(filepath.ToSlash(clean), true); dup {
		return fmt.Errorf("%s is written twice", name)
	}
	// Callers reuse their buffers once Write returns: the file waits for
	// its writer in a copy, in a buffer that was written out before.
	buf, _ := s.buffers.Get().(*[]byte)
	if buf == nil {
		buf = new([]byte)
	}
	*buf = append((*buf)[:0], data...)
	s.queue <- pending{name: name, full: filepath.Join(s.tmp, clean), data: buf}
	return nil
}

// Has reports whether name has been written.
func (s *Stage) Has(name string) bool {
	_, ok := s.written.Load(filepath.ToSlash(filepath.Clean(filepath.FromSlash(name))))
	return ok
}

// Files and Bytes count what has been written; they are complete once
// Commit has returned.
func (s *Stage) Files() int   { return int(s.files.Load()) }
func (s *Stage) Bytes() int64 { return s.bytes.Load() }

// Commit replaces the output folder with the new one.
func (s *Stage) Commit() error {
	if err := s.wait(); err != nil {
		s.Abort()
		return err
	}
	old := ""
	if _, err := os.Lstat(s.out); err == nil {
		old = s.tmp + ".old"
		if err := os.Rename(s.out, old); err != nil {
			s.Abort()
			return fmt.Errorf("replace the output: %w", err)
		}
	}
	if err := os.Rename(s.tmp, s.out); err != nil {
		if old != "" {
			_ = os.Rename(old, s.out) // put the previous output back
		}
		s.Abort()
		return fmt.Errorf("replace the output: %w", err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("remove the previous output: %w", err)
		}
	}
	return nil
}

// Abort throws the new output away.
func (s *Stage) Abort() {
	s.wait()
	_ = os.RemoveAll(s.tmp)
}
