//go:build !unix

package model_test

import "time"

// processCPU falls back to wall time where getrusage is not available.
func processCPU() time.Duration { return time.Duration(time.Now().UnixNano()) }
