package main

import (
	"strings"
	"testing"
)

// TestSpaceAmountRules: S and X follow one documented rule, with and
// without --json: S is 0 or a normal positive number, X a normal positive
// number. A subnormal (1e-320) is refused for both (S was accepted, X
// refused), and X = 0 is a usage error in both outputs (the table printed
// NPVq +Inf with exit 0 while --json failed).
func TestSpaceAmountRules(t *testing.T) {
	base := []string{"space", "--t", "1", "--sigma", "0.3", "--r", "0.05"}
	for _, c := range []struct {
		s, x string
		code int
		want string
	}{
		{"1e-320", "100", 2, "--S 1e-320: S must be 0 or a normal positive number (at least 2.2250738585072014e-308)"},
		{"100", "1e-320", 2, "--X 1e-320: X must be a normal positive number (at least 2.2250738585072014e-308)"},
		{"-5", "100", 2, "--S -5: S must be 0 or a normal positive number"},
		{"100", "0", 2, "--X 0: X must be a normal positive number (at least 2.2250738585072014e-308); with X = 0, NPVq = S/PV(X) is infinite"},
		{"100", "-1", 2, "--X -1: X must be a normal positive number"},
		{"1e15", "2.3e-308", 1, "NPVq = S/PV(X) is infinite"},
		{"0", "100", 0, ""},
		{"2.2250738585072014e-308", "2.2250738585072014e-308", 0, ""},
	} {
		for _, json := range []bool{false, true} {
			args := append(append([]string{}, base...), "--S", c.s, "--X", c.x)
			if json {
				args = append(args, "--json")
			}
			code, out, errOut := cli(args...)
			if code != c.code || c.want != "" && !strings.Contains(errOut, c.want) {
				t.Errorf("S %s X %s json %v: exit %d, %q; want exit %d and %q", c.s, c.x, json, code, errOut, c.code, c.want)
			}
			if code == 0 && (strings.Contains(out, "Inf") || strings.Contains(out, "NaN")) {
				t.Errorf("S %s X %s json %v: printed %q", c.s, c.x, json, out)
			}
		}
	}
}

// TestStepsMessage: every out-of-range step count gets the one message and
// exit status, from the flag and from a batch's steps column.
func TestStepsMessage(t *testing.T) {
	for _, n := range []string{"0", "1", "-3", "100001"} {
		code, _, errOut := cli("price", "--model", "crr", "--style", "european", "--type", "call",
			"--S", "100", "--X", "100", "--t", "1", "--sigma", "0.3", "--steps", n)
		if want := "--steps " + n + ": must be a whole number in [2, 100000]"; code != 2 || !strings.Contains(errOut, want) {
			t.Errorf("--steps %s: exit %d, %q; want exit 2 and %q", n, code, errOut, want)
		}
	}
	for _, n := range []string{"0", "1", "100001", "x"} {
		batch := writeTemp(t, "b.csv", []byte("id,model,style,type,S,X,t,sigma,steps\na,crr,european,call,100,100,1,0.3,"+n+"\n"))
		_, out, _ := cli("price", "--batch", batch)
		if want := "column steps: \"\"" + n + "\"\": must be a whole number in [2, 100000]"; !strings.Contains(out, want) {
			t.Errorf("batch steps %s: %q, want %q", n, out, want)
		}
	}
	if code, out, errOut := cli("price", "--model", "crr", "--style", "european", "--type", "call",
		"--S", "100", "--X", "100", "--t", "1", "--sigma", "0.3", "--steps", "2"); code != 0 {
		t.Errorf("--steps 2: exit %d %q %q", code, out, errOut)
	}
}
