//go:build !unix

package diskfile

import (
	"context"
	"os"
)

// WriteFile creates (or empties) the file name and writes data to it, with
// permissions 0644 before the umask.
func WriteFile(name string, data []byte) error {
	return WriteFileContext(context.Background(), name, data)
}

// WriteFileContext is WriteFile, a Chunk at a time until ctx is done:
// then it returns ctx's error, the file cut short.
func WriteFileContext(ctx context.Context, name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	err = writeChunks(ctx, f, data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
