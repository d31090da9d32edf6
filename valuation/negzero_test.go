package valuation

import (
	"math"
	"testing"
)

// TestNoNegativeZero: no pricer returns -0 for a value or Greek, which
// front ends print as "-0". A put at T = 0 had rho -T e^{-rT} N(-d2) = -0
// ("cli price --type put --S 90 --X 100 --t 0" printed "rho -0"), a put
// far out of the money delta -e^{-qT} N(-d1) = -0; every zero must be +0.
func TestNoNegativeZero(t *testing.T) {
	pricers := map[string]func(OptionType, Style, Inputs) (Result, error){
		"bs": func(typ OptionType, st Style, in Inputs) (Result, error) {
			if st == American {
				return Result{}, nil
			}
			return BlackScholesGreeks(typ, in)
		},
		"crr": func(typ OptionType, st Style, in Inputs) (Result, error) { return CRR(typ, st, in, 101) },
		"lr":  func(typ OptionType, st Style, in Inputs) (Result, error) { return LeisenReimer(typ, st, in, 101) },
		"alo": func(typ OptionType, st Style, in Inputs) (Result, error) {
			if st == European {
				return Result{}, nil
			}
			return ALO(typ, in, ALOAccurate)
		},
	}
	zeros := 0
	for name, price := range pricers {
		for _, typ := range []OptionType{Call, Put} {
			for _, st := range []Style{European, American} {
				for _, S := range []float64{0, 90, 110, 1000} {
					for _, T := range []float64{0, 1} {
						for _, sigma := range []float64{0, 0.2} {
							in := Inputs{S: S, X: 100, T: T, Sigma: sigma, R: 0.05, Q: 0.02}
							r, err := price(typ, st, in)
							if err != nil {
								t.Fatalf("%s %v %v %+v: %v", name, typ, st, in, err)
							}
							g := r.Greeks
							for what, v := range map[string]float64{"value": r.Value, "delta": g.Delta, "gamma": g.Gamma, "vega": g.Vega, "theta": g.Theta, "rho": g.Rho} {
								if v == 0 {
									zeros++
								}
								if v == 0 && math.Signbit(v) {
									t.Errorf("%s %v %v %+v: %s is -0", name, typ, st, in, what)
								}
							}
						}
					}
				}
			}
		}
	}
	if zeros == 0 {
		t.Fatal("no zero value or Greek among the cases: the test checks nothing")
	}
}
