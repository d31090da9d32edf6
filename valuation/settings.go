package valuation

import (
	"fmt"
	"math"
)

// Discounting is the convention by which a portfolio's risk-free rate is read.
//
// With Discrete (Luehrman's convention, the default) the entered rate r is an
// annual effective rate and PV(X) = X / (1+r)^t. With Continuous the entered
// rate is continuously compounded and PV(X) = X * exp(-r t).
//
// The engine prices with a continuous rate everywhere; a discrete rate is
// converted once with ContinuousRate, so that PV(X) = X*exp(-rc*t) =
// X/(1+r)^t and the option-space metrics, the NPV = 0 curve and every option
// value use one discounting.
type Discounting int

const (
	// Discrete reads r as an annual effective rate: PV(X) = X/(1+r)^t.
	Discrete Discounting = iota
	// Continuous reads r as continuously compounded: PV(X) = X*exp(-r t).
	Continuous
)

// String returns "discrete" or "continuous".
func (d Discounting) String() string {
	return enumString(d, "Discounting", "discrete", "continuous")
}

// MarshalText implements encoding.TextMarshaler.
func (d Discounting) MarshalText() ([]byte, error) {
	switch d {
	case Discrete, Continuous:
		return []byte(d.String()), nil
	}
	return nil, fmt.Errorf("valuation: unknown discounting %d", int(d))
}

// UnmarshalText implements encoding.TextUnmarshaler. It accepts "discrete"
// and "continuous".
func (d *Discounting) UnmarshalText(b []byte) error {
	switch string(b) {
	case "discrete":
		*d = Discrete
	case "continuous":
		*d = Continuous
	default:
		return fmt.Errorf("discounting %q: want \"discrete\" or \"continuous\"", string(b))
	}
	return nil
}

// ContinuousRate returns the continuously compounded rate equivalent to r
// under the convention d: ln(1+r) for Discrete, r itself for Continuous.
func (d Discounting) ContinuousRate(r float64) float64 {
	if d == Discrete {
		return math.Log1p(r)
	}
	return r
}

// Thresholds are the user-adjustable boundaries between the regions of the
// option space that Luehrman drew by judgement. The 2/3 boundary (NPV = 0)
// and the NPVq = 1 line are not adjustable: they follow from the inputs.
type Thresholds struct {
	// InvestNowPremium is the largest time value, as a share of S, that
	// still counts as "little or no option value left": an option with
	// NPV > 0 whose value C exceeds S - X by no more than this share of S is
	// in region 1 even without leakage. Options with S at or above the
	// early-exercise trigger S* are in region 1 whatever this value.
	InvestNowPremium float64 `json:"invest_now_premium"`
	// MaybeLater is the smallest option value as a share of S (C/S) for an
	// option with NPVq <= 1 to be in region 4 ("maybe later").
	MaybeLater float64 `json:"maybe_later_cs"`
	// ProbablyNever is the smallest C/S for an option with NPVq <= 1 to be in
	// region 5 ("probably never"); below it the option is in region 6.
	ProbablyNever float64 `json:"probably_never_cs"`
}

// DefaultThresholds returns the documented defaults: region 1 when the time
// value is at most 1% of S; region 4 from C/S = 10%, region 5 from C/S = 2%.
func DefaultThresholds() Thresholds {
	return Thresholds{InvestNowPremium: 0.01, MaybeLater: 0.10, ProbablyNever: 0.02}
}

// Validate reports whether the thresholds are usable: each in [0, 1) and
// ProbablyNever <= MaybeLater.
func (th Thresholds) Validate() error {
	for _, f := range []struct {
		name string
		v    float64
	}{{"invest_now_premium", th.InvestNowPremium}, {"maybe_later_cs", th.MaybeLater}, {"probably_never_cs", th.ProbablyNever}} {
		if math.IsNaN(f.v) || f.v < 0 || f.v >= 1 {
			return fmt.Errorf("threshold %s = %g: want a share in [0, 1)", f.name, f.v)
		}
	}
	if th.ProbablyNever > th.MaybeLater {
		return fmt.Errorf("threshold probably_never_cs = %g is above maybe_later_cs = %g", th.ProbablyNever, th.MaybeLater)
	}
	return nil
}

// Region is one of Luehrman's six regions of the option space, 1 to 6.
type Region int

// The six regions, from "invest now" to "never".
const (
	RegionInvestNow     Region = 1
	RegionMaybeNow      Region = 2
	RegionProbablyLater Region = 3
	RegionMaybeLater    Region = 4
	RegionProbablyNever Region = 5
	RegionNever         Region = 6
)

// NumRegions is the number of regions; valid regions are 1 to NumRegions.
const NumRegions = 6

// Valid reports whether g is one of the six regions.
func (g Region) Valid() bool { return g >= RegionInvestNow && g <= RegionNever }

var regionNames = [...]string{"", "invest now", "maybe now", "probably later", "maybe later", "probably never", "never"}

// String returns the region's name, e.g. "invest now".
func (g Region) String() string {
	if g.Valid() {
		return regionNames[g]
	}
	return fmt.Sprintf("Region(%d)", int(g))
}

// Action returns the recommended action for an option in the region:
// "invest" (1), "invest early only if leakage outweighs waiting" (2), "wait and garden"
// (3, 4), "watch" (5) or "drop" (6).
func (g Region) Action() string {
	switch g {
	case RegionInvestNow:
		return "invest"
	case RegionMaybeNow:
		return "invest early only if leakage outweighs waiting"
	case RegionProbablyLater, RegionMaybeLater:
		return "wait and garden"
	case RegionProbablyNever:
		return "watch"
	case RegionNever:
		return "drop"
	}
	return "-"
}
