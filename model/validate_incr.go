package model

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// Edit is what changed between a portfolio and the portfolio it was edited
// from (see Diff): whether its head (every field outside the collections)
// changed, and for each collection the indices of the items that differ
// or were appended (index >= the old length), in increasing order.
type Edit struct {
	Head                                                        bool
	Initiatives, Drivers, Links, Decisions, Learning, Snapshots []int
	// Shrunk is true when a collection got shorter (items removed).
	Shrunk bool
}

// Diff returns what changed from old to p, item by item: two items are
// the same when reflect.DeepEqual would say so or, for initiatives, links
// and decisions, when their fields compare equal with == (which implies
// it).
func Diff(old, p *Portfolio) Edit {
	var e Edit
	e.Head = !reflect.DeepEqual(headOf(old), headOf(p))
	var shrunk [6]bool
	e.Initiatives, shrunk[0] = changed(old.Initiatives, p.Initiatives, func(a, b *Initiative) bool { return a.identical(b) })
	e.Drivers, shrunk[1] = changed(old.Drivers, p.Drivers, func(a, b *Driver) bool { return reflect.DeepEqual(a, b) })
	e.Links, shrunk[2] = changed(old.Links, p.Links, func(a, b *Link) bool { return *a == *b })
	e.Decisions, shrunk[3] = changed(old.Decisions, p.Decisions, func(a, b *Decision) bool { return *a == *b })
	e.Learning, shrunk[4] = changed(old.Learning, p.Learning, func(a, b *LearningEntry) bool { return reflect.DeepEqual(a, b) })
	e.Snapshots, shrunk[5] = changed(old.Snapshots, p.Snapshots, func(a, b *Snapshot) bool { return reflect.DeepEqual(a, b) })
	e.Shrunk = slices.Contains(shrunk[:], true)
	return e
}

// Empty reports whether the edit changed nothing.
func (e *Edit) Empty() bool {
	return !e.Head && !e.Shrunk && len(e.Initiatives)+len(e.Drivers)+len(e.Links)+len(e.Decisions)+len(e.Learning)+len(e.Snapshots) == 0
}

// headOf is p without its collections.
func headOf(p *Portfolio) Portfolio {
	h := *p
	h.Initiatives, h.Drivers, h.Links, h.Decisions, h.Learning, h.Snapshots = nil, nil, nil, nil, nil, nil
	return h
}

// changed returns the indices of cur whose item differs from old's (or is
// past its end), and whether cur is shorter than old.
func changed[T any](old, cur []T, eq func(a, b *T) bool) ([]int, bool) {
	var out []int
	for i := range cur {
		if i >= len(old) || !eq(&old[i], &cur[i]) {
			out = append(out, i)
		}
	}
	return out, len(cur) < len(old)
}

// identical reports whether in and o hold the same values, as
// reflect.DeepEqual would (pointers and slices compared by what they hold;
// a nil slice differs from an empty one), field by field: stricter than
// Equal, which compares what the user means. TestIdenticalFields fails
// when a field is added to Initiative and not compared here.
func (in *Initiative) identical(o *Initiative) bool {
	return in.ID == o.ID && in.Name == o.Name && in.Rationale == o.Rationale && in.Owner == o.Owner &&
		in.Tag == o.Tag && in.Kind == o.Kind && in.Status == o.Status &&
		in.S == o.S && in.X == o.X && in.Sigma == o.Sigma && in.Deadline == o.Deadline &&
		equalPtr(in.Rate, o.Rate) && in.Leakage == o.Leakage &&
		in.ExpandFactor == o.ExpandFactor && in.ContractFactor == o.ContractFactor &&
		in.Salvage == o.Salvage && in.StageCost == o.StageCost && in.StageDeadline == o.StageDeadline &&
		equalSlice(in.Assumptions, o.Assumptions) && equalSlice(in.Risks, o.Risks) &&
		(in.CashFlows == o.CashFlows || reflect.DeepEqual(in.CashFlows, o.CashFlows)) &&
		equalPtr(in.Estimate, o.Estimate)
}

func equalPtr[T comparable](a, b *T) bool {
	return a == b || (a != nil && b != nil && *a == *b)
}

func equalSlice[T comparable](a, b []T) bool {
	return (a == nil) == (b == nil) && slices.Equal(a, b)
}

// maxLocalEdit is the most items of a collection an edit may change for
// ValidateEdit to check them one by one (each check scans the
// initiatives); above it the whole portfolio is validated.
const maxLocalEdit = 16

// ValidateEdit returns what p.Validate returns (nil, or the same
// *ValidationError), checking only what the edit e can break when old is
// the valid portfolio p was edited from and e = Diff(old, p): the changed
// and appended initiatives (their own invariants, unique non-empty IDs and
// names), every driver and the cash-flow models (when a driver changed),
// the changed links (their ends, kind and correlation, and the cycles of
// gates and follow-ons when a gate or follow-on link changed), decisions,
// learning entries and snapshots. What the edit cannot have broken was
// valid in old. A change of the head (as-of date, settings, tags, name),
// removed items, a changed initiative ID or more than maxLocalEdit changed
// items of a collection are validated whole, and so is any edit the local
// checks find a problem in, so that the problems are those of Validate
// with Validate's fields and order.
func (p *Portfolio) ValidateEdit(old *Portfolio, e Edit) error {
	if old == nil || !p.editValid(old, &e) {
		return p.Validate()
	}
	return nil
}

