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

// Clone returns a deep copy of p.
func (p *Portfolio) Clone() *Portfolio {
	q := *p
	q.Tags = append([]string(nil), p.Tags...)
	q.Initiatives = make([]Initiative, len(p.Initiatives))
	for i, in := range p.Initiatives {
		q.Initiatives[i] = in.clone()
	}
	q.Drivers = append([]Driver(nil), p.Drivers...)
	q.Links = append([]Link(nil), p.Links...)
	q.Decisions = append([]Decision(nil), p.Decisions...)
	q.Learning = make([]LearningEntry, len(p.Learning))
	for i, l := range p.Learning {
		l.Changes = append([]InputChange(nil), l.Changes...)
		q.Learning[i] = l
	}
	q.Snapshots = make([]Snapshot, len(p.Snapshots))
	for i, s := range p.Snapshots {
		s.Initiatives = append([]Initiative(nil), s.Initiatives...)
		for j := range s.Initiatives {
			s.Initiatives[j] = s.Initiatives[j].clone()
		}
		s.Drivers = append([]Driver(nil), s.Drivers...)
		s.Links = append([]Link(nil), s.Links...)
		if s.Numbers != nil {
			m := make(map[string]Numbers, len(s.Numbers))
			for k, v := range s.Numbers {
				m[k] = v
			}
			s.Numbers = m
		}
		q.Snapshots[i] = s
	}
	if p.Learning == nil {
		q.Learning = nil
	}
	if p.Snapshots == nil {
		q.Snapshots = nil
	}
	return &q
}

func (in Initiative) clone() Initiative {
	in.Assumptions = append([]Assumption(nil), in.Assumptions...)
	in.Risks = append([]Risk(nil), in.Risks...)
	if in.Rate != nil {
		r := *in.Rate
		in.Rate = &r
	}
	return in
}
