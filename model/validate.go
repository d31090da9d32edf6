package model

import (
	"fmt"
	"math"
	"strings"

	"github.com/optionspace/optionspace/valuation"
)

// Problem is one broken invariant: the field it concerns, as a path such as
// `initiatives["Community pilot"].sigma`, and what is wrong.
type Problem struct {
	Field   string
	Message string
}

func (p Problem) String() string { return p.Field + ": " + p.Message }

// ValidationError lists every problem Validate found.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	if len(e.Problems) == 1 {
		return "invalid portfolio: " + e.Problems[0].String()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "invalid portfolio: %d problems:", len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n  - ")
		b.WriteString(p.String())
	}
	return b.String()
}

// For returns the problems of the fields that start with prefix, e.g. the
// problems of one initiative.
func (e *ValidationError) For(prefix string) []Problem {
	var out []Problem
	for _, p := range e.Problems {
		if strings.HasPrefix(p.Field, prefix) {
			out = append(out, p)
		}
	}
	return out
}

// MaxSigma is the largest volatility an initiative may have.
const MaxSigma = 3

// MaxNameLen is the longest portfolio name accepted, in bytes (the name is a
// key in the database).
const MaxNameLen = 1000

// Validate checks every invariant of the portfolio and returns nil or a
// *ValidationError listing all problems found, each naming its field:
// names present and unique, tags known, positive X, deadlines after the
// as-of date, sigma within [0, 3], leakage and rates sane, formulas only
// where numbers are allowed, driver names usable in formulas with
// low <= value <= high, links between initiatives of this portfolio of a
// known kind, no self-links, no cycles of gates and follow-ons, synergy
// correlations within [-1, 1], thresholds usable, and decisions, learning
// entries and snapshots referring to known initiatives.
func (p *Portfolio) Validate() error {
	var v validator
	if strings.TrimSpace(p.Name) == "" {
		v.add("name", "is empty")
	} else {
		v.text("name", p.Name, MaxNameLen)
	}
	v.controls("client", p.Client, false)
	v.controls("author", p.Author, false)
	v.controls("currency", p.Currency, false)
	v.controls("description", p.Description, true)
	if p.AsOf.IsZero() {
		v.add("as_of", "is missing")
	}
	switch p.Settings.Discounting {
	case valuation.Discrete, valuation.Continuous:
	default:
		v.add("settings.discounting", fmt.Sprintf("%d: want discrete or continuous", int(p.Settings.Discounting)))
	}
	v.rate("settings.risk_free", p.Settings.RiskFree, p.Settings.Discounting)
	if err := p.Settings.Thresholds.Validate(); err != nil {
		v.add("settings.thresholds", err.Error())
	}
	tags := map[string]bool{}
	for i, t := range p.Tags {
		f := fmt.Sprintf("tags[%d]", i)
		if strings.TrimSpace(t) == "" {
			v.add(f, "is empty")
		} else if tags[t] {
			v.add(f, fmt.Sprintf("%q is listed twice", t))
		} else {
			v.controls(f, t, false)
		}
		tags[t] = true
	}
	v.drivers(p)
	p.validateEstimates(&v)
	ids := make(map[string]bool, len(p.Initiatives))
	idAt := make(map[string]int, len(p.Initiatives))   // id -> first initiative with it
	nameAt := make(map[string]int, len(p.Initiatives)) // name -> first initiative with it
	for i := range p.Initiatives {
		in := &p.Initiatives[i]
		f := InitiativeField(in, i)
		if strings.TrimSpace(in.ID) == "" {
			v.add(f+".id", "is empty")
		} else if first, dup := idAt[in.ID]; dup {
			v.add(f+".id", fmt.Sprintf("%q is used by another initiative (%s)", Truncate(in.ID, MaxNameInMessage), otherInitiative(p, first, false)))
		} else {
			idAt[in.ID] = i
		}
		ids[in.ID] = true
		if strings.TrimSpace(in.Name) == "" {
			v.add(f+".name", "is empty")
		} else if first, dup := nameAt[in.Name]; dup {
			v.add(f+".name", fmt.Sprintf("is used by another initiative (%s)", otherInitiative(p, first, true)))
		} else {
			nameAt[in.Name] = i
		}
		v.initiative(p, in, f, tags)
	}
	v.links(p, ids)
	for i := range p.Decisions {
		v.decision(i, &p.Decisions[i], ids)
	}
	for i := range p.Learning {
		v.learning(i, &p.Learning[i], ids)
	}
	labels := map[string]bool{}
	for i := range p.Snapshots {
		sn := &p.Snapshots[i]
		f := fmt.Sprintf("snapshots[%d]", i)
		if strings.TrimSpace(sn.Label) == "" {
			v.add(f+".label", "is empty")
		} else if labels[sn.Label] {
			v.add(f+".label", fmt.Sprintf("%q is used by another snapshot", sn.Label))
		}
		labels[sn.Label] = true
		v.snapshot(f, sn)
	}
	return v.err()
}

