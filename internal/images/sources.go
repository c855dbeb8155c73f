package images

import (
	"encoding/json"
	"fmt"
	"io/fs"
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

func (c *Cache) record() *sources {
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
	r := c.record()
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
	r := c.record()
	r.mu.Lock()
	r.now[file] = k
	r.mu.Unlock()
}

// forget drops what the record holds of file.
func (c *Cache) forget(file string) {
	if c == nil || c.shared {
		return
	}
	r := c.record()
	r.mu.Lock()
	delete(r.now, file)
	r.mu.Unlock()
}

// Record writes the record of the photos this build read or took, when
// it changed (Prune does it too). A record that cannot be written costs
// only time: the next build reads the photos again.
func (c *Cache) Record() error {
	if c == nil || c.shared {
		return nil
	}
	r := c.record()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.now) == len(r.last) {
		same := true
		for f, k := range r.now {
			same = same && r.last[f] == k
		}
		if same {
			return nil
		}
	}
	data, err := json.Marshal(r.now)
	if err != nil {
		return err
	}
	err = os.MkdirAll(c.dir, 0o755)
	if err == nil {
		err = diskfile.Replace(filepath.Join(c.dir, sourcesFile), data, 0o644)
	}
	if err != nil {
		return fmt.Errorf("image cache: %v", err)
	}
	r.last = r.now
	return nil
}
