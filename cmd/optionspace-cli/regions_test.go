package main

import (
	"maps"
	"testing"
)

// TestRegionCounts: value --format json keys the six regions by number,
// without the unused index 0.
func TestRegionCounts(t *testing.T) {
	got := regionCounts([7]int{99, 1, 2, 3, 4, 5, 6})
	want := map[string]int{"1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6}
	if !maps.Equal(got, want) {
		t.Errorf("regionCounts = %v, want %v", got, want)
	}
}
