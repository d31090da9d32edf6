package valuation

import (
	"math"
	"math/rand/v2"
	"testing"
)

// randomChooseGate returns a random choose option over the ranges of the
// band's accuracy gate: S/X 0.3-3 (log-uniform), t 0.1-10, sigma
// 0.05-1.5, r -0.02-0.1, q 0-0.15, expand factor 1-2, contract factor 0-1,
// salvage 0-X.
func randomChooseGate(rng *rand.Rand) RealOption {
	x := 100.0
	in := Inputs{S: x * math.Exp(math.Log(0.3)+math.Log(10)*rng.Float64()), X: x, T: 0.1 + 9.9*rng.Float64(),
		Sigma: 0.05 + 1.45*rng.Float64(), R: -0.02 + 0.12*rng.Float64(), Q: 0.15 * rng.Float64()}
	return RealOption{Inputs: in, Kind: Choose, ExpandFactor: 1 + rng.Float64(),
		ContractFactor: rng.Float64(), Salvage: x * rng.Float64()}
}

// bandCase is one option of TestChooseBandMatchesTree: the random draws
// plus corners (the widest sigma*sqrt(t), r < 0 with q > r, deep in and
// out of the money, no contract or salvage).
func bandCases(rng *rand.Rand, random int) []RealOption {
	var os []RealOption
	for _, in := range []Inputs{
		{S: 300, X: 100, T: 10, Sigma: 1.5, R: -0.02, Q: 0.15},
		{S: 30, X: 100, T: 10, Sigma: 1.5, R: 0.1, Q: 0},
		{S: 300, X: 100, T: 0.1, Sigma: 0.05, R: 0.1, Q: 0},
		{S: 30, X: 100, T: 0.1, Sigma: 0.05, R: -0.02, Q: 0.15},
		{S: 100, X: 100, T: 10, Sigma: 0.05, R: 0.1, Q: 0.15},
		{S: 100, X: 100, T: 10, Sigma: 1.5, R: -0.02, Q: 0},
	} {
		for _, f := range [][3]float64{{1, 0, 0}, {2, 1, 100}, {1.5, 0.5, 50}} {
			os = append(os, RealOption{Inputs: in, Kind: Choose, ExpandFactor: f[0], ContractFactor: f[1], Salvage: f[2]})
		}
	}
	for range random {
		os = append(os, randomChooseGate(rng))
	}
	return os
}

// TestChooseBandMatchesTree is the band's accuracy gate: on 2,000 random
// choose options (randomChooseGate) and the corners of bandCases, the
// choose lattice over chooseBand's band (what RealOption.Value uses)
// against the whole tree rolled back by the plain loop chooseRollPlain
// (the independent reference of TestChooseStepBitIdentical), both with
// chooseSteps' n and n/2 steps: the extrapolated value 2 V_n - V_{n/2} and
// the Greeks' nodes of steps 1 and 2 within 1e-9 relative or 1e-10 of X
// absolute, and the band never above the tree (its edge values are lower
// bounds) beyond 1e-13 relative. It logs the largest differences seen
// and the nodes rolled back.
func TestChooseBandMatchesTree(t *testing.T) {
	count := 2000
	if testing.Short() {
		count = 200
	}
	rng := rand.New(rand.NewPCG(19, 1))
	worst, worstRel, above := 0.0, 0.0, 0.0
	nodesBand, nodesTree := 0, 0
	for _, o := range bandCases(rng, count) {
		env := newEnvelope(o.choosePieces())
		n := chooseSteps(o.Inputs)
		var full, half nodes
		o.chooseRollPlain(&env, n, 0, o.S, &full, nil)
		o.chooseRollPlain(&env, n/2, 0, o.S, &half, nil)
		bf := o.chooseLatticeBand(&env, n, true, chooseBand, true)
		bh := o.chooseLatticeBand(&env, n/2, false, chooseBand, true)
		nodesBand += bf.updated + bh.updated
		nodesTree += n*(n+1)/2 + (n/2)*(n/2+1)/2
		tol := func(want float64) float64 { return math.Max(1e-9*math.Abs(want), 1e-10*o.X) }
		for _, c := range [][2]float64{
			{2*bf.v0 - bh.v0, 2*full.v0 - half.v0},
			{bf.v10, full.v10}, {bf.v11, full.v11},
			{bf.v20, full.v20}, {bf.v21, full.v21}, {bf.v22, full.v22},
		} {
			got, want := c[0], c[1]
			d := math.Abs(got - want)
			if d > tol(want) {
				t.Errorf("%+v n=%d: band %.17g, whole tree %.17g (difference %.3g, tolerance %.3g)", o, n, got, want, d, tol(want))
			}
			worst = math.Max(worst, d/o.X)
			if want != 0 {
				worstRel = math.Max(worstRel, d/math.Abs(want))
			}
		}
		for _, c := range [][2]float64{{bf.v0, full.v0}, {bh.v0, half.v0}} {
			if a := (c[0] - c[1]) / math.Max(math.Abs(c[1]), 1e-300); a > above {
				above = a
			}
		}
	}
	if above > 1e-13 {
		t.Errorf("band above the whole tree by up to %.3g relative (its edge values are lower bounds)", above)
	}
	t.Logf("largest difference %.3g of X, %.3g relative; band above tree at most %.3g relative; nodes rolled back %d of %d (%.1f%%)",
		worst, worstRel, above, nodesBand, nodesTree, 100*float64(nodesBand)/float64(nodesTree))
}

// TestChooseBandCurveRows checks the band of a lattice started k steps
// early (the payoff curve's, chooseNodes) against the whole tree by the
// plain loop: every node of row k within 1e-9 relative or 1e-10 of X.
func TestChooseBandCurveRows(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 2))
	for c := 0; c < 40; c++ {
		o := randomChooseGate(rng)
		env := newEnvelope(o.choosePieces())
		n := chooseSteps(o.Inputs)
		if c%2 == 1 {
			n /= 2
		}
		k := 1 + rng.IntN(2*n)
		got, want := make([]float64, k+1), make([]float64, k+1)
		o.chooseRoll(&env, n, k, o.S, nil, false, got)
		o.chooseRollPlain(&env, n, k, o.S, nil, want)
		for j := range got {
			if d := math.Abs(got[j] - want[j]); d > math.Max(1e-9*math.Abs(want[j]), 1e-10*o.X) {
				t.Fatalf("%+v n=%d k=%d node %d: band %.17g, whole tree %.17g", o, n, k, j, got[j], want[j])
			}
		}
	}
}

// BenchmarkChooseValueOnlyTree is BenchmarkChooseValueOnly with the whole
// trees rolled back (band 0, the lattice before chooseBand): run them side
// by side.
func BenchmarkChooseValueOnlyTree(b *testing.B) {
	o := chooseBenchOpt
	for i := 0; b.Loop(); i++ {
		o.S = benchS[i&15]
		sinkF += o.chooseBanded(0, false).Value
	}
}

// BenchmarkChooseRollTree1000 is BenchmarkChooseRoll1000 over the whole
// tree (band 0).
func BenchmarkChooseRollTree1000(b *testing.B) {
	o := chooseBenchOpt
	env := newEnvelope(o.choosePieces())
	for i := 0; b.Loop(); i++ {
		var nd nodes
		o.chooseRollBand(&env, 1000, 0, benchS[i&15], &nd, false, nil, 0, false)
		sinkF += nd.v0
	}
}
