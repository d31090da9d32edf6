package valuation

import (
	"fmt"
	"math"
	"sync"
)

// Kind is the kind of real option. It is also the portfolio format's
// kind of an initiative (model.OptionKind is this type): the strings are
// those of the JSON files.
type Kind string

// The kinds of real option.
const (
	// Defer is a call on S at X: invest X to receive S, any time up to T.
	Defer Kind = "defer"
	// Expand pays X to gain ExpandFactor*S: a call on e*S at X.
	Expand Kind = "expand"
	// Contract gives up ContractFactor*S to save X: a put on c*S at X.
	Contract Kind = "contract"
	// Abandon is a put on S with salvage X.
	Abandon Kind = "abandon"
	// Choose holds expand, contract and abandon at once; see RealOption.
	Choose Kind = "choose"
	// Staged is a compound option: pay StageCost at StageT (a pilot) to keep
	// the right to invest X for S by T.
	Staged Kind = "staged"
)

// DefaultSteps is the Leisen-Reimer step count RealOption.Value uses when no
// closed form is exact (201 steps: European values within about 1e-6
// relative of Black-Scholes-Merton).
const DefaultSteps = 201

// CompoundSteps is the step count of the compound lattice used for staged
// options whose second stage may be exercised early.
const CompoundSteps = 1001

// RealOption is an initiative's real option.
//
// Choose is valued on one lattice whose exercise value at each node is the
// best of: expand (gain e*S for X), contract (give up c*S to save c*X: scaling
// the project down by c saves the same share of the investment X) and
// abandon (give up S for Salvage); exercising one ends the option. Its value
// is that American option's value on a smoothed, extrapolated binomial
// lattice (ChooseSteps), never below any of the three valued alone.
type RealOption struct {
	Kind Kind
	// Inputs are S, X, T, Sigma, R (continuous) and Q.
	Inputs
	// ExpandFactor is the fraction e of S gained for X (expand, choose).
	ExpandFactor float64
	// ContractFactor is the fraction c of S given up to save X (contract,
	// choose), in [0, 1].
	ContractFactor float64
	// Salvage is the abandonment value (choose).
	Salvage float64
	// StageCost is the cost of stage 1, the pilot (staged).
	StageCost float64
	// StageT is the time to the stage-1 decision in years, <= T (staged).
	StageT float64
}

// Validate returns an *InputError naming the first invalid input of o.
func (o RealOption) Validate() error {
	if err := o.Inputs.Validate(); err != nil {
		return err
	}
	switch o.Kind {
	case Defer, Abandon:
	case Expand:
		return checkRange("expand_factor", o.ExpandFactor, 0, 1e6)
	case Contract:
		return checkRange("contract_factor", o.ContractFactor, 0, 1)
	case Choose:
		if err := checkRange("expand_factor", o.ExpandFactor, 0, 1e6); err != nil {
			return err
		}
		if err := checkRange("contract_factor", o.ContractFactor, 0, 1); err != nil {
			return err
		}
		return checkRange("salvage", o.Salvage, 0, MaxAmount)
	case Staged:
		return checkStage(o.Inputs, o.StageCost, o.StageT)
	default:
		return &InputError{Input: "kind", Value: math.NaN(), Reason: fmt.Sprintf("%q is not one of defer, expand, contract, abandon, choose, staged", string(o.Kind))}
	}
	return nil
}

// Value prices the option, choosing the method:
//
//   - defer, expand: Black-Scholes-Merton when q <= 0 and r >= 0 (the
//     American call is then never exercised early, so the closed form is
//     exact), else, at sigma*sqrt(t) < 0.01 or stiffness kappa > 20, the
//     perpetual or the European closed form where closed-form bounds of
//     the American value meet within 1e-7 (see smallVolBracket), else the
//     Andersen-Lake-Offengelt exercise boundary (ALO with ALOStandard, its
//     value kept within those bounds; an American Leisen-Reimer lattice
//     with DefaultSteps when there are two boundaries or sigma*sqrt(t) <
//     1e-8, where the lattice is the deterministic limit).
//     Expand is the call on e*S; its delta and gamma are per unit of S.
//   - abandon, contract: Black-Scholes-Merton when r <= 0 and q >= 0 (the
//     American put is then never exercised early), else the boundary
//     method as for defer. Contract is the put on c*S.
//   - choose: one American binomial lattice, smoothed and extrapolated
//     (ChooseSteps; see RealOption); sigma*sqrt(t) = 0 in closed form.
//   - staged: Geske's closed form when q <= 0 and r >= 0 (stage 2 is then
//     never exercised early), else the expectation at the stage date of
//     the American second stage valued by the exercise boundary (see
//     stagedALO; never below Geske), and where the boundary method does not
//     apply Geske plus the early-exercise premium of CompoundLattice
//     (American minus European second stage, CompoundSteps). The Greeks of
//     staged options are 0 except delta, by central difference.
//
// Result.Method names the method.
func (o RealOption) Value() (Result, error) {
	if err := o.Validate(); err != nil {
		return Result{}, err
	}
	switch o.Kind {
	case Choose:
		return o.choose(), nil
	case Staged:
		return o.staged()
	}
	typ, in, scale := o.plain()
	r, err := americanOption(typ, in)
	r.Greeks.Delta *= scale
	r.Greeks.Gamma *= scale * scale
	return r, err
}

