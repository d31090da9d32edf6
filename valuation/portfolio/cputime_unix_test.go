//go:build unix

package portfolio

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time (user and system, all threads) this
// process has used: benchmarks report it per operation (cpu-ms/op), which
// the other processes of a shared machine do not inflate as they do the
// wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
