package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestPriceThetaAtExpiryKink: at t = 0 with S = X theta is -Inf
// (-dV/dt from above; valuation.BlackScholesGreeks): the table prints
// "-Inf", the JSON null (JSON has no number for it), the batch CSV an
// empty cell (as the value CSV has for JSON's null);
// off the kink it is a number in all three.
func TestPriceThetaAtExpiryKink(t *testing.T) {
	for _, m := range [][]string{{"--model", "bs"}, {"--model", "alo", "--style", "american"}, {"--model", "lr", "--style", "american"}} {
		args := append(append([]string{"price"}, m...), "--type", "put", "--S", "100", "--X", "100", "--t", "0", "--sigma", "0.2", "--r", "0.05")
		table := mustCLI(t, args...)
		if !strings.Contains(table, "theta  -Inf\n") {
			t.Errorf("%v: table %q, want theta -Inf", m, table)
		}
		var out map[string]any
		if err := json.Unmarshal([]byte(mustCLI(t, append(args, "--json")...)), &out); err != nil {
			t.Fatal(err)
		}
		if th, ok := out["theta"]; !ok || th != nil {
			t.Errorf("%v: JSON theta %v (present %v), want null", m, th, ok)
		}
		args[len(args)-9] = "90" // S 90: theta a number
		if err := json.Unmarshal([]byte(mustCLI(t, append(args, "--json")...)), &out); err != nil {
			t.Fatal(err)
		}
		if _, ok := out["theta"].(float64); !ok {
			t.Errorf("%v S 90: JSON theta %v, want a number", m, out["theta"])
		}
	}
}
