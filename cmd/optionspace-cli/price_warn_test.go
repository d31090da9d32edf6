package main

import (
	"strings"
	"testing"
)

// TestPriceWarnsWhenTheLatticeIsFarOff: an at-the-money American put at
// sigma 0.001 (S = X = 100, t 1, r 0.05) is worth 3.68e-4 (the
// perpetual put's closed form bounds it within 1e-7: McKean 1965;
// TestSmallVolEngine's PDE reference); the Leisen-Reimer default of 201
// steps gives 2.5e-8 and CRR with 100,000 steps is refused. price keeps
// the lattice's value on standard output and says on standard error that it
// is far from the boundary method's, and how to get the right one; at
// sigma 0.2, where both agree within 1e-4, it says nothing.
func TestPriceWarnsWhenTheLatticeIsFarOff(t *testing.T) {
	base := []string{"price", "--style", "american", "--type", "put", "--S", "100", "--X", "100", "--t", "1", "--r", "0.05"}
	code, out, errOut := cli(append(append([]string{}, base...), "--model", "lr", "--sigma", "0.001")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "warning: the lr lattice of 201 steps gives") || !strings.Contains(errOut, "--model alo") {
		t.Errorf("stderr %q: want the lattice warning", errOut)
	}
	if !strings.HasPrefix(out, "value  2.5") {
		t.Errorf("stdout %q: want the lattice's own value (2.5e-08)", out)
	}
	for _, m := range []string{"lr", "crr"} {
		code, _, errOut = cli(append(append([]string{}, base...), "--model", m, "--sigma", "0.2")...)
		if code != 0 || errOut != "" {
			t.Errorf("%s at sigma 0.2: exit %d, stderr %q: want no warning", m, code, errOut)
		}
	}
	code, _, errOut = cli(append(append([]string{}, base...), "--model", "crr", "--steps", "4", "--sigma", "0.3")...)
	if code != 0 || !strings.Contains(errOut, "crr lattice of 4 steps") || !strings.Contains(errOut, "grid is too coarse") {
		t.Errorf("crr 4 steps: exit %d, stderr %q: want the coarse-grid warning", code, errOut)
	}
}
