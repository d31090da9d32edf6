package portfolio

import (
	"maps"
	"math"
	"slices"
	"sort"

	"github.com/optionspace/optionspace/model"
)

// Compare returns what moved from the valuation before to the valuation
// after (two states of one portfolio: a snapshot and today, or today
// before and after an edit). Initiatives are matched by ID; one that
// exists only after is a Move with Added set, one only before has
// Removed set. It is the same Impact the Engine returns for SetDriver,
// SetInput and SetLink, with Repriced 0, and its moves' Changes add up to
// after.Total - before.Total (see Move.Change).
func Compare(before, after *Valuation) *Impact {
	if before == nil || after == nil {
		panic("portfolio: Compare with a nil valuation")
	}
	b := make(map[string]Snapshot, len(before.Initiatives))
	for i := range before.Initiatives {
		r := &before.Initiatives[i]
		b[r.ID] = snapshotOf(r)
	}
	im := &Impact{TotalBefore: before.Total, TotalAfter: after.Total}
	seen := make(map[string]bool, len(after.Initiatives))
	for i := range after.Initiatives {
		r := &after.Initiatives[i]
		seen[r.ID] = true
		a := snapshotOf(r)
		old, ok := b[r.ID]
		if !ok {
			im.Moved = append(im.Moved, Move{ID: r.ID, Name: r.Name, After: a, Added: true, CountedIn: a.CountedIn, CountedInName: nameOf(after, a.CountedIn)})
			continue
		}
		if a != old {
			im.Moved = append(im.Moved, Move{ID: r.ID, Name: r.Name, Before: old, After: a, CountedIn: a.CountedIn, CountedInName: nameOf(after, a.CountedIn)})
		}
	}
	for i := range before.Initiatives {
		r := &before.Initiatives[i]
		if !seen[r.ID] {
			im.Moved = append(im.Moved, Move{ID: r.ID, Name: r.Name, Before: b[r.ID], Removed: true, CountedIn: r.CountedIn, CountedInName: nameOf(before, r.CountedIn)})
		}
	}
	im.sort()
	return im
}

// nameOf returns the name of v's initiative id, "" when id is "" or not
// in v.
func nameOf(v *Valuation, id string) string {
	if r := v.ByID(id); id != "" && r != nil {
		return r.Name
	}
	return ""
}

// sort orders the moves by the size of their change (contribution to the
// total, then stand-alone value), largest first; ties keep their order.
func (im *Impact) sort() {
	sort.SliceStable(im.Moved, func(i, j int) bool {
		a, b := im.Moved[i], im.Moved[j]
		if ca, cb := math.Abs(a.Change()), math.Abs(b.Change()); ca != cb {
			return ca > cb
		}
		return math.Abs(a.StandAloneChange()) > math.Abs(b.StandAloneChange())
	})
}

// Change returns the change of the portfolio value, TotalAfter - TotalBefore.
func (im *Impact) Change() float64 { return im.TotalAfter - im.TotalBefore }

// SnapshotPortfolio returns p as it was when snapshot s was taken: its
// as-of date, settings, initiatives, drivers and links (and no snapshots).
func SnapshotPortfolio(p *model.Portfolio, s *model.Snapshot) *model.Portfolio {
	old := p.Clone()
	old.AsOf = s.AsOf
	old.Settings = s.Settings
	c := &model.Portfolio{Initiatives: s.Initiatives, Drivers: s.Drivers, Links: s.Links}
	c = c.Clone()
	old.Initiatives, old.Drivers, old.Links = c.Initiatives, c.Drivers, c.Links
	old.Snapshots = nil
	return old
}

// ValueSnapshot values the portfolio as it was in snapshot s (its inputs
// at its as-of date) with the given options, so that it can be compared
// with today's valuation by Compare.
func ValueSnapshot(p *model.Portfolio, s *model.Snapshot, opt Options) (*Valuation, error) {
	return Evaluate(SnapshotPortfolio(p, s), opt)
}

// DriverUsers returns the names of p's initiatives whose S, X or sigma
// formula reads the driver, in the portfolio's order. It reads the
// formulas' syntax trees, so a driver named inside another identifier or
// a string does not count.
func DriverUsers(p *model.Portfolio, driver string) []string {
	env := driverEnv(p.Drivers)
	var out []string
	for i := range p.Initiatives {
		in := &p.Initiatives[i]
	fields:
		for _, q := range []model.Quantity{in.S, in.X, in.Sigma} {
			if !q.IsFormula() {
				continue
			}
			for _, d := range formulaDrivers(q.Formula, env) {
				if d == driver {
					out = append(out, in.Name)
					break fields
				}
			}
		}
	}
	return out
}

// DriverUsers returns the names of the initiatives whose formulas read the
// driver, in the portfolio's order (see the function DriverUsers).
func (en *Engine) DriverUsers(driver string) []string {
	idx := en.e.uses[driver]
	out := make([]string, len(idx))
	for i, k := range idx {
		out[i] = en.e.p.Initiatives[k].Name
	}
	return out
}

// Clone returns a copy of v that later engine changes do not touch.
func (v *Valuation) Clone() *Valuation {
	c := *v
	c.Initiatives = make([]InitiativeResult, len(v.Initiatives))
	copy(c.Initiatives, v.Initiatives)
	c.Problems = slices.Clone(v.Problems)
	c.index = maps.Clone(v.index)
	return &c
}
