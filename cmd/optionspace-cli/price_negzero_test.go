package main

import (
	"strings"
	"testing"
)

// TestPriceNoNegativeZero: a put at t = 0 printed "rho -0" (and, out of
// the money, "delta -0"); the table and the JSON print 0.
func TestPriceNoNegativeZero(t *testing.T) {
	for _, model := range []string{"bs", "alo", "crr", "lr"} {
		style := "american"
		if model == "bs" {
			style = "european"
		}
		for _, S := range []string{"90", "110"} {
			args := []string{"price", "--model", model, "--style", style, "--type", "put", "--S", S, "--X", "100", "--t", "0", "--sigma", "0.2", "--r", "0.05"}
			table := mustCLI(t, args...)
			fields := strings.Fields(table)
			for i := 0; i+1 < len(fields); i++ {
				if fields[i] == "rho" && fields[i+1] != "0" {
					t.Errorf("%s S=%s: rho %q, want 0:\n%s", model, S, fields[i+1], table)
				}
			}
			if !strings.Contains(table, "rho") {
				t.Errorf("%s S=%s: no rho in\n%s", model, S, table)
			}
			if strings.Contains(table, "-0 ") || strings.Contains(table, "-0\n") {
				t.Errorf("%s S=%s: a -0 in\n%s", model, S, table)
			}
			if js := mustCLI(t, append(args, "--json")...); strings.Contains(js, "-0,") || strings.Contains(js, "-0}") || strings.Contains(js, "-0\n") {
				t.Errorf("%s S=%s: a -0 in %s", model, S, js)
			}
		}
	}
}
