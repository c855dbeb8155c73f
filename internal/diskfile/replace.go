package diskfile

import (
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
	var rnd [6]byte
	rand.Read(rnd[:])
	tmp := filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+"."+hex.EncodeToString(rnd[:])+".tmp")
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
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
