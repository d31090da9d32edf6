package valuation

import (
	"math"
	"runtime"
	"sort"
	"strconv"
	"testing"

	"github.com/optionspace/optionspace/model/modeltest/testfile"
)

// sideCase is one row of testdata/alo_reference.csv: an American option of
// the accuracy grid and its reference value.
type sideCase struct {
	typ OptionType
	in  Inputs
	ref float64
}

// sideCases reads the 1,700 options of the accuracy grid (S/X 0.5-2,
// t 0.1-10, sigma 0.05-1, r -0.02-0.1, q 0-0.15; the cases of
// testdata/quantlib_american.py) with their reference values.
func sideCases(b *testing.B) []sideCase {
	rows := testfile.CSV(b, "testdata/alo_reference.csv")
	var err error
	out := make([]sideCase, 0, len(rows)-1)
	for _, row := range rows[1:] {
		var v [7]float64
		for j := range v {
			if v[j], err = strconv.ParseFloat(row[j+1], 64); err != nil {
				b.Fatal(err)
			}
		}
		typ := Call
		if row[0] == "put" {
			typ = Put
		}
		out = append(out, sideCase{typ, Inputs{S: v[0], X: v[1], T: v[2], Sigma: v[3], R: v[4], Q: v[5]}, v[6]})
	}
	return out
}

// BenchmarkALOSideBySide values every option of the accuracy grid cold
// (its boundary solved anew) with each scheme, one pass over the grid an
// op, and reports the CPU time per option (cpu-ns/option) and the largest
// and the median relative error against the reference in parts per billion
// (|v - ref| / max(ref, 1e-6 X), as TestALOGrid). It is the Go
// half of testdata/sidebyside.sh, which times QuantLib 1.29's
// QdFpAmericanEngine on the same options in the same run
// (testdata/quantlib_sidebyside.py).
func BenchmarkALOSideBySide(b *testing.B) {
	cases := sideCases(b)
	for _, sc := range []struct {
		name string
		s    ALOScheme
	}{{"fast", ALOFast}, {"standard", ALOStandard}, {"accurate", ALOAccurate}} {
		b.Run(sc.name, func(b *testing.B) {
			es := make([]float64, len(cases))
			for i, c := range cases {
				ClearBoundaryCache()
				v, err := ALOValue(c.typ, c.in, sc.s)
				if err != nil {
					b.Fatalf("%v %+v: %v", c.typ, c.in, err)
				}
				es[i] = math.Abs(v-c.ref) / math.Max(math.Abs(c.ref), 1e-6*c.in.X)
			}
			sort.Float64s(es)
			b.ReportAllocs()
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			start, ok := threadCPU()
			for b.Loop() {
				for i := range cases {
					ClearBoundaryCache()
					v, _ := ALOValue(cases[i].typ, cases[i].in, sc.s)
					sinkF += v
				}
			}
			if end, ok2 := threadCPU(); ok && ok2 && b.N > 0 {
				b.ReportMetric((end-start)/float64(b.N*len(cases)), "cpu-ns/option")
			}
			b.ReportMetric(es[len(es)-1]*1e9, "max-err-ppb")
			b.ReportMetric(es[len(es)/2]*1e9, "median-err-ppb")
		})
	}
}