// otherInitiative names the i-th initiative in a message about another
// one: by its id (byID) or its name, and its place in the list:
// `id "pilot", initiatives[3]` or `"Community pilot", initiatives[3]`.
// Long names and ids are cut (MaxNameInMessage).
func otherInitiative(p *Portfolio, i int, byID bool) string {
	if byID {
		return fmt.Sprintf("id %q, initiatives[%d]", Truncate(p.Initiatives[i].ID, MaxNameInMessage), i)
	}
	return fmt.Sprintf("%q, initiatives[%d]", Truncate(p.Initiatives[i].Name, MaxNameInMessage), i)
}

// drivers checks every driver: a usable, unique name, short texts, finite
// numbers with low <= value <= high.
func (v *validator) drivers(p *Portfolio) {
	drivers := map[string]bool{}
	for i, d := range p.Drivers {
		f := fmt.Sprintf("drivers[%d]", i)
		if d.Name != "" {
			f = fmt.Sprintf("drivers[%q]", d.Name)
		}
		switch {
		case d.Name == "":
			v.add(f+".name", "is empty")
		case !IsIdentifier(d.Name):
			v.add(f+".name", "must be a letter or _ followed by letters, digits or _ (it is used in formulas)")
		case drivers[d.Name]:
			v.add(f+".name", "is used by another driver")
		}
		v.text(f+".label", d.Label, MaxNameLen)
		v.text(f+".unit", d.Unit, MaxNameLen)
		drivers[d.Name] = true
		for _, n := range []struct {
			name string
			x    float64
		}{{"value", d.Value}, {"low", d.Low}, {"high", d.High}} {
			if math.IsNaN(n.x) || math.IsInf(n.x, 0) {
				v.add(f+"."+n.name, "is not a finite number")
			}
		}
		if d.Low > d.High {
			v.add(f+".low", fmt.Sprintf("%g is above high %g", d.Low, d.High))
		} else if d.Value < d.Low || d.Value > d.High {
			v.add(f+".value", fmt.Sprintf("%g is outside [low %g, high %g]", d.Value, d.Low, d.High))
		}
	}
}

// decision checks the i-th decision; ids are the portfolio's initiatives.
func (v *validator) decision(i int, d *Decision, ids map[string]bool) {
	f := fmt.Sprintf("decisions[%d]", i)
	if !ids[d.Initiative] {
		v.add(f+".initiative", fmt.Sprintf("%q is not an initiative of this portfolio", d.Initiative))
	}
	switch d.Decision {
	case DecideInvest, DecideWait, DecideAbandon:
	default:
		v.add(f+".decision", fmt.Sprintf("%q: want invest, wait or abandon", d.Decision))
	}
	if d.Date.IsZero() {
		v.add(f+".date", "is missing")
	}
	v.controls(f+".id", d.ID, false)
	v.text(f+".who", d.Who, MaxNameLen)
	v.para(f+".rationale", d.Rationale, MaxTextLen)
	v.para(f+".review", d.Review, MaxTextLen)
	v.numbers(f+".numbers", &d.Numbers)
}

