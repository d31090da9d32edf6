package valuation

import "math"

// Break-even with two exercise boundaries.
//
// With r < q < 0 the American call is exercised early only inside a band
// of S, Trigger <= S <= FarTrigger (Battauz, De Donno and Sbuelz, "Real
// options and American derivatives: the double continuation region",
// Management Science 61(5), 2015): investing now beats waiting for an
// interval of S, and, the boundaries being homogeneous of degree one in
// X, for an interval of X, not for every X at or below one value.

// investNowPays reports whether investing now (S - X) is worth at least
// as much as keeping the American call with inputs in: S at or above
// Trigger and, where there are two exercise boundaries, at or below
// FarTrigger. An input error is false.
func investNowPays(in Inputs) bool {
	near, err := Trigger(in)
	if err != nil || !(in.S >= near) {
		return false
	}
	if !twoBoundaries(Call, in.R, in.Q) || in.T == 0 {
		return true
	}
	far, err := FarTrigger(Call, in)
	return err == nil && in.S <= far
}

// breakEvenInvestment is BreakEvenInvestment for valid inputs: with the
// boundaries at X = 1, near1 = Trigger and far1 = FarTrigger, investing
// now pays for X near1 <= S <= X far1, that is for
// S/far1 <= X <= S/near1.
func breakEvenInvestment(in Inputs) (low, high float64, err error) {
	x := in
	x.X = 1
	near, err := Trigger(x)
	if err != nil {
		return 0, 0, err
	}
	if math.IsInf(near, 1) || near == 0 {
		return 0, 0, nil
	}
	if !twoBoundaries(Call, in.R, in.Q) || in.T == 0 {
		return 0, in.S / near, nil
	}
	far, err := FarTrigger(Call, x)
	if err != nil {
		return 0, 0, err
	}
	if !(far >= near) {
		return 0, 0, nil // the band has closed
	}
	return in.S / far, in.S / near, nil
}
