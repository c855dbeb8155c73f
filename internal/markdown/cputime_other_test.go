//go:build !unix

package markdown

import "time"

var processStart = time.Now()

// cpuTime is the time since the tests started: elsewhere than on Unix,
// the clock stands in for processor time.
func cpuTime() time.Duration { return time.Since(processStart) }
