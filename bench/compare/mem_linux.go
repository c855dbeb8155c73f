package main

import "syscall"

// inMemory reports whether dir is on a file system held in memory (tmpfs,
// as /dev/shm is), where outputs kept until the last run would take the
// memory the builds measure.
func inMemory(dir string) bool {
	const tmpfsMagic = 0x01021994
	var st syscall.Statfs_t
	return syscall.Statfs(dir, &st) == nil && st.Type == tmpfsMagic
}
