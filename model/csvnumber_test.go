package model_test

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model"
)

// TestCSVNumber: plain decimals for 0 and 1e-6 <= |v| < 1e21, the
// exponent form outside (the tester's worthless option, 7.04e-181, was a
// 198-character cell), an empty cell where not finite; every cell reads
// back to the same float64 and none is longer than 25 characters (17
// significant digits, a sign, a point and the zeros of 1e-6, or an
// exponent).
func TestCSVNumber(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{
		{0, "0"}, {math.Copysign(0, -1), "0"}, {2967278.14, "2967278.14"}, {4950000, "4950000"}, {-1500.5, "-1500.5"},
		{1e-6, "0.000001"}, {-1e-6, "-0.000001"}, {9.99e-7, "9.99e-07"}, {7.043873052589143e-181, "7.043873052589143e-181"},
		{1e21, "1e+21"}, {999999999999999900000, "999999999999999900000"}, {math.MaxFloat64, "1.7976931348623157e+308"},
		{5e-324, "5e-324"}, {math.Inf(1), ""}, {math.Inf(-1), ""}, {math.NaN(), ""},
	} {
		if got := model.CSVNumber(c.v); got != c.want {
			t.Errorf("CSVNumber(%v) = %q, want %q", c.v, got, c.want)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 200000; i++ {
		v := math.Float64frombits(r.Uint64()) // any float64, most of them tiny or huge
		if i%2 == 1 {
			v = math.Pow(10, -8+30*r.Float64()) // 1e-8 to 1e22: both sides of both edges
			if r.IntN(2) == 0 {
				v = -v
			}
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		s := model.CSVNumber(v)
		back, err := strconv.ParseFloat(s, 64)
		if err != nil || back != v {
			t.Fatalf("CSVNumber(%v) = %q reads back as %v, %v", v, s, back, err)
		}
		a := math.Abs(v)
		if plain := !strings.ContainsAny(s, "eE"); plain != (a >= 1e-6 && a < 1e21) {
			t.Fatalf("CSVNumber(%v) = %q: plain %v", v, s, plain)
		}
		if len(s) > 25 {
			t.Fatalf("CSVNumber(%v) = %q: %d characters", v, s, len(s))
		}
	}
}
