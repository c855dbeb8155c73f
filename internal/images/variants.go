package images

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"sync"
)

// variantsFile is the cache's record of its files: for each key, the
// file's stamp and the SHA-256 of its bytes. With it a build with a warm
// cache reads no variant: it checks each file's stamp and links it into
// the output.
const variantsFile = "variants.json"

// entry is what the record holds of one cache file.
type entry struct {
	Stamp string `json:"stamp"`
	Sum   string `json:"sum"`
	// Photo is the photo the file was made of, in the site folder: Prune
	// keeps the files of photos whose pages a build held back.
	Photo string `json:"photo,omitempty"`
}

// variants is the record, read once and written after the build.
type variants struct {
	once sync.Once
	last map[string]entry // as read
	mu   sync.Mutex
	now  map[string]entry // the files this build used or wrote
}

// fileStamp identifies a version of a cache file: its size, its
// modification time and, on Linux, its inode. Not its change time, which
// each link made to the file moves.
func fileStamp(fi fs.FileInfo) string {
	return strconv.FormatInt(fi.Size(), 10) + " " + strconv.FormatInt(fi.ModTime().UnixNano(), 10) + inode(fi)
}

func (c *Cache) variantRecord() *variants {
	c.variants.once.Do(func() {
		c.variants.now = map[string]entry{}
		c.variants.last = c.readVariants()
	})
	return &c.variants
}

// readVariants reads the record; a damaged or missing one is empty, and
// every variant is made again.
func (c *Cache) readVariants() map[string]entry {
	var m map[string]entry
	data, err := os.ReadFile(filepath.Join(c.dir, variantsFile))
	if err != nil || json.Unmarshal(data, &m) != nil {
		return nil
	}
	return m
}

// known returns the SHA-256 of the bytes of key's cache file name, made
// of photo, whose information is fi: as the record holds it when the
// file's stamp is the recorded one; when it is not, the file is read and
// must still hold the recorded bytes.
func (c *Cache) known(key, photo string, fi fs.FileInfo, name string) ([sha256.Size]byte, bool) {
	var sum [sha256.Size]byte
	r := c.variantRecord()
	r.mu.Lock()
	e, ok := r.last[key]
	r.mu.Unlock()
	if !ok {
		return sum, false
	}
	if n, err := hex.Decode(sum[:], []byte(e.Sum)); err != nil || n != len(sum) {
		return sum, false
	}
	if st := fileStamp(fi); e.Stamp != st {
		data, err := os.ReadFile(name)
		if err != nil || sha256.Sum256(data) != sum {
			return sum, false
		}
		e.Stamp = st
	}
	e.Photo = photo
	r.mu.Lock()
	r.now[key] = e
	r.mu.Unlock()
	return sum, true
}

// usedAsRecorded tells whether this build used some files of the cache,
// and exactly those that the record lists.
func (c *Cache) usedAsRecorded() bool {
	r := c.variantRecord()
	r.mu.Lock()
	defer r.mu.Unlock()
	sameKey := func(entry, entry) bool { return true } // stamps may have moved
	return len(r.now) > 0 && maps.EqualFunc(r.now, r.last, sameKey)
}

// keep records a cache file this build used or wrote, made of photo.
func (c *Cache) keep(key, photo string, fi fs.FileInfo, sum [sha256.Size]byte) {
	r := c.variantRecord()
	r.mu.Lock()
	r.now[key] = entry{Stamp: fileStamp(fi), Sum: hex.EncodeToString(sum[:]), Photo: photo}
	r.mu.Unlock()
}

// keepHeldBack keeps what the records hold of the photos that heldBack
// reports, and of their files, as if this build had used them: the
// photos of drafts, and of pages not yet or no longer shown, which a
// build with --drafts (or serve --drafts) shows again. Without it, each
// build would prune their files, and the next preview make them again.
// A shared cache, or one used as recorded, keeps its records as they are.
func (c *Cache) keepHeldBack(heldBack func(photo string) bool) {
	if c == nil || c.shared || c.asRecorded || heldBack == nil {
		return
	}
	r := c.variantRecord()
	r.mu.Lock()
	for key, e := range r.last {
		if _, ok := r.now[key]; !ok && e.Photo != "" && heldBack(e.Photo) {
			r.now[key] = e
			c.used.Store(key, true)
		}
	}
	r.mu.Unlock()
	s := c.sourceRecord()
	s.mu.Lock()
	for file, k := range s.last {
		if _, ok := s.now[file]; !ok && heldBack(file) {
			s.now[file] = k
		}
	}
	s.mu.Unlock()
}

// recordVariants writes the record when it changed. A shared cache's
// record also keeps what other sites' builds recorded, except the files
// that removed holds (this build's Prune removed them).
func (c *Cache) recordVariants(removed map[string]bool) error {
	if c.asRecorded {
		return nil
	}
	r := c.variantRecord()
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.now
	if c.shared {
		now = c.readVariants() // as other builds may have left it
		if now == nil {
			now = map[string]entry{}
		}
		for k := range removed {
			delete(now, k)
		}
		maps.Copy(now, r.now)
	}
	if maps.Equal(now, r.last) {
		return nil
	}
	data, err := json.Marshal(now)
	if err != nil {
		return err
	}
	if err := c.writeRecord(variantsFile, data); err != nil {
		return err
	}
	r.last = maps.Clone(now)
	return nil
}
