package valuation

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

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

// latticeBenchIn are the inputs of the lattice benchmarks (with S from
// benchS).
var latticeBenchIn = Inputs{X: 100, T: 1, Sigma: 0.25, R: 0.05, Q: 0.02}

// latticeNodes returns the mean number of node values that one valuation of
// the American put on latticeBenchIn computes over benchS: one lattice, or
// with greeks also the vega and rho lattices (bumps as latticeGreeks).
func latticeNodes(lr bool, steps int, greeks bool) float64 {
	var sum int
	for _, s := range benchS {
		in := latticeBenchIn
		in.S = s
		ins := []Inputs{in}
		if greeks {
			vega, rho := in, in
			vega.Sigma += VegaBump
			rho.R += RhoBump
			ins = append(ins, vega, rho)
		}
		for _, in := range ins {
			t, err := buildTree(lr, in, steps)
			if err != nil {
				panic(err)
			}
			sum += runTree(Put, American, in, t, false).updated
		}
	}
	return float64(sum) / float64(len(benchS))
}

// benchLattice times price over benchS and reports, besides cpu-ns/op
// (cpuMeter), the nodes computed per valuation (nodes/op) and the CPU time
// per node (cpu-ns/node).
func benchLattice(b *testing.B, lr bool, steps int, greeks bool, price func(in Inputs)) {
	nodes := latticeNodes(lr, steps, greeks)
	in := latticeBenchIn
	b.ReportAllocs()
	stop := cpuMeter(b)
	start, ok := threadCPU()
	for i := 0; b.Loop(); i++ {
		in.S = benchS[i&15]
		price(in)
	}
	end, ok2 := threadCPU()
	stop()
	b.ReportMetric(nodes, "nodes/op")
	if ok && ok2 && b.N > 0 {
		b.ReportMetric((end-start)/float64(b.N)/nodes, "cpu-ns/node")
	}
}

// BenchmarkCRRAmericanPut1000Greeks prices with every Greek: the tree's
// delta, gamma and theta plus two bump-and-reprice lattices for vega and rho.
func BenchmarkCRRAmericanPut1000Greeks(b *testing.B) {
	benchLattice(b, false, 1000, true, func(in Inputs) { sinkR, _ = CRR(Put, American, in, 1000) })
}

// BenchmarkLRAmericanPut201Greeks prices with every Greek (three lattices).
func BenchmarkLRAmericanPut201Greeks(b *testing.B) {
	benchLattice(b, true, 201, true, func(in Inputs) { sinkR, _ = LeisenReimer(Put, American, in, 201) })
}

// BenchmarkCRRAmericanPut1000 prices the American put on one 1000-step CRR
// lattice, the work QuantLib's binomial engine and a plain loop are timed on.
func BenchmarkCRRAmericanPut1000(b *testing.B) {
	benchLattice(b, false, 1000, false, func(in Inputs) {
		v, _ := CRRValue(Put, American, in, 1000)
		sinkF += v
	})
}

// BenchmarkLRAmericanPut201 prices the American put on one 201-step
// Leisen-Reimer lattice.
func BenchmarkLRAmericanPut201(b *testing.B) {
	benchLattice(b, true, 201, false, func(in Inputs) {
		v, _ := LeisenReimerValue(Put, American, in, 201)
		sinkF += v
	})
}

// aloBenchIn are the inputs of the boundary-method benchmarks (an American
// put with early exercise, and with the spot varying; kappa 0.2). The cold
// benchmarks empty the boundary cache before each valuation, so each solves
// its boundary; the warm one reuses it (what a revaluation after S moved
// costs). aloStiffIn is the grid's stiffest case (a call with kappa 10.8:
// sigma 0.05, t 10, r - q = -0.17), where every scheme uses its last tier.
var (
	aloBenchIn = Inputs{X: 100, T: 1, Sigma: 0.25, R: 0.05, Q: 0.02}
	aloStiffIn = Inputs{X: 100, T: 10, Sigma: 0.05, R: -0.02, Q: 0.15}
)

// threadCPU returns the CPU time of the calling OS thread from Linux's
// /proc/thread-self/schedstat (ok false elsewhere).
func threadCPU() (ns float64, ok bool) {
	b, err := os.ReadFile("/proc/thread-self/schedstat")
	if err != nil {
		return 0, false
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0, false
	}
	v, err := strconv.ParseFloat(f[0], 64)
	return v, err == nil
}

