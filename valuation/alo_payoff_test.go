package valuation

import "testing"

// TestALOExerciseRegionIsThePayoff: in the exercise region the boundary
// method's value is the payoff S - X (X - S for a put) to the last bit, so
// that the value and the NPV beside it in every table are one number
// (1950.5 - 1000 came out 950.4999999999999, shown as 950 next to 951).
// Each spot is far beyond its trigger (the call's S* is about 1,018 here;
// the put's below 83 X/100).
func TestALOExerciseRegionIsThePayoff(t *testing.T) {
	for _, c := range []struct {
		typ OptionType
		in  Inputs
	}{
		{Call, Inputs{S: 1950.5, X: 1000, T: 0.16, Sigma: 0.1, R: 0.04, Q: 0.3}},
		{Call, Inputs{S: 333.3, X: 100.1, T: 2, Sigma: 0.2, R: 0.02, Q: 0.15}},
		{Put, Inputs{S: 10.7, X: 100.3, T: 1, Sigma: 0.3, R: 0.08}},
	} {
		want := c.in.S - c.in.X
		if c.typ == Put {
			want = -want
		}
		for _, s := range []ALOScheme{ALOFast, ALOStandard, ALOAccurate} {
			ClearBoundaryCache()
			v, err := ALOValue(c.typ, c.in, s)
			if err != nil {
				t.Fatal(err)
			}
			if v != want {
				t.Errorf("%v %+v: value %.17g, payoff %.17g", c.typ, c.in, v, want)
			}
		}
	}
}
