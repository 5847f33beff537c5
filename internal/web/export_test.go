package web

import (
	"context"
	"sync"
	"time"
)

// SkipWaits makes s answer failed sign-ins at once instead of after the
// throttle's delay, and returns a function that gives the delays asked
// for so far, so that tests of the lock neither take a quarter of a
// minute nor miss a delay.
func SkipWaits(s *Server) func() []time.Duration {
	var mu sync.Mutex
	var asked []time.Duration
	s.wait = func(ctx context.Context, d time.Duration) bool {
		mu.Lock()
		defer mu.Unlock()
		asked = append(asked, d)
		return true
	}
	return func() []time.Duration {
		mu.Lock()
		defer mu.Unlock()
		return append([]time.Duration(nil), asked...)
	}
}
