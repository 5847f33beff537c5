//go:build !linux

package segment

import "time"

// cpuTime returns the time fn takes on the clock, where the thread's
// processor time cannot be read.
func cpuTime(fn func()) time.Duration {
	start := time.Now()
	fn()
	return time.Since(start)
}
