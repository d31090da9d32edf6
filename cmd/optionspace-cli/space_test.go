package main

import (
	"encoding/json"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

func TestSpace(t *testing.T) {
	// S = 80, X = 100, r = 0, t = 1, sigma = 0.3: NPVq 0.8, cumulative
	// volatility 0.3, C/S 4.4% (Luehrman 1998, table of call values): region 5.
	stdout := mustCLI(t, "space", "--S", "80", "--X", "100", "--t", "1", "--sigma", "0.3", "--r", "0", "--json")
	var out spaceJSON
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	if !scalar.EqualWithinAbs(out.NPVq, 0.8, 1e-12) || !scalar.EqualWithinAbs(out.CumVol, 0.3, 1e-12) ||
		!scalar.EqualWithinAbs(out.CallShare, 0.044, 0.001) || out.Region != 5 || out.Trigger != nil {
		t.Errorf("got %+v", out)
	}
	// Discrete discounting: NPVq = 100/(110/1.05^3) = 1.05…, NPV < 0: region 3.
	code, stdout, _ := cli("space", "--S", "100", "--X", "110", "--t", "3", "--sigma", "0.4", "--r", "0.05", "--discounting", "discrete")
	if code != 0 || !strings.Contains(stdout, "1.0523") || !strings.Contains(stdout, "region                3 (probably later)") {
		t.Errorf("exit %d, output %s", code, stdout)
	}
}

func TestSpaceErrors(t *testing.T) {
	if code, _, _ := cli("space", "--S", "80", "--X", "100", "--t", "1", "--sigma", "0.3"); code != 2 {
		t.Errorf("missing --r: exit %d, want 2", code)
	}
	if code, _, stderr := cli("space", "--S", "80", "--X", "100", "--t", "1", "--sigma", "-0.3", "--r", "0"); code != 1 || !strings.Contains(stderr, "sigma") {
		t.Errorf("negative sigma: exit %d, stderr %q", code, stderr)
	}
}

// TestSpaceDiscreteRateRange: a discrete -99 % would be ln(0.01) = -4.6
// continuous, beyond the engine's -1: refused in the discrete convention
// (e^-1 - 1 = -0.6321 is the lowest); -0.6 passes. The help says which
// discounting r is read in.
func TestSpaceDiscreteRateRange(t *testing.T) {
	code, _, stderr := cli("space", "--S", "100", "--X", "110", "--t", "3", "--sigma", "0.4", "--r", "-0.99", "--discounting", "discrete")
	if code != 2 || !strings.Contains(stderr, "--r -0.99: a discrete rate must be within [-0.6321, 1.718]") {
		t.Errorf("exit %d, stderr %s", code, stderr)
	}
	if code, _, stderr := cli("space", "--S", "100", "--X", "110", "--t", "3", "--sigma", "0.4", "--r", "-0.6", "--discounting", "discrete"); code != 0 {
		t.Errorf("r = -0.6 discrete: exit %d, %s", code, stderr)
	}
	if _, _, stderr = cli("space", "--help"); !strings.Contains(stderr, "r is continuously compounded unless --discounting discrete is given") {
		t.Errorf("help does not say the default discounting: %s", stderr)
	}
}

// TestReasonAmountsAsTheTables: the reason line writes its amounts as the
// tables do (format.MoneyFull: 12,345 and 951), not in a rounding of its
// own (the valuation used to write "NPV 12k" and, rounding half to even,
// "NPV 950" for 950.5).
func TestReasonAmountsAsTheTables(t *testing.T) {
	for _, c := range []struct{ S, want, not string }{
		{"13295.5", "NPV 12,345 > 0", "12k"},
		{"1901", "NPV 951 > 0", "NPV 950 "},
	} {
		stdout := mustCLI(t, "space", "--S", c.S, "--X", "950.5", "--t", "0.5", "--sigma", "0.05", "--r", "0.04", "--q", "0.5", "--json")
		var out spaceJSON
		if err := json.Unmarshal([]byte(stdout), &out); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.Reason, c.want) || strings.Contains(out.Reason, c.not) {
			t.Errorf("S %s: reason %q, want %q", c.S, out.Reason, c.want)
		}
	}
}