// learning checks the i-th learning entry; ids are the portfolio's
// initiatives.
func (v *validator) learning(i int, l *LearningEntry, ids map[string]bool) {
	f := fmt.Sprintf("learning[%d]", i)
	if !ids[l.Initiative] {
		v.add(f+".initiative", fmt.Sprintf("%q is not an initiative of this portfolio", l.Initiative))
	}
	if strings.TrimSpace(l.Learned) == "" {
		v.add(f+".learned", "is empty")
	}
	v.para(f+".learned", l.Learned, MaxTextLen)
	v.controls(f+".id", l.ID, false)
	for j, c := range l.Changes {
		g := fmt.Sprintf("%s.changes[%d]", f, j)
		v.controls(g+".input", c.Input, false)
		v.controls(g+".before", c.Before, false)
		v.controls(g+".after", c.After, false)
	}
	if l.Cost < 0 || math.IsNaN(l.Cost) || math.IsInf(l.Cost, 0) {
		v.add(f+".cost", "must be a finite number, not negative")
	}
}

// snapshot checks a snapshot's texts (label, ID, and the names, IDs and
// tags of its initiatives and the labels and units of its drivers: no
// control characters) and its numbers; f is the snapshot's field.
func (v *validator) snapshot(f string, s *Snapshot) {
	v.controls(f+".label", s.Label, false)
	v.controls(f+".id", s.ID, false)
	for i := range s.Initiatives {
		in := &s.Initiatives[i]
		g := f + "." + InitiativeField(in, i)
		v.controls(g+".id", in.ID, false)
		v.controls(g+".name", in.Name, false)
		v.controls(g+".tag", in.Tag, false)
	}
	for i, d := range s.Drivers {
		g := fmt.Sprintf("%s.drivers[%d]", f, i)
		v.controls(g+".name", d.Name, false)
		v.controls(g+".label", d.Label, false)
		v.controls(g+".unit", d.Unit, false)
	}
	v.snapshotNumbers(f, s)
}

// snapshotNumbers checks that a snapshot's recorded numbers are finite, in
// the order of the initiative IDs; f is the snapshot's field.
func (v *validator) snapshotNumbers(f string, s *Snapshot) {
	ids := make([]string, 0, len(s.Numbers))
	for id := range s.Numbers {
		ids = append(ids, id)
	}
	sortStrings(ids)
	for _, id := range ids {
		n := s.Numbers[id]
		v.numbers(fmt.Sprintf("%s.numbers[%q]", f, id), &n)
	}
}

// InitiativeField is the field path of an initiative in problems:
// initiatives["Name"], or initiatives[i] when it has no name.
func InitiativeField(in *Initiative, i int) string {
	if strings.TrimSpace(in.Name) != "" {
		return fmt.Sprintf("initiatives[%q]", in.Name)
	}
	return fmt.Sprintf("initiatives[%d]", i)
}

type validator struct{ problems []Problem }

func (v *validator) add(field, msg string) { v.problems = append(v.problems, Problem{field, msg}) }

func (v *validator) err() error {
	if len(v.problems) == 0 {
		return nil
	}
	return &ValidationError{Problems: v.problems}
}

// finite checks that x is a finite number within [min, max].
func (v *validator) finite(field string, x, min, max float64, what string) {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		v.add(field, "is not a finite number")
	case x < min || x > max:
		v.add(field, fmt.Sprintf("%g %s", x, what))
	}
}

// numbers checks that recorded numbers are finite (JSON cannot hold
// others).
func (v *validator) numbers(field string, n *Numbers) {
	for _, x := range []struct {
		name string
		x    float64
	}{{"S", n.S}, {"X", n.X}, {"t", n.T}, {"sigma", n.Sigma}, {"value", n.Value}, {"npv", n.NPV}, {"npvq", n.NPVq}, {"cumvol", n.CumVol}} {
		if math.IsNaN(x.x) || math.IsInf(x.x, 0) {
			v.add(field+"."+x.name, "is not a finite number")
		}
	}
}

