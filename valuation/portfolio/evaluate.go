package portfolio

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"

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
	// Workers is the number of goroutines pricing initiatives; 0 means
	// GOMAXPROCS.
	Workers int
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
	// Greeks of the stand-alone option value.
	Greeks valuation.Greeks
	// FollowOn is the value the options it gates or creates add:
	// WithFollowOns - Position.Value.
	FollowOn float64
	// WithFollowOns is the value including follow-on options.
	WithFollowOns float64
	// ExcludedBy is the ID of the better alternative in its excludes set;
	// "" when this initiative counts.
	ExcludedBy string
	// CountedIn is the ID of the initiative whose follow-on value includes
	// this one (through a gate or follow-on link); "" when it counts alone.
	CountedIn string
	// Err is why the initiative could not be valued; its numbers are then
	// zero.
	Err error

	opt *valuation.RealOption // the pricing input, nil until resolved
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
// indexed 1 to 6.
func (v *Valuation) RegionCounts() [7]int {
	var n [7]int
	for i := range v.Initiatives {
		r := &v.Initiatives[i]
		if r.Err == nil && r.Status == model.StatusOpen && r.Position.Region >= 1 && r.Position.Region <= 6 {
			n[r.Position.Region]++
		}
	}
	return n
}

// Evaluate values the portfolio. It returns an error only when the
// portfolio cannot be valued at all (nil, or invalid settings); an
// initiative that cannot be valued gets its Err and a Problem, and the rest
// are valued.
func Evaluate(p *model.Portfolio, opt Options) (*Valuation, error) {
	if p == nil {
		return nil, errors.New("portfolio: no portfolio to value")
	}
	if err := p.Settings.Thresholds.Validate(); err != nil {
		return nil, fmt.Errorf("portfolio %q: %w", p.Name, err)
	}
	asOf := p.AsOf
	if !opt.AsOf.IsZero() {
		asOf = opt.AsOf
	}
	v := &Valuation{AsOf: asOf, Initiatives: make([]InitiativeResult, len(p.Initiatives)), index: make(map[string]int, len(p.Initiatives))}
	env := driverEnv(p.Drivers)
	cache := map[string]*vm.Program{}
	for i := range p.Initiatives {
		in := &p.Initiatives[i]
		v.index[in.ID] = i
		v.Initiatives[i] = resolveInputs(p, in, asOf, env, cache)
	}
	priceAll(v.Initiatives, p.Settings.Thresholds, opt.Workers)
	if opt.WithLinks {
		applyLinks(p, v)
	} else {
		for i := range v.Initiatives {
			v.Initiatives[i].WithFollowOns = v.Initiatives[i].Position.Value
		}
	}
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
	return v, nil
}

// sum computes the totals.
func (v *Valuation) sum() {
	v.OptionValue, v.FollowOnValue, v.StaticNPV = 0, 0, 0
	for i := range v.Initiatives {
		r := &v.Initiatives[i]
		if !r.Counts() {
			continue
		}
		v.OptionValue += r.Position.Value
		v.FollowOnValue += r.FollowOn
		v.StaticNPV += r.S - r.X
	}
	v.Total = v.OptionValue + v.FollowOnValue
	v.Flexibility = v.Total - v.StaticNPV
}

// resolveInputs evaluates an initiative's formulas and derives t and r.
func resolveInputs(p *model.Portfolio, in *model.Initiative, asOf model.Date, env map[string]float64, cache map[string]*vm.Program) InitiativeResult {
	r := InitiativeResult{ID: in.ID, Name: in.Name, Tag: in.Tag, Kind: in.Kind, Status: in.Status, Q: in.Leakage}
	t := asOf.YearsUntil(in.Deadline)
	if t < 0 {
		t = 0
	}
	r.T = t
	r.R = p.Settings.Discounting.ContinuousRate(p.RiskFree(in))
	for _, f := range []struct {
		name string
		q    model.Quantity
		dst  *float64
	}{{"S", in.S, &r.S}, {"X", in.X, &r.X}, {"sigma", in.Sigma, &r.Sigma}} {
		if !f.q.IsFormula() {
			*f.dst = f.q.Value
			continue
		}
		prog, ok := cache[f.q.Formula]
		if !ok {
			var err error
			prog, err = compileFormula(f.q.Formula, env)
			if err != nil {
				r.Err = formulaError(err, in.Name, f.name, f.q.Formula)
				return r
			}
			cache[f.q.Formula] = prog
		}
		val, err := evalFormula(prog, env, in.Name, f.name, f.q.Formula)
		if err != nil {
			r.Err = err
			return r
		}
		*f.dst = val
	}
	o := realOption(p, in, &r, asOf)
	r.opt = &o
	return r
}

// realOption returns the valuation input of an initiative.
func realOption(p *model.Portfolio, in *model.Initiative, r *InitiativeResult, asOf model.Date) valuation.RealOption {
	o := valuation.RealOption{
		Kind:           valuation.Kind(in.Kind),
		Inputs:         valuation.Inputs{S: r.S, X: r.X, T: r.T, Sigma: r.Sigma, R: r.R, Q: r.Q},
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

// priceAll prices every initiative that has its inputs, in parallel.
func priceAll(rs []InitiativeResult, th valuation.Thresholds, workers int) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if workers > len(rs) {
		workers = len(rs)
	}
	if workers <= 1 {
		for i := range rs {
			price(&rs[i], th)
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan int, len(rs))
	for i := range rs {
		next <- i
	}
	close(next)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				price(&rs[i], th)
			}
		}()
	}
	wg.Wait()
}

// price values one initiative from its resolved option inputs.
func price(r *InitiativeResult, th valuation.Thresholds) {
	if r.Err != nil || r.opt == nil {
		return
	}
	pos, err := valuation.Place(*r.opt, th)
	if err != nil {
		r.Err = fmt.Errorf("initiative %q: %w", r.Name, err)
		return
	}
	r.Position = pos
	if res, err := r.opt.Value(); err == nil {
		r.Greeks = res.Greeks
	}
}
