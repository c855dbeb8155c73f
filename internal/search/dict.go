package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/ikawaha/kagome-dict/dict"
	"github.com/ikawaha/kagome-dict/dict/trie"
	"github.com/ikawaha/kagome-dict/ipa"

	"github.com/furusato/furusato/internal/diskfile"
)

// The Japanese dictionary, decoded once per machine.
//
// kagome keeps its IPA dictionary in the binary as a zip of 12 MB, and
// decodes it value by value through the inflater: about 0.7 s of CPU,
// most of a small site's build. The first build on a machine keeps the
// decoded dictionary (without the features that the index does not
// read: ipa.DictShrink) in furusato's cache, in the dictionary folder
// (diskfile.CacheDir), as plain arrays that later builds read in 20 to
// 30 ms (BenchmarkReadDictionary). The file's name holds the versions of the modules that
// hold the dictionary, its header a checksum of the rest: a file of other
// versions, damaged or cut short is not read, and is written anew.

// dictFormat is the layout of the file; a change of layout changes it.
const dictFormat = "furusato dictionary 2\n"

// japaneseDictionary returns kagome's IPA dictionary, from furusato's
// cache when it holds it, else from kagome, and then keeps it there.
func japaneseDictionary() *dict.Dict {
	file := dictionaryFile()
	if file == "" {
		return ipa.DictShrink()
	}
	if d, err := readDictionary(file); err == nil {
		return d
	}
	d := ipa.DictShrink()
	// Only a cache: a build goes on without it (a read-only home).
	if os.MkdirAll(filepath.Dir(file), 0o755) == nil && writeDictionary(file, d) == nil {
		removeOthers(file, "ipa-*.bin")
	}
	return d
}

// dictionaryFile returns the file that keeps the dictionary of the
// kagome modules this binary was built with, or "" when there is no
// cache folder or the binary does not say their versions (a test).
func dictionaryFile() string {
	dir := diskfile.CacheDir("dictionary")
	key := moduleVersions("github.com/ikawaha/kagome-dict", "github.com/ikawaha/kagome-dict/ipa")
	if dir == "" || key == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(dictFormat + key))
	return filepath.Join(dir, "ipa-"+hex.EncodeToString(sum[:8])+".bin")
}

// buildInfo is debug.ReadBuildInfo; tests, whose binaries do not
// record their modules, replace it.
var buildInfo = debug.ReadBuildInfo

// moduleVersions returns the versions and checksums of the modules,
// as the binary records them, or "" when it does not record all of them.
func moduleVersions(paths ...string) string {
	info, ok := buildInfo()
	if !ok {
		return ""
	}
	var key strings.Builder
	found := 0
	for _, m := range info.Deps {
		if !slices.Contains(paths, m.Path) {
			continue
		}
		if m.Replace != nil {
			m = m.Replace
		}
		if m.Sum == "" { // a folder of the disk, which may change
			return ""
		}
		fmt.Fprintf(&key, "%s %s %s\n", m.Path, m.Version, m.Sum)
		found++
	}
	if found != len(paths) { // all of them, or no key
		return ""
	}
	return key.String()
}

// The file is the format's line, the CRC-32C of the rest, and the
// dictionary's parts in the order of writeDictionary: numbers
// little-endian, each list after its length (uint32), maps as lists of
// pairs sorted by key, so that the same dictionary gives the same bytes.

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// errCacheFile is the error of a cache file damaged, cut short or of
// another format.
var errCacheFile = errors.New("not a file of this version")

// newCacheWriter starts a cache file of format (its first line), with
// room for size bytes.
func newCacheWriter(format string, size int) *dictWriter {
	w := &dictWriter{b: make([]byte, 0, size)}
	w.b = append(w.b, format...)
	w.b = append(w.b, 0, 0, 0, 0) // the checksum, from save
	w.head = len(w.b)
	return w
}

// save writes the file, with the checksum of what follows it.
func (w *dictWriter) save(file string) error {
	le.PutUint32(w.b[w.head-4:], crc32.Checksum(w.b[w.head:], castagnoli))
	return diskfile.Replace(file, w.b, 0o644)
}

