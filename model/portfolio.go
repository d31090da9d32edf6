package model

import (
	"reflect"
	"slices"

	"github.com/optionspace/optionspace/valuation"
)

// FormatVersion is the version of the JSON portfolio format written by this
// build. Readers refuse files with a newer version.
const FormatVersion = 1

// SCRMTags are the four layers of the Social CRM stack, the default tags of
// the SCRM template.
var SCRMTags = []string{"community", "analytics", "action", "integration"}

// Portfolio is a strategy held as a portfolio of real options.
type Portfolio struct {
	// Version is the JSON format version (FormatVersion).
	Version int `json:"version"`
	// Name identifies the portfolio; unique within a database.
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	// Client and Author appear on report covers.
	Client string `json:"client,omitempty"`
	Author string `json:"author,omitempty"`
	// Currency is an ISO code or symbol used when formatting money ("EUR").
	Currency string `json:"currency"`
	// AsOf is the valuation date: every t is the time from AsOf to a deadline.
	AsOf Date `json:"as_of"`
	// Settings are the valuation conventions of the portfolio.
	Settings Settings `json:"settings"`
	// Tags is the portfolio's list of tags (for SCRM, its four layers).
	Tags        []string        `json:"tags"`
	Initiatives []Initiative    `json:"initiatives"`
	Drivers     []Driver        `json:"drivers"`
	Links       []Link          `json:"links"`
	Decisions   []Decision      `json:"decisions,omitempty"`
	Learning    []LearningEntry `json:"learning,omitempty"`
	Snapshots   []Snapshot      `json:"snapshots,omitempty"`
}

// Settings are a portfolio's valuation conventions.
type Settings struct {
	// Discounting says how RiskFree (and initiative rate overrides) are read.
	Discounting valuation.Discounting `json:"discounting"`
	// RiskFree is the default risk-free rate, per year.
	RiskFree float64 `json:"risk_free"`
	// Thresholds are the adjustable region boundaries.
	Thresholds valuation.Thresholds `json:"thresholds"`
}

// DefaultSettings returns discrete (Luehrman) discounting, a 4% rate and the
// default region thresholds.
func DefaultSettings() Settings {
	return Settings{Discounting: valuation.Discrete, RiskFree: 0.04, Thresholds: valuation.DefaultThresholds()}
}

// OptionKind is the kind of real option an initiative holds: the
// valuation's Kind, so that a kind is defined once and an initiative's
// kind is what the valuation prices.
type OptionKind = valuation.Kind

// The option kinds (valuation's constants, under the model's names).
const (
	// KindDefer is a call on S at X: invest X to receive S, any time before
	// the deadline.
	KindDefer = valuation.Defer
	// KindExpand pays X to gain ExpandFactor * S.
	KindExpand = valuation.Expand
	// KindContract gives up ContractFactor * S to save X.
	KindContract = valuation.Contract
	// KindAbandon is a put on S with salvage value X.
	KindAbandon = valuation.Abandon
	// KindChoose holds expand, contract and abandon at once; the best is
	// taken at each point in time.
	KindChoose = valuation.Choose
	// KindStaged is a compound option: pay StageCost by StageDeadline (a
	// pilot) to keep the right to invest X for S by the deadline.
	KindStaged = valuation.Staged
)

// OptionKinds lists every kind in display order.
var OptionKinds = []OptionKind{KindDefer, KindExpand, KindContract, KindAbandon, KindChoose, KindStaged}

// Status is where an initiative stands.
type Status string

// The statuses.
const (
	StatusOpen      Status = "open"
	StatusInvested  Status = "invested"
	StatusAbandoned Status = "abandoned"
	StatusExpired   Status = "expired"
)

// Statuses lists every status in display order.
var Statuses = []Status{StatusOpen, StatusInvested, StatusAbandoned, StatusExpired}

