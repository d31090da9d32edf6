package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestVolatilityQuotesBadCellWhole: a bad cell is quoted cut to 40
// characters, never inside a character (it was cut to 40 bytes, which
// split "σ" after an odd number of ASCII bytes).
func TestVolatilityQuotesBadCellWhole(t *testing.T) {
	cell := "a" + strings.Repeat("σ", 50)
	file := filepath.Join(t.TempDir(), "h.csv")
	if err := os.WriteFile(file, []byte("date,value\n2026-01-01,"+cell+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := cli("volatility", "--series", file)
	want := `"a` + strings.Repeat("σ", 39) + `…" is not a number`
	if code == 0 || !utf8.ValidString(stderr) || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr %q, want %q", code, stderr, want)
	}
}
