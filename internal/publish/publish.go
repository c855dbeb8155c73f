// Package publish writes the built site. It is the only package that writes
// to the output folder, and it writes all or nothing: a build writes into a
// new folder beside the output, and Commit swaps it in only when the whole
// build succeeded. A failed build leaves the previous output exactly as it
// was, and files that a build no longer makes disappear with the old folder.
//
// A build that is stopped (Ctrl+C, SIGTERM, a CI timeout) writes nothing
// more once its context is done, and throws its new folder away. One that
// is killed leaves its folder behind: the next build removes such folders
// (they hold Marker and are named after the output) and says so, and puts
// the previous output back if the build was killed in the middle of
// replacing it.
package publish

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/furusato/furusato/internal/diag"
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
	ctx      context.Context
	out, tmp string
	given    string        // out as the caller named it, for messages
	lock     io.Closer     // held on the marker while the build runs, so another build's tidy leaves tmp alone
	tidied   []*diag.Error // what Begin removed or put back
	dirs     sync.Map
	written  sync.Map // path → true
	files    atomic.Int64
	bytes    atomic.Int64
	full     atomic.Bool // the disk is full: nothing more is written
	// writeData writes one file: diskfile.WriteFileContext, but for tests that
	// make the disk fail.
	writeData func(name string, data []byte) error
	// link is os.Link, but for tests of a disk that cannot link.
	link func(oldname, newname string) error

	kept     string // a folder of the previous output that Commit takes as it is
	keptDone bool   // moved into tmp

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
	shared     bool   // data is the caller's (Share), not a buffer of the pool
	src        string // a file to link or copy instead of data
	size       int64  // src's
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
// site folder, which out must not contain or be. Once ctx is done, the
// stage writes nothing more and Commit fails.
//
// Begin first tidies up after builds that were killed (see Tidied).
func Begin(ctx context.Context, out, site string) (*Stage, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	tidied, err := tidy(abs, filepath.Dir(out))
	if err != nil {
		return nil, err
	}
	if err := checkOutput(abs, site); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, tempPrefix(abs))
	if err != nil {
		return nil, begun(out, fmt.Errorf("output folder: %w", err))
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	s := &Stage{ctx: ctx, out: abs, tmp: tmp, given: out, tidied: tidied, queue: make(chan pending, queued), link: os.Link}
	// A file of hundreds of megabytes is written a chunk at a time, so
	// that a stopped build stops writing it.
	s.writeData = func(name string, data []byte) error { return diskfile.WriteFileContext(ctx, name, data) }
	s.writers.Add(writers)
	for range writers {
		go s.writer()
	}
	if s.lock, err = writeMarker(filepath.Join(tmp, Marker), []byte(markerText)); err != nil {
		s.Abort()
		return nil, begun(out, err)
	}
	return s, nil
}

// begun is an error of Begin: one line when the disk is full.
func begun(out string, err error) error {
	if errors.Is(err, syscall.ENOSPC) {
		return diskFull(out, 0)
	}
	return err
}

// Tidied says what Begin removed or put back beside the output, left by
// builds that were killed, as warnings at those folders.
func (s *Stage) Tidied() []*diag.Error { return s.tidied }

func (s *Stage) writer() {
	defer s.writers.Done()
	for p := range s.queue {
		// A stopped build, or one that filled the disk, fails anyway:
		// what is queued is dropped rather than written.
		var err error
		n := p.size
		switch {
		case s.ctx.Err() != nil || s.full.Load():
			err = errDropped
		case p.src != "":
			err = s.copyFile(p.full, p.src)
		default:
			err = s.writeFile(p.full, *p.data)
		}
		if p.data != nil {
			n = int64(len(*p.data))
			if !p.shared && cap(*p.data) <= maxReused {
				s.buffers.Put(p.data)
			}
		}
		if errors.Is(err, syscall.ENOSPC) {
			s.full.Store(true)
		}
		if err == errDropped || err != nil && err == s.ctx.Err() {
			continue // stopped while it was written: the build fails anyway
		}
		if err != nil {
			s.mu.Lock()
			s.errs = append(s.errs, fmt.Errorf("write %s: %w", p.name, err))
			s.mu.Unlock()
			continue
		}
		s.files.Add(1)
		s.bytes.Add(n)
	}
}

