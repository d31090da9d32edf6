package report

import (
	"testing"

	"github.com/optionspace/optionspace/model"
)

// The initiative table says for each S and σ whether it was typed, is a
// formula or was estimated, and when.
func TestInitiativesCSVSaysWhereSAndSigmaComeFrom(t *testing.T) {
	p := closedFormPortfolio()
	p.Initiatives[1].S = model.Formula("100 + 0")
	p.Initiatives[2].UseEstimate(model.Provenance{Method: model.EstimateCashFlows, Date: model.NewDate(2026, 3, 4), Paths: 2000, Seed: 1, S: 123, Sigma: 0.27})
	out, _ := initiativesCSV(t, p)
	rows := readCSV(t, out)
	want := [][2]string{{"typed", "typed"}, {"formula", "typed"}, {"estimated 2026-03-04", "estimated 2026-03-04"}}
	for i, w := range want {
		if rows[i]["S_origin"] != w[0] || rows[i]["sigma_origin"] != w[1] {
			t.Errorf("row %d: S %q, σ %q; want %q, %q", i, rows[i]["S_origin"], rows[i]["sigma_origin"], w[0], w[1])
		}
	}
}