// minBoundaryCumVol is the sigma*sqrt(t) below which the boundary method's
// own values were found off and RealOption used the Leisen-Reimer lattice
// (its exact deterministic limit) instead. Measured: for sigma*sqrt(t) =
// 0.006 the boundary method gave 10.0426 for a put whose deterministic
// value is 10 (S 90, X 100, t 4, r 0.06, q -0.02); from 0.01 on it agrees
// with a 4001-step lattice to 1e-4 of S. The lattice was worse there
// (2.5e-8 for 3.68e-4 at S = X = 100, t 1, r 0.05, sigma 0.001; up to
// 2,200 times the tolerance of TestSmallVolEngine): below it, and above
// kappa stiffBracketKappa, americanOption now takes the closed-form
// bounds of smallVolBracket where they meet (that put: S lies below the
// perpetual trigger, the value is the payoff 10) and else the boundary
// method kept within them. The constant still keeps ALO's one-sided
// Greek bumps and the staged option's boundary method above it.
const minBoundaryCumVol = 0.01

// americanOption values the American call or put of type typ with its
// Greeks: in closed form where early exercise is never optimal; at small
// sigma*sqrt(t) or large stiffness (smallVolCase) by the closed-form
// bounds where they meet (smallVolOption); else by the exercise-boundary
// method (its value kept within those bounds), else (where the boundary
// method does not apply) on the Leisen-Reimer lattice.
func americanOption(typ OptionType, in Inputs) (Result, error) {
	if earlyNeverOptimal(typ, in) {
		return BlackScholesGreeks(typ, in)
	}
	if in.Sigma*math.Sqrt(in.T) < minSmallVolCumVol {
		// The lattice's tree degenerates to the exact deterministic limit.
		return LeisenReimer(typ, American, in, DefaultSteps)
	}
	if smallVolCase(typ, in) {
		if r, ok := smallVolOption(typ, in); ok {
			return r, nil
		}
	}
	// ALO keeps its value within smallVolBracket's bounds (smallVolClamp).
	if r, ok := aloOption(typ, in); ok {
		return r, nil
	}
	return LeisenReimer(typ, American, in, DefaultSteps)
}

// minSmallVolCumVol is the sigma*sqrt(t) below which americanOption keeps
// the Leisen-Reimer lattice, whose tree there is the deterministic limit
// to machine precision (sigma 1e-300 underflows sigma^2 in the closed
// forms' exponents; TestSigmaToZeroEveryKind checks 1e-9).
const minSmallVolCumVol = 1e-8

// smallVolCase reports whether americanOption tries smallVolOption first:
// sigma sqrt(t) below minBoundaryCumVol or the stiffness above
// stiffBracketKappa.
func smallVolCase(typ OptionType, in Inputs) bool {
	r, q := in.R, in.Q
	if typ == Call {
		r, q = q, r
	}
	return in.Sigma*math.Sqrt(in.T) < minBoundaryCumVol || aloKappa(r, q, in.Sigma, in.T) > stiffBracketKappa
}

// stagedAmerican values a compound call whose second stage is American:
// by stagedALO (the boundary method at the stage date) where it applies,
// else by the control variate of Hull and White (1988): Geske's European
// value plus the early-exercise premium measured on one tree,
// CompoundLattice with an American second stage minus the same lattice
// with a European one. Both are never below Geske's European lower bound
// (the lattice's American roll-back is never below its European one, and
// the boundary method's value is floored at Geske); the lattice's own
// discretisation error (the stage date rounded to a step, the kink at S*)
// largely cancels in the difference. boundary reports which was used.
//
// With sigma = 0 the value is exact: the second stage is the deterministic
// American call from the stage date (see the package documentation) on
// S e^{(r-q) t1}, and the pilot is paid when that is worth more than K1.
func stagedAmerican(in Inputs, stageCost, stageT float64) (v float64, boundary bool) {
	key := stagedKey{in, stageCost, stageT}
	stagedCache.Lock()
	sv, ok := stagedCache.m[key]
	stagedCache.Unlock()
	if ok {
		return sv.v, sv.boundary
	}
	v, boundary = stagedAmericanUncached(in, stageCost, stageT)
	stagedCache.Lock()
	if len(stagedCache.m) >= 1<<14 {
		clear(stagedCache.m)
	}
	stagedCache.m[key] = stagedValue{v, boundary}
	stagedCache.Unlock()
	return v, boundary
}

