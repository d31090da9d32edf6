package portfolio

import (
	"math"
	"testing"

	"github.com/optionspace/optionspace/valuation"
)

// TestCachedTriggerFollowsItsInputs: the engine's trigger cache gives
// valuation.Trigger's and PutTrigger's own numbers, and a change of any
// input it depends on (X, t, sigma, r, q, call or put) gives that input's
// trigger, never the cached one; S, on which no trigger depends, is not
// part of the key.
func TestCachedTriggerFollowsItsInputs(t *testing.T) {
	base := valuation.Inputs{S: 100, X: 100, T: 2, Sigma: 0.3, R: 0.05, Q: 0.04}
	want := func(put bool, in valuation.Inputs) float64 {
		v, err := valuation.DefaultTrigger(put, in)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	first, _ := cachedTrigger(false, base)
	if first != want(false, base) || math.IsInf(first, 0) {
		t.Fatalf("trigger %v, want %v", first, want(false, base))
	}
	otherS := base
	otherS.S = 150
	if v, _ := cachedTrigger(false, otherS); v != first {
		t.Errorf("S moved: trigger %v, want the same %v", v, first)
	}
	for name, move := range map[string]func(in *valuation.Inputs){
		"X": func(in *valuation.Inputs) { in.X = 110 }, "t": func(in *valuation.Inputs) { in.T = 2.5 },
		"sigma": func(in *valuation.Inputs) { in.Sigma = 0.35 }, "r": func(in *valuation.Inputs) { in.R = 0.06 },
		"q": func(in *valuation.Inputs) { in.Q = 0.05 },
	} {
		in := base
		move(&in)
		got, _ := cachedTrigger(false, in)
		if got != want(false, in) || got == first {
			t.Errorf("%s moved: trigger %v, want %v (before %v)", name, got, want(false, in), first)
		}
	}
	put, _ := cachedTrigger(true, base)
	if put != want(true, base) || put == first {
		t.Errorf("put trigger %v, want %v", put, want(true, base))
	}
}
