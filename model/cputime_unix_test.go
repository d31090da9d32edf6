//go:build unix

package model_test

import (
	"syscall"
	"time"
)

// processCPU is the CPU time the test process has used (user and system,
// every thread): unlike wall time it does not grow while other programs
// hold the cores.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return time.Duration(time.Now().UnixNano())
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
