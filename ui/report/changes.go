package report

import (
	"fmt"
	"strings"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// Contribution is the part of an initiative's change due to one cause,
// the engine's (portfolio.Explain).
type Contribution = portfolio.Contribution

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
	// Contributions split Delta (they sum to Delta): portfolio.Explain of
	// the move, largest effect first.
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
// add up to the change of the portfolio's value, each split into its
// causes by portfolio.Explain.
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
		m.Contributions = portfolio.Explain(pm, old, ov, p, v)
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

// regionOf returns r's region, 0 when it was not valued or is not open.
func regionOf(r *portfolio.InitiativeResult) valuation.Region {
	if r.Err != nil || r.Status != model.StatusOpen {
		return 0
	}
	return r.Position.Region
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
			through := ""
			if len(c.Drivers) > 0 {
				through = " through " + strings.Join(c.Drivers, ", ")
			}
			parts = append(parts, fmt.Sprintf("%s %s → %s%s (%s)", inputLabel(c.Input), inputValue(c.Input, c.From, cur), inputValue(c.Input, c.To, cur), through, d))
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
