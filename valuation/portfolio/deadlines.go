package portfolio

import (
	"math"
	"sort"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
)

// DeadlineDays is how far ahead "deadlines soon" look, in days: the
// report's summary, the invest / wait view and the initiatives list all
// use it through Deadlines.
const DeadlineDays = 90

// Deadline is an open initiative's decision deadline.
type Deadline struct {
	ID, Name string
	Date     model.Date
	// Days is the number of days from the as-of date to Date, rounded to
	// the nearest day; negative when the deadline has passed.
	Days int
	// Passed reports that the deadline is before the as-of date: the
	// option has lapsed unless it was decided.
	Passed bool
}

// DueBy reports whether a decision deadline falls in a window that ends on
// end: on or before end. It is the one rule of "within the window" and
// "before the next review": DecisionsDue, the funding plan's lapses
// (NewFundingProblem) and Deadlines (end = as-of + days) all use it.
//
// The end is inclusive because a board needs it so: a window that closes
// on the review day can still be decided at that review, and it is the
// last review that can decide it, so it must appear in the decisions due
// and, kept open past that review, it lapses. A zero deadline (none) is
// never due.
func DueBy(deadline, end model.Date) bool {
	return !deadline.IsZero() && !deadline.After(end.Time)
}

// DaysUntil returns the days from asOf to d, rounded to the nearest day
// (negative when d is earlier): the one rule of Deadlines.
func DaysUntil(asOf, d model.Date) int {
	return int(math.Round(d.Sub(asOf.Time).Hours() / 24))
}

// DeadlinePassed reports whether a decision deadline has passed on the
// date on: it is before on (DaysUntil(on, deadline) < 0; a deadline on the
// day itself is "today", not passed). It is the one rule of "passed":
// InitiativeResult.DeadlinePassed (on = the as-of date), Deadline.Passed
// and the report's markers (on = the report's date) use it. A zero
// deadline (none) never passes.
func DeadlinePassed(deadline, on model.Date) bool {
	return !deadline.IsZero() && DaysUntil(on, deadline) < 0
}

// StageDeadlinePassed reports whether in is a staged initiative whose
// stage deadline has passed on on (DeadlinePassed of its StageDeadline):
// InitiativeResult.StageDeadlinePassed on the valuation's as-of date, and
// the report's pages and CSV on the report's date.
func StageDeadlinePassed(in *model.Initiative, on model.Date) bool {
	return in.Kind == model.KindStaged && DeadlinePassed(in.StageDeadline, on)
}

// Deadlines returns the open initiatives of p whose deadline is within
// days of asOf (p.AsOf when zero; on the last day included, DueBy) or has
// passed, soonest first (passed
// ones first of all). Initiatives without a deadline are left out.
func Deadlines(p *model.Portfolio, asOf model.Date, days int) []Deadline {
	if asOf.IsZero() {
		asOf = p.AsOf
	}
	var out []Deadline
	for i := range p.Initiatives {
		in := &p.Initiatives[i]
		if in.Status != model.StatusOpen || in.Deadline.IsZero() {
			continue
		}
		if !DueBy(in.Deadline, model.Date{Time: asOf.AddDate(0, 0, days)}) {
			continue
		}
		n := DaysUntil(asOf, in.Deadline)
		out = append(out, Deadline{ID: in.ID, Name: in.Name, Date: in.Deadline, Days: n, Passed: DeadlinePassed(in.Deadline, asOf)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Days < out[j].Days })
	return out
}

// NextReview is the date of the next review after asOf when none is given:
// DefaultPeriodMonths later, the funding plan's default review period.
func NextReview(asOf model.Date) model.Date { return NextReviewAfter(asOf, asOf) }

// NextReviewAfter is the first review strictly after now when reviews
// come every DefaultPeriodMonths from asOf: asOf + k periods, k >= 1. A
// report dated after its valuation's as-of date (report --now) looks ahead
// to the review after its own date, never to one already past; with now
// at or before asOf it is NextReview(asOf).
func NextReviewAfter(asOf, now model.Date) model.Date {
	next := asOf.AddMonths(DefaultPeriodMonths)
	for k := 2; !next.After(now.Time); k++ {
		next = asOf.AddMonths(k * DefaultPeriodMonths)
	}
	return next
}

// Due is an open initiative whose deadline falls on or before the next
// review (DueBy): the decision has to be taken at this review or the
// option lapses.
type Due struct {
	ID, Name string
	Deadline model.Date
	// Region is the initiative's region, 0 when it could not be valued.
	Region valuation.Region
	// Passed reports that the deadline had passed on the date the
	// decisions are listed on (DeadlinePassed): the option has already
	// lapsed and there is no cost of lapsing left to avoid.
	Passed bool
	// LapseCost is what the portfolio loses if the option lapses
	// (LapseCost): its value with the follow-ons it gates; 0 when the
	// deadline has passed or it could not be valued.
	LapseCost float64
}

// LapseCost is what the portfolio loses when the option of r lapses
// undecided: its value with the follow-on options it gates
// (WithFollowOns), since an initiative gated by one that lapses can no
// longer be funded. It is the funding plan's Keep of the item, so with a
// budget that does not bind it is the plan's value less the plan's value
// with the initiative never funded. It is 0 for a result that could not
// be valued. Every front end that shows a cost of lapsing uses it.
func LapseCost(r *InitiativeResult) float64 {
	if r == nil || r.Err != nil {
		return 0
	}
	return r.WithFollowOns
}

// DecisionsDue returns the open initiatives of p (valued in v) whose
// deadline falls on or before end (DueBy; NextReview(v.AsOf) when zero),
// earliest first, with their region and the cost of letting them lapse.
// Passed deadlines (before v.AsOf) are included: they are before end too.
// It is DecisionsDueOn at v.AsOf.
func DecisionsDue(p *model.Portfolio, v *Valuation, end model.Date) []Due {
	return DecisionsDueOn(p, v, v.AsOf, end)
}

// DecisionsDueOn is DecisionsDue listed on the date on (v.AsOf when zero;
// a report dated after its valuation): a deadline before on is Passed and
// has no cost of lapsing.
func DecisionsDueOn(p *model.Portfolio, v *Valuation, on, end model.Date) []Due {
	if on.IsZero() {
		on = v.AsOf
	}
	if end.IsZero() {
		end = NextReview(v.AsOf)
	}
	var out []Due
	for i := range p.Initiatives {
		in := &p.Initiatives[i]
		if in.Status != model.StatusOpen || !DueBy(in.Deadline, end) {
			continue
		}
		d := Due{ID: in.ID, Name: in.Name, Deadline: in.Deadline, Passed: DeadlinePassed(in.Deadline, on)}
		if r := v.ByID(in.ID); r != nil && r.Err == nil {
			d.Region = r.Position.Region
			if !d.Passed {
				d.LapseCost = LapseCost(r)
			}
		}
		out = append(out, d)
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Deadline.Before(out[b].Deadline.Time) })
	return out
}
