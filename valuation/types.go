package valuation

import (
	"fmt"
	"math"
)

// OptionType is the payoff of a plain option: a call or a put.
type OptionType int

const (
	// Call pays max(S - X, 0) when exercised.
	Call OptionType = iota
	// Put pays max(X - S, 0) when exercised.
	Put
)

// String returns "call" or "put".
func (t OptionType) String() string { return enumString(t, "OptionType", "call", "put") }

// enumString returns names[v] for a value of an enumeration numbered from
// 0 (typ is its type's name), and "typ(v)" for a value out of it.
func enumString[T ~int](v T, typ string, names ...string) string {
	if v >= 0 && int(v) < len(names) {
		return names[v]
	}
	return fmt.Sprintf("%s(%d)", typ, int(v))
}

// Style is when an option may be exercised.
type Style int

const (
	// European options are exercised at expiry only.
	European Style = iota
	// American options are exercised at any time up to expiry.
	American
)

// String returns "european" or "american".
func (s Style) String() string { return enumString(s, "Style", "european", "american") }

// Limits of valid inputs. They are far beyond any real initiative and keep
// every intermediate quantity finite (see the package documentation).
const (
	// MaxAmount bounds S, X and other money amounts.
	MaxAmount = 1e15
	// MaxT bounds the time to expiry, in years.
	MaxT = 100
	// MaxSigma bounds the volatility per year.
	MaxSigma = 5
	// MaxRate bounds |R| and |Q|, continuously compounded per year.
	MaxRate = 1
	// MaxCumVol bounds the cumulative volatility sigma*sqrt(T), so that
	// lattices of up to about 1000 steps stay within floating-point range.
	MaxCumVol = 20
)

// Inputs are the Black-Scholes-Merton inputs of an option.
type Inputs struct {
	// S is the value of the underlying (>= 0).
	S float64
	// X is the exercise price (>= 0).
	X float64
	// T is the time to expiry in years (>= 0).
	T float64
	// Sigma is the volatility of S per year (>= 0).
	Sigma float64
	// R is the continuously compounded risk-free rate.
	R float64
	// Q is the continuously compounded leakage (dividend yield).
	Q float64
}

// Validate returns an *InputError naming the first input that is NaN,
// infinite or out of range: S and X in [0, MaxAmount], T in [0, MaxT],
// Sigma in [0, MaxSigma], |R| and |Q| at most MaxRate, and
// sigma*sqrt(T) at most MaxCumVol.
func (in Inputs) Validate() error {
	if err := checkRange("S", in.S, 0, MaxAmount); err != nil {
		return err
	}
	if err := checkRange("X", in.X, 0, MaxAmount); err != nil {
		return err
	}
	if err := checkRange("t", in.T, 0, MaxT); err != nil {
		return err
	}
	if err := checkRange("sigma", in.Sigma, 0, MaxSigma); err != nil {
		return err
	}
	if err := checkRange("r", in.R, -MaxRate, MaxRate); err != nil {
		return err
	}
	if err := checkRange("q", in.Q, -MaxRate, MaxRate); err != nil {
		return err
	}
	if v := in.Sigma * math.Sqrt(in.T); v > MaxCumVol {
		return &InputError{Input: "sigma", Value: in.Sigma, Reason: fmt.Sprintf("gives sigma*sqrt(t) = %g above the limit %d", v, MaxCumVol)}
	}
	return nil
}

// checkRange returns an *InputError unless lo <= v <= hi and v is finite.
// It does not allocate on success.
func checkRange(name string, v, lo, hi float64) error {
	switch {
	case math.IsNaN(v):
		return &InputError{Input: name, Value: v, Reason: "is not a number"}
	case math.IsInf(v, 0):
		return &InputError{Input: name, Value: v, Reason: "is infinite"}
	case v < lo && lo == 0:
		return &InputError{Input: name, Value: v, Reason: "is negative"}
	case v < lo:
		return &InputError{Input: name, Value: v, Reason: fmt.Sprintf("is below the limit %g", lo)}
	case v > hi:
		return &InputError{Input: name, Value: v, Reason: fmt.Sprintf("is above the limit %g", hi)}
	}
	return nil
}

// InputError reports an input that cannot be priced: which input, its value
// and why. Use errors.As to inspect it.
type InputError struct {
	// Input names the input, e.g. "sigma" or "steps".
	Input string
	// Value is the offending value.
	Value float64
	// Reason says what is wrong, e.g. "is negative".
	Reason string
}

// Error returns e.g. "valuation: input sigma = -0.1 is negative".
func (e *InputError) Error() string {
	return fmt.Sprintf("valuation: input %s = %g %s", e.Input, e.Value, e.Reason)
}

// Greeks are the sensitivities of an option value.
type Greeks struct {
	// Delta is dV/dS.
	Delta float64
	// Gamma is d2V/dS2.
	Gamma float64
	// Vega is dV/dsigma per 1.00 (100 percentage points) of volatility.
	Vega float64
	// Theta is -dV/dT per year: the change in value as a year passes.
	Theta float64
	// Rho is dV/dr per 1.00 of rate.
	Rho float64
}

// Result is a priced option: its value, Greeks and the method used.
type Result struct {
	// Value is the option value.
	Value float64
	// Greeks are its sensitivities.
	Greeks Greeks
	// Method names the method, e.g. "Black-Scholes-Merton" or
	// "Leisen-Reimer (201 steps)".
	Method string
}

// checkTypeStyle panics on an OptionType or Style that is not one of the
// constants: a programmer error.
func checkTypeStyle(typ OptionType, style Style) {
	if typ != Call && typ != Put {
		panic(fmt.Sprintf("valuation: invalid OptionType %d", int(typ)))
	}
	if style != European && style != American {
		panic(fmt.Sprintf("valuation: invalid Style %d", int(style)))
	}
}

// positiveZeros returns r with a negative zero among its value and Greeks
// made +0, so that no front end prints "-0": -T e^{-rT} N(-d2) is -0 for
// a put at T = 0 or deep out of the money, -e^{-qT} N(-d1) for a put far
// in the money of its strike. The exported pricers (BlackScholesGreeks,
// CRR, LeisenReimer, ALO) return through it.
func positiveZeros(r Result, err error) (Result, error) {
	for _, p := range []*float64{&r.Value, &r.Greeks.Delta, &r.Greeks.Gamma, &r.Greeks.Vega, &r.Greeks.Theta, &r.Greeks.Rho} {
		if *p == 0 {
			*p = 0
		}
	}
	return r, err
}