// number checks a plain-number quantity; formulas are checked by the
// valuation engine against the drivers.
func (v *validator) number(field string, q Quantity, min, max float64, what string) {
	if q.IsFormula() {
		return
	}
	switch {
	case math.IsNaN(q.Value) || math.IsInf(q.Value, 0):
		v.add(field, "is not a finite number")
	case q.Value < min || q.Value > max:
		v.add(field, fmt.Sprintf("%g %s", q.Value, what))
	}
}

// MaxTextLen is the longest free text accepted (a rationale, a note), in
// bytes; names, IDs, tags and owners are limited to MaxNameLen.
const MaxTextLen = 20000

// RateRange returns the range of rates, per year in the convention d, that
// the valuation engine prices: it prices with the continuous rate
// d.ContinuousRate(r), which must lie within [-valuation.MaxRate,
// valuation.MaxRate]. For Discrete that is [e^-1 - 1, e - 1], about
// -63.2 % to +171.8 %, of which rates up to 100 % are accepted.
func RateRange(d valuation.Discounting) (lo, hi float64) {
	if d == valuation.Discrete {
		return math.Expm1(-valuation.MaxRate), 1
	}
	return -valuation.MaxRate, 1
}

// rate checks a risk-free rate given in the convention d, with the range
// and message in that convention.
func (v *validator) rate(field string, r float64, d valuation.Discounting) {
	lo, hi := RateRange(d)
	conv := "continuously compounded"
	if d == valuation.Discrete {
		conv = "discrete, per year"
	}
	switch {
	case math.IsNaN(r) || math.IsInf(r, 0):
		v.add(field, "is not a finite number")
	case r < lo || r > hi || d.ContinuousRate(r) < -valuation.MaxRate:
		v.add(field, fmt.Sprintf("%g is not a usable rate: want %.4g%% <= r <= %.4g%% (%s)", r, 100*lo, 100*hi, conv))
	}
}

// engineLimits checks the inputs against the limits the valuation engine
// applies to what it is given (valuation.Inputs.Validate and
// RealOption.Validate), naming the field the user typed: t = years to the
// deadline at most valuation.MaxT, sigma*sqrt(t) at most
// valuation.MaxCumVol, the expand factor at most 1e6 and e*S at most
// valuation.MaxAmount (expand prices a call on e*S), salvage and stage cost
// at most valuation.MaxAmount and X + stage cost too (a staged option is
// placed against the whole investment). Formulas are checked by the engine
// when they are evaluated.
func (v *validator) engineLimits(p *Portfolio, in *Initiative, f string) {
	if in.Status == StatusOpen && !p.AsOf.IsZero() && !in.Deadline.IsZero() {
		t := p.AsOf.YearsUntil(in.Deadline)
		if t > valuation.MaxT {
			v.add(f+".deadline", fmt.Sprintf("%s is %.1f years after the as-of date %s, more than the %d years the engine prices", in.Deadline, t, p.AsOf, valuation.MaxT))
		} else if !in.Sigma.IsFormula() && t > 0 && in.Sigma.Value*math.Sqrt(t) > valuation.MaxCumVol {
			v.add(f+".sigma", fmt.Sprintf("%g gives sigma*sqrt(t) = %.3g over %.1f years, above the limit %d", in.Sigma.Value, in.Sigma.Value*math.Sqrt(t), t, valuation.MaxCumVol))
		}
	}
	if (in.Kind == KindExpand || in.Kind == KindChoose) && in.ExpandFactor > 1e6 {
		v.add(f+".expand_factor", fmt.Sprintf("%g is above the limit 1e6", in.ExpandFactor))
	} else if (in.Kind == KindExpand || in.Kind == KindChoose) && !in.S.IsFormula() && in.ExpandFactor*in.S.Value > valuation.MaxAmount {
		v.add(f+".expand_factor", fmt.Sprintf("%g times S = %g gives %g, above the limit %g", in.ExpandFactor, in.S.Value, in.ExpandFactor*in.S.Value, float64(valuation.MaxAmount)))
	}
	if in.Salvage > valuation.MaxAmount && !math.IsInf(in.Salvage, 1) {
		v.add(f+".salvage", fmt.Sprintf("%g is above the limit %g", in.Salvage, float64(valuation.MaxAmount)))
	}
	if in.StageCost > valuation.MaxAmount && !math.IsInf(in.StageCost, 1) {
		v.add(f+".stage_cost", fmt.Sprintf("%g is above the limit %g", in.StageCost, float64(valuation.MaxAmount)))
	} else if in.Kind == KindStaged && !in.X.IsFormula() && in.X.Value+in.StageCost > valuation.MaxAmount {
		v.add(f+".stage_cost", fmt.Sprintf("%g plus X = %g gives a whole investment of %g, above the limit %g", in.StageCost, in.X.Value, in.X.Value+in.StageCost, float64(valuation.MaxAmount)))
	}
}

