//go:build !unix

package diskfile

import "os"

// WriteFile creates (or empties) the file name and writes data to it, with
// permissions 0644 before the umask.
func WriteFile(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }
