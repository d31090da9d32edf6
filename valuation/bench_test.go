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

func BenchmarkTrigger(b *testing.B) {
	in := Inputs{X: 100, T: 2, Sigma: 0.3, R: 0.05, Q: 0.08}
	b.ReportAllocs()
	for b.Loop() {
		v, _ := Trigger(in)
		sinkF += v
	}
}

// aloBenchIn are the inputs of the boundary-method benchmarks (an American
// put with early exercise, and with the spot varying).
var aloBenchIn = Inputs{X: 100, T: 1, Sigma: 0.25, R: 0.05, Q: 0.02}

func BenchmarkALOFastPut(b *testing.B) {
	in := aloBenchIn
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		in.S = benchS[i&15]
		v, _ := ALOValue(Put, in, ALOFast)
		sinkF += v
	}
}

func BenchmarkALOAccuratePut(b *testing.B) {
	in := aloBenchIn
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		in.S = benchS[i&15]
		v, _ := ALOValue(Put, in, ALOAccurate)
		sinkF += v
	}
}

func BenchmarkALOTrigger(b *testing.B) {
	in := Inputs{X: 100, T: 2, Sigma: 0.3, R: 0.05, Q: 0.08}
	b.ReportAllocs()
	for b.Loop() {
		v, _ := ALOBoundary(Call, in, aloTriggerScheme)
		sinkF += v
	}
}
