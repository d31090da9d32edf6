package model

import (
	"crypto/rand"
	"encoding/hex"
	"sort"
	"strings"
	"unicode"
)

func sortStrings(s []string) { sort.Strings(s) }

// NewID returns a random identifier with the given prefix, such as
// "dec-3f9a1c2b".
func NewID(prefix string) string {
	var b [4]byte
	rand.Read(b[:])
	return prefix + "-" + hex.EncodeToString(b[:])
}

// Truncate cuts s to at most n runes (n >= 1), ending in an ellipsis
// when cut: Truncate("Customer community pilot", 10) is "Customer …".
// It is the one shortener of names in messages, tables and charts.
func Truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// Slug turns a name into an identifier: lower case ASCII letters and
// digits joined by hyphens ("Customer community pilot" ->
// "customer-community-pilot").
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	if b.Len() == 0 {
		return "initiative"
	}
	return b.String()
}

// UniqueID returns Slug(name), with a numeric suffix when the portfolio
// already has an initiative with that ID.
func (p *Portfolio) UniqueID(name string) string {
	base := Slug(name)
	id := base
	for n := 2; p.Initiative(id) != nil; n++ {
		id = base + "-" + itoa(n)
	}
	return id
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var d []byte
	for ; n > 0; n /= 10 {
		d = append([]byte{byte('0' + n%10)}, d...)
	}
	return string(d)
}

// NewSCRMTemplate returns an empty portfolio with the SCRM stack's four
// layers as tags and the default settings.
func NewSCRMTemplate(name string, asOf Date) *Portfolio {
	return &Portfolio{
		Version:     FormatVersion,
		Name:        name,
		Currency:    "EUR",
		AsOf:        asOf,
		Settings:    DefaultSettings(),
		Tags:        append([]string(nil), SCRMTags...),
		Initiatives: []Initiative{},
		Drivers:     []Driver{},
		Links:       []Link{},
	}
}

// Normalize gives p the one in-memory form its JSON reads back as: the
// lists JSON always writes (tags, initiatives, drivers, links, and a
// snapshot's initiatives, drivers and links) are non-nil, and the optional
// ones (decisions, learning, snapshots, assumptions, risks, changes,
// snapshot numbers) are nil when empty. ReadJSON and the store return
// normalized portfolios, so a portfolio compares equal (reflect.DeepEqual)
// after a round trip.
func (p *Portfolio) Normalize() {
	p.Tags = nonNil(p.Tags)
	p.Initiatives = nonNil(p.Initiatives)
	p.Drivers = nonNil(p.Drivers)
	p.Links = nonNil(p.Links)
	for i := range p.Initiatives {
		p.Initiatives[i].normalize()
	}
	p.Decisions = nilIfEmpty(p.Decisions)
	p.Learning = nilIfEmpty(p.Learning)
	for i := range p.Learning {
		p.Learning[i].Changes = nilIfEmpty(p.Learning[i].Changes)
	}
	p.Snapshots = nilIfEmpty(p.Snapshots)
	for i := range p.Snapshots {
		s := &p.Snapshots[i]
		s.Initiatives = nonNil(s.Initiatives)
		s.Drivers = nonNil(s.Drivers)
		s.Links = nonNil(s.Links)
		for j := range s.Initiatives {
			s.Initiatives[j].normalize()
		}
		if len(s.Numbers) == 0 {
			s.Numbers = nil
		}
	}
}

func (in *Initiative) normalize() {
	in.Assumptions = nilIfEmpty(in.Assumptions)
	in.Risks = nilIfEmpty(in.Risks)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

// Clone returns a deep copy of p. Nil and empty collections stay nil and
// empty, so the copy is reflect.DeepEqual to p.
func (p *Portfolio) Clone() *Portfolio {
	q := *p
	q.Tags = cloneSlice(p.Tags)
	q.Initiatives = cloneEach(p.Initiatives)
	q.Drivers = cloneEach(p.Drivers)
	q.Links = cloneSlice(p.Links)
	q.Decisions = cloneSlice(p.Decisions)
	q.Learning = cloneEach(p.Learning)
	q.Snapshots = cloneEach(p.Snapshots)
	return &q
}

// clone is a deep copy of the learning entry.
func (l LearningEntry) clone() LearningEntry {
	l.Changes = cloneSlice(l.Changes)
	return l
}

// clone is a deep copy of the snapshot.
func (s Snapshot) clone() Snapshot {
	s.Initiatives = cloneEach(s.Initiatives)
	s.Drivers = cloneEach(s.Drivers)
	s.Links = cloneSlice(s.Links)
	if s.Numbers != nil {
		m := make(map[string]Numbers, len(s.Numbers))
		for k, v := range s.Numbers {
			m[k] = v
		}
		s.Numbers = m
	}
	return s
}

// cloneSlice copies s, keeping nil nil and empty empty.
func cloneSlice[T any](s []T) []T {
	if s == nil {
		return nil
	}
	return append(make([]T, 0, len(s)), s...)
}

func (in Initiative) clone() Initiative {
	in.Assumptions = cloneSlice(in.Assumptions)
	in.Risks = cloneSlice(in.Risks)
	if in.Rate != nil {
		r := *in.Rate
		in.Rate = &r
	}
	if in.CashFlows != nil {
		cf := *in.CashFlows
		cf.Lines = cloneSlice(cf.Lines)
		in.CashFlows = &cf
	}
	if in.Estimate != nil {
		e := *in.Estimate
		in.Estimate = &e
	}
	return in
}

// cloneEach copies s and deep-copies each element with its clone (nil
// stays nil, empty stays empty, as cloneSlice).
func cloneEach[T interface{ clone() T }](s []T) []T {
	out := cloneSlice(s)
	for i := range out {
		out[i] = out[i].clone()
	}
	return out
}

// clone is a deep copy of the driver.
func (d Driver) clone() Driver {
	if u := d.Uncertainty; u != nil {
		c := *u
		d.Uncertainty = &c
	}
	return d
}
