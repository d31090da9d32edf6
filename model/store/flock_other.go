//go:build !unix

package store

import (
	"os"
	"time"
)

// lockFile does nothing where flock(2) does not exist; bbolt's own lock
// still guards every transaction.
func lockFile(f *os.File, exclusive bool, timeout time.Duration) bool { return true }