// readCacheFile reads a file of format that a newCacheWriter wrote,
// after its checksum, which it checks.
func readCacheFile(file, format string) (*dictReader, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	body, ok := bytes.CutPrefix(data, []byte(format))
	if !ok || len(body) < 4 || crc32.Checksum(body[4:], castagnoli) != le.Uint32(body) {
		return nil, errCacheFile
	}
	return &dictReader{b: body[4:]}, nil
}

// writeDictionary keeps d in file.
func writeDictionary(file string, d *dict.Dict) error {
	total := 0
	for _, pos := range d.POSTable.POSs {
		total += len(pos)
	}
	// The large arrays' size, and room for the small parts: the bytes
	// are not copied as they grow.
	size := 6*len(d.Morphs) + 4*len(d.POSTable.POSs) + 2*total + 2*len(d.Connection.Vec) + 8*len(d.Index.Da) +
		8*len(d.Index.Dup) + len(d.CharCategory) + 64<<10
	w := newCacheWriter(dictFormat, size)
	w.morphs(d.Morphs)
	w.strings(d.POSTable.NameList)
	w.uint32(total)
	w.uint32(len(d.POSTable.POSs))
	for _, pos := range d.POSTable.POSs {
		w.uint32(len(pos))
		for _, id := range pos {
			w.b = le.AppendUint16(w.b, uint16(id))
		}
	}
	w.meta(d.ContentsMeta)
	w.b = le.AppendUint64(le.AppendUint64(w.b, uint64(d.Connection.Row)), uint64(d.Connection.Col))
	w.uint32(len(d.Connection.Vec))
	for _, v := range d.Connection.Vec {
		w.b = le.AppendUint16(w.b, uint16(v))
	}
	w.uint32(len(d.Index.Da))
	for _, n := range d.Index.Da {
		w.b = le.AppendUint32(le.AppendUint32(w.b, uint32(n.Base)), uint32(n.Check))
	}
	w.pairs(d.Index.Dup)
	w.strings(d.CharClass)
	w.bytes(d.CharCategory)
	w.bools(d.InvokeList)
	w.bools(d.GroupList)
	w.morphs(d.UnkDict.Morphs)
	w.pairs(d.UnkDict.Index)
	w.pairs(d.UnkDict.IndexDup)
	w.meta(d.UnkDict.ContentsMeta)
	w.uint32(len(d.UnkDict.Contents))
	for _, c := range d.UnkDict.Contents {
		w.strings(c)
	}
	var info dict.Info
	if d.Info() != nil {
		info = *d.Info()
	}
	w.strings([]string{info.Name, info.Src})
	return w.save(file)
}

// readDictionary reads a dictionary that writeDictionary kept.
func readDictionary(file string) (*dict.Dict, error) {
	r, err := readCacheFile(file, dictFormat)
	if err != nil {
		return nil, err
	}
	d := &dict.Dict{Morphs: r.morphs()}
	d.POSTable.NameList = r.strings()
	// The parts of speech of all morphs in one array, each morph's a
	// slice of it: one allocation instead of 400,000.
	all := make([]dict.POSID, 0, r.length(2))
	d.POSTable.POSs = make([]dict.POS, r.length(4))
	for i := range d.POSTable.POSs {
		n := r.length(2)
		if len(all)+n > cap(all) {
			return nil, errCacheFile
		}
		for range n {
			all = append(all, dict.POSID(le.Uint16(r.next(2))))
		}
		d.POSTable.POSs[i] = dict.POS(all[len(all)-n : len(all) : len(all)])
	}
	d.ContentsMeta = r.meta()
	d.Connection.Row, d.Connection.Col = int64(le.Uint64(r.next(8))), int64(le.Uint64(r.next(8)))
	d.Connection.Vec = make([]int16, r.length(2))
	for i := range d.Connection.Vec {
		d.Connection.Vec[i] = int16(le.Uint16(r.next(2)))
	}
	d.Index.Da = make(trie.DoubleArray, r.length(8))
	for i := range d.Index.Da {
		d.Index.Da[i].Base, d.Index.Da[i].Check = int32(le.Uint32(r.next(4))), int32(le.Uint32(r.next(4)))
	}
	d.Index.Dup = r.pairs()
	d.CharClass = r.strings()
	d.CharCategory = r.bytes()
	d.InvokeList = r.bools()
	d.GroupList = r.bools()
	d.UnkDict.Morphs = r.morphs()
	d.UnkDict.Index = r.pairs()
	d.UnkDict.IndexDup = r.pairs()
	d.UnkDict.ContentsMeta = r.meta()
	d.UnkDict.Contents = make(dict.Contents, r.length(4))
	for i := range d.UnkDict.Contents {
		d.UnkDict.Contents[i] = r.strings()
	}
	info := r.strings()
	if r.bad || len(r.b) != 0 || len(info) != 2 {
		return nil, errCacheFile
	}
	d.SetInfo(&dict.Info{Name: info[0], Src: info[1]})
	return d, nil
}

