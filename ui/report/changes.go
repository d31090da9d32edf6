package report

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/ui/chart"
	"github.com/optionspace/optionspace/valuation"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// Contribution is the part of an initiative's change in value due to one
// input.
type Contribution struct {
	// Input is "S", "X", "sigma", "t", "r", "q" or "other" (the kind and
	// its parameters).
	Input string
	// From and To are the input's values at the snapshot and now (unused
	// for "other").
	From, To float64
	// Delta is the change in option value this input accounts for.
	Delta float64
}

// Move is how one initiative moved since a snapshot.
type Move struct {
	ID, Name string
	// Before and After are the stand-alone option values at the snapshot
	// and now; Delta = After - Before.
	Before, After, Delta float64
	// RegionBefore and RegionAfter are the regions (0 when not valued).
	RegionBefore, RegionAfter valuation.Region
	// Added and Removed mark initiatives that exist only now or only at
	// the snapshot.
	Added, Removed bool
	// Contributions split Delta by input (they sum to Delta); only inputs
	// that changed are listed, largest effect first.
	Contributions []Contribution
}

// DriverChange is a driver whose value changed since the snapshot.
type DriverChange struct {
	Name          string
	Before, After float64
}

// Changes is what moved since a snapshot.
type Changes struct {
	Snapshot model.Snapshot
	// TotalBefore and TotalAfter are the portfolio's values with options
	// (portfolio.Valuation.Total) at the snapshot and now.
	TotalBefore, TotalAfter float64
	// Moves lists every initiative, largest absolute change first.
	Moves   []Move
	Drivers []DriverChange
}

// WhatMoved values the portfolio as it was in snapshot s (its inputs at
// its as-of date) and compares each initiative with now (v, the valuation
// of p).
//
// Each change in value is split by input with sequential substitution:
// starting from the snapshot's pricing inputs, S, X, sigma, t, r and q are
// set to today's values one at a time, in that order, and each step's
// change in value is that input's contribution; what remains (a change of
// kind or of its parameters) is "other". The contributions add up to the
// whole change exactly; the order matters only when several inputs moved.
func WhatMoved(p *model.Portfolio, v *portfolio.Valuation, s *model.Snapshot) (*Changes, error) {
	if p == nil || v == nil || s == nil {
		panic("report: WhatMoved with a nil portfolio, valuation or snapshot")
	}
	old := portfolio.SnapshotPortfolio(p, s)
	ov, err := portfolio.Evaluate(old, portfolio.Options{WithLinks: true})
	if err != nil {
		return nil, fmt.Errorf("snapshot %q: %w", s.Label, err)
	}
	ch := &Changes{Snapshot: *s, TotalBefore: ov.Total, TotalAfter: v.Total}
	seen := map[string]bool{}
	for i := range v.Initiatives {
		r := &v.Initiatives[i]
		seen[r.ID] = true
		m := Move{ID: r.ID, Name: r.Name, After: r.Position.Value, RegionAfter: regionOf(r)}
		o := ov.ByID(r.ID)
		if o == nil {
			m.Added = true
			m.Delta = m.After
			ch.Moves = append(ch.Moves, m)
			continue
		}
		m.Before, m.RegionBefore = o.Position.Value, regionOf(o)
		m.Delta = m.After - m.Before
		if o.Err == nil && r.Err == nil {
			from, err1 := chart.OptionOf(old, ov, r.ID)
			to, err2 := chart.OptionOf(p, v, r.ID)
			if err1 == nil && err2 == nil {
				m.Contributions = attribute(from, to, m.Before, m.After)
			}
		}
		ch.Moves = append(ch.Moves, m)
	}
	for i := range ov.Initiatives {
		o := &ov.Initiatives[i]
		if seen[o.ID] {
			continue
		}
		ch.Moves = append(ch.Moves, Move{ID: o.ID, Name: o.Name, Before: o.Position.Value, Delta: -o.Position.Value, RegionBefore: regionOf(o), Removed: true})
	}
	sort.SliceStable(ch.Moves, func(i, j int) bool { return math.Abs(ch.Moves[i].Delta) > math.Abs(ch.Moves[j].Delta) })
	for _, d := range p.Drivers {
		for _, od := range s.Drivers {
			if od.Name == d.Name && od.Value != d.Value {
				ch.Drivers = append(ch.Drivers, DriverChange{Name: d.Name, Before: od.Value, After: d.Value})
			}
		}
	}
	return ch, nil
}