// Initiative is a strategic initiative held as a real option.
type Initiative struct {
	// ID is a stable identifier (a short slug) that links, decisions and
	// learning entries refer to; unique within the portfolio.
	ID string `json:"id"`
	// Name is shown to users; unique within the portfolio.
	Name string `json:"name"`
	// Rationale is the one-paragraph description of why the option exists.
	Rationale string `json:"rationale,omitempty"`
	Owner     string `json:"owner,omitempty"`
	// Tag is one of the portfolio's Tags (the SCRM layer).
	Tag    string     `json:"tag"`
	Kind   OptionKind `json:"kind"`
	Status Status     `json:"status"`
	// S is the present value of the cash flows the initiative would produce.
	S Quantity `json:"S"`
	// X is the investment needed to carry it out (for abandon: the salvage
	// value; for contract: the saving).
	X Quantity `json:"X"`
	// Sigma is the volatility of S per year, in [0, 3].
	Sigma Quantity `json:"sigma"`
	// Deadline is the last day the decision can be taken; t is derived from
	// the portfolio's AsOf and never stored.
	Deadline Date `json:"deadline"`
	// Rate overrides the portfolio's risk-free rate when set.
	Rate *float64 `json:"r,omitempty"`
	// Leakage is the value lost per year while waiting (dividend yield q),
	// continuously compounded.
	Leakage float64 `json:"q"`
	// ExpandFactor is the fraction e of S gained by an expand (or choose)
	// option.
	ExpandFactor float64 `json:"expand_factor,omitempty"`
	// ContractFactor is the fraction of S given up by a contract (or choose)
	// option.
	ContractFactor float64 `json:"contract_factor,omitempty"`
	// Salvage is the abandonment value of a choose option (abandon uses X).
	Salvage float64 `json:"salvage,omitempty"`
	// StageCost is the cost of the first stage (the pilot) of a staged option.
	StageCost float64 `json:"stage_cost,omitempty"`
	// StageDeadline is when the first stage must be decided.
	StageDeadline Date `json:"stage_deadline,omitzero"`

	Assumptions []Assumption `json:"assumptions,omitempty"`
	Risks       []Risk       `json:"risks,omitempty"`

	// CashFlows is the optional yearly model S and σ are estimated from.
	CashFlows *CashFlows `json:"cash_flows,omitempty"`
	// Estimate records where S and σ came from when they were estimated.
	Estimate *Provenance `json:"estimate,omitempty"`
}

// Assumption is one variable behind an initiative's numbers.
type Assumption struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	// Source says where the value comes from.
	Source string `json:"source,omitempty"`
	// Confidence is "low", "medium" or "high".
	Confidence string `json:"confidence,omitempty"`
	Date       Date   `json:"date,omitzero"`
}

// Risk is a risk to an initiative and what is done about it.
type Risk struct {
	Description string `json:"description"`
	Mitigation  string `json:"mitigation,omitempty"`
	Owner       string `json:"owner,omitempty"`
	// Status is "open", "mitigated" or "closed".
	Status string `json:"status,omitempty"`
}

// Driver is a shared assumption that feeds the formulas of several
// initiatives, such as a community adoption rate.
type Driver struct {
	// Name is the identifier used in formulas: a letter or underscore, then
	// letters, digits or underscores.
	Name  string  `json:"name"`
	Label string  `json:"label,omitempty"`
	Unit  string  `json:"unit,omitempty"`
	Value float64 `json:"value"`
	// Low and High bound the plausible range, for sensitivity and sliders.
	Low  float64 `json:"low"`
	High float64 `json:"high"`
	// Uncertainty, when set, says how the value is uncertain, for
	// cash-flow estimates of S and σ.
	Uncertainty *Uncertainty `json:"uncertainty,omitempty"`
}

// LinkKind is how two initiatives are linked.
type LinkKind string

// The link kinds.
const (
	// LinkGates: From must be exercised before To can be (a pilot gates a
	// rollout); To is a follow-on option of From.
	LinkGates LinkKind = "gates"
	// LinkFollowOn: investing in From creates the option To.
	LinkFollowOn LinkKind = "follow_on"
	// LinkExcludes: at most one of From and To is exercised.
	LinkExcludes LinkKind = "excludes"
	// LinkSynergy: the underlyings of From and To move together with
	// Correlation.
	LinkSynergy LinkKind = "synergy"
)

// LinkKinds lists every kind in display order.
var LinkKinds = []LinkKind{LinkGates, LinkFollowOn, LinkExcludes, LinkSynergy}

// Link joins two initiatives of the same portfolio, by ID.
type Link struct {
	From string   `json:"from"`
	To   string   `json:"to"`
	Kind LinkKind `json:"kind"`
	// Correlation of the two underlyings, in [-1, 1]; used by synergy links.
	Correlation float64 `json:"correlation,omitempty"`
	Note        string  `json:"note,omitempty"`
}

// DecisionKind is what was decided.
type DecisionKind string

// The decisions.
const (
	DecideInvest  DecisionKind = "invest"
	DecideWait    DecisionKind = "wait"
	DecideAbandon DecisionKind = "abandon"
)

// Numbers are an initiative's valuation at one moment, kept with decisions
// and snapshots.
type Numbers struct {
	S      float64 `json:"S"`
	X      float64 `json:"X"`
	T      float64 `json:"t"`
	Sigma  float64 `json:"sigma"`
	Value  float64 `json:"value"`
	NPV    float64 `json:"npv"`
	NPVq   float64 `json:"npvq"`
	CumVol float64 `json:"cumvol"`
	Region int     `json:"region"`
}

// Decision records a decision taken on an initiative, with the numbers at
// the time and, later, a review of what actually happened.
type Decision struct {
	ID         string       `json:"id"`
	Date       Date         `json:"date"`
	Initiative string       `json:"initiative"`
	Decision   DecisionKind `json:"decision"`
	Rationale  string       `json:"rationale,omitempty"`
	Who        string       `json:"who,omitempty"`
	Numbers    Numbers      `json:"numbers"`
	// Review is the later account of what happened.
	Review     string `json:"review,omitempty"`
	ReviewDate Date   `json:"review_date,omitzero"`
}

