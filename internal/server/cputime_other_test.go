//go:build !unix

package server_test

import "time"

func cpuTime() (time.Duration, bool) { return 0, false }
