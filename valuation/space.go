package valuation

import (
	"fmt"
	"math"
)

// NPVq returns Luehrman's value-to-cost metric S / PV(X) with
// PV(X) = X e^{-rc t}, where rc is the continuously compounded rate (use
// Discounting.ContinuousRate to convert a discrete rate: then
// e^{-rc t} = (1+r)^{-t}, Luehrman's discounting). It returns +Inf when
// X = 0 and 0 when S = 0 < X.
func NPVq(S, X, rc, t float64) float64 {
	if X == 0 {
		return math.Inf(1)
	}
	return S / (X * math.Exp(-rc*t))
}

// CumulativeVolatility returns sigma*sqrt(t), the option space's vertical
// axis.
func CumulativeVolatility(sigma, t float64) float64 {
	return sigma * math.Sqrt(t)
}

// CallShare returns the value of a European call without leakage as a
// share of S, from the two option-space metrics alone:
//
//	C/S = N(d1) - N(d2)/NPVq,  d1 = ln(NPVq)/v + v/2,  d2 = d1 - v,  v = cumvol
//
// Limits: NPVq <= 0 (or NaN) gives 0, NPVq = +Inf gives 1, cumvol = 0
// gives the intrinsic share max(1 - 1/NPVq, 0).
func CallShare(npvq, cumvol float64) float64 {
	switch {
	case !(npvq > 0):
		return 0
	case math.IsInf(npvq, 1):
		return 1
	case !(cumvol > 0):
		return math.Max(1-1/npvq, 0)
	}
	d1 := math.Log(npvq)/cumvol + 0.5*cumvol
	d2 := d1 - cumvol
	return math.Max(normCDF(d1)-normCDF(d2)/npvq, 0)
}

// Position is where an option sits in the option space and why.
type Position struct {
	// NPVq is the value-to-cost metric, CumVol sigma*sqrt(t), and
	// CallShare the option value as a share of the underlying computed from
	// those two alone (see CallShare).
	NPVq, CumVol, CallShare float64
	// Value is the option value (from RealOption.Value).
	Value float64
	// NPV is the value of exercising now: S - X (for put-like kinds
	// X - S, what is received minus what is given up).
	NPV float64
	// Trigger is the early-exercise trigger: for call-like kinds S*, above
	// which investing now beats waiting (+Inf when waiting always pays); for
	// put-like kinds S**, below which exercising now pays (0 when never).
	// Locate computes it only where the region rule reads it (NPVq > 1 and
	// NPV > 0) and leaves it 0 elsewhere: see HasTrigger, TriggerOf.
	Trigger float64
	// FarTrigger is the second exercise boundary where there are two (a
	// call-like kind with r < q < 0, a put-like one with q < r < 0: see
	// FarTrigger), 0 where there is one or none: exercising now beats
	// waiting only between Trigger and FarTrigger (see ExerciseBand). It
	// is set with Trigger.
	FarTrigger float64
	// Region is the region of the option space, 1 to 6.
	Region Region
	// Method names the pricing method of Value.
	Method string
	// Underlying is the value the metrics are computed from (S, or e*S for
	// expand, c*S for contract) and Cost the exercise price they use (X,
	// or X + StageCost for staged).
	Underlying, Cost float64
	// PutLike is true for abandon and contract (and choose when its best
	// component is one of those): the mirrored metrics are used.
	PutLike bool

	triggerSet bool // Trigger was computed (see HasTrigger)
}

// RegionOf classifies a position from its numbers alone (NPVq, CumVol,
// Value, NPV, Trigger, Underlying, Cost, PutLike), with these rules:
//
//   - NPVq <= 1: region 4 if CallShare(NPVq, CumVol) >= th.MaybeLater, 5 if
//     >= th.ProbablyNever, else 6.
//   - NPVq > 1 and NPV <= 0: region 3.
//   - NPVq > 1 and NPV > 0: region 1 if the underlying is in the exercise
//     band (see ExerciseBand: at or beyond the trigger, Underlying >=
//     Trigger for calls, <= for put-like, and, where there are two
//     boundaries, not beyond FarTrigger) or the time value
//     (Value - NPV)/base <= th.InvestNowPremium, where base is the
//     Underlying for calls and the Cost for put-like kinds; else region 2.
//
// Only the last rule reads Trigger and FarTrigger (see Locate).
func RegionOf(p Position, th Thresholds) Region {
	if !(p.NPVq > 1) {
		switch cs := CallShare(p.NPVq, p.CumVol); {
		case cs >= th.MaybeLater:
			return RegionMaybeLater
		case cs >= th.ProbablyNever:
			return RegionProbablyNever
		}
		return RegionNever
	}
	if !(p.NPV > 0) {
		return RegionProbablyLater
	}
	if p.atTrigger() || p.timeValueShare() <= th.InvestNowPremium {
		return RegionInvestNow
	}
	return RegionMaybeNow
}

// atTrigger reports whether the underlying is in the exercise band: at or
// beyond the trigger and, with two boundaries, not beyond FarTrigger.
func (p Position) atTrigger() bool {
	if p.PutLike {
		return p.Underlying <= p.Trigger && !(p.FarTrigger > 0 && p.Underlying < p.FarTrigger)
	}
	return p.Underlying >= p.Trigger && !(p.FarTrigger > 0 && p.Underlying > p.FarTrigger)
}

