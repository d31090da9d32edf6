package portfolio

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/expr-lang/expr/vm"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
)

// Options control a valuation.
type Options struct {
	// AsOf overrides the portfolio's as-of date when not zero.
	AsOf model.Date
	// WithLinks adds follow-on (compound) values and counts only the best
	// of each excludes set. Without it every initiative counts stand-alone.
	WithLinks bool
	// Steps chooses how defer, expand, contract and abandon options with
	// early exercise are priced: 0 means valuation's default method (the
	// Andersen-Lake-Offengelt exercise boundary, see
	// valuation.RealOption.Value); a positive count prices them on a
	// Leisen-Reimer lattice of that many steps instead (an even count is
	// raised to the next odd one). Choose and staged options use
	// valuation's own methods.
	Steps int
	// Workers is the number of goroutines pricing initiatives; 0 means
	// GOMAXPROCS.
	Workers int
	// PayoffRange, when set, gives the spots [lo, hi] a payoff curve of
	// an initiative's option will be drawn over: a choose option is then
	// valued on lattices that also hold its curve there
	// (valuation.RealOption.ValueOnlyCurve: the same value), kept in its
	// result (InitiativeResult.PayoffCurve), so that the curve costs no
	// lattice of its own. The report sets it.
	PayoffRange func(o valuation.RealOption) (lo, hi float64)
}

// Problem is something that kept one initiative from being valued.
type Problem struct {
	Initiative string // the initiative's name
	Field      string // "S", "X", "sigma", ... or "" for the whole initiative
	Message    string
}

func (p Problem) String() string {
	if p.Field == "" {
		return fmt.Sprintf("%s: %s", p.Initiative, p.Message)
	}
	return fmt.Sprintf("%s: %s: %s", p.Initiative, p.Field, p.Message)
}

// InitiativeResult is one initiative's valuation.
type InitiativeResult struct {
	ID, Name, Tag string
	Kind          model.OptionKind
	Status        model.Status
	// The resolved inputs: formulas evaluated, T in years from the as-of
	// date, R continuously compounded.
	S, X, Sigma, T, R, Q float64
	// Position is the option value, the option-space metrics and region.
	Position valuation.Position
	// FollowOn is the value the options it gates or creates add:
	// WithFollowOns - Position.Value.
	FollowOn float64
	// WithFollowOns is the value including follow-on options.
	WithFollowOns float64
	// FollowOnNote says how FollowOn was approximated when it had to be,
	// e.g. a gate decided after the gated initiative's deadline; "" when
	// not.
	FollowOnNote string
	// ExcludedBy is the ID of the better alternative in its excludes set;
	// "" when this initiative counts.
	ExcludedBy string
	// CountedIn is the ID of the initiative whose follow-on value includes
	// this one (through a gate or follow-on link); "" when it counts alone.
	CountedIn string
	// DeadlinePassed reports that the decision deadline is before the
	// as-of date (DeadlinePassed, the rule of Deadlines): T is then 0 and
	// front ends show "passed" where they show the deadline or t. It is
	// set whatever the status and also when the initiative could not be
	// valued; false when there is no deadline.
	DeadlinePassed bool
	// StageDeadlinePassed reports the same of a staged initiative's stage
	// deadline (the first stage's StageT is then 0); false when it has none.
	StageDeadlinePassed bool
	// Err is why the initiative could not be valued; its numbers are then
	// zero.
	Err error

	opt   *valuation.RealOption  // the pricing input, nil until resolved
	steps int                    // Options.Steps of the valuation
	curve *valuation.PayoffCurve // with Options.PayoffRange, a choose option's
}

// PayoffCurve returns what valuation.RealOption.CurveWith needs to draw
// the initiative's payoff curve without a lattice of its own: kept by a
// valuation with Options.PayoffRange for a choose option valued on its
// lattice; nil otherwise (CurveWith then values the curve itself).
func (r *InitiativeResult) PayoffCurve() *valuation.PayoffCurve { return r.curve }

// Greeks returns the Greeks of the initiative's stand-alone option value,
// priced on demand by the valuation's method: a valuation prices values
// alone, since the Greeks' vega and rho bumps cost up to three more
// exercise boundaries or lattices per initiative and only the inspector
// shows them. They are zero when the initiative could not be valued.
func (r *InitiativeResult) Greeks() valuation.Greeks {
	if r.Err != nil || r.opt == nil {
		return valuation.Greeks{}
	}
	res, err := priceOption(*r.opt, r.steps)
	if err != nil {
		return valuation.Greeks{}
	}
	return res.Greeks
}

