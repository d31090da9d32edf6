//go:build !unix

package modeltest

import "time"

// CPUTime is not measured on this system: cpu-ms/op reads 0.
func CPUTime() time.Duration { return 0 }
