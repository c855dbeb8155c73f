package images

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// publishedFile is the cache's record of the photos' folder (Dir) of the
// last output that a build wrote: which output, the folder's stamp
// (publish.Stamp), and each file in it. A build that publishes exactly
// these files into the same output takes the folder as it is rather
// than linking 1,600 files into the new output, and takes each file's
// size and SHA-256 for the manifest from here.
const publishedFile = "published.txt"

// publishedHeader is the record's first line; another is no record.
const publishedHeader = "furusato photos folder 1"

// Published is what a build published of the photos into one output.
type Published struct {
	Out    string // the output folder, absolute
	Folder string // the stamp of its photos' folder
	Files  []PublishedFile
}

// PublishedFile is one file of the photos' folder.
type PublishedFile struct {
	Path string // in the output: _photos/photo.3f9a1c2b7d.800w.webp
	Size int64
	Sum  string // SHA-256, hex
}

// Published returns the record of the photos' folder that the last build
// published, when this build can trust it: there is one, and the folder
// had last changed before the record was written, by the file system's
// clock (its timestamps move in steps; a change in the same step as the
// stamp would not show in it). A shared cache keeps no record.
//
// The record is read once, at the first call or by Load.
func (c *Cache) Published() (*Published, bool) {
	if c == nil || c.shared {
		return nil, false
	}
	c.pub.once.Do(func() { c.pub.rec, c.pub.ok = c.readPublished() })
	return c.pub.rec, c.pub.ok
}

func (c *Cache) readPublished() (*Published, bool) {
	f, err := os.Open(filepath.Join(c.dir, publishedFile))
	if err != nil {
		return nil, false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, false
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, false
	}
	rest := string(data)
	line := func() string {
		l, r, _ := strings.Cut(rest, "\n")
		rest = r
		return l
	}
	if line() != publishedHeader {
		return nil, false
	}
	p := &Published{Out: line(), Folder: line()}
	mtime, err := strconv.ParseInt(line(), 10, 64)
	if err != nil || p.Out == "" || p.Folder == "" || mtime >= fi.ModTime().UnixNano() {
		return nil, false
	}
	p.Files = make([]PublishedFile, 0, strings.Count(rest, "\n"))
	for rest != "" {
		path, r1, ok1 := strings.Cut(line(), "\t")
		size, sum, ok2 := strings.Cut(r1, "\t")
		n, err := strconv.ParseInt(size, 10, 64)
		if !ok1 || !ok2 || err != nil || len(sum) != 64 {
			return nil, false
		}
		p.Files = append(p.Files, PublishedFile{Path: path, Size: n, Sum: sum})
	}
	return p, true
}

// clockStep is the longest step of a file system's clock: its times come
// from the kernel's clock of ticks (100 to 1000 a second).
const clockStep = 11 * time.Millisecond

// RecordPublished records what this build published of the photos into
// out, whose photos' folder has the stamp folder, changed last at
// mtime. A build that published no photo removes the record.
func (c *Cache) RecordPublished(out, folder string, mtime time.Time, files []PublishedFile) error {
	if c == nil || c.shared {
		return nil
	}
	name := filepath.Join(c.dir, publishedFile)
	if len(files) == 0 || folder == "" {
		if err := os.Remove(name); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("image cache: %v", err)
		}
		return nil
	}
	files = slices.Clone(files)
	slices.SortFunc(files, func(a, b PublishedFile) int { return strings.Compare(a.Path, b.Path) })
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\n%s\n%s\n%d\n", publishedHeader, out, folder, mtime.UnixNano())
	for _, f := range files {
		fmt.Fprintf(&b, "%s\t%d\t%s\n", f.Path, f.Size, f.Sum)
	}
	if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, b.Bytes()) {
		return nil // as it was: its time stays before the folder's
	}
	// The record is trusted when its own time is after the folder's: once
	// the file system's clock has moved past the folder's last change.
	if wait := time.Until(mtime.Add(clockStep)); wait > 0 && wait <= clockStep {
		time.Sleep(wait)
	}
	if err := c.writeRecord(publishedFile, b.Bytes()); err != nil {
		return fmt.Errorf("image cache: %v", err)
	}
	return nil
}

// UsedAsRecorded says that this build used the cache's files exactly as
// the record lists them, without asking for each (it took the photos'
// folder of the last output, which the last build made of them): Prune
// removes nothing, and the record of the variants stays as it is.
func (c *Cache) UsedAsRecorded() {
	if c != nil {
		c.asRecorded = true
	}
}
