package portfolio

import (
	"math"
	"sort"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
)

// Contribution is the part of a move's change (Move.Change) due to one
// cause: an input of its option, the follow-ons counted with it, or its
// starting or stopping to count on its own.
type Contribution struct {
	// Input is "S", "X", "sigma", "t", "r" or "q" (an input of the
	// option), "other" (its kind or its parameters), "follow-ons" (the
	// value of the follow-ons counted with it) or "counting" (it started
	// or stopped counting on its own: Move.After.Counted says which).
	Input string
	// From and To are the input's values before and after (unused for
	// "other", "follow-ons" and "counting").
	From, To float64
	// Delta is the change of the contribution to the total this cause
	// accounts for; a move's Deltas add up to its Change.
	Delta float64
	// Drivers names the drivers whose change moved this input: those the
	// input's formula reads (before or after) whose values differ between
	// the two states, in the formula's order (S, X and sigma only).
	Drivers []string
}

// Explain splits the change of m, a move of Compare(bv, av) (bv the
// valuation of the portfolio before, bp, and av of the portfolio after,
// ap), into its causes, largest effect first; only the parts that are not
// rounding are listed, and they add up to m.Change() exactly.
//
// The change of an initiative's own option value is split by input with
// sequential substitution: starting from the option as it was before, S,
// X, sigma, t, r and q are set to their values after one at a time, in
// that order, and each step's change of the option value is that input's
// contribution; what remains (a change of kind or of its parameters) is
// "other". The order matters only when several inputs moved. The change of
// the value of the follow-ons counted with it is "follow-ons". When it
// starts counting on its own, "counting" is what it would have added
// before (its value with follow-ons then) and the inputs explain the rest;
// when it stops, the inputs explain the change up to its value with
// follow-ons after, and "counting" takes that away. An added or removed
// initiative, one that counts on its own at neither state, or one that
// could not be valued in either, has no contributions.
func Explain(m Move, bp *model.Portfolio, bv *Valuation, ap *model.Portfolio, av *Valuation) []Contribution {
	if m.Added || m.Removed || (!m.Before.Counted && !m.After.Counted) {
		return nil
	}
	b, a := m.Before, m.After
	from, okFrom := optionOf(bv, m.ID)
	to, okTo := optionOf(av, m.ID)
	if !okFrom || !okTo || b.Err != "" || a.Err != "" {
		if m.Change() == 0 {
			return nil
		}
		return []Contribution{{Input: "counting", Delta: m.Change()}}
	}
	out := attribute(from, to, b.Value, a.Value, av.ByID(m.ID).steps)
	if fo := (a.WithFollowOns - a.Value) - (b.WithFollowOns - b.Value); !negligible(fo, a.WithFollowOns) {
		out = append(out, Contribution{Input: "follow-ons", Delta: fo})
	}
	switch {
	case a.Counted && !b.Counted:
		out = append(out, Contribution{Input: "counting", Delta: b.WithFollowOns})
	case b.Counted && !a.Counted:
		out = append(out, Contribution{Input: "counting", Delta: -a.WithFollowOns})
	}
	// Rounding of the parts against the whole goes to the largest part,
	// so that they add up to the change exactly.
	sum := 0.0
	for _, c := range out {
		sum += c.Delta
	}
	sortContributions(out)
	if len(out) > 0 {
		out[0].Delta += m.Change() - sum
	}
	setDrivers(out, m.ID, bp, ap)
	return out
}

// optionOf returns the option of v's initiative id as the engine priced
// it.
func optionOf(v *Valuation, id string) (valuation.RealOption, bool) {
	r := v.ByID(id)
	if r == nil || r.Err != nil {
		return valuation.RealOption{}, false
	}
	return r.Option()
}

// attribute splits after - before, the change of an option's value from
// from to to, by input (see Explain), pricing each mix of inputs as the
// valuation did (priceValue with its Options.Steps), so that no gap
// between two methods lands in an input's share.
func attribute(from, to valuation.RealOption, before, after float64, latticeSteps int) []Contribution {
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
		val, _, err := priceValue(cur, latticeSteps)
		if err != nil {
			// An intermediate mix of inputs that cannot be priced: leave
			// the rest of the change to "other".
			break
		}
		if !negligible(val-prev, after) {
			out = append(out, Contribution{Input: st.name, From: a, To: b, Delta: val - prev})
		}
		prev = val
	}
	if rest := after - prev; !negligible(rest, after) {
		out = append(out, Contribution{Input: "other", Delta: rest})
	}
	return out
}

// setDrivers names, for the S, X and sigma contributions, the drivers
// their formulas read (in bp or ap) whose values differ between the two.
func setDrivers(out []Contribution, id string, bp, ap *model.Portfolio) {
	if bp == nil || ap == nil {
		return
	}
	bIn, aIn := bp.Initiative(id), ap.Initiative(id)
	if bIn == nil || aIn == nil {
		return
	}
	benv, aenv := driverEnv(bp.Drivers), driverEnv(ap.Drivers)
	changed := func(d string) bool {
		x, okB := benv[d]
		y, okA := aenv[d]
		return okB != okA || x != y
	}
	field := map[string]func(*model.Initiative) model.Quantity{
		"S":     func(in *model.Initiative) model.Quantity { return in.S },
		"X":     func(in *model.Initiative) model.Quantity { return in.X },
		"sigma": func(in *model.Initiative) model.Quantity { return in.Sigma },
	}
	for i := range out {
		get, ok := field[out[i].Input]
		if !ok {
			continue
		}
		var ds []string
		seen := map[string]bool{}
		for _, src := range []struct {
			q   model.Quantity
			env map[string]float64
		}{{get(aIn), aenv}, {get(bIn), benv}} {
			if !src.q.IsFormula() {
				continue
			}
			for _, d := range formulaDrivers(src.q.Formula, src.env) {
				if !seen[d] && changed(d) {
					seen[d] = true
					ds = append(ds, d)
				}
			}
		}
		out[i].Drivers = ds
	}
}

// negligible reports whether x is rounding against the size of v.
func negligible(x, v float64) bool { return math.Abs(x) <= 1e-9*math.Max(1, math.Abs(v)) }

// sortContributions orders contributions largest effect first.
func sortContributions(c []Contribution) {
	sort.SliceStable(c, func(i, j int) bool { return math.Abs(c[i].Delta) > math.Abs(c[j].Delta) })
}
