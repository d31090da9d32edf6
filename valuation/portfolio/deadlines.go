package portfolio

import (
	"math"
	"sort"

	"github.com/optionspace/optionspace/model"
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

// DaysUntil returns the days from asOf to d, rounded to the nearest day
// (negative when d is earlier): the one rule of Deadlines.
func DaysUntil(asOf, d model.Date) int {
	return int(math.Round(d.Sub(asOf.Time).Hours() / 24))
}

// Deadlines returns the open initiatives of p whose deadline is within
// days of asOf (p.AsOf when zero) or has passed, soonest first (passed
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
		n := DaysUntil(asOf, in.Deadline)
		if n > days {
			continue
		}
		out = append(out, Deadline{ID: in.ID, Name: in.Name, Date: in.Deadline, Days: n, Passed: n < 0})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Days < out[j].Days })
	return out
}
