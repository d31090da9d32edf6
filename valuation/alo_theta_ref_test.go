package valuation

import (
	"math"
	"strconv"
	"testing"

	"github.com/optionspace/optionspace/model/modeltest/testfile"
)

// TestALOThetaAgainstQuantLib: ALO's theta (a central difference in T over
// the pricing scheme's tier) against QuantLib 1.29's QdFpAmericanEngine
// (high-precision scheme), -dV/dt by Richardson-extrapolated central
// differences in t (testdata/quantlib_theta.py): the acceptance tester's
// call just off its exercise boundary (S 186.14, X 100, t 0.3102,
// sigma 0.7198, r 0.0046, q 0.1009) and 400 random puts and calls that are
// exercised early. The error is relative to max(|theta|, X/100), within
// 1e-5 for ALOAccurate (measured 3.4e-6), 5e-4 for ALOStandard (3.4e-4, at
// the tester's call, where its values are that close) and 1e-3 for ALOFast
// (6.9e-4). The theta ALO took from the Black-Scholes-Merton equation
// before, rV - (r-q) S delta - sigma^2 S^2 gamma/2, was 3.4e-3 (ALOAccurate),
// 0.24 (ALOStandard) and 1.8 (ALOFast) off here: next to the boundary
// theta is the difference of two terms far larger than itself.
func TestALOThetaAgainstQuantLib(t *testing.T) {
	rows := testfile.CSV(t, "testdata/quantlib_theta.csv")
	if len(rows) != 402 {
		t.Fatalf("%d rows in testdata/quantlib_theta.csv, want 402 (a header and 401 cases)", len(rows))
	}
	type ref struct {
		typ          OptionType
		in           Inputs
		value, theta float64
	}
	var refs []ref
	for _, row := range rows[1:] {
		var v [8]float64
		for i := range v {
			var err error
			if v[i], err = strconv.ParseFloat(row[i+1], 64); err != nil {
				t.Fatal(err)
			}
		}
		c := ref{typ: Call, in: Inputs{S: v[0], X: v[1], T: v[2], Sigma: v[3], R: v[4], Q: v[5]}, value: v[6], theta: v[7]}
		if row[0] == "put" {
			c.typ = Put
		}
		refs = append(refs, c)
	}
	// The tester's call: QuantLib's theta is -0.225875 (its value
	// 86.140842, 8.4e-4 above the payoff).
	if c := refs[0]; c.typ != Call || c.in.S != 186.14 || math.Abs(c.theta+0.225875) > 1e-6 {
		t.Fatalf("first row %+v, want the tester's call with theta -0.225875", c)
	}
	for _, s := range []struct {
		name string
		s    ALOScheme
		tol  float64
	}{{"ALOAccurate", ALOAccurate, 1e-5}, {"ALOStandard", ALOStandard, 5e-4}, {"ALOFast", ALOFast, 1e-3}} {
		worst, at := 0.0, 0
		for i, c := range refs {
			r, err := ALO(c.typ, c.in, s.s)
			if err != nil {
				t.Fatalf("%s %v %+v: %v", s.name, c.typ, c.in, err)
			}
			e := math.Abs(r.Greeks.Theta-c.theta) / math.Max(math.Abs(c.theta), c.in.X/100)
			if i == 0 {
				t.Logf("%s, the tester's call: theta %.6g, QuantLib %.6g (%.1e)", s.name, r.Greeks.Theta, c.theta, e)
			}
			if e > worst {
				worst, at = e, i
			}
		}
		c := refs[at]
		t.Logf("%s: worst %.2g at %v %+v (QuantLib theta %.6g)", s.name, worst, c.typ, c.in, c.theta)
		if worst > s.tol {
			t.Errorf("%s: theta %.2g from QuantLib's at %v %+v, want <= %g", s.name, worst, c.typ, c.in, s.tol)
		}
	}
}
