package portfolio

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/optionspace/optionspace/model"
)

// Engine holds a portfolio and its valuation, and revalues only what a
// change affects: "when one thing moves, all things can move", and the
// Impact of each change says what moved.
//
// SetDriver re-prices only the initiatives whose formulas use the driver;
// SetInput re-prices one initiative; SetLink re-prices nothing. Each then
// redoes the links (follow-on values, memoised per pair of inputs, so only
// changed pairs are recomputed) and the totals. An Engine is not safe for
// concurrent use.
type Engine struct {
	e *evaluator
}

// Snapshot is one initiative's numbers before or after a change.
type Snapshot struct {
	Value         float64 // stand-alone option value
	WithFollowOns float64 // value with the follow-ons it gates
	NPV           float64 // value of exercising now
	NPVq          float64
	CumVol        float64 // sigma*sqrt(t)
	Sigma         float64
	Region        int // 1 to 6; 0 when it cannot be valued
	// Counted reports whether the initiative's value is part of the
	// portfolio's total on its own (InitiativeResult.Counts).
	Counted bool
	// CountedIn is the ID of the initiative whose value with follow-ons
	// includes this one (InitiativeResult.CountedIn), "" when none does.
	CountedIn string
	Err       string // why it cannot be valued, "" when it can
}

// Move is an initiative whose numbers changed.
type Move struct {
	ID, Name      string
	Before, After Snapshot
	// Added and Removed mark an initiative that exists only after or only
	// before (Compare of a snapshot with today).
	Added, Removed bool
	// CountedIn is the ID of the initiative whose value with follow-ons
	// includes this one after the change (before it, for a Removed move),
	// "" when none does: After.CountedIn (Before.CountedIn). Such a move's
	// value reaches the portfolio's total through that initiative's
	// Change, not its own. IDs are the keys: names need not be unique.
	CountedIn string
	// CountedInName is that initiative's name, for display ("" when
	// CountedIn is "").
	CountedInName string
}

// Contribution is what the initiative adds to the portfolio's total
// (Valuation.Total): its value with follow-ons when it counts on its own
// (Counted), and 0 when it does not: counted inside another initiative's
// follow-on value (CountedIn), excluded by an alternative, not open, or
// not valued. Every initiative of a valuation contributes once, so the
// contributions of its initiatives add up to its Total.
func (s Snapshot) Contribution() float64 {
	if !s.Counted {
		return 0
	}
	return s.WithFollowOns
}

// Change is the change of the initiative's contribution to the portfolio's
// total, After.Contribution() - Before.Contribution(). A follow-on counted
// inside its parent before and after changes by 0: its value moves the
// total through the parent's value with follow-ons, which is counted once.
// So the Changes of an Impact's moves add up to Impact.Change() (up to
// rounding), which is the rule every "what moved" list presents.
func (m Move) Change() float64 { return m.After.Contribution() - m.Before.Contribution() }

// StandAloneChange is the change of the initiative's own option value
// (without follow-ons), After.Value - Before.Value: why it moved, not
// what it added to the total (see Change).
func (m Move) StandAloneChange() float64 { return m.After.Value - m.Before.Value }

// Impact is what a change moved.
type Impact struct {
	// Moved are the initiatives whose numbers changed, sorted by the size
	// of their change (|Change|, then |StandAloneChange|), largest first.
	// Their Changes add up to the Impact's Change: every front end lists
	// these rows, with these changes, as "what moved".
	Moved []Move
	// TotalBefore and TotalAfter are the portfolio's value (Valuation.Total).
	TotalBefore, TotalAfter float64
	// Repriced is how many initiatives were priced again.
	Repriced int
}

// NewEngine values a deep copy of p; later changes go through the Engine.
func NewEngine(p *model.Portfolio, opt Options) (*Engine, error) {
	if p == nil {
		return nil, fmt.Errorf("portfolio: no portfolio to value")
	}
	e, err := newEvaluator(p.Clone(), opt)
	if err != nil {
		return nil, err
	}
	e.full()
	return &Engine{e: e}, nil
}

// Portfolio returns the engine's portfolio with every change applied.
// Callers must not modify it.
func (en *Engine) Portfolio() *model.Portfolio { return en.e.p }

// Valuation returns the current valuation. It is updated in place by the
// next change; Clone what must be kept.
func (en *Engine) Valuation() *Valuation { return en.e.v }

// Revalue values every initiative again, for example after the as-of date
// or the step count changed, and reports what moved.
func (en *Engine) Revalue() *Impact {
	before := en.snapshots()
	idx := make([]int, len(en.e.p.Initiatives))
	for i := range idx {
		idx[i] = i
	}
	en.e.revalue(idx)
	return en.impact(before, len(idx))
}

