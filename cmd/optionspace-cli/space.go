package main

import (
	"flag"
	"fmt"
	"io"
	"math"

	"github.com/optionspace/optionspace/ui/format"
	"github.com/optionspace/optionspace/valuation"
)

// spaceJSON is the --json output of space.
type spaceJSON struct {
	NPVq      float64  `json:"npvq"`
	CumVol    float64  `json:"cumulative_volatility"`
	CallShare float64  `json:"call_share"`
	Value     float64  `json:"value"`
	NPV       float64  `json:"npv"`
	Trigger   *float64 `json:"trigger"` // null when waiting always pays
	// TriggerLow and TriggerHigh bound the exercise band, the S at which
	// investing now beats waiting (see bandJSON): with two exercise
	// boundaries (r < q < 0) both are set and Trigger is TriggerLow.
	TriggerLow  *float64 `json:"trigger_low"`
	TriggerHigh *float64 `json:"trigger_high"`
	Region      int      `json:"region"`
	RegionName  string   `json:"region_name"`
	Action      string   `json:"action"`
	Reason      string   `json:"reason"`
	Method      string   `json:"method"`
}

func runSpace(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	var o valuation.RealOption
	o.Kind = valuation.Defer
	fs.Float64Var(&o.S, "S", 0, "underlying value S (required): 0 or a normal positive number (at least 2.2250738585072014e-308)")
	fs.Float64Var(&o.X, "X", 0, "investment X (required): a normal positive number (at least 2.2250738585072014e-308; NPVq = S/PV(X))")
	fs.Float64Var(&o.T, "t", 0, "years the decision can be deferred (required)")
	fs.Float64Var(&o.Sigma, "sigma", 0, "volatility per year (required)")
	fs.Float64Var(&o.R, "r", 0, "risk-free rate (required), read per --discounting")
	fs.Float64Var(&o.Q, "q", 0, "leakage per year, continuously compounded")
	disc := fs.String("discounting", "continuous", "how r is read: continuous (the default, as in price; portfolios default to discrete), or discrete (Luehrman: PV(X) = X/(1+r)^t)")
	th := valuation.DefaultThresholds()
	fs.Float64Var(&th.InvestNowPremium, "invest-now-premium", th.InvestNowPremium, "region 1 when the time value is at most this share of S")
	fs.Float64Var(&th.MaybeLater, "maybe-later", th.MaybeLater, "smallest C/S of region 4")
	fs.Float64Var(&th.ProbablyNever, "probably-never", th.ProbablyNever, "smallest C/S of region 5")
	asJSON := fs.Bool("json", false, "print JSON")
	setUsage(fs, stderr,
		"usage: optionspace-cli space --S .. --X .. --t .. --sigma .. --r .. [--q ..] [--discounting continuous|discrete] [--json]",
		"r is continuously compounded unless --discounting discrete is given (portfolios default to discrete: pass it to match a portfolio's numbers).",
		"S and X are amounts: S is 0 or a normal positive number, X a normal positive number (X = 0 makes NPVq = S/PV(X) infinite);",
		"a positive amount below 2.2250738585072014e-308 (a subnormal float such as 1e-320) is refused for both.",
	)
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if err := requireFlags(givenFlags(fs), "S", "X", "t", "sigma", "r"); err != nil {
		return err
	}
	if err := checkAmounts(o.S, o.X); err != nil {
		return err
	}
	var d valuation.Discounting
	if err := d.UnmarshalText([]byte(*disc)); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	// The engine prices with the continuous rate ln(1+r) for a discrete r,
	// within [-1, 1]: say so in the convention the user typed.
	if d == valuation.Discrete && !(o.R >= math.Expm1(-valuation.MaxRate) && d.ContinuousRate(o.R) >= -valuation.MaxRate && o.R <= math.Expm1(valuation.MaxRate)) {
		return fmt.Errorf("%w: --r %g: a discrete rate must be within [%.4g, %.4g] (continuously compounded -1 to 1)", errUsage, o.R, math.Expm1(-valuation.MaxRate), math.Expm1(valuation.MaxRate))
	}
	o.R = d.ContinuousRate(o.R)
	p, err := valuation.Place(o, th)
	if err != nil {
		return err
	}
	if math.IsInf(p.NPVq, 0) || math.IsNaN(p.NPVq) {
		// X is positive, but so much smaller than S that S/PV(X)
		// overflows: refused alike with and without --json.
		return fmt.Errorf("--S %g, --X %g: NPVq = S/PV(X) is infinite (X is too small against S)", o.S, o.X)
	}
	if *asJSON {
		out := spaceJSON{NPVq: p.NPVq, CumVol: p.CumVol, CallShare: p.CallShare, Value: p.Value, NPV: p.NPV,
			Region: int(p.Region), RegionName: p.Region.String(), Action: p.Region.Action(), Reason: p.Explain(th, amount), Method: p.Method}
		if !math.IsInf(p.Trigger, 1) {
			out.Trigger = &p.Trigger
		}
		lo, hi, ok := p.ExerciseBand()
		out.TriggerLow, out.TriggerHigh = bandJSON(lo, hi, ok)
		return writeJSON(stdout, out)
	}
	trig := "none (" + valuation.NoTriggerReason(o.R, o.Q) + ")"
	if !math.IsInf(p.Trigger, 1) {
		trig = fmtFloat(p.Trigger)
	}
	if lo, hi, ok := p.TwoBoundaryBand(); ok {
		// Two boundaries: S* alone would read "invest at any S above it".
		trig = format.ExerciseBand(lo, hi, fmtFloat)
	}
	fmt.Fprintf(stdout, "NPVq                  %s\nsigma*sqrt(t)         %s\nC/S                   %s\nvalue                 %s\nNPV (S - X)           %s\ntrigger S*            %s\nregion                %d (%s): %s\nreason                %s\nmethod                %s\n",
		fmtFloat(p.NPVq), fmtFloat(p.CumVol), fmtFloat(p.CallShare), fmtFloat(p.Value), fmtFloat(p.NPV), trig,
		int(p.Region), p.Region, p.Region.Action(), p.Explain(th, amount), p.Method)
	return nil
}

