package portfolio

import (
	"fmt"
	"sort"
)

// maxGroupLabels bounds the partial plans kept at one step while building
// one group's efficient configurations exactly, and maxGroupWork the work
// over all its steps (partial plans plus states times open slots, about a
// second); past either the exact programme stops.
const (
	maxGroupLabels = 1 << 22
	maxGroupWork   = 1 << 25
)

// beamLabels and beamStates are the partial plans and states a group too
// large for the exact programme keeps at each step (approximate
// configurations, see groupConfigs).
const (
	beamLabels = 1 << 12
	beamStates = 1 << 8
)

// errGroupTooLarge reports a group the exact programme cannot enumerate
// within maxGroupLabels and maxGroupWork.
type errGroupTooLarge struct{ members int }

func (e errGroupTooLarge) Error() string {
	return fmt.Sprintf("a group of %d linked initiatives needs more than %d partial plans", e.members, maxGroupLabels)
}

// label is a partial plan of a group: its cost, value and funded items
// (a list shared with the labels it grew from).
type label struct {
	cost, value float64
	item        int // funded item, -1 for none
	prev        *label
}

// groupConfigs returns the efficient configurations (funded subsets by
// cost, value strictly increasing) of one linked group whose members are
// in gate order. It is an exact dynamic programme over the members: the
// state is which members still gating later ones are funded and which
// excludes sets still open already count one member (funded, or kept as
// the set's best); partial plans with the same state are reduced to their
// Pareto front of cost and value. An excludes set's value when none is
// funded, its best kept member, is the best choice of the one member it
// counts, so every contribution is additive.
//
// When the partial plans outgrow maxGroupLabels at a step or maxGroupWork
// in all, it fails with errGroupTooLarge unless approx is set; then it goes
// on keeping at most beamLabels partial plans a step (the states whose best
// value is highest, and along each state's front plans evenly spaced by
// cost, its cheapest and its best always kept) and reports exact false:
// every configuration returned is still a feasible funded subset with its
// true cost and value, but the front may miss better ones.
func (fp *FundingProblem) groupConfigs(members []int, parents [][]int, setOf []int, budget float64, approx bool) (cs []config, exact bool, err error) {
	members = narrowOrder(members, parents, setOf)
	at := map[int]int{}
	for k, i := range members {
		at[i] = k
	}
	lastChild := map[int]int{} // parent item -> position of its last child
	setLast := map[int]int{}   // set -> position of its last member
	setFirst := map[int]int{}
	for k, i := range members {
		for _, p := range parents[i] {
			if k > lastChild[p] {
				lastChild[p] = k
			}
		}
		if s := setOf[i]; s >= 0 {
			setLast[s] = k
			if _, ok := setFirst[s]; !ok {
				setFirst[s] = k
			}
		}
	}
	// A slot is an active parent (id >= 0: item) or set (id < 0: -1-set).
	type state = groupState
	active := []int{}
	states := map[string]*state{"": {labels: []*label{{item: -1}}}}
	key := func(b []bool) string {
		buf := make([]byte, len(b))
		for i, v := range b {
			if v {
				buf[i] = 1
			}
		}
		return string(buf)
	}
	total, work := 0, 0
	exact = true
	for k, i := range members {
		it := fp.Items[i]
		s := setOf[i]
		// the next active list
		var next []int
		for _, a := range active {
			if a >= 0 && lastChild[a] <= k {
				continue
			}
			if a < 0 && setLast[-1-a] <= k {
				continue
			}
			next = append(next, a)
		}
		if lc, ok := lastChild[i]; ok && lc > k {
			next = append(next, i)
		}
		if s >= 0 && setFirst[s] == k && setLast[s] > k {
			next = append(next, -1-s)
		}
		// The work of this step, bounded before it is done.
		cur := 0
		for _, st := range states {
			cur += len(st.labels)
		}
		work += 3 * (cur + len(states)*(len(next)+1))
		if exact && work > maxGroupWork {
			if !approx {
				return nil, false, errGroupTooLarge{len(members)}
			}
			exact = false
		}
		if !exact && (cur > beamLabels || len(states) > beamStates) {
			thinStates(states, beamLabels, beamStates)
		}
		slotOf := map[int]int{}
		for j, a := range active {
			slotOf[a] = j
		}
		newStates := map[string]*state{}
		total = 0
		for _, st := range states {
			flag := func(a int) bool {
				j, ok := slotOf[a]
				return ok && st.bits[j]
			}
			unlocked := true
			for _, p := range parents[i] {
				if !flag(p) {
					unlocked = false
				}
			}
			setUsed := s >= 0 && flag(-1-s)
			emit := func(funded, used bool, dc, dv float64, item int) {
				nb := make([]bool, len(next))
				for j, a := range next {
					switch {
					case a == i:
						nb[j] = funded
					case a == -1-s && s >= 0:
						nb[j] = used
					default:
						nb[j] = flag(a)
					}
				}
				kk := key(nb)
				ns := newStates[kk]
				if ns == nil {
					ns = &state{bits: nb}
					newStates[kk] = ns
				}
				for _, l := range st.labels {
					if l.cost+dc > budget {
						continue
					}
					nl := l
					if dc != 0 || dv != 0 || item >= 0 {
						nl = &label{cost: l.cost + dc, value: l.value + dv, item: item, prev: l}
					}
					ns.labels = append(ns.labels, nl)
				}
			}
			// fund
			if !it.Never && !it.Blocked && unlocked && !setUsed {
				emit(true, true, it.Cost, it.Fund, i)
			}
			if it.Must {
				continue
			}
			switch {
			case s < 0:
				if unlocked {
					emit(false, false, 0, it.Keep, -1)
				} else {
					emit(false, false, 0, 0, -1)
				}
			default:
				emit(false, setUsed, 0, 0, -1) // not the one the set counts
				if unlocked && !setUsed && it.Keep > 0 {
					emit(false, true, 0, it.Keep, -1) // the set's best kept
				}
			}
		}
		for kk, ns := range newStates {
			ns.labels = paretoLabels(ns.labels)
			if len(ns.labels) == 0 {
				delete(newStates, kk)
				continue
			}
			total += len(ns.labels)
		}
		if exact && total > maxGroupLabels {
			if !approx {
				return nil, false, errGroupTooLarge{len(members)}
			}
			exact = false
		}
		states, active = newStates, next
		_ = at
	}
	var all []*label
	for _, st := range states {
		all = append(all, st.labels...)
	}
	all = paretoLabels(all)
	if len(all) == 0 {
		return nil, exact, ErrInfeasible
	}
	out := make([]config, len(all))
	for j, l := range all {
		c := config{cost: l.cost, value: l.value}
		for p := l; p != nil; p = p.prev {
			if p.item >= 0 {
				c.fund = append(c.fund, p.item)
			}
		}
		sort.Ints(c.fund)
		out[j] = c
	}
	return out, exact, nil
}