func (s *Stage) writeFile(full string, data []byte) error {
	if err := s.mkdir(filepath.Dir(full)); err != nil {
		return err
	}
	return s.writeData(full, data)
}

// copyFile links src at full, or copies it where the disk cannot link
// (another file system, a disk without links).
func (s *Stage) copyFile(full, src string) error {
	if err := s.mkdir(filepath.Dir(full)); err != nil {
		return err
	}
	if s.link(src, full) == nil {
		return nil
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return s.writeData(full, data)
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

// errDropped marks a file that was not written because the build failed
// anyway.
var errDropped = errors.New("dropped")

// wait stops the writers once every queued file is written, and returns
// the errors they met: a full disk as one error, not one for each file
// that did not fit.
func (s *Stage) wait() error {
	s.stop.Do(func() { close(s.queue) })
	s.writers.Wait()
	if s.full.Load() {
		return diskFull(s.given, s.Files())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return errors.Join(s.errs...)
}

// diskFull is the error of a build that filled the disk: one line at the
// output folder, which is still errors.Is syscall.ENOSPC.
func diskFull(out string, files int) error {
	return &fullError{diag.Errorf(diag.Pos{File: out}, "the disk is full (%v) after writing %d files; free space and build again", syscall.ENOSPC, files)}
}

type fullError struct{ e *diag.Error }

func (e *fullError) Error() string   { return e.e.Error() }
func (e *fullError) Unwrap() []error { return []error{e.e, syscall.ENOSPC} }

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
	full, err := s.claim(name)
	if err != nil {
		return err
	}
	// Callers reuse their buffers once Write returns: the file waits for
	// its writer in a copy, in a buffer that was written out before.
	buf, _ := s.buffers.Get().(*[]byte)
	if buf == nil {
		buf = new([]byte)
	}
	*buf = append((*buf)[:0], data...)
	s.queue <- pending{name: name, full: full, data: buf}
	return nil
}

// Share is Write without the copy, for data that nothing changes
// afterwards: see Output.
func (s *Stage) Share(name string, _ *outputs.Format, data []byte) error {
	full, err := s.claim(name)
	if err != nil {
		return err
	}
	s.queue <- pending{name: name, full: full, data: &data, shared: true}
	return nil
}

// Copy publishes the file src, of size bytes, as name: a hard link to it
// where the disk allows, which costs no copy of its bytes (every photo
// variant kept in the image cache is published so), else a copy. src must
// not change afterwards: it is the image cache's, which replaces a file
// rather than write into it.
func (s *Stage) Copy(name string, _ *outputs.Format, src string, size int64) error {
	full, err := s.claim(name)
	if err != nil {
		return err
	}
	s.queue <- pending{name: name, full: full, src: src, size: size}
	return nil
}

// claim checks a file's name and that it is written once, and returns
// its path in the new folder.
func (s *Stage) claim(name string) (string, error) {
	if err := s.ctx.Err(); err != nil {
		return "", err
	}
	clean := filepath.Clean(filepath.FromSlash(name))
	if clean == "." || filepath.IsAbs(clean) || strings.HasPrefix(clean, ".."+string(filepath.Separator)) || clean == ".." {
		return "", fmt.Errorf("output path %q is outside the output folder", name)
	}
	if _, dup := s.written.LoadOrStore(filepath.ToSlash(clean), true); dup {
		return "", fmt.Errorf("%s is written twice", name)
	}
	return filepath.Join(s.tmp, clean), nil
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

// Out is the output folder, as an absolute path.
func (s *Stage) Out() string { return s.out }

// Keep says that the folder name of the current output goes into the new
// output as it is: nothing is written into it, and Commit moves it over.
// It holds files files, of size bytes in all. Keep reports false, and the
// build writes the folder itself, unless the folder is there with the
// stamp that Stamp gave for it when it was published, which tells that
// no file was added to it, removed or renamed since.
//
// Moving a folder costs the same for 1,600 files as for one, where
// linking or copying each file costs time for each (a site's photos).
// For an instant, between the move and the swap, the old output is
// without the folder, and the new one just after the swap (see Commit).
func (s *Stage) Keep(name, stamp string, files int, size int64) bool {
	if s.kept != "" || stamp == "" || strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") {
		return false
	}
	if now, _ := Stamp(filepath.Join(s.out, name)); now != stamp {
		return false
	}
	if _, dup := s.written.LoadOrStore(name, true); dup {
		return false
	}
	s.kept = name
	s.files.Add(int64(files))
	s.bytes.Add(size)
	return true
}

// keptPrefix names a kept folder while Commit moves it: from the old
// output into the new one under this name before the swap, and to its own
// name after. A build killed in between leaves it so named, which tells
// the next build's tidy to put it back.
const keptPrefix = ".kept-"

// Commit replaces the output folder with the new one, unless the stage's
// context is done.
func (s *Stage) Commit() error {
	if err := s.wait(); err != nil {
		s.Abort()
		return err
	}
	if err := s.ctx.Err(); err != nil {
		s.Abort()
		return err
	}
	if s.kept != "" {
		if err := os.Rename(filepath.Join(s.out, s.kept), filepath.Join(s.tmp, keptPrefix+s.kept)); err != nil {
			s.Abort()
			return fmt.Errorf("replace the output: take %s from the previous output: %w", s.kept, err)
		}
		s.keptDone = true
	}
	prev, err := swap(s.tmp, s.out)
	s.unlock()
	if err != nil {
		s.Abort()
		return fmt.Errorf("replace the output: %w", err)
	}
	if s.kept != "" {
		s.keptDone = false
		if err := os.Rename(filepath.Join(s.out, keptPrefix+s.kept), filepath.Join(s.out, s.kept)); err != nil {
			return fmt.Errorf("replace the output: %s: %w", s.kept, err)
		}
	}
	if prev != "" {
		if err := os.RemoveAll(prev); err != nil {
			return fmt.Errorf("remove the previous output: %w", err)
		}
	}
	return nil
}

// Abort throws the new output away, after putting back the folder that
// Commit took from the previous output.
func (s *Stage) Abort() {
	s.wait()
	if s.keptDone {
		os.Rename(filepath.Join(s.tmp, keptPrefix+s.kept), filepath.Join(s.out, s.kept))
		s.keptDone = false
	}
	s.unlock()
	var deadline time.Time
	if s.ctx.Err() != nil {
		// Stopped (Ctrl+C, a CI job's timeout): the process must end
		// within a second, and removing the files of a large site takes
		// longer. What is left keeps its marker, and the next build
		// removes it and says so.
		deadline = time.Now().Add(abortBudget)
	}
	removeMarkerLast(s.tmp, deadline)
}

// abortBudget is the time a stopped build spends removing what it wrote.
const abortBudget = 400 * time.Millisecond

// removeMarkerLast removes the folder dir, its marker last, giving up once
// the deadline (if not zero) has passed: a folder left has its marker, so
// that the next build finds it and removes the rest.
func removeMarkerLast(dir string, deadline time.Time) {
	late := func() bool { return !deadline.IsZero() && time.Now().After(deadline) }
	var remove func(p string) bool
	remove = func(p string) bool {
		entries, _ := os.ReadDir(p)
		for _, e := range entries {
			if late() {
				return false
			}
			q := filepath.Join(p, e.Name())
			switch {
			case p == dir && e.Name() == Marker:
			case e.IsDir():
				if !remove(q) {
					return false
				}
			default:
				os.Remove(q)
			}
		}
		if p != dir {
			os.Remove(p)
		}
		return true
	}
	if remove(dir) {
		os.Remove(filepath.Join(dir, Marker))
		os.Remove(dir)
	}
}

func (s *Stage) unlock() {
	if s.lock != nil {
		s.lock.Close()
		s.lock = nil
	}
}
