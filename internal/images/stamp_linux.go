//go:build linux

package images

import (
	"io/fs"
	"strconv"
	"syscall"
)

// sysStamp is the part of a file's stamp that Linux gives: its
// change time and inode.
func sysStamp(fi fs.FileInfo) string {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	ctime := st.Ctim
	return " " + strconv.FormatInt(int64(ctime.Sec), 10) + "." + strconv.FormatInt(int64(ctime.Nsec), 10) + " " + strconv.FormatUint(uint64(st.Ino), 10)
}

// inode is the part of a cache file's stamp that Linux gives: its inode,
// which a copy that keeps the modification time does not keep.
func inode(fi fs.FileInfo) string {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	return " " + strconv.FormatUint(uint64(st.Ino), 10)
}
