package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestPriceALO: the boundary method through the CLI. The Longstaff-Schwartz
// put (S 36, X 40, t 1, sigma 0.2, r 0.06) is 4.486674 by QuantLib 1.29's
// QdFpAmericanEngine (high-precision scheme).
func TestPriceALO(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"price", "--model", "alo", "--style", "american", "--type", "put", "--S", "36", "--X", "40", "--t", "1", "--sigma", "0.2", "--r", "0.06", "--json"}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, stderr.String())
	}
	var out priceJSON
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if d := out.Value - 4.486674; d > 1e-5 || d < -1e-5 || !strings.Contains(out.Method, "Andersen-Lake-Offengelt") {
		t.Errorf("got %+v, want 4.486674 by the boundary method", out)
	}
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"price", "--model", "alo", "--type", "put", "--S", "36", "--X", "40", "--t", "1", "--sigma", "0.2"}, &stdout, &stderr); code == 0 {
		t.Errorf("european alo accepted")
	}
}
