//go:build unix

package store

import (
	"os"
	"syscall"
	"time"
)

// lockFile takes flock(2) on f, shared or exclusive as bbolt does for
// read-only and writable opens, waiting up to timeout. It reports false
// when the lock was not free in time.
func lockFile(f *os.File, exclusive bool, timeout time.Duration) bool {
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	deadline := time.Now().Add(timeout)
	for {
		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		if err == nil {
			return true
		}
		if err != syscall.EWOULDBLOCK || time.Now().After(deadline) {
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
}
