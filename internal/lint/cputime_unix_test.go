//go:build unix

package lint_test

import (
	"syscall"
	"time"
)

// cpuTime returns the processor time the process has used so far: unlike
// the wall clock, it does not grow while other programs have the machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
