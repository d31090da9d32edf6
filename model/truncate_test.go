package model

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// truncateRef is an independent reference for Truncate: it decodes s rune
// by rune with utf8.DecodeRuneInString instead of converting to []rune.
func truncateRef(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	var b strings.Builder
	for range n - 1 {
		r, size := utf8.DecodeRuneInString(s)
		b.WriteRune(r)
		s = s[size:]
	}
	return b.String() + "…"
}

// TestTruncate: worked examples, then every n from 1 to past the length
// of strings with multi-byte runes (σ, €, ✓) against truncateRef; a cut
// string has exactly n runes.
func TestTruncate(t *testing.T) {
	if got := Truncate("Customer community pilot", 10); got != "Customer …" {
		t.Errorf(`Truncate("Customer community pilot", 10) = %q, want "Customer …"`, got)
	}
	if got := Truncate("volatility σ", 8); got != "volatil…" {
		t.Errorf(`Truncate("volatility σ", 8) = %q, want "volatil…"`, got)
	}
	if got := Truncate("abc", 3); got != "abc" {
		t.Errorf(`Truncate("abc", 3) = %q, want "abc"`, got)
	}
	for _, s := range []string{"", "a", "abcd", "volatility σ", "€€€€", "a✓b✓c✓", "Customer community pilot"} {
		for n := 1; n <= utf8.RuneCountInString(s)+2; n++ {
			got, want := Truncate(s, n), truncateRef(s, n)
			if got != want {
				t.Errorf("Truncate(%q, %d) = %q, want %q", s, n, got, want)
			}
			if cut := got != s; cut && utf8.RuneCountInString(got) != n {
				t.Errorf("Truncate(%q, %d) = %q has %d runes", s, n, got, utf8.RuneCountInString(got))
			}
		}
	}
}