// Option returns the pricing input the initiative was valued with (its
// resolved S, X, t, sigma, r, q and its kind's parameters), and false when
// its inputs could not be resolved.
func (r *InitiativeResult) Option() (valuation.RealOption, bool) {
	if r.opt == nil {
		return valuation.RealOption{}, false
	}
	return *r.opt, true
}

// Counts reports whether the initiative's value is part of the portfolio's
// totals: open, valued, not excluded and not counted inside another.
func (r *InitiativeResult) Counts() bool {
	return r.Err == nil && r.Status == model.StatusOpen && r.ExcludedBy == "" && r.CountedIn == ""
}

// Valuation is a whole portfolio's valuation.
type Valuation struct {
	AsOf model.Date
	// Initiatives are in the order of the portfolio's initiatives.
	Initiatives []InitiativeResult
	// OptionValue sums the stand-alone values that count, FollowOnValue
	// their follow-on values; Total = OptionValue + FollowOnValue.
	OptionValue, FollowOnValue, Total float64
	// StaticNPV is the value of investing in everything (that counts) now:
	// the sum of S - X. Flexibility = Total - StaticNPV.
	StaticNPV, Flexibility float64
	// Problems lists what could not be valued.
	Problems []Problem

	index map[string]int
}

// ByID returns the result for the initiative with the given ID, or nil.
func (v *Valuation) ByID(id string) *InitiativeResult {
	if i, ok := v.index[id]; ok {
		return &v.Initiatives[i]
	}
	return nil
}

// RegionCounts returns how many open initiatives are in each region,
// indexed 1 to valuation.NumRegions.
func (v *Valuation) RegionCounts() [valuation.NumRegions + 1]int {
	var n [valuation.NumRegions + 1]int
	for i := range v.Initiatives {
		r := &v.Initiatives[i]
		if r.Err == nil && r.Status == model.StatusOpen && r.Position.Region.Valid() {
			n[r.Position.Region]++
		}
	}
	return n
}

// Evaluate values the portfolio. It returns an error only when the
// portfolio cannot be valued at all (nil, invalid settings, or gate and
// follow-on links that form a cycle: a *CycleError naming it); an
// initiative that cannot be valued gets its Err and a Problem, and the rest
// are valued.
func Evaluate(p *model.Portfolio, opt Options) (*Valuation, error) {
	e, err := newEvaluator(p, opt)
	if err != nil {
		return nil, err
	}
	e.full()
	return e.v, nil
}

// evaluator holds what a valuation needs between revaluations: the
// drivers' values, compiled formulas, which initiatives use which driver,
// the link graph and the last valuation.
type evaluator struct {
	p     *model.Portfolio
	opt   Options
	asOf  model.Date
	env   map[string]float64
	progs map[string]*vm.Program
	uses  map[string][]int // driver name -> indices of initiatives using it
	links *linkGraph
	v     *Valuation
}

func newEvaluator(p *model.Portfolio, opt Options) (*evaluator, error) {
	if p == nil {
		return nil, errors.New("portfolio: no portfolio to value")
	}
	if err := p.Settings.Thresholds.Validate(); err != nil {
		return nil, fmt.Errorf("portfolio %q: %w", p.Name, err)
	}
	if opt.Steps < 0 || opt.Steps > 5000 {
		panic(fmt.Sprintf("portfolio: Options.Steps %d outside [0, 5000]", opt.Steps))
	}
	e := &evaluator{p: p, opt: opt, asOf: p.AsOf, env: driverEnv(p.Drivers), progs: map[string]*vm.Program{}}
	if !opt.AsOf.IsZero() {
		e.asOf = opt.AsOf
	}
	g, err := newLinkGraph(p)
	if err != nil {
		return nil, err
	}
	e.links = g
	e.indexUses()
	return e, nil
}

// indexUses records which initiatives use each driver.
func (e *evaluator) indexUses() {
	e.uses = map[string][]int{}
	for i := range e.p.Initiatives {
		in := &e.p.Initiatives[i]
		seen := map[string]bool{}
		for _, q := range []model.Quantity{in.S, in.X, in.Sigma} {
			if !q.IsFormula() {
				continue
			}
			for _, d := range formulaDrivers(q.Formula, e.env) {
				if !seen[d] {
					seen[d] = true
					e.uses[d] = append(e.uses[d], i)
				}
			}
		}
	}
}