// MinAmount is the smallest non-zero amount (S, X) accepted: smaller ones
// (1e-320 is a subnormal float) are typing errors that would only cost the
// pricing precision and time.
const MinAmount = 1e-6

// text checks a single-line text (a name, an ID, a tag, a unit): at most
// max bytes long and without control characters (see ControlChar).
func (v *validator) text(field, s string, max int) {
	v.length(field, s, max)
	v.controls(field, s, false)
}

// para checks a multi-line free text (a rationale, a note, a review): at
// most max bytes long, without control characters other than line feed
// and tab.
func (v *validator) para(field, s string, max int) {
	v.length(field, s, max)
	v.controls(field, s, true)
}

func (v *validator) length(field, s string, max int) {
	if len(s) > max {
		v.add(field, fmt.Sprintf("is %d bytes long, more than %d", len(s), max))
	}
}

// required checks a text that must not be blank: a problem when it is
// empty or only white space, and one for its first control character
// (see controls).
func (v *validator) required(field, s string, multiline bool) {
	if strings.TrimSpace(s) == "" {
		v.add(field, "is empty")
	}
	v.controls(field, s, multiline)
}

// controls adds a problem for the first control character of s (line
// feed and tab allowed when multiline).
func (v *validator) controls(field, s string, multiline bool) {
	if c, pos, ok := ControlChar(s, multiline); ok {
		v.add(field, fmt.Sprintf("contains a control character (U+%04X) at position %d", c, pos))
	}
}

// IsControl reports whether c is a control character: C0 (U+0000 to
// U+001F), DEL (U+007F) or C1 (U+0080 to U+009F). A terminal obeys them
// (ESC starts a colour or cursor sequence, BEL rings) and they break a
// table's rows and columns (line feed, tab, carriage return), so no name
// may hold one.
func IsControl(c rune) bool {
	return c < 0x20 || c >= 0x7f && c <= 0x9f
}

// ControlChar returns the first control character of s (IsControl) and its
// position, counted in characters from 1, and whether there is one; with
// multiline, line feed and tab are allowed (free text may hold them).
// Validate refuses names, IDs, tags, units and other single-line fields
// holding one, and multi-line free text (rationales, notes, reviews)
// holding one other than line feed and tab.
func ControlChar(s string, multiline bool) (c rune, pos int, ok bool) {
	pos = 0
	for _, r := range s {
		pos++
		if IsControl(r) && !(multiline && (r == '\n' || r == '\t')) {
			return r, pos, true
		}
	}
	return 0, 0, false
}

