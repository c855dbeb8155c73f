//go:build !unix

package publish

import "os"

// writeFile creates a file with data.
func writeFile(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }
