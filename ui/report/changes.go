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

// Move is how one initiative moved since a snapshot: one row of the
// engine's Impact (portfolio.Compare of the snapshot's valuation with
// today's), with its change explained.
type Move struct {
	ID, Name string
	// Before and After are what the initiative added to the portfolio's
	// value at the snapshot and now (portfolio.Snapshot.Contribution: its
	// value with follow-ons when it counts on its own, 0 when it is
	// counted inside another's follow-on value, excluded, closed or not
	// valued); Delta = After - Before is portfolio.Move.Change, and the
	// Deltas of the Moves add up to TotalAfter - TotalBefore.
	Before, After, Delta float64
	// StandAloneBefore and StandAloneAfter are the initiative's own option
	// values (without follow-ons) at the snapshot and now.
	StandAloneBefore, StandAloneAfter float64
	// CountedBefore and CountedAfter say whether it counted on its own.
	CountedBefore, CountedAfter bool
	// CountedIn is the ID of the initiative whose value with follow-ons
	// includes this one now (at the snapshot, for a removed one), "" when
	// none does (portfolio.Move.CountedIn); CountedInName is its name.
	CountedIn, CountedInName string
	// FollowOns names the moves counted inside this one now, whose value
	// reaches the total through this Delta.
	FollowOns []string
	// RegionBefore and RegionAfter are the regions (0 when not valued).
	RegionBefore, RegionAfter valuation.Region
	// Added and Removed mark initiatives that exist only now or only at
	// the snapshot.
	Added, Removed bool
	// Contributions split Delta (they sum to Delta) when the initiative
	// counted on its own at both dates: the change of its own value by
	// input, and "follow-ons" for the change of the follow-on value
	// counted with it. When it started or stopped counting on its own the
	// whole Delta is "counting". Only non-zero parts are listed, largest
	// effect first; none for an added or removed initiative, or one that
	// counted on its own at neither date (Delta 0).
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
	// Moves are the moves of the engine's Impact, in its order (largest
	// change first): the initiatives whose numbers changed.
	Moves   []Move
	Drivers []DriverChange
}

// WhatMoved values the portfolio as it was in snapshot s (its inputs at
// its as-of date) and lists the Impact of going from it to now (v, the
// valuation of p): portfolio.Compare's moves, with their changes, which
// add up to the change of the portfolio's value.
//
// The change of an initiative that counted on its own at both dates is
// split by input with sequential substitution: starting from the
// snapshot's pricing inputs, S, X, sigma, t, r and q are set to today's
// values one at a time, in that order, and each step's change in its own
// option value is that input's contribution; what remains of the own
// value's change (a change of kind or of its parameters) is "other", and
// the change of the follow-on value counted with it is "follow-ons". The
// contributions add up to the whole change exactly; the order matters only
// when several inputs moved.
func WhatMoved(p *model.Portfolio, v *portfolio.Valuation, s *model.Snapshot) (*Changes, error) {
	if p == nil || v == nil || s == nil {
		panic("report: WhatMoved with a nil portfolio, valuation or snapshot")
	}
	old := portfolio.SnapshotPortfolio(p, s)
	ov, err := portfolio.Evaluate(old, portfolio.Options{WithLinks: true})
	if err != nil {
		return nil, fmt.Errorf("snapshot %q: %w", s.Label, err)
	}
	im := portfolio.Compare(ov, v)
	ch := &Changes{Snapshot: *s, TotalBefore: im.TotalBefore, TotalAfter: im.TotalAfter}
	for _, pm := range im.Moved {
		m := Move{ID: pm.ID, Name: pm.Name, Before: pm.Before.Contribution(), After: pm.After.Contribution(), Delta: pm.Change(),
			StandAloneBefore: pm.Before.Value, StandAloneAfter: pm.After.Value, CountedBefore: pm.Before.Counted, CountedAfter: pm.After.Counted,
			CountedIn: pm.CountedIn, CountedInName: pm.CountedInName, Added: pm.Added, Removed: pm.Removed}
		o, r := ov.ByID(pm.ID), v.ByID(pm.ID)
		if o != nil {
			m.RegionBefore = regionOf(o)
		}
		if r != nil {
			m.RegionAfter = regionOf(r)
		}
		switch {
		case m.Added || m.Removed:
		case m.CountedBefore && m.CountedAfter:
			from, err1 := chart.OptionOf(old, ov, pm.ID)
			to, err2 := chart.OptionOf(p, v, pm.ID)
			if err1 == nil && err2 == nil {
				m.Contributions = attribute(from, to, m.StandAloneBefore, m.StandAloneAfter)
				if fo := m.Delta - (m.StandAloneAfter - m.StandAloneBefore); !negligible(fo, m.After) {
					m.Contributions = append(m.Contributions, Contribution{Input: "follow-ons", Delta: fo})
					sortContributions(m.Contributions)
				}
			}
		case m.Delta != 0:
			m.Contributions = []Contribution{{Input: "counting", Delta: m.Delta}}
		}
		ch.Moves = append(ch.Moves, m)
	}
	// A follow-on counted in a gate now is listed with the gate's move,
	// matched by ID (names need not be unique).
	at := make(map[string]int, len(ch.Moves))
	for j := range ch.Moves {
		if !ch.Moves[j].Removed {
			at[ch.Moves[j].ID] = j
		}
	}
	for i := range ch.Moves {
		if c := ch.Moves[i].CountedIn; c != "" && !ch.Moves[i].Removed {
			if j, ok := at[c]; ok {
				ch.Moves[j].FollowOns = append(ch.Moves[j].FollowOns, ch.Moves[i].Name)
			}
		}
	}
	for _, d := range p.Drivers {
		for _, od := range s.Drivers {
			if od.Name == d.Name && od.Value != d.Value {
				ch.Drivers = append(ch.Drivers, DriverChange{Name: d.Name, Before: od.Value, After: d.Value})
			}
		}
	}
	return ch, nil
}

// negligible reports whether x is rounding against the size of v.
func negligible(x, v float64) bool { return math.Abs(x) <= 1e-9*math.Max(1, math.Abs(v)) }

// sortContributions orders contributions largest effect first.
func sortContributions(c []Contribution) {
	sort.SliceStable(c, func(i, j int) bool { return math.Abs(c[i].Delta) > math.Abs(c[j].Delta) })
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
	if rest := after - prev; !negligible(rest, after) {
		out = append(out, Contribution{Input: "other", Delta: rest})
	}
	sortContributions(out)
	return out
}

// why describes a move's contributions in words: "S 700k → 820k
// (+€95.2k); t 0.5 → 0.25 (-€12k)"; a follow-on counted inside another
// says so ("counted in Pilot; own value +€646k").
func (m Move) why(cur string) string {
	in := ""
	if m.CountedIn != "" {
		in = "counted in " + m.CountedInName
	}
	own := func() string {
		d := m.StandAloneAfter - m.StandAloneBefore
		if d == 0 {
			return in
		}
		return in + "; own value " + signedMoney(d, cur)
	}
	switch {
	case m.Added:
		return joinNonEmpty("new since the snapshot", in)
	case m.Removed:
		return joinNonEmpty("removed since the snapshot", in)
	case len(m.Contributions) == 0:
		if !m.CountedBefore && !m.CountedAfter {
			if in != "" {
				return own()
			}
			return "does not count in the portfolio value"
		}
		if m.Delta == 0 {
			return "unchanged"
		}
		return "not valued at one of the two dates"
	}
	parts := make([]string, 0, len(m.Contributions))
	for _, c := range m.Contributions {
		d := signedMoney(c.Delta, cur)
		switch c.Input {
		case "other":
			parts = append(parts, "kind or terms ("+d+")")
		case "follow-ons":
			if len(m.FollowOns) > 0 {
				parts = append(parts, "follow-ons "+strings.Join(m.FollowOns, ", ")+" ("+d+")")
			} else {
				parts = append(parts, "follow-ons ("+d+")")
			}
		case "counting":
			if m.CountedAfter {
				parts = append(parts, "counts on its own now ("+d+")")
			} else {
				parts = append(parts, joinNonEmpty("no longer counts on its own", in)+" ("+d+")")
			}
		default:
			parts = append(parts, fmt.Sprintf("%s %s → %s (%s)", inputLabel(c.Input), inputValue(c.Input, c.From, cur), inputValue(c.Input, c.To, cur), d))
		}
	}
	return strings.Join(parts, "; ")
}

// joinNonEmpty joins a and b with ": ", or returns a when b is empty.
func joinNonEmpty(a, b string) string {
	if b == "" {
		return a
	}
	return a + ": " + b
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
func inputValue(name string, v float64, cur string) string {
	switch name {
	case "sigma", "r", "q":
		return formatPercent(v, 1)
	case "t":
		return formatFloat(v, 2) + " y"
	}
	return formatMoneyShort(v, cur)
}