// thinStates keeps at most about n labels over the states of a step: when
// there are more than ns states, the ns whose best (last) label has the
// highest value; then, of each state's front, m = n/states labels evenly
// spaced by position, the cheapest and the best always among them.
func thinStates(states map[string]*groupState, n, ns int) {
	if len(states) > ns {
		type kv struct {
			k string
			v float64
		}
		all := make([]kv, 0, len(states))
		for k, st := range states {
			all = append(all, kv{k, st.labels[len(st.labels)-1].value})
		}
		sort.Slice(all, func(a, b int) bool {
			if all[a].v != all[b].v {
				return all[a].v > all[b].v
			}
			return all[a].k < all[b].k
		})
		for _, e := range all[ns:] {
			delete(states, e.k)
		}
	}
	m := max(2, n/len(states))
	for _, st := range states {
		l := len(st.labels)
		if l <= m {
			continue
		}
		kept := make([]*label, 0, m)
		for j := 0; j < m; j++ {
			kept = append(kept, st.labels[j*(l-1)/(m-1)])
		}
		st.labels = kept
	}
}

// groupState is one state of a group's programme: which active gates are
// funded and excludes sets used, with its Pareto front of partial plans.
type groupState struct {
	bits   []bool
	labels []*label
}

// narrowOrder orders a group's members, parents before children, so that
// few parents and excludes sets are open at once (the programme's state):
// each step takes, among the members whose parents are done, the one that
// closes the most and opens the least.
func narrowOrder(members []int, parents [][]int, setOf []int) []int {
	in := map[int]bool{}
	for _, i := range members {
		in[i] = true
	}
	kidsLeft := map[int]int{}
	setLeft := map[int]int{}
	for _, i := range members {
		for _, p := range parents[i] {
			kidsLeft[p]++
		}
		if setOf[i] >= 0 {
			setLeft[setOf[i]]++
		}
	}
	done := map[int]bool{}
	out := make([]int, 0, len(members))
	for len(out) < len(members) {
		best, bestScore := -1, 0
		for _, i := range members {
			if done[i] {
				continue
			}
			ready := true
			for _, p := range parents[i] {
				if in[p] && !done[p] {
					ready = false
					break
				}
			}
			if !ready {
				continue
			}
			score := 0
			if kidsLeft[i] > 0 {
				score++ // opens a parent
			}
			if s := setOf[i]; s >= 0 {
				switch {
				case setLeft[s] == 1:
					score -= 2 // closes its set
				default:
					score-- // continues or opens a set
				}
			}
			for _, p := range parents[i] {
				if kidsLeft[p] == 1 {
					score -= 2 // closes a parent
				}
			}
			if best < 0 || score < bestScore {
				best, bestScore = i, score
			}
		}
		if best < 0 { // a cycle: take the rest as they come
			for _, i := range members {
				if !done[i] {
					best = i
					break
				}
			}
		}
		done[best] = true
		out = append(out, best)
		for _, p := range parents[best] {
			kidsLeft[p]--
		}
		if setOf[best] >= 0 {
			setLeft[setOf[best]]--
		}
	}
	return out
}

// paretoLabels keeps the labels no other beats on both cost and value, by
// cost, value strictly increasing.
func paretoLabels(ls []*label) []*label {
	sort.SliceStable(ls, func(a, b int) bool {
		if ls[a].cost != ls[b].cost {
			return ls[a].cost < ls[b].cost
		}
		return ls[a].value > ls[b].value
	})
	out := ls[:0]
	for _, l := range ls {
		if len(out) == 0 || l.value > out[len(out)-1].value {
			if len(out) > 0 && l.cost == out[len(out)-1].cost {
				continue
			}
			out = append(out, l)
		}
	}
	return out
}
