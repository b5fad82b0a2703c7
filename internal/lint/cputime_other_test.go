//go:build !unix

package lint_test

import "time"

var processStart = time.Now()

// cpuTime falls back to the wall clock where processor time is not at hand.
func cpuTime() time.Duration { return time.Since(processStart) }
