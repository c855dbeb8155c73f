package diskfile

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
)

// Replace writes data to the file name through a new file beside it,
// renamed over it, so that a web server or an editor reading the folder
// never meets half a file. The new file has permissions perm before the
// umask. The temporary file's name starts with a dot, so that furusato's
// own watcher and builds leave it alone.
func Replace(name string, data []byte, perm os.FileMode) error {
	return ReplaceContext(context.Background(), name, data, perm)
}

// ReplaceContext is Replace, writing a Chunk at a time until ctx is done:
// then it removes the new file, leaves name as it was, and returns ctx's
// error.
func ReplaceContext(ctx context.Context, name string, data []byte, perm os.FileMode) error {
	var rnd [6]byte
	rand.Read(rnd[:])
	tmp := filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+"."+hex.EncodeToString(rnd[:])+".tmp")
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	err = writeChunks(ctx, f, data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// Chunk is how much of a file is written in one call, between two looks
// at whether the work was stopped: a video of hundreds of megabytes
// takes seconds to write, and Ctrl+C stops a build or a deploy within
// one.
const Chunk = 8 << 20

// writeChunks writes data to f a Chunk at a time until ctx is done.
func writeChunks(ctx context.Context, f *os.File, data []byte) error {
	for len(data) > 0 {
		if err := ctx.Err(); err != nil {
			return err
		}
		n, err := f.Write(data[:min(len(data), Chunk)])
		if err != nil {
			return err
		}
		data = data[n:]
	}
	return nil
}
