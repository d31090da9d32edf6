package report

import (
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model/modeltest"
)

// TestMethodSaysWhatTheSimulationModels: the method appendix says that the
// simulation exercises early at the boundary, how it monitors it, and how
// it counts follow-ons (issue 19: it said nothing while the simulation did
// neither).
func TestMethodSaysWhatTheSimulationModels(t *testing.T) {
	pdf, _ := build(t, Input{Portfolio: modeltest.Sample(t)}, Options{})
	all := squash(pdfText(t, pdf))
	for _, want := range []string{"exercised when S first reaches its exercise boundary", "6 dates a year",
		"Brownian-bridge probability", "Staged and choose options are not exercised before the review",
		"contributes the compound option its gate opens", "the mean discounted to today is the portfolio value"} {
		if !strings.Contains(all, want) {
			t.Errorf("the method appendix lacks %q", want)
		}
	}
}
