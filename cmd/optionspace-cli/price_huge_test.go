package main

import (
	"strings"
	"testing"
)

// TestPriceHugeInputShort: an input far beyond its limit is echoed with an
// exponent, like the limit, not as a 309-digit number (an acceptance
// tester's `price --S 1e308` printed a 368-character message).
func TestPriceHugeInputShort(t *testing.T) {
	code, _, stderr := cli("price", "--model", "bs", "--type", "call", "--S", "1e308", "--X", "100", "--t", "1", "--sigma", "0.2")
	const want = "input S = 1e+308 is above the limit 1e+15"
	if code != 1 || !strings.Contains(stderr, want) || len(stderr) > 120 {
		t.Errorf("exit %d, stderr %q; want 1 and %q", code, stderr, want)
	}
}
