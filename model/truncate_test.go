package model

import (
	"testing"
	"unicode/utf8"
)

// TestTruncate: a string of at most n runes is kept; a longer one keeps
// its first n-1 runes and ends in "…", so it has exactly n runes (counted
// in runes, not bytes: "σ" and "€" are one each).
func TestTruncate(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want string
	}{
		{"", 3, ""},
		{"abc", 3, "abc"},
		{"abcd", 3, "ab…"},
		{"Customer community pilot", 10, "Customer …"},
		{"volatility σ", 12, "volatility σ"},
		{"volatility σ", 8, "volatil…"},
		{"€€€€", 2, "€…"},
		{"ab", 1, "…"},
	} {
		got := Truncate(c.s, c.n)
		if got != c.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
		if n := utf8.RuneCountInString(got); n > c.n {
			t.Errorf("Truncate(%q, %d) has %d runes", c.s, c.n, n)
		}
	}
}