func (v *validator) initiative(p *Portfolio, in *Initiative, f string, tags map[string]bool) {
	v.text(f+".id", in.ID, MaxNameLen)
	v.text(f+".name", in.Name, MaxNameLen)
	v.text(f+".tag", in.Tag, MaxNameLen)
	v.text(f+".owner", in.Owner, MaxNameLen)
	v.para(f+".rationale", in.Rationale, MaxTextLen)
	for _, q := range []struct {
		name string
		q    Quantity
	}{{"S", in.S}, {"X", in.X}, {"sigma", in.Sigma}} {
		v.controls(f+"."+q.name, q.q.Formula, false)
	}
	if in.CashFlows != nil {
		for j, l := range in.CashFlows.Lines {
			g := fmt.Sprintf("%s.cash_flows.lines[%d]", f, j)
			v.controls(g+".name", l.Name, false)
			v.controls(g+".formula", l.Formula, false)
		}
	}
	for _, q := range []struct {
		name string
		q    Quantity
	}{{"S", in.S}, {"X", in.X}} {
		if !q.q.IsFormula() && q.q.Value != 0 && math.Abs(q.q.Value) < MinAmount {
			v.add(f+"."+q.name, fmt.Sprintf("%g is too small to be an amount (the smallest is %g; use 0 for nothing)", q.q.Value, MinAmount))
		}
	}
	if len(p.Tags) > 0 && !tags[in.Tag] {
		v.add(f+".tag", fmt.Sprintf("%q is not one of the portfolio's tags %v", in.Tag, p.Tags))
	}
	kindOK := false
	for _, k := range OptionKinds {
		kindOK = kindOK || in.Kind == k
	}
	if !kindOK {
		v.add(f+".kind", fmt.Sprintf("%q: want one of defer, expand, contract, abandon, choose, staged", in.Kind))
	}
	statusOK := false
	for _, s := range Statuses {
		statusOK = statusOK || in.Status == s
	}
	if !statusOK {
		v.add(f+".status", fmt.Sprintf("%q: want open, invested, abandoned or expired", in.Status))
	}
	v.number(f+".S", in.S, 0, 1e15, "must be between 0 and 1e15")
	if !in.X.IsFormula() && in.X.Value <= 0 && !math.IsNaN(in.X.Value) {
		v.add(f+".X", fmt.Sprintf("%g: the investment must be positive", in.X.Value))
	} else {
		v.number(f+".X", in.X, 0, 1e15, "must be between 0 and 1e15")
	}
	v.number(f+".sigma", in.Sigma, 0, MaxSigma, fmt.Sprintf("is outside [0, %d] (volatility per year)", MaxSigma))
	if in.Deadline.IsZero() {
		v.add(f+".deadline", "is missing")
	} else if in.Status == StatusOpen && !p.AsOf.IsZero() && !in.Deadline.After(p.AsOf.Time) {
		v.add(f+".deadline", fmt.Sprintf("%s is not after the as-of date %s", in.Deadline, p.AsOf))
	}
	if math.IsNaN(in.Leakage) || in.Leakage < -1 || in.Leakage > 1 {
		v.add(f+".q", fmt.Sprintf("%g: leakage must be within [-1, 1] per year", in.Leakage))
	}
	if in.Rate != nil {
		v.rate(f+".r", *in.Rate, p.Settings.Discounting)
	}
	v.engineLimits(p, in, f)
	v.finite(f+".expand_factor", in.ExpandFactor, 0, math.Inf(1), "must not be negative")
	if (in.Kind == KindExpand || in.Kind == KindChoose) && in.ExpandFactor <= 0 {
		v.add(f+".expand_factor", fmt.Sprintf("an option of kind %s needs the fraction of S it gains (> 0)", in.Kind))
	}
	v.finite(f+".contract_factor", in.ContractFactor, 0, 1, "must be within [0, 1]")
	if in.Kind == KindContract && in.ContractFactor <= 0 {
		v.add(f+".contract_factor", "an option of kind contract needs the fraction of S it gives up (> 0)")
	}
	v.finite(f+".salvage", in.Salvage, 0, math.Inf(1), "must not be negative")
	v.finite(f+".stage_cost", in.StageCost, 0, math.Inf(1), "must not be negative")
	if in.Kind == KindStaged {
		if in.StageDeadline.IsZero() {
			v.add(f+".stage_deadline", "an option of kind staged needs the date of its first stage")
		} else if !in.Deadline.IsZero() && in.StageDeadline.After(in.Deadline.Time) {
			v.add(f+".stage_deadline", fmt.Sprintf("%s is after the deadline %s", in.StageDeadline, in.Deadline))
		}
	}
	for j, r := range in.Risks {
		g := fmt.Sprintf("%s.risks[%d]", f, j)
		v.required(g+".description", r.Description, true)
		v.controls(g+".mitigation", r.Mitigation, true)
		v.controls(g+".owner", r.Owner, false)
		v.controls(g+".status", r.Status, false)
	}
	for j, a := range in.Assumptions {
		g := fmt.Sprintf("%s.assumptions[%d]", f, j)
		v.required(g+".name", a.Name, false)
		v.controls(g+".value", a.Value, false)
		v.controls(g+".source", a.Source, false)
		switch a.Confidence {
		case "", "low", "medium", "high":
		default:
			v.add(fmt.Sprintf("%s.assumptions[%d].confidence", f, j), fmt.Sprintf("%q: want low, medium or high", a.Confidence))
		}
	}
}

