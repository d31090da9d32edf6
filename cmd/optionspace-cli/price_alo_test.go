package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestPriceALO: the boundary method through the CLI. The Longstaff-Schwartz
// put (S 36, X 40, t 1, sigma 0.2, r 0.06) is 4.486674 by QuantLib 1.29's
// QdFpAmericanEngine (high-precision scheme).
func TestPriceALO(t *testing.T) {
	stdout := mustCLI(t, "price", "--model", "alo", "--style", "american", "--type", "put", "--S", "36", "--X", "40", "--t", "1", "--sigma", "0.2", "--r", "0.06", "--json")
	var out priceJSON
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	if d := out.Value - 4.486674; d > 1e-5 || d < -1e-5 || !strings.Contains(out.Method, "Andersen-Lake-Offengelt") {
		t.Errorf("got %+v, want 4.486674 by the boundary method", out)
	}
	if code, _, _ := cli("price", "--model", "alo", "--type", "put", "--S", "36", "--X", "40", "--t", "1", "--sigma", "0.2"); code == 0 {
		t.Errorf("european alo accepted")
	}
}
