package chart

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"gonum.org/v1/plot"

	"github.com/optionspace/optionspace/valuation"
)

// chartSet collects a test's charts by name.
type chartSet struct {
	t   testing.TB
	out map[string]*plot.Plot
}

func newChartSet(t testing.TB) chartSet { return chartSet{t, map[string]*plot.Plot{}} }

// add returns the function that keeps a chart as name, failing the test
// when it could not be made: cs.add("space")(Space(pts, opt, st)).
func (cs chartSet) add(name string) func(*plot.Plot, error) {
	return func(p *plot.Plot, err error) {
		cs.t.Helper()
		if err != nil {
			cs.t.Fatalf("%s: %v", name, err)
		}
		cs.out[name] = p
	}
}

// goldenCharts returns one chart of each kind from fixed data written
// here (not the sample portfolio, which others may edit), so the goldens
// change only when the drawing does.
func goldenCharts(t testing.TB, st Style) map[string]*plot.Plot {
	t.Helper()
	cs := newChartSet(t)
	pts := scrmPoints(t)
	cs.add("space")(Space(pts, SpaceOptions{Rate: testRate, ShowDrift: true}, st))
	cs.add("space-trails")(Space(pts, SpaceOptions{Rate: testRate, ShowTrails: true, ColorBy: ByTag, Tags: []string{"community", "analytics", "action", "integration"}}, st))

	cs.add("invest-wait")(InvestWait([]InvestWaitRow{
		{"Customer community rollout", -300, 1000, "wait and garden", "2029-04-01", valuation.RegionProbablyLater},
		{"Route social posts to the contact center", 900, 905, "invest", "2027-04-01", valuation.RegionInvestNow},
		{"Enterprise social listening suite", 500, 820, "invest early only if leakage outweighs waiting", "2028-10-01", valuation.RegionMaybeNow},
		{"Text mining of service tickets", -250, 390, "wait and garden", "2029-10-01", valuation.RegionMaybeLater},
		{"Lightweight listening tool", -200, 50, "watch", "2028-04-01", valuation.RegionProbablyNever},
		{"Branded social network built in-house", -900, 2, "drop", "2027-10-01", valuation.RegionNever},
	}, InvestWaitOptions{Unit: "EUR"}, st))

	cs.add("tornado")(Tornado(TornadoInput{Title: "Sensitivity: community rollout", Unit: "EUR", Base: 1000, Bars: []TornadoBar{
		{"investment X", 1300, 770, "X 3.4M", "X 5.2M", ""},
		{"value S", 580, 1500, "S 3.2M", "S 4.8M", ""},
		{"volatility σ", 800, 1200, "σ 36%", "σ 54%", ""},
		{"rate r", 945, 1060, "r 1.9%", "r 5.9%", ""},
		{"leakage q", 1000, 1000, "q 0%", "q 0%", ""},
	}}, st))

	// Payoff of a call S ~ 100, X 100, t 2, sigma 0.4, r 4% from
	// valuation.BlackScholes.
	in := valuation.Inputs{S: 100, X: 100, T: 2, Sigma: 0.4, R: testRate}
	var today, end, npv []XY
	for s := 0.0; s <= 250; s += 5 {
		x := in
		x.S = s
		c, err := valuation.BlackScholes(valuation.Call, x)
		if err != nil {
			t.Fatal(err)
		}
		today = append(today, XY{s, c})
		end = append(end, XY{s, math.Max(s-100, 0)})
		npv = append(npv, XY{s, s - 100})
	}
	cs.add("payoff")(Payoff(PayoffInput{Title: "Payoff: call S 100, X 100, t 2", X: 100, Trigger: 180, S: 90, Today: today, AtDeadline: end, NPV: npv}, st))

	lin, err := LatticeFor(valuation.RealOption{Kind: valuation.Defer, Inputs: valuation.Inputs{S: 100, X: 100, T: 2, Sigma: 0.4, R: testRate, Q: 0.08}}, 5, "call with leakage", "")
	if err != nil {
		t.Fatal(err)
	}
	cs.add("lattice")(Lattice(lin, st))

	day := func(y int, m time.Month) time.Time { return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC) }
	cs.add("history")(History(HistoryInput{Title: "History: community rollout", Unit: "EUR",
		Dates:  []time.Time{day(2025, 10), day(2026, 1), day(2026, 4), day(2026, 7), day(2026, 10)},
		Series: []HistorySeries{{"option value", []float64{700, 760, 850, 930, 1000}}, {"NPV = S − X", []float64{-600, -520, -450, -380, -300}}},
		Notes:  []string{"NPVq 0.80 · σ√t 0.84", "NPVq 0.85 · σ√t 0.81", "NPVq 0.91 · σ√t 0.78", "NPVq 0.97 · σ√t 0.75", "NPVq 1.02 · σ√t 0.71"},
	}, st))

	rng := rand.New(rand.NewPCG(11, 13))
	samples := make([]float64, 5000)
	for i := range samples {
		samples[i] = 4000 * math.Exp(0.5*rng.NormFloat64()-0.125)
	}
	cs.add("simulation")(Simulation(SimulationInput{Unit: "EUR", Samples: samples, Percentiles: []float64{5, 50, 95}}, st))

	cs.add("layers")(Layers(LayersInput{Unit: "EUR", Tags: []string{"community", "analytics", "action", "integration"}, Rows: []LayerRow{
		{"community", valuation.RegionInvestNow, 400, 280}, {"community", valuation.RegionProbablyLater, 4300, 1000}, {"community", valuation.RegionNever, 1500, 2},
		{"analytics", valuation.RegionMaybeNow, 2600, 820}, {"analytics", valuation.RegionMaybeLater, 1400, 390}, {"analytics", valuation.RegionProbablyNever, 1500, 80},
		{"action", valuation.RegionInvestNow, 1500, 905}, {"action", valuation.RegionMaybeNow, 1200, 880}, {"action", valuation.RegionMaybeLater, 2000, 520},
		{"integration", valuation.RegionProbablyLater, 1400, 230}, {"integration", valuation.RegionProbablyNever, 1700, 40},
	}}, st))
	return cs.out
}