// editValid reports whether the local checks of ValidateEdit prove p valid;
// false when they find a problem or the edit is not one they cover.
func (p *Portfolio) editValid(old *Portfolio, e *Edit) bool {
	if e.Head || e.Shrunk || len(e.Initiatives) > maxLocalEdit || len(e.Links) > maxLocalEdit ||
		len(e.Decisions) > maxLocalEdit || len(e.Learning) > maxLocalEdit || len(e.Snapshots) > maxLocalEdit {
		return false
	}
	var v validator
	if len(e.Drivers) > 0 {
		v.drivers(p)
		p.validateEstimates(&v)
	} else if len(e.Initiatives) > 0 {
		q := Portfolio{Drivers: p.Drivers, Initiatives: make([]Initiative, len(e.Initiatives))}
		for k, i := range e.Initiatives {
			q.Initiatives[k] = p.Initiatives[i]
		}
		q.validateEstimates(&v)
	}
	if len(e.Initiatives) > 0 && !p.initiativesValid(old, e.Initiatives, &v) {
		return false
	}
	ids := idSet{p: p}
	cycles := false
	for _, i := range e.Links {
		l := &p.Links[i]
		v.link(i, l, ids.get())
		cycles = cycles || l.Kind == LinkGates || l.Kind == LinkFollowOn
	}
	if cycles {
		next := map[string][]string{}
		for _, l := range p.Links {
			if l.Kind == LinkGates || l.Kind == LinkFollowOn {
				next[l.From] = append(next[l.From], l.To)
			}
		}
		if FindCycle(next) != nil {
			return false
		}
	}
	for _, i := range e.Decisions {
		v.decision(i, &p.Decisions[i], ids.get())
	}
	for _, i := range e.Learning {
		v.learning(i, &p.Learning[i], ids.get())
	}
	for _, i := range e.Snapshots {
		s := &p.Snapshots[i]
		if strings.TrimSpace(s.Label) == "" {
			return false
		}
		for j := range p.Snapshots {
			if j != i && p.Snapshots[j].Label == s.Label {
				return false
			}
		}
		v.snapshot(fmt.Sprintf("snapshots[%d]", i), s)
	}
	return len(v.problems) == 0
}

// initiativesValid checks the changed initiatives idx of p: an unchanged
// ID (links, decisions and learning refer to it), unique non-empty IDs and
// names, and their own invariants.
func (p *Portfolio) initiativesValid(old *Portfolio, idx []int, v *validator) bool {
	tags := make(map[string]bool, len(p.Tags))
	for _, t := range p.Tags {
		tags[t] = true
	}
	for _, i := range idx {
		in := &p.Initiatives[i]
		if i < len(old.Initiatives) && old.Initiatives[i].ID != in.ID {
			return false
		}
		if strings.TrimSpace(in.ID) == "" || strings.TrimSpace(in.Name) == "" {
			return false
		}
		for j := range p.Initiatives {
			if j != i && (p.Initiatives[j].ID == in.ID || p.Initiatives[j].Name == in.Name) {
				return false
			}
		}
		v.initiative(p, in, InitiativeField(in, i), tags)
	}
	return true
}

// idSet is the set of p's initiative IDs, built on first use.
type idSet struct {
	p   *Portfolio
	ids map[string]bool
}

func (s *idSet) get() map[string]bool {
	if s.ids == nil {
		s.ids = make(map[string]bool, len(s.p.Initiatives))
		for i := range s.p.Initiatives {
			s.ids[s.p.Initiatives[i].ID] = true
		}
	}
	return s.ids
}

// CopyEdit makes dst a deep copy of p (as p.Clone would), given that dst
// is a deep copy of the portfolio p was edited from and e = Diff(dst, p):
// only the changed and appended items are copied, the rest of dst is kept.
// dst must not share memory with p or anything else.
func (p *Portfolio) CopyEdit(dst *Portfolio, e Edit) {
	head := headOf(p)
	c := head.Clone()
	c.Initiatives = copyEdited(dst.Initiatives, p.Initiatives, e.Initiatives, Initiative.clone)
	c.Drivers = copyEdited(dst.Drivers, p.Drivers, e.Drivers, Driver.clone)
	c.Links = copyEdited(dst.Links, p.Links, e.Links, func(l Link) Link { return l })
	c.Decisions = copyEdited(dst.Decisions, p.Decisions, e.Decisions, func(d Decision) Decision { return d })
	c.Learning = copyEdited(dst.Learning, p.Learning, e.Learning, LearningEntry.clone)
	c.Snapshots = copyEdited(dst.Snapshots, p.Snapshots, e.Snapshots, Snapshot.clone)
	*dst = *c
}

// copyEdited returns dst with the items idx of cur copied in (appended past
// its end) and cut to cur's length, nil when cur is nil.
func copyEdited[T any](dst, cur []T, idx []int, clone func(T) T) []T {
	if cur == nil {
		return nil
	}
	if dst == nil {
		dst = make([]T, 0, len(cur))
	}
	dst = dst[:min(len(dst), len(cur))]
	for _, i := range idx {
		if i < len(dst) {
			dst[i] = clone(cur[i])
		} else {
			dst = append(dst, clone(cur[i]))
		}
	}
	return dst
}