// ExerciseBand returns the interval of the underlying in which exercising
// now beats waiting, from p's triggers (read them only when HasTrigger):
// [Trigger, +Inf) for a call-like kind with one boundary and
// [Trigger, FarTrigger] with two (r < q < 0: above FarTrigger waiting
// pays again, S's drift r - q being below the discounting r); [0, Trigger]
// for a put-like kind with one and [FarTrigger, Trigger] with two
// (q < r < 0). ok is false when there is no trigger (waiting always pays,
// or the two boundaries have met and the band closed); lo and hi are then
// 0. The band is Battauz, De Donno and Sbuelz's ("Real options and
// American derivatives: the double continuation region", Management
// Science 61(5), 2015) exercise region between its two continuation
// regions.
func (p Position) ExerciseBand() (lo, hi float64, ok bool) {
	if math.IsInf(p.Trigger, 1) || p.PutLike && p.Trigger == 0 || math.IsNaN(p.Trigger) {
		return 0, 0, false
	}
	if p.PutLike {
		return p.FarTrigger, p.Trigger, true
	}
	if p.FarTrigger > 0 {
		return p.Trigger, p.FarTrigger, true
	}
	return p.Trigger, math.Inf(1), true
}

// TwoBoundaryBand is ExerciseBand where the option has two exercise
// boundaries (FarTrigger set: a call-like kind with r < q < 0, a put-like
// one with q < r < 0), the band closed on both sides; ok is false with one
// boundary or none. The front ends print such a band "LOW to HIGH".
func (p Position) TwoBoundaryBand() (lo, hi float64, ok bool) {
	if p.FarTrigger <= 0 {
		return 0, 0, false
	}
	return p.ExerciseBand()
}

// timeValueShare returns (Value - NPV)/base (see RegionOf), +Inf when the
// base is 0 and the time value positive.
func (p Position) timeValueShare() float64 {
	base := p.Underlying
	if p.PutLike {
		base = p.Cost
	}
	tv := math.Max(p.Value-p.NPV, 0)
	if tv == 0 {
		return 0
	}
	return tv / base
}

// Explain returns the one line that says why p is in its region under the
// thresholds th, with the numbers that decide it; money formats amounts
// (NPV, underlying, trigger) in the front end's number format: the
// valuation does not format amounts for display.
func (p Position) Explain(th Thresholds, money func(float64) string) string {
	switch p.Region {
	case RegionMaybeLater, RegionProbablyNever, RegionNever:
		return fmt.Sprintf("NPVq %.3f <= 1, C/S %.1f%% (4 from %.1f%%, 5 from %.1f%%)",
			p.NPVq, 100*p.CallShare, 100*th.MaybeLater, 100*th.ProbablyNever)
	case RegionProbablyLater:
		return fmt.Sprintf("NPVq %.3f > 1 but NPV %s <= 0", p.NPVq, money(p.NPV))
	}
	noTrigger := math.IsInf(p.Trigger, 1) || p.PutLike && p.Trigger == 0
	trig := "trigger: none"
	if !noTrigger {
		trig = "trigger " + money(p.Trigger)
	}
	cmp := "below"
	if p.PutLike {
		cmp = "above"
	}
	if p.FarTrigger > 0 && !noTrigger {
		return p.explainBand(th, money)
	}
	if p.Region == RegionInvestNow {
		if p.atTrigger() {
			return fmt.Sprintf("NPV %s > 0 and underlying %s at or beyond the %s: invest now beats waiting", money(p.NPV), money(p.Underlying), trig)
		}
		return fmt.Sprintf("NPV %s > 0 and time value %.2f%% <= %.2f%% (%s)", money(p.NPV), 100*p.timeValueShare(), 100*th.InvestNowPremium, trig)
	}
	if noTrigger {
		return fmt.Sprintf("NPV %s > 0 but waiting is worth %.2f%% more (> %.2f%%), and there is no trigger: investing now never beats waiting",
			money(p.NPV), 100*p.timeValueShare(), 100*th.InvestNowPremium)
	}
	return fmt.Sprintf("NPV %s > 0 but waiting is worth %.2f%% more (> %.2f%%); underlying %s %s the %s",
		money(p.NPV), 100*p.timeValueShare(), 100*th.InvestNowPremium, money(p.Underlying), cmp, trig)
}

// explainBand is Explain's line for regions 1 and 2 with two exercise
// boundaries (FarTrigger > 0).
func (p Position) explainBand(th Thresholds, money func(float64) string) string {
	lo, hi, _ := p.ExerciseBand()
	band := "exercise band " + money(lo) + " to " + money(hi)
	tv := p.timeValueShare()
	switch {
	case p.Region == RegionInvestNow && p.atTrigger():
		return fmt.Sprintf("NPV %s > 0 and underlying %s inside the %s (two boundaries): invest now beats waiting", money(p.NPV), money(p.Underlying), band)
	case p.Region == RegionInvestNow:
		return fmt.Sprintf("NPV %s > 0 and time value %.2f%% <= %.2f%% (underlying %s outside the %s)", money(p.NPV), 100*tv, 100*th.InvestNowPremium, money(p.Underlying), band)
	case p.Underlying > hi && !p.PutLike:
		return fmt.Sprintf("NPV %s > 0 but waiting is worth %.2f%% more (> %.2f%%); underlying %s above the %s: with r < q < 0 waiting pays again there",
			money(p.NPV), 100*tv, 100*th.InvestNowPremium, money(p.Underlying), band)
	case p.Underlying < lo && p.PutLike:
		return fmt.Sprintf("NPV %s > 0 but waiting is worth %.2f%% more (> %.2f%%); underlying %s below the %s: with q < r < 0 waiting pays again there",
			money(p.NPV), 100*tv, 100*th.InvestNowPremium, money(p.Underlying), band)
	}
	return fmt.Sprintf("NPV %s > 0 but waiting is worth %.2f%% more (> %.2f%%); underlying %s outside the %s",
		money(p.NPV), 100*tv, 100*th.InvestNowPremium, money(p.Underlying), band)
}
