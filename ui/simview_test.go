package ui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/samples"
	"github.com/optionspace/optionspace/ui/format"
	"github.com/optionspace/optionspace/valuation/portfolio"
	"github.com/optionspace/optionspace/valuation/portfolio/portfoliotest"
)

// TestSimulationSaysWhatItLeavesOut: the simulation view says which open
// initiatives it does not simulate and why, as the CLI does: on the
// Northwind sample every open initiative is either in the region table or
// named as not simulated, and the excluded alternatives are those the
// engine's valuation excludes (ExcludedBy), named with the alternative
// that counts. A portfolio it simulates whole says nothing of the kind.
func TestSimulationSaysWhatItLeavesOut(t *testing.T) {
	p, err := model.ReadJSON(bytes.NewReader(samples.SCRMNorthwind))
	if err != nil {
		t.Fatal(err)
	}
	val, byID := portfoliotest.ExcludedAlternatives(t, p)
	excluded := map[string]string{} // name -> name of the alternative that counts
	for id, alt := range byID {
		excluded[val.ByID(id).Name] = alt
	}
	_, sv := simulationView(t, p)
	runSim(sv, "300")
	if sv.result == nil {
		t.Fatalf("no result: %q", sv.summary.Text)
	}
	res := sv.result
	text := sv.summary.Text
	simulated := map[string]bool{}
	for _, s := range res.Initiatives {
		simulated[s.Name] = true
	}
	left := 0
	for _, in := range p.Initiatives {
		if in.Status != model.StatusOpen || simulated[in.Name] {
			continue
		}
		left++
		if !strings.Contains(text, " "+in.Name+" (") {
			t.Errorf("open initiative %q neither simulated nor named as left out:\n%s", in.Name, text)
		}
	}
	if left == 0 || left != len(res.LeftOut) {
		t.Fatalf("%d open initiatives not simulated, the engine lists %d", left, len(res.LeftOut))
	}
	if want := "Not simulated: " + format.Count(left, "open initiative", "open initiatives") + ", left out"; !strings.Contains(text, want) {
		t.Errorf("summary does not say %q:\n%s", want, text)
	}
	for name, alt := range excluded {
		if want := name + ` (excluded: the alternative "` + alt + `" counts instead)`; !strings.Contains(text, want) {
			t.Errorf("summary does not list %q:\n%s", want, text)
		}
	}

	// One option, simulated whole: nothing left out, nothing said.
	one := oneDeferOption("One option", 0.04, model.Initiative{ID: "a", Name: "At the money",
		S: model.Number(1e6), X: model.Number(1e6), Sigma: model.Number(0.3), Deadline: model.NewDate(2028, time.January, 1)})
	_, sv = simulationView(t, one)
	runSim(sv, "300")
	if sv.result == nil || len(sv.result.LeftOut) != 0 || strings.Contains(sv.summary.Text, "Not simulated") {
		t.Errorf("one option: left out %v, summary %q", sv.result, sv.summary.Text)
	}
}

// TestLeftOutText: singular and plural, each reason after its name.
func TestLeftOutText(t *testing.T) {
	for _, c := range []struct {
		left []portfolio.SimLeftOut
		want string
	}{
		{nil, ""},
		{[]portfolio.SimLeftOut{{ID: "b", Name: "B", Reason: `excluded: the alternative "A" counts instead`}},
			` Not simulated: 1 open initiative, left out as from the portfolio's value: B (excluded: the alternative "A" counts instead).`},
		{[]portfolio.SimLeftOut{{ID: "b", Name: "B", Reason: "r1"}, {ID: "c", Name: "C", Reason: "r2"}},
			` Not simulated: 2 open initiatives, left out as from the portfolio's value: B (r1); C (r2).`},
	} {
		if got := leftOutText(&portfolio.SimResult{LeftOut: c.left}); got != c.want {
			t.Errorf("%d left out: %q, want %q", len(c.left), got, c.want)
		}
	}
}
