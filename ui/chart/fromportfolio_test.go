package chart

import (
	"context"
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// TestLatticeForMatchesEngine checks the drawn tree's root against the
// engine's pricing entry point for the same steps (RealOption.Price, to
// 1e-12 relative) and against valuation.LeisenReimer (the lattice with its
// Greeks, a separate roll-back), for the four kinds with early exercise,
// and the leaves' exercise flags against their definition.
func TestLatticeForMatchesEngine(t *testing.T) {
	for _, c := range []struct {
		kind  valuation.Kind
		typ   valuation.OptionType
		scale float64
	}{{valuation.Defer, valuation.Call, 1}, {valuation.Expand, valuation.Call, 0.4}, {valuation.Abandon, valuation.Put, 1}, {valuation.Contract, valuation.Put, 0.3}} {
		for _, steps := range []int{3, 8, 13} {
			in := valuation.Inputs{S: 100, X: 95, T: 1.5, Sigma: 0.35, R: 0.05, Q: 0.07}
			o := valuation.RealOption{Kind: c.kind, Inputs: in, ExpandFactor: c.scale, ContractFactor: c.scale}
			if c.scale != 1 {
				o.X = 30
			}
			lin, err := LatticeFor(o, steps, "x", "")
			if err != nil {
				t.Fatal(err)
			}
			n := steps | 1
			if len(lin.Levels) != n+1 {
				t.Fatalf("%s %d steps: %d levels, want %d", c.kind, steps, len(lin.Levels), n+1)
			}
			got := lin.Levels[0][0].Value
			res, err := o.Price(steps, valuation.ValueAlone)
			if err != nil {
				t.Fatal(err)
			}
			if !scalar.EqualWithinRel(got, res.Value, 1e-12) {
				t.Errorf("%s %d steps: root %.15g, RealOption.Price %.15g", c.kind, steps, got, res.Value)
			}
			sin := o.Inputs
			sin.S *= c.scale
			lr, err := valuation.LeisenReimer(c.typ, valuation.American, sin, n)
			if err != nil {
				t.Fatal(err)
			}
			if !scalar.EqualWithinRel(got, lr.Value, 1e-12) {
				t.Errorf("%s %d steps: root %.15g, valuation.LeisenReimer %.15g", c.kind, steps, got, lr.Value)
			}
			for j, nd := range lin.Levels[n] {
				ex := math.Max(nd.S-o.X, 0)
				if c.typ == valuation.Put {
					ex = math.Max(o.X-nd.S, 0)
				}
				if math.Abs(nd.Value-ex) > 1e-12*o.X || nd.Exercise != (ex > 0) {
					t.Errorf("%s leaf %d: value %g exercise %v, want %g %v", c.kind, j, nd.Value, nd.Exercise, ex, ex > 0)
				}
			}
		}
	}
	if _, err := LatticeFor(valuation.RealOption{Kind: valuation.Defer, Inputs: valuation.Inputs{S: 1, X: 1, T: 1, Sigma: 0.2}}, MaxLatticeSteps+1, "", ""); err == nil {
		t.Errorf("%d steps: no error", MaxLatticeSteps+1)
	}
	if _, err := LatticeFor(valuation.RealOption{Kind: valuation.Choose, Inputs: valuation.Inputs{S: 1, X: 1, T: 1, Sigma: 0.2}, ExpandFactor: 0.1}, 5, "", ""); err == nil {
		t.Error("choose: drawn, want an error")
	}
}

// TestSimulatePortfolio checks the adapter against the engine's own
// simulation: the same seed gives the same samples, and the percentiles the
// chart marks (chart.Percentile on the sorted samples) agree with the
// engine's P5, P50 and P95 within the spacing of neighbouring samples.
func TestSimulatePortfolio(t *testing.T) {
	p, v := sample(t)
	const n = 4000
	sim, err := SimulatePortfolio(p, v, n, 42)
	if err != nil {
		t.Fatal(err)
	}
	res, err := portfolio.Simulate(context.Background(), p, portfolio.SimOptions{Paths: n, Seed: 42,
		Valuation: portfolio.Options{AsOf: v.AsOf, WithLinks: true}})
	if err != nil {
		t.Fatal(err)
	}
	if len(sim.Samples) != n || !slices.Equal(sim.Samples, res.Values) {
		t.Fatalf("the chart's %d samples are not the engine's %d values for the same seed", len(sim.Samples), len(res.Values))
	}
	sorted := slices.Clone(sim.Samples)
	slices.Sort(sorted)
	for _, c := range []struct{ pct, want float64 }{{5, res.P5}, {50, res.P50}, {95, res.P95}} {
		got := Percentile(sorted, c.pct)
		i := int(c.pct / 100 * float64(n-1))
		gap := sorted[min(i+2, n-1)] - sorted[max(i-1, 0)]
		if math.Abs(got-c.want) > gap {
			t.Errorf("P%g: chart %g, engine %g (neighbour spacing %g)", c.pct, got, c.want, gap)
		}
	}
	if _, err := SimulatePortfolio(p, v, 1, 1); err == nil {
		t.Error("1 simulation: no error")
	}
}

// TestSpaceFromValuation checks the adapter against the engine: one point
// per open valued initiative at its position, the drift arrow through the
// positions of whole valuations as of 3, 6 and 12 months later (up to the
// deadline), by hand for defer options (valuation.NPVq and
// CumulativeVolatility with t counted from the later date), the
// portfolio's settings.
func TestSpaceFromValuation(t *testing.T) {
	p, v := sample(t)
	pts, opt := SpaceFromValuation(p, v, true)
	if opt.ColorBy != ByTag || opt.Thresholds != p.Settings.Thresholds || !scalar.EqualWithinAbsOrRel(opt.Rate, math.Log1p(p.Settings.RiskFree), 0, 1e-15) {
		t.Errorf("options %+v do not carry the portfolio's settings", opt)
	}
	open := 0
	for _, r := range v.Initiatives {
		if r.Err == nil && r.Status == model.StatusOpen {
			open++
		}
	}
	if len(pts) != open {
		t.Fatalf("%d points for %d open initiatives", len(pts), open)
	}
	months := []int{3, 6, 12}
	later := make([]*portfolio.Valuation, len(months))
	for k, m := range months {
		var err error
		if later[k], err = portfolio.Evaluate(p, portfolio.Options{AsOf: v.AsOf.AddMonths(m), WithLinks: true}); err != nil {
			t.Fatal(err)
		}
	}
	full := 0
	for _, pt := range pts {
		r := v.ByID(pt.ID)
		if pt.NPVq != r.Position.NPVq || pt.CumVol != r.Position.CumVol || pt.Region != r.Position.Region {
			t.Errorf("%s: point %+v, position %+v", pt.Name, pt, r.Position)
		}
		var want []Point
		for k := range months {
			l := later[k].ByID(pt.ID)
			want = append(want, Point{l.Position.NPVq, l.Position.CumVol})
			if r.Kind == model.KindDefer {
				wq := valuation.NPVq(l.S, l.X, l.R, l.T)
				wv := valuation.CumulativeVolatility(l.Sigma, l.T)
				if !scalar.EqualWithinAbsOrRel(l.Position.NPVq, wq, 1e-12, 1e-12) || !scalar.EqualWithinAbsOrRel(l.Position.CumVol, wv, 1e-12, 1e-12) {
					t.Errorf("%s in %d months: (%g, %g), by hand (%g, %g)", pt.Name, months[k], l.Position.NPVq, l.Position.CumVol, wq, wv)
				}
			}
			if l.T == 0 {
				break
			}
		}
		if !slices.Equal(pt.Drift, want) {
			t.Errorf("%s: drift %v, the engine's positions then %v", pt.Name, pt.Drift, want)
		}
		if len(pt.Drift) == len(months) {
			full++
		}
	}
	if full == 0 {
		t.Error("no initiative drifts over all three horizons: the test checks nothing")
	}
	// Without drift: the same bubbles, no arrows.
	bare, bopt := SpaceFromValuationWith(p, v, SpaceFrom{ByTag: true})
	if len(bare) != len(pts) || bopt.ColorBy != ByTag {
		t.Fatalf("without drift: %d points, colour %v; want %d by tag", len(bare), bopt.ColorBy, len(pts))
	}
	for i := range bare {
		if len(bare[i].Drift) != 0 || bare[i].NPVq != pts[i].NPVq || bare[i].ID != pts[i].ID {
			t.Fatalf("without drift: %+v, want %+v without its drift", bare[i], pts[i])
		}
	}
}

// TestLayersFromValuation checks that the layer sums add up to the
// portfolio's totals: the option values of counted initiatives sum to
// Valuation.OptionValue.
func TestLayersFromValuation(t *testing.T) {
	p, v := sample(t)
	in := LayersFromValuation(p, v)
	sum := 0.0
	for _, r := range in.Rows {
		sum += r.OptionValue
	}
	if !scalar.EqualWithinAbsOrRel(sum, v.OptionValue, 1e-6, 1e-12) {
		t.Errorf("layers sum %g, portfolio option value %g", sum, v.OptionValue)
	}
}

// TestPercentileAndMoney checks the percentile convention on 1..100 (the
// empirical quantile: P5 = 5, P50 = 50, P95 = 95) and the compact money
// format by hand.
func TestPercentileAndMoney(t *testing.T) {
	s := make([]float64, 100)
	for i := range s {
		s[i] = float64(i + 1)
	}
	for _, c := range []struct{ p, want float64 }{{5, 5}, {50, 50}, {95, 95}} {
		if got := Percentile(s, c.p); got != c.want {
			t.Errorf("P%g = %g, want %g", c.p, got, c.want)
		}
	}
	for _, c := range []struct {
		v    float64
		unit string
		want string
	}{{0, "", "0"}, {950, "", "950"}, {12500, "EUR", "€12.5k"}, {12345, "EUR", "€12.3k"}, {950.5, "EUR", "€951"}, {3.2e6, "", "3.2M"}, {-5e5, "", "-500k"}, {1.1e9, "$", "$1.1B"}, {2e6, "", "2M"}, {0.25, "", "0.25"}} {
		if got := Money(c.v, c.unit); got != c.want {
			t.Errorf("Money(%g, %q) = %q, want %q", c.v, c.unit, got, c.want)
		}
	}
}

// TestTornadoForBaseIsTheEngines: the tornado's base is the engine's value
// of the initiative (Position.Value) to the bit, also where the engine
// prices on a lattice of its own step count (Options.Steps 51, whose value
// differs from RealOption.ValueOnly's), and its bars are valuation.Tornado's
// around that base; an initiative that could not be valued gives its error.
func TestTornadoForBaseIsTheEngines(t *testing.T) {
	p, v := sample(t)
	lat, err := portfolio.Evaluate(p, portfolio.Options{AsOf: v.AsOf, WithLinks: true, Steps: 51})
	if err != nil {
		t.Fatal(err)
	}
	differs := false
	for _, val := range []*portfolio.Valuation{v, lat} {
		for i := range val.Initiatives {
			r := &val.Initiatives[i]
			if r.Err != nil {
				if _, err := TornadoFor(r, r.Name, p.Currency); err == nil {
					t.Errorf("%s: %v, but a tornado", r.Name, r.Err)
				}
				continue
			}
			in, err := TornadoFor(r, r.Name, p.Currency)
			if err != nil {
				t.Fatalf("%s: %v", r.Name, err)
			}
			if in.Base != r.Position.Value {
				t.Errorf("%s: base %v, engine's value %v", r.Name, in.Base, r.Position.Value)
			}
			o, _ := r.Option()
			if vo, _, _ := o.ValueOnly(); vo != r.Position.Value {
				differs = true
			}
			sw, err := valuation.Tornado(o, r.Position.Value, 0.2, 0.02)
			if err != nil || len(sw) != len(in.Bars) {
				t.Fatalf("%s: %d bars, valuation.Tornado %d (%v)", r.Name, len(in.Bars), len(sw), err)
			}
			for j, s := range sw {
				if b := in.Bars[j]; b.Low != s.ValueLow || b.High != s.ValueHigh || b.Short != inputSymbols[s.Input] {
					t.Errorf("%s bar %d: %+v, valuation.Tornado %+v", r.Name, j, b, s)
				}
			}
		}
	}
	if !differs {
		t.Error("no initiative whose lattice value differs from ValueOnly: the test shows nothing")
	}
	if _, err := TornadoFor(nil, "", ""); err == nil {
		t.Error("nil result: no error")
	}
}
