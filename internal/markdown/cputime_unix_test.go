//go:build unix

package markdown

import (
	"syscall"
	"time"
)

// cpuTime is the processor time the test process has used, which other
// processes on a busy machine do not lengthen as they do the time by the
// clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
