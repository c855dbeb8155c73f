package images

import (
	"crypto/sha256"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/furusato/furusato/internal/diskfile"
)

// CacheDir is the cache folder of a site, beside its site.yaml: it lives
// and goes with the site (deleting it is safe: the next build makes the
// photos again), it is never published, and a CI job can keep it between
// runs as one folder.
const CacheDir = ".furusato/cache/images"

// Cache keeps the variants made of photos between builds, one file each,
// named by its key, holding the variant's bytes as they are published, so
// that a build links the output's file to it rather than copying it (see
// publish.Stage.Copy). The cache's record (variantsFile) keeps each file's
// stamp and the SHA-256 of its bytes: a file whose stamp changed (cut
// short by a full disk, changed by hand) is read and checked against the
// record, and made again when it differs. A file the record does not
// know, written by a build that was stopped before its end, is made again.
// A nil Cache keeps nothing.
type Cache struct {
	dir      string
	shared   bool     // by several sites: pruned by age, not by one build's use
	used     sync.Map // names of the files this build used or wrote
	src      sources  // the photos' stamps, checksums and headers
	variants variants // the variants' stamps and checksums
	pub      struct { // the record of the last output's photos' folder
		once sync.Once
		rec  *Published
		ok   bool
	}
	// asRecorded: the build used the files as the record lists them
	// (see UsedAsRecorded).
	asRecorded bool
	// checkpointing is held while Put writes the record as it stands
	// (see checkpoint); checkpointed is when it last did.
	checkpointing sync.Mutex
	checkpointed  time.Time
}

// checkpointEvery is how often, at most, a build that makes photos writes
// the cache's record of what it made so far.
const checkpointEvery = 5 * time.Second

// OpenCache returns the cache in dir, made when first written to, or
// nil when dir is "". A shared cache is the one of the builds of sites
// that have no folder of their own (the built-in example site, tests):
// the images folder of furusato's cache (diskfile.CacheDir:
// ~/.cache/furusato/images, or below FURUSATO_CACHE_DIR). Its entries
// are keyed by content like any other's, so sites can share them; as one
// build does not know what the others use, Prune removes only entries
// not used for 30 days.
func OpenCache(dir string, shared bool) *Cache {
	if dir == "" {
		return nil
	}
	return &Cache{dir: dir, shared: shared}
}

// Load starts reading the cache's records of the photos and of the last
// output's photos' folder, for a build that reads its site meanwhile:
// they are needed when its pages are converted, and at its end.
func (c *Cache) Load() {
	if c == nil || c.shared {
		return
	}
	go func() {
		c.sourceRecord()
		c.Published()
	}()
}

// sharedAge is how long an entry of a shared cache is kept after it was
// last used.
const sharedAge = 30 * 24 * time.Hour

// Dir is the cache's folder.
func (c *Cache) Dir() string {
	if c == nil {
		return ""
	}
	return c.dir
}

func (c *Cache) file(key string) string {
	return filepath.Join(c.dir, key[:2], key+".bin")
}

// Get returns the cache file of a variant of photo (a file in the site
// folder), its size and the SHA-256 of its bytes, or false when the
// cache has none or its file is damaged.
func (c *Cache) Get(key, photo string) (string, int64, [sha256.Size]byte, bool) {
	var sum [sha256.Size]byte
	if c == nil {
		return "", 0, sum, false
	}
	name := c.file(key)
	fi, err := os.Stat(name)
	if err != nil || !fi.Mode().IsRegular() {
		return "", 0, sum, false
	}
	sum, ok := c.known(key, photo, fi, name)
	if !ok {
		return "", 0, sum, false
	}
	c.used.Store(key, true)
	if c.shared && time.Since(fi.ModTime()) > 24*time.Hour {
		// Mark a shared cache's entry as used now, at most once a day.
		now := time.Now()
		if os.Chtimes(name, now, now) == nil {
			if fi, err := os.Stat(name); err == nil {
				c.keep(key, photo, fi, sum)
			}
		}
	}
	return name, fi.Size(), sum, true
}

// Put keeps a variant of photo, whose SHA-256 is sum, and returns its
// cache file, or false when the cache cannot be written: that is no
// error, the next build makes the variant again.
func (c *Cache) Put(key, photo string, data []byte, sum [sha256.Size]byte) (string, bool) {
	if c == nil {
		return "", false
	}
	c.used.Store(key, true)
	name := c.file(key)
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return "", false
	}
	if err := diskfile.Replace(name, data, 0o644); err != nil {
		return "", false
	}
	fi, err := os.Stat(name)
	if err != nil {
		return "", false
	}
	c.keep(key, photo, fi, sum)
	c.checkpoint()
	return name, true
}

// checkpoint writes the record of the cache's files as it stands: those
// it held before this build and those made since. A build that is killed
// (a CI job past its time limit, kill -9, a power cut) then leaves what it
// made to the next one, which would otherwise make every photo again, as
// the record would not know their files: photos take minutes, and a job
// that never ends in time would never get further. It writes at most once
// every checkpointEvery, and not while another Put writes it; the build's
// end writes the record as it is then (see Record).
func (c *Cache) checkpoint() {
	if c.shared || !c.checkpointing.TryLock() {
		return
	}
	defer c.checkpointing.Unlock()
	if time.Since(c.checkpointed) < checkpointEvery {
		return
	}
	c.checkpointed = time.Now()
	r := c.variantRecord()
	r.mu.Lock()
	all := maps.Clone(r.last)
	if all == nil {
		all = map[string]entry{}
	}
	maps.Copy(all, r.now)
	data, err := json.Marshal(all)
	r.mu.Unlock()
	if err == nil {
		_ = c.writeRecord(variantsFile, data) // only a cache: the end writes it again
	}
}

// Prune removes the entries that this build did not use, and returns
// how many: photos removed or changed, widths no longer asked for. It
// keeps those of the photos that heldBack (when not nil) reports: files
// of the site on pages that this build did not publish (drafts, pages
// dated in the future or expired), whose next preview shows them again.
// A shared cache keeps every entry until it is 30 days unused.
// Then it writes the cache's records (see Record).
//
// When this build used exactly the files that the record lists, no entry
// is unused but a file the record does not know: one written by a build
// that was stopped. Then Prune does not list the cache's folders (on a
// site of 200 photos, 256 folders: a tenth of a build that makes
// nothing); such a file goes at the next build that makes or drops a
// variant.
func (c *Cache) Prune(heldBack func(photo string) bool) int {
	if c == nil {
		return 0
	}
	c.keepHeldBack(heldBack)
	if !c.shared && (c.asRecorded || c.usedAsRecorded()) {
		c.record(nil)
		return 0
	}
	removed := map[string]bool{}
	dirs, _ := os.ReadDir(c.dir)
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		files, _ := os.ReadDir(filepath.Join(c.dir, d.Name()))
		for _, f := range files {
			key := strings.TrimSuffix(f.Name(), ".bin")
			if _, ok := c.used.Load(key); ok {
				continue
			}
			if c.shared {
				if fi, err := f.Info(); err != nil || time.Since(fi.ModTime()) < sharedAge {
					continue
				}
			}
			if os.Remove(filepath.Join(c.dir, d.Name(), f.Name())) == nil {
				removed[key] = true
			}
		}
		os.Remove(filepath.Join(c.dir, d.Name())) // when empty
	}
	c.record(removed)
	return len(removed)
}
