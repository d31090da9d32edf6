package valuation

import "math"

// degenerate handles the inputs for which a lattice is not needed or not
// defined: T = 0 (intrinsic value), S = 0, X = 0 and sigma = 0
// (deterministic limit). ok is false for every other input.
func degenerate(typ OptionType, style Style, in Inputs) (res Result, ok bool) {
	switch {
	case in.T == 0:
		r, _ := BlackScholesGreeks(typ, in)
		r.Method = "intrinsic value (t = 0)"
		if style == American {
			// Theta is -dV/dT as T -> 0+ without the diffusion term, as for
			// the European option; but an American value never falls with
			// more time, and the European limit is positive exactly where
			// the American option is exercised at once (put: q S < r X,
			// call: q S > r X), where its value is the payoff and theta 0.
			r.Greeks.Theta = math.Min(r.Greeks.Theta, 0)
		}
		return r, true
	case in.S == 0 || in.X == 0:
		r, _ := BlackScholesGreeks(typ, in)
		r.Method = "exact limit (S = 0 or X = 0)"
		if style == European {
			return r, true
		}
		// American: exercising at once pays X (put, S = 0) or S (call,
		// X = 0); it beats waiting unless rates make waiting better.
		if typ == Put && in.S == 0 && in.X > r.Value {
			r = Result{Value: in.X, Greeks: Greeks{Delta: -1}, Method: r.Method}
		}
		if typ == Call && in.X == 0 && in.S > r.Value {
			r = Result{Value: in.S, Greeks: Greeks{Delta: 1}, Method: r.Method}
		}
		return r, true
	case in.Sigma == 0:
		return deterministic(typ, style, in), true
	}
	return Result{}, false
}

// deterministic returns the value of an option whose underlying moves
// deterministically (sigma sqrt(t) = 0): S grows at r - q, so exercising at
// time tau pays e^{-r tau} max(±(S e^{(r-q)tau} - X), 0). A European option
// takes tau = T (Black-Scholes-Merton's limit); an American one takes the
// best tau in [0, T]: 0, T, or the stationary point
// tau* = ln(q S / (r X)) / (q - r), where d/dtau (S e^{-q tau} - X e^{-r tau})
// = 0, when it lies inside (e.g. a call with S = 180, X = 100, r = 0.10,
// q = 0.05 waits until tau* = 2.107 and is worth 81.0, not 80 now). Delta, theta and rho
// are the exact derivatives of that value; gamma and vega are reported as 0
// (their first-order effect vanishes except exactly at the kink).
func deterministic(typ OptionType, style Style, in Inputs) Result {
	const method = "deterministic limit (sigma*sqrt(t) = 0)"
	if style == European {
		r, _ := BlackScholesGreeks(typ, in)
		r.Method = method
		return r
	}
	sgn := 1.0
	if typ == Put {
		sgn = -1
	}
	f := func(tau float64) float64 {
		return sgn * (in.S*math.Exp(-in.Q*tau) - in.X*math.Exp(-in.R*tau))
	}
	best, bestF := 0.0, f(0)
	if v := f(in.T); v > bestF {
		best, bestF = in.T, v
	}
	if in.R != in.Q && in.R != 0 && in.X > 0 {
		// f'(tau) = -q S e^{-q tau} + r X e^{-r tau} = 0.
		if ratio := in.Q * in.S / (in.R * in.X); ratio > 0 {
			if tau := math.Log(ratio) / (in.Q - in.R); tau > 0 && tau < in.T {
				if v := f(tau); v > bestF {
					best, bestF = tau, v
				}
			}
		}
	}
	if !(bestF > 0) {
		return Result{Method: method}
	}
	g := Greeks{
		Delta: sgn * math.Exp(-in.Q*best),
		Rho:   sgn * best * in.X * math.Exp(-in.R*best),
	}
	if best == in.T {
		g.Theta = -sgn * (-in.Q*in.S*math.Exp(-in.Q*in.T) + in.R*in.X*math.Exp(-in.R*in.T))
	}
	return Result{Value: bestF, Greeks: g, Method: method}
}
