package publish

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"strings"
	"sync"

	"github.com/furusato/furusato/internal/outputs"
)

// Output receives the files of a build, each with its format. *Stage
// writes them to disk; *Memory keeps them for the dev server.
type Output interface {
	Write(name string, f *outputs.Format, data []byte) error
	// Share is Write for data that nothing changes afterwards (a file
	// of static/, read once for the build): it is kept as it is, not
	// copied, which for a video of 300 MB is most of its cost.
	Share(name string, f *outputs.Format, data []byte) error
	// Copy publishes the file src, of size bytes, as name; src must not
	// change afterwards (it is the image cache's).
	Copy(name string, f *outputs.Format, src string, size int64) error
	Has(name string) bool
}

// Memory is an output kept in memory. It is safe for concurrent use.
type Memory struct {
	mu      sync.Mutex
	files   map[string][]byte
	formats map[string]*outputs.Format
}

// NewMemory returns an empty in-memory output.
func NewMemory() *Memory { return NewMemorySized(0) }

// NewMemorySized returns an empty in-memory output with room for n files,
// for a rebuild that knows how many the last build made.
func NewMemorySized(n int) *Memory {
	return &Memory{files: make(map[string][]byte, n), formats: make(map[string]*outputs.Format, n)}
}

// Write keeps one file; name is a slash path relative to the site root.
func (m *Memory) Write(name string, f *outputs.Format, data []byte) error {
	return m.put(name, f, bytes.Clone(data)) // callers reuse their buffers
}

// Share keeps one file without copying it: see Output.
func (m *Memory) Share(name string, f *outputs.Format, data []byte) error {
	return m.put(name, f, data)
}

func (m *Memory) put(name string, f *outputs.Format, data []byte) error {
	clean := path.Clean(name)
	if clean == "." || strings.HasPrefix(clean, "/") || clean == ".." || strings.HasPrefix(clean, "../") {
		return fmt.Errorf("output path %q is outside the output folder", name)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.files[clean]; dup {
		return fmt.Errorf("%s is written twice", name)
	}
	m.files[clean] = data
	m.formats[clean] = f
	return nil
}

// Copy keeps a copy of the file src.
func (m *Memory) Copy(name string, f *outputs.Format, src string, _ int64) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return m.put(name, f, data)
}

// Has reports whether name has been written.
func (m *Memory) Has(name string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.files[path.Clean(name)]
	return ok
}

// Files returns the files written so far. The map must not be changed.
func (m *Memory) Files() map[string][]byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.files
}

// Formats returns the format of each file written so far. The map must
// not be changed.
func (m *Memory) Formats() map[string]*outputs.Format {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.formats
}

// Keep keeps one file whose bytes the caller will never change (a file of
// the previous build, kept as it is), without copying it.
func (m *Memory) Keep(name string, f *outputs.Format, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.files[name]; dup {
		return fmt.Errorf("%s is written twice", name)
	}
	m.files[name] = data
	m.formats[name] = f
	return nil
}
