package chart

import (
	"flag"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/plot"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

var previewDir = flag.String("preview", "", "write every chart as PNG (and the map as SVG and PDF) into this directory")

// sample returns the SCRM sample portfolio and its valuation.
func sample(t testing.TB) (*model.Portfolio, *portfolio.Valuation) {
	t.Helper()
	p := modeltest.Sample(t)
	v, err := portfolio.Evaluate(p, portfolio.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Problems) > 0 {
		t.Fatalf("sample problems: %v", v.Problems)
	}
	return p, v
}

// sampleWithSnapshots returns the sample with four quarterly snapshots:
// the same portfolio valued 12, 9, 6 and 3 months before its as-of date
// with S scaled by 0.8, 0.85, 0.9 and 0.95 (numeric S only), so
// the history charts and the map's trails have data.
func sampleWithSnapshots(t testing.TB) (*model.Portfolio, *portfolio.Valuation) {
	t.Helper()
	p, v := sample(t)
	for k, months := range []int{-12, -9, -6, -3} {
		q := *p
		q.Initiatives = append([]model.Initiative(nil), p.Initiatives...)
		f := 0.8 + 0.05*float64(k)
		for i := range q.Initiatives {
			if !q.Initiatives[i].S.IsFormula() {
				q.Initiatives[i].S.Value *= f
			}
		}
		asOf := p.AsOf.AddMonths(months)
		sv, err := portfolio.Evaluate(&q, portfolio.Options{AsOf: asOf, Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		snap := model.Snapshot{ID: fmt.Sprintf("s%d", k), Label: asOf.String(), Taken: asOf, AsOf: asOf, Settings: p.Settings,
			Initiatives: q.Initiatives, Numbers: map[string]model.Numbers{}}
		for _, r := range sv.Initiatives {
			if r.Err != nil {
				continue
			}
			snap.Numbers[r.ID] = model.Numbers{S: r.S, X: r.X, T: r.T, Sigma: r.Sigma, Value: r.Position.Value, NPV: r.Position.NPV,
				NPVq: r.Position.NPVq, CumVol: r.Position.CumVol, Region: int(r.Position.Region)}
		}
		p.Snapshots = append(p.Snapshots, snap)
	}
	return p, v
}

// sampleCharts returns one chart of each kind from the sample portfolio.
func sampleCharts(t testing.TB, st Style) map[string]*plot.Plot {
	t.Helper()
	p, v := sampleWithSnapshots(t)
	cs := newChartSet(t)
	pts, opt := SpaceFromValuation(p, v, false)
	opt.ShowDrift = true
	opt.ShowTrails = false
	cs.add("space")(Space(pts, opt, st))
	opt.ShowDrift, opt.ShowTrails, opt.ColorBy = false, true, ByTag
	cs.add("space-trails")(Space(pts, opt, st))
	cs.add("invest-wait")(InvestWait(InvestWaitFromValuation(p, v), InvestWaitOptions{Unit: p.Currency}, st))
	id, err := FindInitiative(p, "Customer community rollout")
	if err != nil {
		t.Fatal(err)
	}
	o, err := OptionOf(p, v, id)
	if err != nil {
		t.Fatal(err)
	}
	r := v.ByID(id)
	name := r.Name
	tin, err := TornadoFor(r, name, p.Currency)
	if err != nil {
		t.Fatal(err)
	}
	cs.add("tornado")(Tornado(tin, st))
	pin, err := PayoffFor(o, r.Trigger(), name, p.Currency)
	if err != nil {
		t.Fatal(err)
	}
	cs.add("payoff")(Payoff(pin, st))
	lin, err := LatticeFor(o, 6, name, p.Currency)
	if err != nil {
		t.Fatal(err)
	}
	cs.add("lattice")(Lattice(lin, st))
	cs.add("history")(History(PortfolioHistory(p, v), st))
	hin, err := HistoryFor(p, v, id)
	if err != nil {
		t.Fatal(err)
	}
	cs.add("history-initiative")(History(hin, st))
	sin, err := SimulatePortfolio(p, v, 20000, 1)
	if err != nil {
		t.Fatal(err)
	}
	cs.add("simulation")(Simulation(sin, st))
	cs.add("layers")(Layers(LayersFromValuation(p, v), st))
	return cs.out
}

func TestPreview(t *testing.T) {
	if *previewDir == "" {
		t.Skip("no -preview")
	}
	for name, pl := range sampleCharts(t, LightStyle()) {
		if err := Save(pl, filepath.Join(*previewDir, "chart-"+name+".png"), 1200, 800); err != nil {
			t.Fatal(err)
		}
		if name == "space" || name == "invest-wait" {
			for _, ext := range []string{"svg", "pdf"} {
				if err := Save(pl, filepath.Join(*previewDir, "chart-"+name+"."+ext), 1200, 800); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	big, _, _ := enginePoints(t, 60, 1)
	pl, err := Space(big, SpaceOptions{Rate: testRate, ColorBy: ByTag, Tags: []string{"community", "analytics", "action", "integration"}}, DarkStyle())
	if err != nil {
		t.Fatal(err)
	}
	if err := Save(pl, filepath.Join(*previewDir, "space60-dark.png"), 1200, 800); err != nil {
		t.Fatal(err)
	}
}

// TestPreviewSizes writes every chart at the app's inspector size
// (330x200), views pane size (640x500) and a report size (1200x800), in
// the dark style the app's screenshots use, for checking by eye.
func TestPreviewSizes(t *testing.T) {
	if *previewDir == "" {
		t.Skip("no -preview")
	}
	for name, pl := range sampleCharts(t, DarkStyle()) {
		for _, sz := range [][2]int{{330, 200}, {640, 500}, {1200, 800}} {
			img, err := Render(pl, sz[0], sz[1], 96)
			if err != nil {
				t.Fatal(err)
			}
			f, err := os.Create(filepath.Join(*previewDir, fmt.Sprintf("%s-%dx%d.png", name, sz[0], sz[1])))
			if err != nil {
				t.Fatal(err)
			}
			if err := png.Encode(f, img); err != nil {
				t.Fatal(err)
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
		}
	}
}