func (v *validator) links(p *Portfolio, ids map[string]bool) {
	next := map[string][]string{}
	for i := range p.Links {
		l := &p.Links[i]
		v.link(i, l, ids)
		if l.Kind == LinkGates || l.Kind == LinkFollowOn {
			next[l.From] = append(next[l.From], l.To)
		}
	}
	if cycle := FindCycle(next); cycle != nil {
		v.add("links", "gates and follow-on links form a cycle: "+strings.Join(cycle, " -> "))
	}
}

// link checks the i-th link alone (its cycles are checked by links); ids
// are the portfolio's initiatives.
func (v *validator) link(i int, l *Link, ids map[string]bool) {
	f := fmt.Sprintf("links[%d]", i)
	v.para(f+".note", l.Note, MaxTextLen)
	kindOK := false
	for _, k := range LinkKinds {
		kindOK = kindOK || l.Kind == k
	}
	if !kindOK {
		v.add(f+".kind", fmt.Sprintf("%q: want gates, follow_on, excludes or synergy", l.Kind))
	}
	if !ids[l.From] {
		v.add(f+".from", fmt.Sprintf("%q is not an initiative of this portfolio", l.From))
	}
	if !ids[l.To] {
		v.add(f+".to", fmt.Sprintf("%q is not an initiative of this portfolio", l.To))
	}
	if l.From == l.To {
		v.add(f, fmt.Sprintf("links %q to itself", l.From))
	}
	if math.IsNaN(l.Correlation) || l.Correlation < -1 || l.Correlation > 1 {
		v.add(f+".correlation", fmt.Sprintf("%g is outside [-1, 1]", l.Correlation))
	}
}

// FindCycle returns a cycle of the directed graph next (as its path, the
// first node repeated at the end), or nil when there is none.
func FindCycle(next map[string][]string) []string {
	const (
		white = iota
		grey
		black
	)
	color := map[string]int{}
	var stack []string
	var found []string
	var visit func(n string) bool
	visit = func(n string) bool {
		color[n] = grey
		stack = append(stack, n)
		for _, m := range next[n] {
			switch color[m] {
			case grey:
				for i, s := range stack {
					if s == m {
						found = append(append([]string{}, stack[i:]...), m)
						return true
					}
				}
			case white:
				if visit(m) {
					return true
				}
			}
		}
		stack = stack[:len(stack)-1]
		color[n] = black
		return false
	}
	keys := make([]string, 0, len(next))
	for k := range next {
		keys = append(keys, k)
	}
	sortStrings(keys)
	for _, k := range keys {
		if color[k] == white && visit(k) {
			return found
		}
	}
	return nil
}

// IsIdentifier reports whether s is a letter or _ followed by letters,
// digits or _ (ASCII), as driver names in formulas must be.
func IsIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		letter := c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}
