package images

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/furusato/furusato/internal/diskfile"
)

// sourcesFile is the cache's record of the photos the last build read:
// for each, the file's stamp, its checksum and its header. A build that
// finds a photo with the same stamp takes its checksum and header from
// the record instead of reading and hashing the whole file again, so
// that a build with a warm cache reads no photo at all.
const sourcesFile = "sources.json"

// known is what the record holds of one photo.
type known struct {
	Stamp  string `json:"stamp"`
	Sum    string `json:"sum"`
	Header Header `json:"header"`
}

// sources is the record, read once and written after the build.
type sources struct {
	once sync.Once
	last map[string]known // as read
	mu   sync.Mutex
	now  map[string]known // what this build read or took
}

// stamp identifies a version of a file the way git's index does: its
// size and modification time, and on Linux its change time and inode
// (which no copying tool can set back), with the pixel limit that
// ReadHeader checked. A file system that gives no modification time
// (the built-in example site) gives no stamp: its photos are read.
func stamp(fi fs.FileInfo, maxPixels int) string {
	if fi.ModTime().IsZero() {
		return ""
	}
	return strconv.FormatInt(fi.Size(), 10) + " " + strconv.FormatInt(fi.ModTime().UnixNano(), 10) + sysStamp(fi) + " " + strconv.Itoa(maxPixels)
}

func (c *Cache) sourceRecord() *sources {
	c.src.once.Do(func() {
		c.src.now = map[string]known{}
		data, err := os.ReadFile(filepath.Join(c.dir, sourcesFile))
		if err == nil && json.Unmarshal(data, &c.src.last) != nil {
			c.src.last = nil // damaged: every photo is read again
		}
	})
	return &c.src
}

// source returns what the last build recorded of file, when its stamp
// is the same. A shared cache records nothing: the same paths in other
// sites are other files.
func (c *Cache) source(file, st string) (known, bool) {
	if c == nil || c.shared || st == "" {
		return known{}, false
	}
	r := c.sourceRecord()
	k, ok := r.last[file]
	if !ok || k.Stamp != st {
		return known{}, false
	}
	r.mu.Lock()
	r.now[file] = k
	r.mu.Unlock()
	return k, true
}

// remember records what this build read of file.
func (c *Cache) remember(file string, k known) {
	if c == nil || c.shared || k.Stamp == "" {
		return
	}
	r := c.sourceRecord()
	r.mu.Lock()
	r.now[file] = k
	r.mu.Unlock()
}

// forget drops what the record holds of file.
func (c *Cache) forget(file string) {
	if c == nil || c.shared {
		return
	}
	r := c.sourceRecord()
	r.mu.Lock()
	delete(r.now, file)
	r.mu.Unlock()
}

// Record writes the records of the photos this build read or took and
// of the cache files it used or wrote, when they changed (Prune does it
// too), and keeps those of the photos that heldBack (when not nil)
// reports, as Prune does. A record that cannot be written costs only
// time: the next build reads the photos again, or makes the variants
// again.
func (c *Cache) Record(heldBack func(photo string) bool) error {
	c.keepHeldBack(heldBack)
	return c.record(nil)
}

func (c *Cache) record(removed map[string]bool) error {
	if c == nil {
		return nil
	}
	err := c.recordSources()
	if err2 := c.recordVariants(removed); err == nil {
		err = err2
	}
	if err != nil {
		return fmt.Errorf("image cache: %v", err)
	}
	return nil
}

func (c *Cache) recordSources() error {
	if c.shared {
		return nil
	}
	r := c.sourceRecord()
	r.mu.Lock()
	defer r.mu.Unlock()
	if maps.Equal(r.now, r.last) {
		return nil
	}
	data, err := json.Marshal(r.now)
	if err != nil {
		return err
	}
	if err := c.writeRecord(sourcesFile, data); err != nil {
		return err
	}
	r.last = maps.Clone(r.now) // not r.now itself, which this build may still add to
	return nil
}

// writeRecord writes one of the cache's records.
func (c *Cache) writeRecord(name string, data []byte) error {
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return err
	}
	return diskfile.Replace(filepath.Join(c.dir, name), data, 0o644)
}
