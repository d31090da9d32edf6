package chart

import (
	"context"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// This file builds the charts' inputs from the portfolio engine's results.

// plotted reports whether an initiative's result belongs on the charts:
// open and valued.
func plotted(r *portfolio.InitiativeResult) bool {
	return r.Err == nil && r.Status == model.StatusOpen
}

// SpaceFromValuation returns the option space map of a valued portfolio:
// one point per open, valued initiative with a finite NPVq > 0, its drift
// (the engine's portfolio.DriftPlacesOf, DriftOf's places: where it will
// be in 3, 6 and 12 months if nothing is done, up to its deadline), its
// trail through the
// portfolio's snapshots, and the portfolio's thresholds, rate, tags and
// median volatility as the reference. byTag colours by tag.
func SpaceFromValuation(p *model.Portfolio, v *portfolio.Valuation, byTag bool) ([]SpacePoint, SpaceOptions) {
	return SpaceFromValuationWith(p, v, SpaceFrom{ByTag: byTag, Drift: true})
}

// SpaceFrom says what SpaceFromValuationWith builds.
type SpaceFrom struct {
	// ByTag colours the bubbles by tag instead of region.
	ByTag bool
	// Drift computes each bubble's drift (portfolio.DriftPlacesOf: NPVq
	// and sigma*sqrt(t) at each horizon, DriftOf's without pricing the
	// options again); without it SpacePoint.Drift is empty, for a map
	// drawn without drift arrows.
	Drift bool
}

// SpaceFromValuationWith is SpaceFromValuation with the choices of f.
func SpaceFromValuationWith(p *model.Portfolio, v *portfolio.Valuation, f SpaceFrom) ([]SpacePoint, SpaceOptions) {
	opt := SpaceOptions{ColorBy: ByRegion}
	if f.ByTag {
		opt.ColorBy = ByTag
	}
	if p == nil || v == nil {
		return nil, opt
	}
	opt.Thresholds = p.Settings.Thresholds
	opt.Rate = p.Settings.Discounting.ContinuousRate(p.Settings.RiskFree)
	opt.Tags = append([]string(nil), p.Tags...)
	snaps := sortedSnapshots(p)
	var drift map[string][]portfolio.DriftPlace
	if f.Drift {
		drift = portfolio.DriftPlacesOf(p, v)
	}
	var sigmas []float64
	var pts []SpacePoint
	for i := range v.Initiatives {
		r := &v.Initiatives[i]
		pos := r.Position
		if !plotted(r) || checkPoint(Point{pos.NPVq, pos.CumVol}) != nil {
			continue
		}
		sp := SpacePoint{ID: r.ID, Name: r.Name, Tag: r.Tag, NPVq: pos.NPVq, CumVol: pos.CumVol, X: pos.Cost, Region: pos.Region}
		sp.Drift = driftPoints(drift[r.ID])
		for _, s := range snaps {
			if n, ok := s.Numbers[r.ID]; ok && n.NPVq > 0 && !math.IsInf(n.NPVq, 0) && n.CumVol >= 0 {
				sp.Trail = append(sp.Trail, Point{n.NPVq, n.CumVol})
			}
		}
		if len(sp.Trail) > 0 {
			opt.ShowTrails = true
		}
		sigmas = append(sigmas, r.Sigma)
		pts = append(pts, sp)
	}
	if len(sigmas) > 0 {
		sort.Float64s(sigmas)
		if m := sigmas[len(sigmas)/2]; m > 0 {
			opt.RefSigma = m
		}
	}
	return pts, opt
}

// driftPoints returns the map's points of an initiative's drift: in
// order, up to the first at its deadline (later ones are the same), and
// only those the map can place.
func driftPoints(later []portfolio.DriftPlace) []Point {
	var out []Point
	for _, d := range later {
		q := Point{d.NPVq, d.CumVol}
		if checkPoint(q) != nil {
			break
		}
		out = append(out, q)
		if d.T == 0 {
			break
		}
	}
	return out
}

// sortedSnapshots returns p's snapshots by date taken.
func sortedSnapshots(p *model.Portfolio) []model.Snapshot {
	s := append([]model.Snapshot(nil), p.Snapshots...)
	sort.SliceStable(s, func(i, j int) bool { return s[i].Taken.Before(s[j].Taken.Time) })
	return s
}

// InvestWaitFromValuation returns the invest/wait rows of the open,
// valued initiatives: NPV and stand-alone option value from the engine's
// position, the region's action and the decision deadline.
func InvestWaitFromValuation(p *model.Portfolio, v *portfolio.Valuation) []InvestWaitRow {
	var rows []InvestWaitRow
	for i := range v.Initiatives {
		r := &v.Initiatives[i]
		if !plotted(r) {
			continue
		}
		dl := ""
		if in := p.Initiative(r.ID); in != nil {
			dl = in.Deadline.String()
		}
		rows = append(rows, InvestWaitRow{Name: r.Name, NPV: r.Position.NPV, OptionValue: r.Position.Value,
			Action: r.Position.Region.Action(), Deadline: dl, Region: r.Position.Region})
	}
	return rows
}

// LayersFromValuation returns the portfolio-by-layer input: per tag and
// region, the sum of the investment (the position's cost) and of the
// option values of the initiatives that count in the totals.
func LayersFromValuation(p *model.Portfolio, v *portfolio.Valuation) LayersInput {
	in := LayersInput{Tags: append([]string(nil), p.Tags...), Unit: p.Currency}
	type key struct {
		tag string
		g   valuation.Region
	}
	idx := map[key]int{}
	for i := range v.Initiatives {
		r := &v.Initiatives[i]
		if !r.Counts() {
			continue
		}
		k := key{r.Tag, r.Position.Region}
		j, ok := idx[k]
		if !ok {
			j = len(in.Rows)
			idx[k] = j
			in.Rows = append(in.Rows, LayerRow{Tag: r.Tag, Region: r.Position.Region})
		}
		in.Rows[j].Investment += r.Position.Cost
		in.Rows[j].OptionValue += r.Position.Value
	}
	return in
}

// OptionOf returns the pricing input the engine valued initiative id with.
func OptionOf(p *model.Portfolio, v *portfolio.Valuation, id string) (valuation.RealOption, error) {
	r := v.ByID(id)
	if r == nil || p.Initiative(id) == nil {
		return valuation.RealOption{}, fmt.Errorf("initiative %q: not in the portfolio", id)
	}
	if r.Err != nil {
		return valuation.RealOption{}, r.Err
	}
	o, ok := r.Option()
	if !ok {
		return valuation.RealOption{}, fmt.Errorf("initiative %q: its inputs could not be resolved", id)
	}
	return o, nil
}

// FindInitiative returns the ID of the initiative named name (or with that
// ID).
func FindInitiative(p *model.Portfolio, name string) (string, error) {
	if in := p.InitiativeByName(name); in != nil {
		return in.ID, nil
	}
	if in := p.Initiative(name); in != nil {
		return in.ID, nil
	}
	return "", fmt.Errorf("initiative %q: no initiative has this name or ID", name)
}

// inputNames are the tornado's input labels.
var inputNames = map[string]string{"S": "value S", "X": "investment X", "t": "time t (years)", "sigma": "volatility σ", "r": "rate r", "q": "leakage q"}

// inputSymbols are the tornado's short input names, for small charts.
var inputSymbols = map[string]string{"S": "S", "X": "X", "t": "t", "sigma": "σ", "r": "r", "q": "q"}

// TornadoFor returns the sensitivity of the value of r, an initiative the
// engine valued: S, X, t and sigma -/+20%, r and q -/+2 points
// (valuation.Tornado of the option r was valued with). Its Base is the
// engine's value, r.Position.Value, to the bit: it is not valued again.
func TornadoFor(r *portfolio.InitiativeResult, name, unit string) (TornadoInput, error) {
	if r == nil {
		return TornadoInput{}, fmt.Errorf("tornado: no initiative")
	}
	if r.Err != nil {
		return TornadoInput{}, r.Err
	}
	o, ok := r.Option()
	if !ok {
		return TornadoInput{}, fmt.Errorf("initiative %q: its inputs could not be resolved", r.ID)
	}
	sw, err := valuation.Tornado(o, r.Position.Value, 0.2, 0.02)
	if err != nil {
		return TornadoInput{}, err
	}
	in := TornadoInput{Title: "Sensitivity: " + name, Unit: unit, Base: r.Position.Value}
	for _, s := range sw {
		lbl := inputNames[s.Input]
		if lbl == "" {
			lbl = s.Input
		}
		in.Bars = append(in.Bars, TornadoBar{Input: lbl, Short: inputSymbols[s.Input], Low: s.ValueLow, High: s.ValueHigh,
			LowLabel: s.Input + " " + inputValue(s.Input, s.Low), HighLabel: s.Input + " " + inputValue(s.Input, s.High)})
	}
	return in, nil
}

func inputValue(name string, v float64) string {
	switch name {
	case "sigma", "r", "q":
		return fmt.Sprintf("%.1f%%", 100*v)
	case "t":
		return fmt.Sprintf("%.2f", v)
	}
	return Money(v, "")
}

// PayoffFor returns the payoff chart input of o: the option value today and
// at the deadline (t = 0) for S from 0 to 2.5 X (wider to show today's S,
// and the trigger when it is below 4 X), the value of investing now S - X for call-like kinds
// (X - S for abandon), X and the trigger. Each curve is one
// valuation.RealOption.Curve over the 61 spots (one lattice pass for a
// choose option instead of 61 valuations).
func PayoffFor(o valuation.RealOption, trigger float64, name, unit string) (PayoffInput, error) {
	return PayoffForCurve(o, nil, trigger, name, unit)
}

// PayoffForCurve is PayoffFor with today's curve from pc
// (valuation.RealOption.CurveWith: a choose option's lattices kept by
// the valuation, portfolio.InitiativeResult.PayoffCurve, when it covers
// the chart's spots; nil: PayoffFor's own).
func PayoffForCurve(o valuation.RealOption, pc *valuation.PayoffCurve, trigger float64, name, unit string) (PayoffInput, error) {
	hi := payoffBase(o)
	if finite(trigger) && trigger > 0 {
		hi = math.Max(hi, math.Min(1.2*trigger, 4*o.X))
	}
	in := PayoffInput{Title: "Payoff: " + name, Unit: unit, X: o.X, Trigger: trigger, S: o.S}
	const n = 60
	spots := make([]float64, n+1)
	for i := range spots {
		spots[i] = hi * float64(i) / n
	}
	end := o
	end.T = 0
	if end.Kind == valuation.Staged {
		end.StageT = 0
	}
	today, err := o.CurveWith(pc, spots)
	if err != nil {
		return PayoffInput{}, err
	}
	atEnd, err := end.Curve(spots)
	if err != nil {
		return PayoffInput{}, err
	}
	for i, s := range spots {
		in.Today = append(in.Today, XY{s, today[i]})
		in.AtDeadline = append(in.AtDeadline, XY{s, atEnd[i]})
		switch o.Kind {
		case valuation.Defer, valuation.Staged:
			in.NPV = append(in.NPV, XY{s, s - o.X})
		case valuation.Abandon:
			in.NPV = append(in.NPV, XY{s, o.X - s})
		}
	}
	return in, nil
}

// payoffBase is the payoff chart's right end before the trigger widens
// it: 2.5 X, or 1.3 S where that is more.
func payoffBase(o valuation.RealOption) float64 {
	return math.Max(2.5*math.Max(o.X, 1e-9), 1.3*o.S)
}

// PayoffRange returns the smallest and largest positive spot
// PayoffFor's chart of o can have, whatever the trigger (its spots are
// the 60ths of its right end, which the trigger moves between
// payoffBase and 4 X), with a margin of 1e-9 for the rounding of the
// spots: the range a valuation keeps payoff curves for
// (portfolio.Options.PayoffRange).
func PayoffRange(o valuation.RealOption) (lo, hi float64) {
	base := payoffBase(o)
	return base / 60 * (1 - 1e-9), math.Max(base, 4*o.X) * (1 + 1e-9)
}

// LatticeFor returns the lattice the engine prices o on with steps steps
// (valuation.RealOption.Tree: American Leisen-Reimer, the parameterisation
// of RealOption.Price; an even count is raised to the next odd one; at most
// MaxLatticeSteps) for display: defer and expand are calls on S (e*S for
// expand) at X, abandon and contract puts on S (c*S) at X. Other kinds are
// not drawn.
func LatticeFor(o valuation.RealOption, steps int, name, unit string) (LatticeInput, error) {
	if steps < 1 || steps > MaxLatticeSteps {
		return LatticeInput{}, fmt.Errorf("lattice steps %d: want 1 to %d", steps, MaxLatticeSteps)
	}
	tr, err := o.Tree(steps)
	if err != nil {
		return LatticeInput{}, err
	}
	lv := make([][]LatticeNode, len(tr.Levels))
	for i, l := range tr.Levels {
		lv[i] = make([]LatticeNode, len(l))
		for j, nd := range l {
			lv[i][j] = LatticeNode{S: nd.S, Value: nd.Value, Exercise: nd.Exercise}
		}
	}
	return LatticeInput{Title: fmt.Sprintf("Binomial lattice, %s: %s", tr.Method, name), Unit: unit, Dt: tr.Dt, Levels: lv}, nil
}

// HistoryFor returns an initiative's option value and NPV over the
// portfolio's snapshots and today, with NPVq and sigma*sqrt(t) as notes.
func HistoryFor(p *model.Portfolio, v *portfolio.Valuation, id string) (HistoryInput, error) {
	r := v.ByID(id)
	if r == nil {
		return HistoryInput{}, fmt.Errorf("initiative %q: not in the portfolio", id)
	}
	in := HistoryInput{Title: "History: " + r.Name, Unit: p.Currency}
	val := HistorySeries{Name: "option value"}
	npv := HistorySeries{Name: "NPV = S − X"}
	add := func(d time.Time, value, n, q, cv float64) {
		if len(in.Dates) > 0 && !d.After(in.Dates[len(in.Dates)-1]) {
			return
		}
		in.Dates = append(in.Dates, d)
		val.Values = append(val.Values, value)
		npv.Values = append(npv.Values, n)
		in.Notes = append(in.Notes, fmt.Sprintf("NPVq %.2f · σ√t %.2f", q, cv))
	}
	for _, s := range sortedSnapshots(p) {
		if n, ok := s.Numbers[id]; ok {
			add(s.AsOf.Time, n.Value, n.NPV, n.NPVq, n.CumVol)
		}
	}
	if plotted(r) {
		add(v.AsOf.Time, r.Position.Value, r.Position.NPV, r.Position.NPVq, r.Position.CumVol)
	}
	if len(in.Dates) == 0 {
		return HistoryInput{}, fmt.Errorf("initiative %q: no snapshots and no current valuation", r.Name)
	}
	in.Series = []HistorySeries{val, npv}
	return in, nil
}

// PortfolioHistory returns the portfolio's option value and static NPV at
// each snapshot and today: sums of the stand-alone values and of S - X
// over the open initiatives (snapshots keep no link adjustments, so
// today's point is computed the same way, not from the linked totals).
func PortfolioHistory(p *model.Portfolio, v *portfolio.Valuation) HistoryInput {
	in := HistoryInput{Title: "Portfolio value over time (open initiatives, stand-alone)", Unit: p.Currency}
	val := HistorySeries{Name: "option value"}
	npv := HistorySeries{Name: "static NPV (invest in all now)"}
	for _, s := range sortedSnapshots(p) {
		if len(in.Dates) > 0 && !s.AsOf.After(in.Dates[len(in.Dates)-1]) {
			continue
		}
		var a, b float64
		for _, ini := range s.Initiatives {
			if n, ok := s.Numbers[ini.ID]; ok && ini.Status == model.StatusOpen {
				a += n.Value
				b += n.NPV
			}
		}
		in.Dates = append(in.Dates, s.AsOf.Time)
		val.Values = append(val.Values, a)
		npv.Values = append(npv.Values, b)
	}
	if len(in.Dates) == 0 || v.AsOf.After(in.Dates[len(in.Dates)-1]) {
		var a, b float64
		for i := range v.Initiatives {
			if r := &v.Initiatives[i]; plotted(r) {
				a += r.Position.Value
				b += r.Position.NPV
			}
		}
		in.Dates = append(in.Dates, v.AsOf.Time)
		val.Values = append(val.Values, a)
		npv.Values = append(npv.Values, b)
	}
	in.Series = []HistorySeries{val, npv}
	return in
}

// SimulatePortfolio runs the engine's Monte Carlo simulation
// (portfolio.Simulate: correlated underlyings, one year ahead) with n paths
// and the given seed, and returns its histogram input with the percentiles
// 5, 50 and 95 marked.
func SimulatePortfolio(p *model.Portfolio, v *portfolio.Valuation, n int, seed uint64) (SimulationInput, error) {
	if n < 2 || n > 10_000_000 {
		return SimulationInput{}, fmt.Errorf("simulations %d: want 2 to 10000000", n)
	}
	res, err := portfolio.Simulate(context.Background(), p, portfolio.SimOptions{Paths: n, Seed: seed,
		Valuation: portfolio.Options{AsOf: v.AsOf, WithLinks: true}})
	if err != nil {
		return SimulationInput{}, err
	}
	return SimulationInput{
		Title: fmt.Sprintf("Portfolio value at the next review (%.3g years ahead, %d paths, correlated)", res.Horizon, res.Paths),
		Unit:  p.Currency, Samples: res.Values, Percentiles: []float64{5, 50, 95}}, nil
}
