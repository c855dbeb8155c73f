//go:build unix

package main

import (
	"os"
	"runtime"
	"syscall"
)

// peakMemory is the maximum resident set size of an ended process, in bytes.
func peakMemory(ps *os.ProcessState) int64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return int64(ru.Maxrss) // already in bytes there
	}
	return int64(ru.Maxrss) * 1024
}

// flushDisk writes what the system still holds of earlier writes to disk,
// so that a run does not pay for the run before it.
func flushDisk() { syscall.Sync() }
