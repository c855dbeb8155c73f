package assets

import (
	"bytes"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
)

// encoding is one pre-compression format. Both are byte-identical from
// build to build: fixed levels, and a gzip header with no time or name,
// so a deploy that compares hashes uploads only what really changed.
type encoding struct {
	name, ext string
	compress  func([]byte) ([]byte, error)
}

var encodings = []encoding{
	{name: "gzip", ext: ".gz", compress: gzipBytes},
	{name: "br", ext: ".br", compress: brotliBytes},
}

func gzipBytes(data []byte) ([]byte, error) {
	var b bytes.Buffer
	w, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	// The zero header: no modification time, no file name.
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func brotliBytes(data []byte) ([]byte, error) {
	var b bytes.Buffer
	w := brotli.NewWriterLevel(&b, brotliLevel)
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// brotliLevel is below brotli's best (11), which is ten times slower in
// Go for a few percent.
const brotliLevel = 9
