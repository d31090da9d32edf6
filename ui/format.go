package ui

import (
	"fmt"
	"math"
	"strings"
)

// money formats an amount compactly: 2.40M, 700k, 950.
func money(v float64) string {
	a := math.Abs(v)
	switch {
	case a < 0.5:
		return "0"
	case math.IsNaN(v):
		return "-"
	case math.IsInf(v, 0):
		if v > 0 {
			return "∞"
		}
		return "-∞"
	case a >= 1e9:
		return fmt.Sprintf("%.2fB", v/1e9)
	case a >= 1e6:
		return fmt.Sprintf("%.2fM", v/1e6)
	case a >= 1e4:
		return fmt.Sprintf("%.0fk", v/1e3)
	default:
		return fmt.Sprintf("%.0f", v)
	}
}

// ratio formats a ratio such as NPVq with two decimals.
func ratio(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	if math.IsInf(v, 1) {
		return "∞"
	}
	return fmt.Sprintf("%.2f", v)
}

// percent formats a share as a percentage with one decimal.
func percent(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*v)
}

// years formats a time in years.
func years(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	return fmt.Sprintf("%.2f y", v)
}

// dash returns s, or "-" when it is blank.
func dash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}