var le = binary.LittleEndian

type dictWriter struct {
	b    []byte
	head int // the length of the format's line and the checksum
}

func (w *dictWriter) uint32(n int) { w.b = le.AppendUint32(w.b, uint32(n)) }

func (w *dictWriter) bytes(b []byte) { w.uint32(len(b)); w.b = append(w.b, b...) }

func (w *dictWriter) strings(list []string) {
	w.uint32(len(list))
	for _, s := range list {
		w.bytes([]byte(s))
	}
}

func (w *dictWriter) bools(list []bool) {
	w.uint32(len(list))
	for _, v := range list {
		var c byte
		if v {
			c = 1
		}
		w.b = append(w.b, c)
	}
}

func (w *dictWriter) morphs(list dict.Morphs) {
	w.uint32(len(list))
	for _, m := range list {
		w.b = le.AppendUint16(le.AppendUint16(le.AppendUint16(w.b, uint16(m.LeftID)), uint16(m.RightID)), uint16(m.Weight))
	}
}

func (w *dictWriter) pairs(m map[int32]int32) {
	w.uint32(len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		w.b = le.AppendUint32(le.AppendUint32(w.b, uint32(k)), uint32(m[k]))
	}
}

func (w *dictWriter) meta(m dict.ContentsMeta) {
	w.uint32(len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		w.bytes([]byte(k))
		w.b = append(w.b, byte(m[k]))
	}
}

// dictReader reads what dictWriter wrote. Past the end of its bytes, or
// at a length longer than the bytes left, it is bad and returns zeros.
type dictReader struct {
	b   []byte
	bad bool
}

var zeros [8]byte

func (r *dictReader) next(n int) []byte {
	if r.bad || len(r.b) < n {
		r.bad = true
		return zeros[:n]
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

// length reads the length of a list whose items take at least size
// bytes each.
func (r *dictReader) length(size int) int {
	n := int(le.Uint32(r.next(4)))
	if n*size > len(r.b) {
		r.bad = true
		return 0
	}
	return n
}

func (r *dictReader) bytes() []byte { return bytes.Clone(r.next(r.length(1))) }

func (r *dictReader) strings() []string {
	out := make([]string, r.length(4))
	for i := range out {
		out[i] = string(r.next(r.length(1)))
	}
	return out
}

func (r *dictReader) bools() []bool {
	out := make([]bool, r.length(1))
	for i, b := range r.next(len(out)) {
		out[i] = b != 0
	}
	return out
}

func (r *dictReader) morphs() dict.Morphs {
	out := make(dict.Morphs, r.length(6))
	for i := range out {
		b := r.next(6)
		out[i] = dict.Morph{LeftID: int16(le.Uint16(b)), RightID: int16(le.Uint16(b[2:])), Weight: int16(le.Uint16(b[4:]))}
	}
	return out
}

func (r *dictReader) pairs() map[int32]int32 {
	n := r.length(8)
	m := make(map[int32]int32, n)
	for range n {
		b := r.next(8)
		m[int32(le.Uint32(b))] = int32(le.Uint32(b[4:]))
	}
	return m
}

func (r *dictReader) meta() dict.ContentsMeta {
	n := r.length(5)
	m := make(dict.ContentsMeta, n)
	for range n {
		k := string(r.next(r.length(1)))
		m[k] = int8(r.next(1)[0])
	}
	return m
}

// removeOthers removes the files that match pattern, of other
// versions, from the folder of file.
func removeOthers(file, pattern string) {
	others, _ := filepath.Glob(filepath.Join(filepath.Dir(file), pattern))
	for _, o := range others {
		if o != file {
			os.Remove(o)
		}
	}
}
