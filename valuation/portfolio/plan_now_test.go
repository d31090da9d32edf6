package portfolio

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestFundNowWithGatesEnumeration checks FundNowWithGates on 400 random
// gate forests (2-8 items, some with a second gate) against an
// independent enumeration: of every subset of the items that are invest
// now, not passed and not lapsing with a gate, the largest whose members
// have all their ancestors (through Gates, found by a path search) in it.
// Fund must be that set, each gate before what it gates and in the given
// order otherwise; Waits the rest of the candidates, each naming a direct
// gate outside Fund; nothing that lapses with its gate in either.
func TestFundNowWithGatesEnumeration(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 5))
	waited, chained := 0, 0
	for trial := range 400 {
		n := 2 + rng.IntN(7)
		fp := &FundingProblem{}
		for i := range n {
			it := FundingItem{Name: string(rune('A' + i)), Cost: math.Round(rng.Float64() * 10), Fund: math.Round(rng.NormFloat64() * 10), Keep: math.Round(rng.Float64() * 8)}
			if rng.IntN(3) == 0 {
				it.Lapses, it.Keep = true, 0
			}
			if rng.IntN(12) == 0 {
				it.Passed, it.Lapses, it.Blocked, it.Fund, it.Keep = true, true, true, 0, 0
			}
			fp.Items = append(fp.Items, it)
			if i > 0 && rng.IntN(5) > 0 {
				p := rng.IntN(i)
				fp.Gates = append(fp.Gates, Gate{Parent: p, Child: i})
				if q := rng.IntN(i); q != p && rng.IntN(4) == 0 {
					fp.Gates = append(fp.Gates, Gate{Parent: q, Child: i})
				}
			}
		}
		investNow := make([]bool, n)
		for i := range investNow {
			investNow[i] = rng.IntN(3) > 0
		}
		order := rng.Perm(n)
		got := fp.FundNowWithGates(investNow, order)

		// Independent reference.
		lapses := fp.LapsedWithGates()
		cand := make([]bool, n)
		for i := range n {
			_, l := lapses[i]
			cand[i] = investNow[i] && !l && !fp.Items[i].Passed
		}
		ancestors := func(i int) []int {
			var out []int
			seen := make([]bool, n)
			stack := []int{i}
			for len(stack) > 0 {
				c := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				for _, g := range fp.Gates {
					if g.Child == c && !seen[g.Parent] {
						seen[g.Parent] = true
						out = append(out, g.Parent)
						stack = append(stack, g.Parent)
					}
				}
			}
			return out
		}
		best, bestSize := 0, -1
		for mask := 0; mask < 1<<n; mask++ {
			ok, size := true, 0
			for i := 0; i < n && ok; i++ {
				if mask&(1<<i) == 0 {
					continue
				}
				size++
				if !cand[i] {
					ok = false
					break
				}
				for _, a := range ancestors(i) {
					if mask&(1<<a) == 0 {
						ok = false
						break
					}
				}
			}
			if ok && size > bestSize {
				best, bestSize = mask, size
			}
		}
		inFund := make([]bool, n)
		pos := make([]int, n)
		for k, i := range got.Fund {
			if inFund[i] {
				t.Fatalf("trial %d: %s twice in Fund %v", trial, fp.Items[i].Name, got.Fund)
			}
			inFund[i], pos[i] = true, k
		}
		for i := range n {
			want := best&(1<<i) != 0
			if inFund[i] != want {
				t.Fatalf("trial %d: %s in Fund %v, enumeration says %v (fp %+v, investNow %v, Fund %v)", trial, fp.Items[i].Name, inFund[i], want, fp, investNow, got.Fund)
			}
			g, waits := got.Waits[i]
			if waits != (cand[i] && !want) {
				t.Fatalf("trial %d: %s in Waits %v, want %v", trial, fp.Items[i].Name, waits, cand[i] && !want)
			}
			if waits {
				waited++
				direct := false
				for _, e := range fp.Gates {
					direct = direct || (e.Parent == g && e.Child == i)
				}
				if !direct || inFund[g] {
					t.Fatalf("trial %d: %s waits for %s, not a direct gate outside Fund", trial, fp.Items[i].Name, fp.Items[g].Name)
				}
				if cand[g] {
					chained++
				}
			}
			if _, l := lapses[i]; l && (inFund[i] || waits) {
				t.Fatalf("trial %d: %s lapses with its gate but is in Fund or Waits", trial, fp.Items[i].Name)
			}
			_, l1 := got.Lapses[i]
			if _, l2 := lapses[i]; l1 != l2 {
				t.Fatalf("trial %d: Lapses differs from LapsedWithGates at %s", trial, fp.Items[i].Name)
			}
		}
		// Gates first, else the given order.
		for _, e := range fp.Gates {
			if inFund[e.Child] && pos[e.Parent] > pos[e.Child] {
				t.Fatalf("trial %d: %s listed after what it gates, %s", trial, fp.Items[e.Parent].Name, fp.Items[e.Child].Name)
			}
		}
		rank := make([]int, n)
		for k, i := range order {
			rank[i] = k
		}
		for k := 1; k < len(got.Fund); k++ {
			a, b := got.Fund[k-1], got.Fund[k]
			if rank[a] > rank[b] {
				// Allowed only when a is an ancestor of a later item placed
				// because of it.
				isAnc := false
				for _, j := range got.Fund[k:] {
					for _, x := range ancestors(j) {
						isAnc = isAnc || x == a
					}
				}
				if !isAnc {
					t.Fatalf("trial %d: Fund %v out of the order %v without a gate reason", trial, got.Fund, order)
				}
			}
		}
	}
	if waited < 50 || chained < 10 {
		t.Errorf("only %d waiting items (%d behind a waiting gate): the trees do not exercise the rule", waited, chained)
	}
	t.Logf("%d waiting items, %d behind a waiting gate", waited, chained)
}