// cpuMeter reports, besides ns/op (wall time, which counts the time other
// processes hold the CPU on a shared machine), cpu-ns/op: the CPU time of
// the benchmark's thread per operation (Linux). Call the returned function
// after the loop.
func cpuMeter(b *testing.B) func() {
	runtime.LockOSThread()
	start, ok := threadCPU()
	return func() {
		end, ok2 := threadCPU()
		runtime.UnlockOSThread()
		if ok && ok2 && b.N > 0 {
			b.ReportMetric((end-start)/float64(b.N), "cpu-ns/op")
		}
	}
}

func benchALO(b *testing.B, typ OptionType, in Inputs, s ALOScheme, cold bool) {
	b.ReportAllocs()
	defer cpuMeter(b)()
	for i := 0; b.Loop(); i++ {
		if cold {
			ClearBoundaryCache()
		}
		in.S = benchS[i&15]
		v, _ := ALOValue(typ, in, s)
		sinkF += v
	}
}

func BenchmarkALOFastPutCold(b *testing.B)     { benchALO(b, Put, aloBenchIn, ALOFast, true) }
func BenchmarkALOStandardPutCold(b *testing.B) { benchALO(b, Put, aloBenchIn, ALOStandard, true) }
func BenchmarkALOAccuratePutCold(b *testing.B) { benchALO(b, Put, aloBenchIn, ALOAccurate, true) }
func BenchmarkALOStandardPutWarm(b *testing.B) { benchALO(b, Put, aloBenchIn, ALOStandard, false) }
func BenchmarkALOFastStiffCold(b *testing.B)   { benchALO(b, Call, aloStiffIn, ALOFast, true) }
func BenchmarkALOAccurateStiffCold(b *testing.B) {
	benchALO(b, Call, aloStiffIn, ALOAccurate, true)
}

// aloGridCases are the 340 boundaries of the accuracy grid (testdata/
// quantlib_american.py: calls with q > 0 and puts with r > 0 over t 0.1-10,
// sigma 0.05-1, r -0.02-0.1, q 0-0.15) at S = X.
func aloGridCases() (typs []OptionType, ins []Inputs) {
	for _, typ := range []OptionType{Call, Put} {
		for _, days := range []float64{37, 183, 365, 1095, 3650} {
			for _, sig := range []float64{0.05, 0.2, 0.5, 1} {
				for _, r := range []float64{-0.02, 0.02, 0.05, 0.1} {
					for _, q := range []float64{0, 0.04, 0.15} {
						if (typ == Put && r > 0) || (typ == Call && q > 0) {
							typs = append(typs, typ)
							ins = append(ins, Inputs{S: 100, X: 100, T: days / 365, Sigma: sig, R: r, Q: q})
						}
					}
				}
			}
		}
	}
	return typs, ins
}

// benchALOGrid: the mean time per option over the grid's boundaries, each
// solved cold.
func benchALOGrid(b *testing.B, s ALOScheme) {
	typs, ins := aloGridCases()
	b.ReportAllocs()
	defer cpuMeter(b)()
	for i := 0; b.Loop(); i++ {
		ClearBoundaryCache()
		j := i % len(ins)
		v, _ := ALOValue(typs[j], ins[j], s)
		sinkF += v
	}
}

func BenchmarkALOFastGridCold(b *testing.B)     { benchALOGrid(b, ALOFast) }
func BenchmarkALOStandardGridCold(b *testing.B) { benchALOGrid(b, ALOStandard) }
func BenchmarkALOAccurateGridCold(b *testing.B) { benchALOGrid(b, ALOAccurate) }

// BenchmarkALOGreeksCold: value and every Greek (one standard boundary,
// three fast ones).
func BenchmarkALOGreeksCold(b *testing.B) {
	in := aloBenchIn
	b.ReportAllocs()
	defer cpuMeter(b)()
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
	defer cpuMeter(b)()
	for b.Loop() {
		ClearBoundaryCache()
		v, _ := Trigger(in)
		sinkF += v
	}
}

// BenchmarkTriggerGridCold: Trigger (S*, or S** of the puts) over the
// grid's boundaries, nothing cached.
func BenchmarkTriggerGridCold(b *testing.B) {
	typs, ins := aloGridCases()
	b.ReportAllocs()
	defer cpuMeter(b)()
	for i := 0; b.Loop(); i++ {
		ClearBoundaryCache()
		j := i % len(ins)
		var v float64
		if typs[j] == Call {
			v, _ = Trigger(ins[j])
		} else {
			v, _ = PutTrigger(ins[j])
		}
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