// full values every initiative.
func (e *evaluator) full() { e.revalue(e.begin()) }

// begin starts an empty valuation of every initiative (full, stream) and
// returns their indexes.
func (e *evaluator) begin() []int {
	n := len(e.p.Initiatives)
	e.v = &Valuation{AsOf: e.asOf, Initiatives: make([]InitiativeResult, n), index: make(map[string]int, n)}
	all := make([]int, n)
	for i := range e.p.Initiatives {
		e.v.index[e.p.Initiatives[i].ID] = i
		all[i] = i
	}
	return all
}

// revalue resolves and prices the initiatives idx, then redoes links,
// problems and totals.
func (e *evaluator) revalue(idx []int) {
	for _, i := range idx {
		e.v.Initiatives[i] = e.resolve(i)
	}
	priceAll(e.v.Initiatives, idx, e.p.Settings.Thresholds, e.opt.Steps, e.opt.Workers, e.opt.PayoffRange)
	if e.opt.WithLinks && len(idx) == len(e.v.Initiatives) {
		prefetchCompounds(e.links, e.v, e.opt.Workers)
	}
	e.finish()
}

// prefetchCompounds values, in parallel, the compound option of each gate
// or follow-on parent on its child with the largest S, which is the one
// linkGraph.apply compounds unless another parent counted that child
// first. The values land in valuation's cache of staged values, so the
// serial apply that follows mostly reads them; apply's own results are
// what count. Only a full valuation does this: an incremental one finds
// them cached.
func prefetchCompounds(g *linkGraph, v *Valuation, workers int) {
	type pair struct{ a, b *InitiativeResult }
	var pairs []pair
	for _, pi := range g.order {
		a := &v.Initiatives[pi]
		if !usable(a) {
			continue
		}
		var best *InitiativeResult
		for _, c := range g.children[pi] {
			if b := &v.Initiatives[c]; usable(b) && (best == nil || b.S > best.S) {
				best = b
			}
		}
		if best != nil {
			pairs = append(pairs, pair{a, best})
		}
	}
	if workers = poolSize(workers, len(pairs)); workers <= 1 {
		return // apply values them in turn
	}
	parallel(len(pairs), workers, func(k int) { compoundValue(pairs[k].a, pairs[k].b) })
}

// finish applies links and recomputes problems and totals.
func (e *evaluator) finish() {
	v := e.v
	for i := range v.Initiatives {
		r := &v.Initiatives[i]
		r.FollowOn, r.WithFollowOns, r.ExcludedBy, r.CountedIn = 0, r.Position.Value, "", ""
	}
	if e.opt.WithLinks {
		e.links.apply(v)
	}
	v.Problems = v.Problems[:0]
	for i := range v.Initiatives {
		r := &v.Initiatives[i]
		if r.Err != nil {
			field := ""
			var fe *FormulaError
			var ie *valuation.InputError
			if errors.As(r.Err, &fe) {
				field = fe.Field
			} else if errors.As(r.Err, &ie) {
				field = ie.Input
			}
			v.Problems = append(v.Problems, Problem{Initiative: r.Name, Field: field, Message: r.Err.Error()})
		}
	}
	v.sum()
}

// sum computes the totals.
func (v *Valuation) sum() {
	v.OptionValue, v.FollowOnValue, v.StaticNPV = 0, 0, 0
	for i := range v.Initiatives {
		r := &v.Initiatives[i]
		if r.Err != nil || r.Status != model.StatusOpen || r.ExcludedBy != "" {
			continue
		}
		// Static NPV: exercise everything now, including the options
		// counted inside a gate (they would be invested in too).
		v.StaticNPV += r.Position.NPV
		if r.CountedIn != "" {
			continue
		}
		v.OptionValue += r.Position.Value
		v.FollowOnValue += r.FollowOn
	}
	v.Total = v.OptionValue + v.FollowOnValue
	v.Flexibility = v.Total - v.StaticNPV
}

