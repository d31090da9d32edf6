//go:build unix

package modeltest

import (
	"syscall"
	"time"
)

// CPUTime returns the CPU time (user and system, all threads) this
// process has used. Benchmarks report it per operation (cpu-ms/op), which
// the other processes of a shared machine do not inflate as they do the
// wall time.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