// InputChange is one input a research step changed.
type InputChange struct {
	// Input names what changed: "S", "X", "sigma", "q", "deadline" or a
	// driver name.
	Input  string `json:"input"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// LearningEntry records a research step done on an initiative.
type LearningEntry struct {
	ID         string        `json:"id"`
	Date       Date          `json:"date"`
	Initiative string        `json:"initiative"`
	Learned    string        `json:"learned"`
	Cost       float64       `json:"cost,omitempty"`
	Changes    []InputChange `json:"changes,omitempty"`
}

// Snapshot is the portfolio frozen at a date, with a label such as
// "Q3 review", so each initiative's path through the option space can be
// shown.
type Snapshot struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	// Taken is the day the snapshot was taken.
	Taken       Date         `json:"taken"`
	AsOf        Date         `json:"as_of"`
	Settings    Settings     `json:"settings"`
	Initiatives []Initiative `json:"initiatives"`
	Drivers     []Driver     `json:"drivers"`
	Links       []Link       `json:"links"`
	// Numbers holds each initiative's valuation at the time, by ID.
	Numbers map[string]Numbers `json:"numbers,omitempty"`
}

// Initiative returns the initiative with the given ID, or nil.
func (p *Portfolio) Initiative(id string) *Initiative {
	for i := range p.Initiatives {
		if p.Initiatives[i].ID == id {
			return &p.Initiatives[i]
		}
	}
	return nil
}

// InitiativeByName returns the initiative with the given name, or nil.
func (p *Portfolio) InitiativeByName(name string) *Initiative {
	for i := range p.Initiatives {
		if p.Initiatives[i].Name == name {
			return &p.Initiatives[i]
		}
	}
	return nil
}

// Driver returns the driver with the given name, or nil.
func (p *Portfolio) Driver(name string) *Driver {
	for i := range p.Drivers {
		if p.Drivers[i].Name == name {
			return &p.Drivers[i]
		}
	}
	return nil
}

// T returns the time in years from the portfolio's as-of date to the
// initiative's deadline, never negative.
func (p *Portfolio) T(in *Initiative) float64 {
	t := p.AsOf.YearsUntil(in.Deadline)
	if t < 0 {
		return 0
	}
	return t
}

// RiskFree returns the initiative's rate: its override, else the
// portfolio's default.
func (p *Portfolio) RiskFree(in *Initiative) float64 {
	if in.Rate != nil {
		return *in.Rate
	}
	return p.Settings.RiskFree
}

// Equal reports whether in and o describe the same initiative: every field
// the user sets is equal, dates as calendar days, the rate by its value
// (both nil or both the same number), empty and nil lists alike, and a
// formula by its source (its last evaluated result is not an input).
func (in *Initiative) Equal(o *Initiative) bool {
	if in == nil || o == nil {
		return in == o
	}
	a, b := *in, *o
	if !sameQuantity(a.S, b.S) || !sameQuantity(a.X, b.X) || !sameQuantity(a.Sigma, b.Sigma) ||
		!a.Deadline.Equal(b.Deadline.Time) || !a.StageDeadline.Equal(b.StageDeadline.Time) ||
		(a.Rate == nil) != (b.Rate == nil) || (a.Rate != nil && *a.Rate != *b.Rate) ||
		len(a.Assumptions) != len(b.Assumptions) || len(a.Risks) != len(b.Risks) ||
		!slices.Equal(a.Risks, b.Risks) ||
		!reflect.DeepEqual(a.CashFlows, b.CashFlows) || !reflect.DeepEqual(a.Estimate, b.Estimate) {
		return false
	}
	for i := range a.Assumptions {
		x, y := a.Assumptions[i], b.Assumptions[i]
		if !x.Date.Equal(y.Date.Time) {
			return false
		}
		x.Date, y.Date = Date{}, Date{}
		if x != y {
			return false
		}
	}
	a.S, a.X, a.Sigma, b.S, b.X, b.Sigma = Quantity{}, Quantity{}, Quantity{}, Quantity{}, Quantity{}, Quantity{}
	a.Deadline, a.StageDeadline, b.Deadline, b.StageDeadline = Date{}, Date{}, Date{}, Date{}
	a.Rate, b.Rate = nil, nil
	a.Assumptions, a.Risks, b.Assumptions, b.Risks = nil, nil, nil, nil
	a.CashFlows, a.Estimate, b.CashFlows, b.Estimate = nil, nil, nil, nil
	return reflect.DeepEqual(a, b)
}

// sameQuantity compares two inputs: formulas by source, numbers by value.
func sameQuantity(a, b Quantity) bool {
	if a.IsFormula() || b.IsFormula() {
		return a.Formula == b.Formula
	}
	return a.Value == b.Value
}
