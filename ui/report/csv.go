package report

import (
	"encoding/csv"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// The CSV exports write numbers with full precision (shortest
// representation) as model.CSVNumber does: plain decimals for ordinary
// numbers, the exponent form only below 1e-6 and from 1e21, so Excel and
// LibreOffice read them as numbers; dates as YYYY-MM-DD, a header row
// whose amount columns name their unit ("value [EUR]", "t [years]"), and text cells
// that a spreadsheet would read as a formula (starting with =, +, -, @,
// tab or carriage return) prefixed with a single quote.

// num formats a number for CSV as every CSV of ours does
// (model.CSVNumber): plain decimals for ordinary numbers, the exponent
// form for tiny and huge ones, empty where not finite.
func num(v float64) string { return model.CSVNumber(v) }

// units maps the numeric columns of the exports to their unit; "money"
// stands for the portfolio's currency.
var units = map[string]string{
	"S": "money", "X": "money", "value": "money", "npv": "money", "follow_on": "money", "with_follow_ons": "money",
	"before": "money", "after": "money", "delta": "money", "from_S": "money", "from_X": "money", "from_sigma": "money",
	"from_t": "money", "from_r": "money", "from_q": "money", "from_other": "money",
	"t": "years", "sigma": "per year", "r": "per year, continuous", "q": "per year", "cumvol": "σ√t", "npvq": "ratio", "cs": "share of S",
}

// header returns cols with each numeric column's unit in brackets:
// "value [EUR]", "t [years]".
func header(cols []string, currency string) []string {
	if currency = strings.TrimSpace(currency); currency == "" {
		currency = "currency"
	}
	out := make([]string, len(cols))
	for i, c := range cols {
		switch u := units[c]; u {
		case "":
			out[i] = c
		case "money":
			out[i] = c + " [" + currency + "]"
		default:
			out[i] = c + " [" + u + "]"
		}
	}
	return out
}

// text makes a portfolio string safe for a spreadsheet: the one escaping
// every CSV writer of the product uses (model.EscapeCSVCell).
func text(s string) string { return model.EscapeCSVCell(s) }

// InitiativeColumns are the columns of WriteInitiativesCSV; the header row
// adds each numeric column's unit in brackets.
var InitiativeColumns = []string{"id", "name", "tag", "kind", "status", "S", "X", "deadline", "t", "sigma", "r", "q",
	"value", "npv", "npvq", "cumvol", "cs", "region", "region_name", "action", "follow_on", "with_follow_ons",
	"counted", "excluded_by", "counted_in", "method", "error", "S_origin", "sigma_origin", "deadline_passed",
	"stage_deadline_passed", "action_now"}

// WriteInitiativesCSV writes the initiative table of v, the valuation of
// p, one row per initiative in the portfolio's order: the resolved inputs
// (r continuously compounded, t in years), the option value and metrics,
// region and recommended action, follow-on values, whether it counts in
// the totals, the pricing method and, for initiatives that could not be
// valued, why; last, deadline_passed and stage_deadline_passed: whether
// the deadline (a staged initiative's stage deadline) is before the
// valuation's as-of date (InitiativeResult.DeadlinePassed,
// StageDeadlinePassed), as value --format csv marks them; after them
// action_now, the link-aware action where action is the stand-alone
// region's (Summary.ActionsNow: "wait for gate: NAME" for an invest-now
// initiative whose gate is not funded now, "lapses with gate: NAME"),
// empty for one closed, unvalued or whose deadline has passed.
func WriteInitiativesCSV(w io.Writer, p *model.Portfolio, v *portfolio.Valuation) error {
	return WriteInitiativesCSVOn(w, p, v, model.Date{})
}

// WriteInitiativesCSVOn is WriteInitiativesCSV for a report dated on (the
// report's Options.Now): deadline_passed says whether the deadline has
// passed on that date (portfolio.DeadlinePassed), as the report's pages
// mark it. A zero on is the valuation's as-of date.
func WriteInitiativesCSVOn(w io.Writer, p *model.Portfolio, v *portfolio.Valuation, on model.Date) error {
	if p == nil || v == nil {
		panic("report: WriteInitiativesCSV of a nil portfolio or valuation")
	}
	return writeInitiativesCSV(w, p, v, on, Summarize(p, v, on).ActionsNow())
}

// writeInitiativesCSV is WriteInitiativesCSVOn with the summary's
// link-aware actions (Summary.ActionsNow) given: the report's export has
// them from Build.
func writeInitiativesCSV(w io.Writer, p *model.Portfolio, v *portfolio.Valuation, on model.Date, actNow map[string]string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header(InitiativeColumns, p.Currency)); err != nil {
		return err
	}
	for i := range v.Initiatives {
		r := &v.Initiatives[i]
		dl, sOrigin, sigmaOrigin := "", "", ""
		passed, stagePassed := r.DeadlinePassed, r.StageDeadlinePassed
		if in := p.Initiative(r.ID); in != nil {
			dl = in.Deadline.String()
			sOrigin, sigmaOrigin = in.InputOrigin("S"), in.InputOrigin("sigma")
			if !on.IsZero() {
				passed = portfolio.DeadlinePassed(in.Deadline, on)
				stagePassed = portfolio.StageDeadlinePassed(in, on)
			}
		}
		row := []string{text(r.ID), text(r.Name), text(r.Tag), string(r.Kind), string(r.Status)}
		if r.Err != nil {
			row = append(row, "", "", dl, "", "", "", "", "", "", "", "", "", "", "", "", "", "", "false", text(r.ExcludedBy), text(r.CountedIn), "", text(r.Err.Error()))
		} else {
			pos := r.Position
			region, name, action := "", "", ""
			if g := regionOf(r); g > 0 {
				region, name, action = strconv.Itoa(int(g)), g.String(), g.Action()
			}
			row = append(row, num(r.S), num(r.X), dl, num(r.T), num(r.Sigma), num(r.R), num(r.Q),
				num(pos.Value), num(pos.NPV), num(pos.NPVq), num(pos.CumVol), num(pos.CallShare), region, name, action,
				num(r.FollowOn), num(r.WithFollowOns), strconv.FormatBool(r.Counts()), text(r.ExcludedBy), text(r.CountedIn), text(pos.Method), "")
		}
		row = append(row, text(sOrigin), text(sigmaOrigin), strconv.FormatBool(passed), strconv.FormatBool(stagePassed), text(actNow[r.ID]))
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// DecisionColumns are the columns of WriteDecisionsCSV.
var DecisionColumns = []string{"id", "date", "initiative_id", "initiative", "decision", "who", "rationale",
	"S", "X", "t", "sigma", "value", "npv", "npvq", "cumvol", "region", "review", "review_date"}

// WriteDecisionsCSV writes p's decisions, oldest first, with the numbers
// recorded at the time and the later review.
func WriteDecisionsCSV(w io.Writer, p *model.Portfolio) error {
	if p == nil {
		panic("report: WriteDecisionsCSV of a nil portfolio")
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(header(DecisionColumns, p.Currency)); err != nil {
		return err
	}
	decs := append([]model.Decision(nil), p.Decisions...)
	sort.SliceStable(decs, func(i, j int) bool { return decs[i].Date.Before(decs[j].Date.Time) })
	for _, d := range decs {
		name := ""
		if in := p.Initiative(d.Initiative); in != nil {
			name = in.Name
		}
		n := d.Numbers
		region := ""
		if valuation.Region(n.Region).Valid() {
			region = strconv.Itoa(n.Region)
		}
		row := []string{text(d.ID), d.Date.String(), text(d.Initiative), text(name), text(string(d.Decision)), text(d.Who), text(d.Rationale),
			num(n.S), num(n.X), num(n.T), num(n.Sigma), num(n.Value), num(n.NPV), num(n.NPVq), num(n.CumVol), region, text(d.Review), d.ReviewDate.String()}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// MoveColumns are the columns of WriteMovesCSV.
var MoveColumns = []string{"initiative_id", "initiative", "before", "after", "delta", "region_before", "region_after",
	"added", "removed", "from_S", "from_X", "from_sigma", "from_t", "from_r", "from_q", "from_other", "from_follow_ons", "from_counting",
	"counted_in", "standalone_before", "standalone_after", "why"}

// WriteMovesCSV writes what moved since a snapshot (WhatMoved: the
// engine's Impact), largest change first: what each initiative added to
// the portfolio value then and now (before, after; delta adds up to the
// portfolio's change), regions, the change split by input, follow-ons and
// counting (the from_ columns add up to delta when it counted on its own
// at both dates), the ID of the initiative it is counted in (counted_in,
// an ID as in WriteInitiativesCSV), and its own option values.
func WriteMovesCSV(w io.Writer, c *Changes, currency string) error {
	if c == nil {
		panic("report: WriteMovesCSV of nil changes")
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(header(MoveColumns, currency)); err != nil {
		return err
	}
	region := func(g int) string {
		if g == 0 {
			return ""
		}
		return strconv.Itoa(g)
	}
	for _, m := range c.Moves {
		by := map[string]float64{}
		for _, k := range m.Contributions {
			by[k.Input] += k.Delta
		}
		row := []string{text(m.ID), text(m.Name), num(m.Before), num(m.After), num(m.Delta), region(int(m.RegionBefore)), region(int(m.RegionAfter)),
			strconv.FormatBool(m.Added), strconv.FormatBool(m.Removed)}
		for _, in := range []string{"S", "X", "sigma", "t", "r", "q", "other", "follow-ons", "counting"} {
			row = append(row, num(by[in]))
		}
		row = append(row, text(m.CountedIn), num(m.StandAloneBefore), num(m.StandAloneAfter), text(m.why(currency)))
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