// regionOf returns r's region, 0 when it was not valued or is not open.
func regionOf(r *portfolio.InitiativeResult) valuation.Region {
	if r.Err != nil || r.Status != model.StatusOpen {
		return 0
	}
	return r.Position.Region
}

// attribute splits after - before into the contributions of the inputs
// that differ between from and to (see WhatMoved).
func attribute(from, to valuation.RealOption, before, after float64) []Contribution {
	type step struct {
		name string
		get  func(*valuation.RealOption) float64
		set  func(x, src *valuation.RealOption)
	}
	steps := []step{
		{"S", func(o *valuation.RealOption) float64 { return o.S }, func(x, s *valuation.RealOption) { x.S = s.S }},
		{"X", func(o *valuation.RealOption) float64 { return o.X }, func(x, s *valuation.RealOption) { x.X = s.X }},
		{"sigma", func(o *valuation.RealOption) float64 { return o.Sigma }, func(x, s *valuation.RealOption) { x.Sigma = s.Sigma }},
		{"t", func(o *valuation.RealOption) float64 { return o.T }, func(x, s *valuation.RealOption) { x.T, x.StageT = s.T, s.StageT }},
		{"r", func(o *valuation.RealOption) float64 { return o.R }, func(x, s *valuation.RealOption) { x.R = s.R }},
		{"q", func(o *valuation.RealOption) float64 { return o.Q }, func(x, s *valuation.RealOption) { x.Q = s.Q }},
	}
	var out []Contribution
	cur, prev := from, before
	for _, st := range steps {
		a, b := st.get(&from), st.get(&to)
		if a == b && (st.name != "t" || from.StageT == to.StageT) {
			continue
		}
		st.set(&cur, &to)
		val, _, err := cur.ValueOnly()
		if err != nil {
			// An intermediate mix of inputs that cannot be priced: leave
			// the rest of the change to "other".
			break
		}
		out = append(out, Contribution{Input: st.name, From: a, To: b, Delta: val - prev})
		prev = val
	}
	if rest := after - prev; math.Abs(rest) > 1e-9*math.Max(1, math.Abs(after)) {
		out = append(out, Contribution{Input: "other", Delta: rest})
	}
	sort.SliceStable(out, func(i, j int) bool { return math.Abs(out[i].Delta) > math.Abs(out[j].Delta) })
	return out
}

// why describes a move's contributions in words: "S 700k → 820k
// (+€95.2k); t 0.5 → 0.25 (-€12k)".
func (m Move) why(cur string) string {
	switch {
	case m.Added:
		return "new since the snapshot"
	case m.Removed:
		return "removed since the snapshot"
	case len(m.Contributions) == 0:
		if m.Delta == 0 {
			return "unchanged"
		}
		return "not valued at one of the two dates"
	}
	parts := make([]string, 0, len(m.Contributions))
	for _, c := range m.Contributions {
		d := signedMoney(c.Delta, cur)
		if c.Input == "other" {
			parts = append(parts, "kind or terms ("+d+")")
			continue
		}
		parts = append(parts, fmt.Sprintf("%s %s → %s (%s)", inputLabel(c.Input), inputValue(c.Input, c.From, cur), inputValue(c.Input, c.To, cur), d))
	}
	return strings.Join(parts, "; ")
}

// signedMoney is formatMoneyShort with an explicit plus sign.
func signedMoney(v float64, cur string) string {
	s := formatMoneyShort(v, cur)
	if v > 0 && s != formatMoneyShort(0, cur) {
		return "+" + s
	}
	return s
}

func inputLabel(name string) string {
	if name == "sigma" {
		return "σ"
	}
	return name
}

// inputValue formats an input's value for the text of a move.

// inputValue formats an input's value for the text of a move.
func inputValue(name string, v float64, cur string) string {
	switch name {
	case "sigma", "r", "q":
		return formatPercent(v, 1)
	case "t":
		return formatFloat(v, 2) + " y"
	}
	return formatMoneyShort(v, cur)
}