// resolve evaluates initiative i's formulas and derives t and r.
func (e *evaluator) resolve(i int) InitiativeResult {
	in := &e.p.Initiatives[i]
	r := InitiativeResult{ID: in.ID, Name: in.Name, Tag: in.Tag, Kind: in.Kind, Status: in.Status, Q: in.Leakage}
	r.T = math.Max(e.asOf.YearsUntil(in.Deadline), 0)
	r.DeadlinePassed = DeadlinePassed(in.Deadline, e.asOf)
	r.StageDeadlinePassed = StageDeadlinePassed(in, e.asOf)
	r.R = e.p.Settings.Discounting.ContinuousRate(e.p.RiskFree(in))
	for _, f := range []struct {
		name string
		q    model.Quantity
		dst  *float64
	}{{"S", in.S, &r.S}, {"X", in.X, &r.X}, {"sigma", in.Sigma, &r.Sigma}} {
		if !f.q.IsFormula() {
			*f.dst = f.q.Value
			continue
		}
		prog, ok := e.progs[f.q.Formula]
		if !ok {
			var err error
			prog, err = compileFormula(f.q.Formula, e.env)
			if err != nil {
				r.Err = formulaError(err, in.Name, f.name, f.q.Formula)
				return r
			}
			e.progs[f.q.Formula] = prog
		}
		val, err := evalFormula(prog, e.env, in.Name, f.name, f.q.Formula)
		if err != nil {
			r.Err = err
			return r
		}
		*f.dst = val
	}
	o := realOption(in, valuation.Inputs{S: r.S, X: r.X, T: r.T, Sigma: r.Sigma, R: r.R, Q: r.Q}, e.asOf)
	r.opt = &o
	return r
}

// realOption returns the valuation input of an initiative with resolved
// inputs x as of asOf (which dates the stage).
func realOption(in *model.Initiative, x valuation.Inputs, asOf model.Date) valuation.RealOption {
	o := valuation.RealOption{
		Kind:           in.Kind,
		Inputs:         x,
		ExpandFactor:   in.ExpandFactor,
		ContractFactor: in.ContractFactor,
		Salvage:        in.Salvage,
		StageCost:      in.StageCost,
	}
	if !in.StageDeadline.IsZero() {
		o.StageT = math.Max(0, asOf.YearsUntil(in.StageDeadline))
	}
	return o
}

// priceAll prices the initiatives idx that have their inputs, in
// parallel, with their payoff curves over payoff's spots where it is not
// nil (Options.PayoffRange).
func priceAll(rs []InitiativeResult, idx []int, th valuation.Thresholds, steps, workers int, payoff func(valuation.RealOption) (lo, hi float64)) {
	parallel(len(idx), poolSize(workers, len(idx)), func(k int) { price(&rs[idx[k]], th, steps, payoff) })
}

// poolSize is the number of goroutines for n tasks with Options.Workers
// workers: GOMAXPROCS when workers <= 0, at most n.
func poolSize(workers, n int) int {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return min(workers, n)
}

// parallel calls f(k) for each k in [0, n), taken in turn by workers
// goroutines, or in order on this one when workers <= 1.
func parallel(n, workers int, f func(k int)) {
	if workers <= 1 {
		for k := range n {
			f(k)
		}
		return
	}
	var wg sync.WaitGroup
	var next atomic.Int64
	for range workers {
		wg.Go(func() {
			for k := int(next.Add(1)) - 1; k < n; k = int(next.Add(1)) - 1 {
				f(k)
			}
		})
	}
	wg.Wait()
}

// price values one initiative from its resolved option inputs (a choose
// option with its payoff curve where payoff is not nil).
func price(r *InitiativeResult, th valuation.Thresholds, steps int, payoff func(valuation.RealOption) (lo, hi float64)) {
	if r.Err != nil || r.opt == nil {
		return
	}
	r.steps = steps
	var pos valuation.Position
	var err error
	if payoff != nil && r.opt.Kind == valuation.Choose {
		pos, r.curve, err = placeCurve(*r.opt, th, payoff)
	} else {
		r.curve = nil
		pos, err = place(*r.opt, th, steps)
	}
	if err != nil {
		r.Err = fmt.Errorf("initiative %q: %w", r.Name, err)
		return
	}
	if r.DeadlinePassed {
		// t is 0: whatever the pricer's name, the value is what exercising
		// now gives, and an option worth nothing now has lapsed.
		pos.Method = MethodPassedExercise
		if pos.Value == 0 {
			pos.Method = MethodPassedLapsed
		}
	}
	r.Position = pos
}

// The Position.Method of an initiative valued after its decision deadline
// (InitiativeResult.DeadlinePassed, t = 0), whatever its kind: the value of
// exercising now, or 0 when that is worth nothing (the option has lapsed).
const (
	MethodPassedExercise = "deadline passed: value of exercising now (t = 0)"
	MethodPassedLapsed   = "deadline passed: lapsed, 0"
)
