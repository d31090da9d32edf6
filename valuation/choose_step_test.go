package valuation

import (
	"math"
	"math/rand/v2"
	"testing"
)

// chooseRollPlain is chooseRoll as it was before chooseStep: the plain
// loop over the nodes, each node price s0*upw[j]*dpw[i-j] and the pieces
// compared in a range loop. TestChooseStepBitIdentical checks chooseRoll
// against it bit for bit.
func (o RealOption) chooseRollPlain(env *envelope, n, k int, s0 float64, nd *nodes, dst []float64) {
	in := o.Inputs
	dt := in.T / float64(n)
	sd := in.Sigma * math.Sqrt(dt)
	mu := (in.R - in.Q - 0.5*in.Sigma*in.Sigma) * dt
	m := n + k
	t := tree{n: m, dt: dt, lnu: mu + sd, lnd: mu - sd}
	u, d := math.Exp(t.lnu), math.Exp(t.lnd)
	t.p = (math.Exp((in.R-in.Q)*dt) - d) / (u - d)
	lb, pu, pd := rollbackBuf(t, in.R)
	defer latticePool.Put(lb)
	upw, dpw, v := lb.upw, lb.dpw, lb.a
	for j := 0; j <= m-1; j++ {
		s := s0 * upw[j] * dpw[m-1-j]
		v[j] = math.Max(env.european(s, dt, in.Sigma, in.R, in.Q), env.at(s))
	}
	ps := o.choosePieces()
	for i := m - 2; i >= k; i-- {
		for j := 0; j <= i; j++ {
			c := pu*v[j+1] + pd*v[j]
			s := s0 * upw[j] * dpw[i-j]
			for _, p := range ps {
				if x := p.a*s + p.b; x > c {
					c = x
				}
			}
			v[j] = c
		}
		if k == 0 {
			switch i {
			case 2:
				nd.v20, nd.v21, nd.v22 = v[0], v[1], v[2]
			case 1:
				nd.v10, nd.v11 = v[0], v[1]
			}
		}
	}
	if dst != nil {
		copy(dst[:k+1], v[:k+1])
	}
	if k == 0 {
		nd.v0 = v[0]
	}
}

// randomChooseOpt returns a random choose option: factors from far out of the
// money to deep in it, salvage 0 to 2X, r below and above q.
func randomChooseOpt(rng *rand.Rand) RealOption {
	in := Inputs{S: 20 + 200*rng.Float64(), X: 100, T: 0.05 + 10*rng.Float64(), Sigma: 0.02 + 0.98*rng.Float64(),
		R: -0.02 + 0.12*rng.Float64(), Q: 0.15 * rng.Float64()}
	return RealOption{Inputs: in, Kind: Choose, ExpandFactor: []float64{1e-6, 0.1, 0.5, 1, 3}[rng.IntN(5)],
		ContractFactor: []float64{0, 0.2, 0.5, 1}[rng.IntN(4)], Salvage: []float64{0, 30, 80, 150, 200}[rng.IntN(5)]}
}

// TestChooseStepBitIdentical checks chooseRollBand over the whole tree
// (band 0, with chooseStep), with and without the pruning of exercised
// runs (chooseRun), against the plain loop chooseRollPlain bit for bit, on the root, the Greeks'
// nodes and the values at step k (the payoff curve's start), over random
// choose options, step counts 4 to 300 (odd and even) and k 0 to 20; and
// chooseStep itself against the plain loop on every length 0..13 with
// values that make each piece win somewhere. A change of one operation's
// order or operand would differ in the last bits somewhere in these.
func TestChooseStepBitIdentical(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for c := 0; c < 400; c++ {
		o := randomChooseOpt(rng)
		env := newEnvelope(o.choosePieces())
		n := 4 + rng.IntN(297)
		k := 0
		if c%2 == 1 {
			k = rng.IntN(21)
		}
		var want nodes
		wd := make([]float64, k+1)
		o.chooseRollPlain(&env, n, k, o.S, &want, wd)
		for _, prune := range []bool{false, true} {
			var got nodes
			gd := make([]float64, k+1)
			o.chooseRollBand(&env, n, k, o.S, &got, false, gd, 0, prune)
			if got.v0 != want.v0 || got.v10 != want.v10 || got.v11 != want.v11 || got.v20 != want.v20 || got.v21 != want.v21 || got.v22 != want.v22 {
				t.Fatalf("%+v n=%d k=%d prune %v: root and first nodes %v, plain loop %v", o, n, k, prune,
					[]float64{got.v0, got.v10, got.v11, got.v20, got.v21, got.v22}, []float64{want.v0, want.v10, want.v11, want.v20, want.v21, want.v22})
			}
			for j := range gd {
				if math.Float64bits(gd[j]) != math.Float64bits(wd[j]) {
					t.Fatalf("%+v n=%d k=%d prune %v: node %d at step k %v, plain loop %v", o, n, k, prune, j, gd[j], wd[j])
				}
			}
		}
	}
	ps := [4]piece{{-1, 60}, {-0.5, 50}, {0, 0}, {2, -100}}
	for n := 0; n <= 13; n++ {
		v := make([]float64, n+1)
		su := make([]float64, n)
		dp := make([]float64, n)
		for j := range v {
			v[j] = 80 * rng.Float64()
		}
		for j := range su {
			su[j], dp[j] = 10+100*rng.Float64(), 0.5+rng.Float64()
		}
		want := append([]float64(nil), v...)
		for j := 0; j < n; j++ {
			c := 0.45*want[j+1] + 0.54*want[j]
			s := su[j] * dp[n-1-j]
			for _, p := range ps {
				if x := p.a*s + p.b; x > c {
					c = x
				}
			}
			want[j] = c
		}
		chooseStep(v, su, dp, 0.45, 0.54, &ps)
		for j := range v {
			if math.Float64bits(v[j]) != math.Float64bits(want[j]) {
				t.Fatalf("length %d node %d: %v, plain loop %v", n, j, v[j], want[j])
			}
		}
	}
}

// chooseBenchOpt is the choose option of the choose benchmarks (S from
// benchS).
var chooseBenchOpt = RealOption{Inputs: Inputs{X: 100, T: 3, Sigma: 0.35, R: 0.04, Q: 0.03}, Kind: Choose,
	ExpandFactor: 0.5, ContractFactor: 0.3, Salvage: 40}

// BenchmarkChooseRoll1000 is one 1000-step roll-back of the choose
// lattice (chooseStep), BenchmarkChooseRollPlain1000 the plain loop it
// replaced: run them side by side.
func BenchmarkChooseRoll1000(b *testing.B) {
	o := chooseBenchOpt
	env := newEnvelope(o.choosePieces())
	for i := 0; b.Loop(); i++ {
		var nd nodes
		o.chooseRoll(&env, 1000, 0, benchS[i&15], &nd, false, nil)
		sinkF += nd.v0
	}
}

func BenchmarkChooseRollPlain1000(b *testing.B) {
	o := chooseBenchOpt
	env := newEnvelope(o.choosePieces())
	for i := 0; b.Loop(); i++ {
		var nd nodes
		o.chooseRollPlain(&env, 1000, 0, benchS[i&15], &nd, nil)
		sinkF += nd.v0
	}
}

// BenchmarkChooseValueOnly is the value of a choose option as the
// portfolio asks for it (two lattices and the components alone).
func BenchmarkChooseValueOnly(b *testing.B) {
	o := chooseBenchOpt
	for i := 0; b.Loop(); i++ {
		o.S = benchS[i&15]
		v, _, _ := o.ValueOnly()
		sinkF += v
	}
}