// bandJSON returns the JSON trigger_low and trigger_high of an exercise
// band (valuation.Position.ExerciseBand): the lower and upper exercise
// boundaries, each null where the band is unbounded on that side (a
// call-like kind's upper side, a put-like kind's lower side, with one
// boundary) and both null when there is no band. With two boundaries both
// are set, so that neither is shown as if it were the only one.
func bandJSON(lo, hi float64, ok bool) (low, high *float64) {
	if !ok {
		return nil, nil
	}
	if lo > 0 {
		low = &lo
	}
	if !math.IsInf(hi, 1) {
		high = &hi
	}
	return low, high
}

// minNormal is the smallest normal positive float64: a smaller positive
// amount is a subnormal (1e-320), a typing error that the engine cannot
// price with its precision.
const minNormal = 0x1p-1022

// checkAmounts applies the space command's one rule for amounts: S is 0 or
// a normal positive number, X a normal positive number (X = 0 has no
// option space: NPVq = S/PV(X) is infinite). Both are usage errors.
func checkAmounts(s, x float64) error {
	if s != 0 && !(s >= minNormal) {
		return fmt.Errorf("%w: --S %g: S must be 0 or a normal positive number (at least %g)", errUsage, s, float64(minNormal))
	}
	if !(x >= minNormal) {
		why := ""
		if x == 0 {
			why = "; with X = 0, NPVq = S/PV(X) is infinite"
		}
		return fmt.Errorf("%w: --X %g: X must be a normal positive number (at least %g)%s", errUsage, x, float64(minNormal), why)
	}
	return nil
}
