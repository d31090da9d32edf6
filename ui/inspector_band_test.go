package ui

import (
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/ui/format"
	"github.com/optionspace/optionspace/valuation"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// TestInspectorShowsExerciseBand: for a defer initiative with r < q < 0
// (two exercise boundaries) the inspector's "Trigger S*" row shows the
// band between the engine's Trigger and FarTrigger, not the lower
// boundary alone as if investing paid at any S above it.
func TestInspectorShowsExerciseBand(t *testing.T) {
	p := modeltest.Sample(t)
	rate := -0.05
	i := -1
	for k := range p.Initiatives {
		if p.Initiatives[k].Kind == "defer" {
			i = k
			break
		}
	}
	if i < 0 {
		t.Fatal("no defer initiative in the sample")
	}
	p.Initiatives[i].Rate, p.Initiatives[i].Leakage = &rate, -0.01
	v, err := portfolio.Evaluate(p, portfolio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := &v.Initiatives[i]
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	in := valuation.Inputs{X: r.X, T: r.T, Sigma: r.Sigma, R: r.R, Q: r.Q}
	lo, err1 := valuation.Trigger(in)
	hi, err2 := valuation.FarTrigger(valuation.Call, in)
	if err1 != nil || err2 != nil || !(hi > lo) {
		t.Fatalf("band %g to %g (%v, %v)", lo, hi, err1, err2)
	}
	m := func(x float64) string { return format.MoneyFull(x, p.Currency) }
	found := false
	for _, kv := range resultsRows(r, p, m) {
		if kv[0] == "Trigger S*" {
			found = true
			if !strings.HasPrefix(kv[1], m(lo)+" to "+m(hi)) {
				t.Errorf("Trigger S* %q, want the band %s to %s", kv[1], m(lo), m(hi))
			}
		}
	}
	if !found {
		t.Error("no Trigger S* row")
	}
}