// stagedKey is what a staged option's value depends on.
type stagedKey struct {
	in               Inputs
	stageCost, stage float64
}

// stagedValue is a cached staged value and whether the boundary method
// gave it.
type stagedValue struct {
	v        float64
	boundary bool
}

// stagedCache remembers staged values by their inputs: a revaluation in
// which nothing of the option moved (another initiative's edit, a gate's
// follow-on) asks again.
var stagedCache = struct {
	sync.Mutex
	m map[stagedKey]stagedValue
}{m: map[stagedKey]stagedValue{}}

func stagedAmericanUncached(in Inputs, stageCost, stageT float64) (float64, bool) {
	if in.X == 0 {
		// The second stage with X = 0 is worth S max(1, e^{-q(T-t1)})
		// at the stage date (exercised at once when q > 0): the compound
		// is the call on that at K1 over t1. (Geske plus the lattice's
		// premium gave 59.808 for 59.986 at S 80, t 2, sigma 1, r 0.1,
		// q 0.15, stage 10 at 1; X = 1e-9 already gave 59.986.)
		e := in
		e.S = in.S * math.Max(1, math.Exp(-in.Q*(in.T-stageT)))
		e.X, e.T = stageCost, stageT
		if c, err := BlackScholes(Call, e); err == nil {
			return c, false
		}
	}
	g, _ := Geske(in, stageCost, stageT)
	if in.Sigma > 0 {
		// The boundary method first, also where the lattice's tree
		// degenerates (at sigma 1e-4 the deterministic value below put
		// S 110, X 100, r = q = 0.05, t 3, stage 10 at 1.5 at 1.3e-14
		// for 0.00499).
		if v, ok := stagedALO(in, stageCost, stageT); ok {
			// Never below the European compound, as on the lattice.
			return math.Max(v, g), true
		}
	}
	_, lrErr := lrTree(in, CompoundSteps|1)
	if in.Sigma == 0 || lrErr != nil {
		// Deterministic (to machine precision when the tree degenerates).
		inner := in
		inner.S = in.S * math.Exp((in.R-in.Q)*stageT)
		inner.T = in.T - stageT
		c := deterministic(Call, American, inner).Value
		return math.Exp(-in.R*stageT) * math.Max(c-stageCost, 0), false
	}
	am, err1 := CompoundLattice(in, stageCost, stageT, CompoundSteps, true)
	eu, err2 := CompoundLattice(in, stageCost, stageT, CompoundSteps, false)
	if err1 != nil || err2 != nil {
		return g, false
	}
	return g + math.Max(am-eu, 0), false
}

// MethodStagedBoundary is the Result.Method of a staged option whose
// second stage is American, valued by the exercise boundary at the stage
// date.
const MethodStagedBoundary = "Compound with an American second stage: Andersen-Lake-Offengelt exercise boundary at the stage date, Gauss-Legendre expectation"

// stagedAt values the staged option o with inputs in: Geske's closed form,
// or where the second stage is American (leakage or a negative rate)
// stagedAmerican, and names the method.
func (o RealOption) stagedAt(in Inputs) (float64, string) {
	if in.Q <= 0 && in.R >= 0 {
		v, _ := Geske(in, o.StageCost, o.StageT)
		return v, "Geske compound (closed form)"
	}
	v, boundary := stagedAmerican(in, o.StageCost, o.StageT)
	if boundary {
		return v, MethodStagedBoundary
	}
	return v, stagedLatticeMethod
}

// stagedLatticeMethod is the Result.Method of a staged option valued by
// Geske plus the compound lattice's early-exercise premium.
var stagedLatticeMethod = fmt.Sprintf("Geske compound plus the early-exercise premium of a compound Leisen-Reimer lattice (%d steps)", CompoundSteps)

func (o RealOption) staged() (Result, error) {
	f := o.stagedAt
	v, method := f(o.Inputs)
	h := 1e-4 * math.Max(o.S, 1e-12)
	up, dn := o.Inputs, o.Inputs
	up.S += h
	dn.S = math.Max(dn.S-h, 0)
	vu, _ := f(up)
	vd, _ := f(dn)
	return Result{Value: v, Greeks: Greeks{Delta: (vu - vd) / (up.S - dn.S)}, Method: method}, nil
}
