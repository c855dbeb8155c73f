//go:build !linux

package images

import "io/fs"

// sysStamp is empty where the system gives no change time and inode:
// the stamp is the file's size and modification time.
func sysStamp(fs.FileInfo) string { return "" }

// inode is empty where the system gives none.
func inode(fs.FileInfo) string { return "" }
