package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/samples"
	"github.com/optionspace/optionspace/valuation/portfolio/portfoliotest"
)

// TestSimulateSaysWhatItLeavesOut: every open initiative of the sample is
// either simulated or listed as left out, in the table and in JSON; the
// excluded alternatives are those the engine's valuation excludes
// (ExcludedBy), named with the alternative that counts.
func TestSimulateSaysWhatItLeavesOut(t *testing.T) {
	p, err := model.ReadJSON(bytes.NewReader(samples.SCRMNorthwind))
	if err != nil {
		t.Fatal(err)
	}
	v, excluded := portfoliotest.ExcludedAlternatives(t, p) // id -> name of the alternative that counts
	in := chartSampleFile(t)
	code, out, errOut := cli("simulate", "--file", in, "--paths", "300", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var j struct {
		Initiatives []struct{ ID string }               `json:"initiatives"`
		LeftOut     []struct{ ID, Name, Reason string } `json:"left_out"`
	}
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, s := range j.Initiatives {
		seen[s.ID]++
	}
	for _, l := range j.LeftOut {
		seen[l.ID]++
		if alt, ok := excluded[l.ID]; ok && !strings.Contains(l.Reason, "excluded") || ok && !strings.Contains(l.Reason, alt) {
			t.Errorf("left out %s: reason %q, want excluded naming %q", l.ID, l.Reason, alt)
		}
	}
	for id := range excluded {
		if !strings.Contains(out, `"id": "`+id+`"`) && !strings.Contains(out, `"id":"`+id+`"`) {
			t.Errorf("excluded %s missing from the JSON", id)
		}
	}
	for _, in := range p.Initiatives {
		if in.Status == model.StatusOpen && seen[in.ID] != 1 {
			t.Errorf("open initiative %s: in the JSON %d times (simulated or left out), want once", in.ID, seen[in.ID])
		}
	}
	code, out, errOut = cli("simulate", "--file", in, "--paths", "300")
	if code != 0 {
		t.Fatalf("table: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "not simulated: ") {
		t.Errorf("table does not say what it leaves out:\n%s", out)
	}
	for id, alt := range excluded {
		name := v.ByID(id).Name
		if !strings.Contains(out, name+": excluded: the alternative \""+alt+"\" counts instead") {
			t.Errorf("table: %s (excluded by %s) not listed:\n%s", name, alt, out)
		}
	}
}
