package valuation

import "testing"

// Package-level sinks keep the compiler from optimising the work away.
var (
	sinkF float64
	sinkR Result
)

// benchS is the varying table of underlying values of the benchmarks.
var benchS = [...]float64{80, 85, 90, 95, 100, 105, 110, 115, 120, 97.5, 102.5, 92.5, 107.5, 88, 112, 100.1}

func BenchmarkBlackScholes(b *testing.B) {
	in := Inputs{X: 100, T: 1, Sigma: 0.25, R: 0.05, Q: 0.02}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		in.S = benchS[i&15]
		v, _ := BlackScholes(Call, in)
		sinkF += v
	}
}

func BenchmarkBlackScholesGreeks(b *testing.B) {
	in := Inputs{X: 100, T: 1, Sigma: 0.25, R: 0.05, Q: 0.02}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		in.S = benchS[i&15]
		sinkR, _ = BlackScholesGreeks(Put, in)
	}
}

// BenchmarkCRRAmericanPut1000Greeks prices with every Greek: the tree's
// delta, gamma and theta plus two bump-and-reprice lattices for vega and rho.
func BenchmarkCRRAmericanPut1000Greeks(b *testing.B) {
	in := Inputs{X: 100, T: 1, Sigma: 0.25, R: 0.05, Q: 0.02}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		in.S = benchS[i&15]
		sinkR, _ = CRR(Put, American, in, 1000)
	}
}

// BenchmarkLRAmericanPut201Greeks prices with every Greek (three lattices).
func BenchmarkLRAmericanPut201Greeks(b *testing.B) {
	in := Inputs{X: 100, T: 1, Sigma: 0.25, R: 0.05, Q: 0.02}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		in.S = benchS[i&15]
		sinkR, _ = LeisenReimer(Put, American, in, 201)
	}
}

// BenchmarkCRRAmericanPut1000 prices the American put on one 1000-step CRR
// lattice, the work QuantLib's binomial engine and a plain loop are timed on.
func BenchmarkCRRAmericanPut1000(b *testing.B) {
	in := Inputs{X: 100, T: 1, Sigma: 0.25, R: 0.05, Q: 0.02}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		in.S = benchS[i&15]
		v, _ := CRRValue(Put, American, in, 1000)
		sinkF += v
	}
}

// BenchmarkLRAmericanPut201 prices the American put on one 201-step
// Leisen-Reimer lattice.
func BenchmarkLRAmericanPut201(b *testing.B) {
	in := Inputs{X: 100, T: 1, Sigma: 0.25, R: 0.05, Q: 0.02}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		in.S = benchS[i&15]
		v, _ := LeisenReimerValue(Put, American, in, 201)
		sinkF += v
	}
}

// aloBenchIn are the inputs of the boundary-method benchmarks (an American
// put with early exercise, and with the spot varying). The cold benchmarks
// empty the boundary cache before each valuation, so each solves its
// boundary; the warm one reuses it (what a revaluation after S moved costs).
var aloBenchIn = Inputs{X: 100, T: 1, Sigma: 0.25, R: 0.05, Q: 0.02}

func benchALO(b *testing.B, s ALOScheme, cold bool) {
	in := aloBenchIn
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if cold {
			ClearBoundaryCache()
		}
		in.S = benchS[i&15]
		v, _ := ALOValue(Put, in, s)
		sinkF += v
	}
}

func BenchmarkALOFastPutCold(b *testing.B)     { benchALO(b, ALOFast, true) }
func BenchmarkALOStandardPutCold(b *testing.B) { benchALO(b, ALOStandard, true) }
func BenchmarkALOAccuratePutCold(b *testing.B) { benchALO(b, ALOAccurate, true) }
func BenchmarkALOStandardPutWarm(b *testing.B) { benchALO(b, ALOStandard, false) }

// BenchmarkALOGreeksCold: value and every Greek (one standard boundary,
// three fast ones).
func BenchmarkALOGreeksCold(b *testing.B) {
	in := aloBenchIn
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		ClearBoundaryCache()
		in.S = benchS[i&15]
		sinkR, _ = ALO(Put, in, ALOStandard)
	}
}

// BenchmarkTriggerCold: the trigger by the boundary method, nothing cached;
// BenchmarkLatticeTrigger is the lattice bisection it replaced.
func BenchmarkTriggerCold(b *testing.B) {
	in := Inputs{X: 100, T: 2, Sigma: 0.3, R: 0.05, Q: 0.08}
	b.ReportAllocs()
	for b.Loop() {
		ClearBoundaryCache()
		v, _ := Trigger(in)
		sinkF += v
	}
}

func BenchmarkLatticeTrigger(b *testing.B) {
	in := Inputs{X: 100, T: 2, Sigma: 0.3, R: 0.05, Q: 0.08}
	b.ReportAllocs()
	for b.Loop() {
		v, _ := LatticeTrigger(Call, in)
		sinkF += v
	}
}
