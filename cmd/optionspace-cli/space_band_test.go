package main

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
)

// TestSpaceTwoBoundaries: with r < q < 0 investing now beats waiting only
// inside a band of S (valuation.FarTrigger): `space` shows both ends, its
// JSON carries them as trigger_low and trigger_high (never the lower one
// alone, as if it were the only boundary), and the region follows the
// band: region 1 inside it, 2 above it (with no time-value allowance).
// The ends are the engine's numbers, which TestTwoBoundaryBandAgainstScan
// checks against a reference lattice. With one boundary trigger_high is
// null.
func TestSpaceTwoBoundaries(t *testing.T) {
	in := valuation.Inputs{X: 100, T: 1, Sigma: 0.2, R: -0.05, Q: -0.01}
	lo, err := valuation.Trigger(in)
	if err != nil {
		t.Fatal(err)
	}
	hi, err := valuation.FarTrigger(valuation.Call, in)
	if err != nil || !(hi > lo) {
		t.Fatalf("far trigger %g (%v), trigger %g", hi, err, lo)
	}
	for _, c := range []struct {
		S      string
		region int
	}{{"200", 1}, {"600", 2}} {
		var out spaceJSON
		js := mustCLI(t, "space", "--S", c.S, "--X", "100", "--t", "1", "--sigma", "0.2", "--r", "-0.05", "--q", "-0.01", "--invest-now-premium", "0", "--json")
		if err := json.Unmarshal([]byte(js), &out); err != nil {
			t.Fatal(err)
		}
		if out.TriggerLow == nil || out.TriggerHigh == nil || *out.TriggerLow != lo || *out.TriggerHigh != hi || out.Trigger == nil || *out.Trigger != lo {
			t.Errorf("S %s: JSON %s, want trigger and trigger_low %g, trigger_high %g", c.S, js, lo, hi)
		}
		if out.Region != c.region {
			t.Errorf("S %s: region %d (%s), want %d", c.S, out.Region, out.Reason, c.region)
		}
		text := mustCLI(t, "space", "--S", c.S, "--X", "100", "--t", "1", "--sigma", "0.2", "--r", "-0.05", "--q", "-0.01", "--invest-now-premium", "0")
		if !strings.Contains(text, fmtFloat(lo)+" to "+fmtFloat(hi)) {
			t.Errorf("S %s: the text does not show the band %g to %g:\n%s", c.S, lo, hi, text)
		}
	}
	var one spaceJSON
	js := mustCLI(t, "space", "--S", "200", "--X", "100", "--t", "1", "--sigma", "0.2", "--r", "0.05", "--q", "0.03", "--json")
	if err := json.Unmarshal([]byte(js), &one); err != nil {
		t.Fatal(err)
	}
	if one.Trigger == nil || one.TriggerLow == nil || *one.TriggerLow != *one.Trigger || one.TriggerHigh != nil {
		t.Errorf("one boundary: %s, want trigger_low = trigger and trigger_high null", js)
	}
}

// TestValueJSONTwoBoundaries: `value --format json` carries an
// initiative's exercise band as trigger_low and trigger_high: both for a
// defer initiative with r < q < 0 (the engine's Trigger and FarTrigger at
// its inputs), trigger_high null for one with one boundary.
func TestValueJSONTwoBoundaries(t *testing.T) {
	p := model.NewSCRMTemplate("Band", model.NewDate(2026, time.January, 15))
	rate := -0.05
	p.Initiatives = []model.Initiative{
		{ID: "band", Name: "Band", Tag: "community", Kind: model.KindDefer, Status: model.StatusOpen, S: model.Number(200), X: model.Number(100),
			Sigma: model.Number(0.2), Leakage: -0.01, Rate: &rate, Deadline: model.NewDate(2027, time.January, 15)},
		{ID: "one", Name: "One", Tag: "community", Kind: model.KindDefer, Status: model.StatusOpen, S: model.Number(200), X: model.Number(100),
			Sigma: model.Number(0.2), Leakage: 0.03, Deadline: model.NewDate(2027, time.January, 15)},
	}
	file := jsonFile(t, p)
	_, v := evaluateFile(t, file)
	var j struct {
		Initiatives []map[string]any `json:"initiatives"`
	}
	if err := json.Unmarshal([]byte(mustCLI(t, "value", "--file", file, "--format", "json")), &j); err != nil {
		t.Fatal(err)
	}
	r := &v.Initiatives[0]
	in := valuation.Inputs{X: 100, T: r.T, Sigma: 0.2, R: r.R, Q: -0.01}
	if !(in.R < in.Q) {
		t.Fatalf("r %g, q %g: not two boundaries", in.R, in.Q)
	}
	lo, err1 := valuation.Trigger(in)
	hi, err2 := valuation.FarTrigger(valuation.Call, in)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	row := j.Initiatives[0]
	if row["trigger_low"] != lo || row["trigger_high"] != hi || row["trigger"] != lo {
		t.Errorf("band: trigger %v, trigger_low %v, trigger_high %v; want %g, %g, %g", row["trigger"], row["trigger_low"], row["trigger_high"], lo, lo, hi)
	}
	row = j.Initiatives[1]
	if tr, ok := row["trigger"].(float64); !ok || row["trigger_low"] != tr || row["trigger_high"] != nil || math.IsInf(tr, 0) {
		t.Errorf("one boundary: trigger %v, trigger_low %v, trigger_high %v", row["trigger"], row["trigger_low"], row["trigger_high"])
	}
}