// SetDriver sets a driver's value and revalues the initiatives that use it.
// The value must be finite and within the driver's [low, high].
func (en *Engine) SetDriver(name string, value float64) (*Impact, error) {
	d := en.e.p.Driver(name)
	if d == nil {
		return nil, fmt.Errorf("driver %q: no such driver in portfolio %q", name, en.e.p.Name)
	}
	if math.IsNaN(value) || math.IsInf(value, 0) {
		return nil, fmt.Errorf("driver %q: value %g is not a finite number", name, value)
	}
	if value < d.Low || value > d.High {
		// Plain decimals, as the user types them (1000000, not 1e+06).
		dec := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
		return nil, fmt.Errorf("driver %q: value %s is outside its range [%s, %s]", name, dec(value), dec(d.Low), dec(d.High))
	}
	before := en.snapshots()
	d.Value = value
	en.e.env[name] = value
	idx := en.e.uses[name]
	en.e.revalue(idx)
	return en.impact(before, len(idx)), nil
}

// SetInput sets initiative id's input field: "S", "X" or "sigma" (a number
// or a formula), or "q" (a number), and revalues it. A formula that does not
// compile is kept and reported in the initiative's Err, as Evaluate does.
func (en *Engine) SetInput(id, field string, q model.Quantity) (*Impact, error) {
	in := en.e.p.Initiative(id)
	if in == nil {
		return nil, fmt.Errorf("initiative %q: no such initiative in portfolio %q", id, en.e.p.Name)
	}
	if !q.IsFormula() && (math.IsNaN(q.Value) || math.IsInf(q.Value, 0)) {
		return nil, fmt.Errorf("initiative %q: %s = %g is not a finite number", in.Name, field, q.Value)
	}
	before := en.snapshots()
	switch field {
	case "S":
		in.S = q
	case "X":
		in.X = q
	case "sigma":
		in.Sigma = q
	case "q":
		if q.IsFormula() {
			return nil, fmt.Errorf("initiative %q: q must be a number, not a formula", in.Name)
		}
		in.Leakage = q.Value
	default:
		return nil, fmt.Errorf("initiative %q: input %q: want S, X, sigma or q", in.Name, field)
	}
	en.e.indexUses()
	en.e.revalue([]int{en.e.v.index[id]})
	return en.impact(before, 1), nil
}

// SetLink adds the link l, or removes the links from l.From to l.To of
// l.Kind when remove is true, and redoes the follow-on values and excludes
// sets. A link that would close a cycle of gates and follow-ons is refused
// with a *CycleError naming the cycle, and nothing changes.
func (en *Engine) SetLink(l model.Link, remove bool) (*Impact, error) {
	p := en.e.p
	if p.Initiative(l.From) == nil || p.Initiative(l.To) == nil {
		return nil, fmt.Errorf("link %s -> %s: both ends must be initiatives of portfolio %q", l.From, l.To, p.Name)
	}
	if l.From == l.To {
		return nil, fmt.Errorf("link %s -> %s: an initiative cannot be linked to itself", l.From, l.To)
	}
	old := p.Links
	links := slices.Clone(old)
	if remove {
		links = slices.DeleteFunc(links, func(k model.Link) bool { return k.From == l.From && k.To == l.To && k.Kind == l.Kind })
	} else {
		links = append(links, l)
	}
	p.Links = links
	g, err := newLinkGraph(p)
	if err != nil {
		p.Links = old
		return nil, err
	}
	before := en.snapshots()
	g.memo = en.e.links.memo
	en.e.links = g
	en.e.finish()
	return en.impact(before, 0), nil
}

func snapshotOf(r *InitiativeResult) Snapshot {
	s := Snapshot{Value: r.Position.Value, WithFollowOns: r.WithFollowOns, NPV: r.Position.NPV, NPVq: r.Position.NPVq,
		CumVol: r.Position.CumVol, Sigma: r.Sigma, Region: int(r.Position.Region), Counted: r.Counts(), CountedIn: r.CountedIn}
	if r.Err != nil {
		s = Snapshot{Err: r.Err.Error()}
	}
	return s
}

func (en *Engine) snapshots() []Snapshot {
	v := en.e.v
	out := make([]Snapshot, len(v.Initiatives))
	for i := range v.Initiatives {
		out[i] = snapshotOf(&v.Initiatives[i])
	}
	out = append(out, Snapshot{Value: v.Total})
	return out
}

func (en *Engine) impact(before []Snapshot, repriced int) *Impact {
	v := en.e.v
	im := &Impact{TotalBefore: before[len(before)-1].Value, TotalAfter: v.Total, Repriced: repriced}
	for i := range v.Initiatives {
		r := &v.Initiatives[i]
		if after := snapshotOf(r); after != before[i] {
			im.Moved = append(im.Moved, Move{ID: r.ID, Name: r.Name, Before: before[i], After: after,
				CountedIn: after.CountedIn, CountedInName: nameOf(v, after.CountedIn)})
		}
	}
	im.sort()
	return im
}
