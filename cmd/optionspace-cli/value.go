package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/ui/format"
	"github.com/optionspace/optionspace/ui/report"
	"github.com/optionspace/optionspace/valuation"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// valueColumns are the columns of `value --format csv`, in order; the JSON
// objects use the same keys (and add excluded_by, counted_in and reason).
// deadline_passed and stage_deadline_passed (the engine's
// InitiativeResult.DeadlinePassed and StageDeadlinePassed: the deadline,
// or a staged initiative's stage deadline, is before the as-of date; t or
// the stage's t is then 0) come last, after the columns they were added
// to. A number that is not finite is an empty cell, where JSON has null:
// the trigger of an option that is never exercised early (+Inf: X = 0, or
// no leakage), NPVq at X = 0. action_now, last, is the link-aware action
// beside action, the region's (report.Summary.ActionsNow: "wait for gate:
// NAME" for an invest-now initiative whose gate is not funded now,
// "lapses with gate: NAME"; empty when closed, unvalued or lapsed).
var valueColumns = []string{"id", "name", "tag", "kind", "status", "S", "X", "t", "sigma", "r", "q",
	"value", "method", "npv", "npvq", "cumvol", "cs", "trigger", "follow_on", "with_follow_ons", "region", "region_name", "action", "counted", "error",
	"deadline_passed", "stage_deadline_passed", "action_now"}

func runValue(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	src := addSourceFlags(fs)
	format := addFormatFlag(fs, "table", "csv", "json")
	withLinks := fs.Bool("with-links", true, "add follow-on (compound) values and count only the best of each excludes set")
	asOf := fs.String("as-of", "", "value as of this `date` (YYYY-MM-DD) instead of the portfolio's as-of date")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	day, err := parseDateFlag("as-of", *asOf, model.Date{})
	if err != nil {
		return err
	}
	if err := format.check(); err != nil {
		return err
	}
	p, v, err := src.evaluate(portfolio.Options{WithLinks: *withLinks, AsOf: day})
	if err != nil {
		return err
	}
	switch format.value {
	case "csv":
		return writeValueCSV(stdout, p, v)
	case "json":
		return writeValueJSON(stdout, p, v)
	}
	return writeValueTable(stdout, p, v)
}

// num writes a number for CSV as every CSV of ours does (model.CSVNumber:
// 4950000, not 4.95e+06, but 7.043873052589143e-181, not 198 characters
// of plain decimals); a number that is not finite (a trigger of +Inf:
// none) is an empty cell, as JSON has null.
func num(v float64) string { return model.CSVNumber(v) }

// amount formats an amount in a table in full, without the currency (the
// table's heading names it), as the app does with full numbers: 12,345.
func amount(v float64) string { return format.MoneyFull(v, "") }

// pct formats a share in a table as a percentage with one decimal: 12.5%.
func pct(v float64) string { return format.Percent(v) }

// valueRow is an initiative's CSV row; one that cannot be valued has its
// error and empty cells where its inputs and numbers would be (its inputs
// are not known when a formula fails).
func valueRow(r *portfolio.InitiativeResult, actionNow string) []string {
	if r.Err != nil {
		cells := map[string]string{"id": r.ID, "name": r.Name, "tag": r.Tag, "kind": string(r.Kind), "status": string(r.Status),
			"counted": strconv.FormatBool(r.Counts()), "error": r.Err.Error(), "deadline_passed": strconv.FormatBool(r.DeadlinePassed),
			"stage_deadline_passed": strconv.FormatBool(r.StageDeadlinePassed)}
		row := make([]string, len(valueColumns))
		for i, k := range valueColumns {
			row[i] = cells[k]
		}
		return row
	}
	pos := r.Position
	return []string{r.ID, r.Name, r.Tag, string(r.Kind), string(r.Status), num(r.S), num(r.X), num(r.T), num(r.Sigma), num(r.R), num(r.Q),
		num(pos.Value), pos.Method, num(pos.NPV), num(pos.NPVq), num(pos.CumVol), num(pos.CallShare), num(r.Trigger()),
		num(r.FollowOn), num(r.WithFollowOns), strconv.Itoa(int(pos.Region)), pos.Region.String(), pos.Region.Action(),
		strconv.FormatBool(r.Counts()), "", strconv.FormatBool(r.DeadlinePassed), strconv.FormatBool(r.StageDeadlinePassed), actionNow}
}

func writeValueCSV(w io.Writer, p *model.Portfolio, v *portfolio.Valuation) error {
	actNow := report.Summarize(p, v, model.Date{}).ActionsNow()
	cw := model.NewCSVWriter(w)
	cw.Write(valueColumns)
	for i := range v.Initiatives {
		cw.Write(valueRow(&v.Initiatives[i], actNow[v.Initiatives[i].ID]))
	}
	cw.Flush()
	return cw.Error()
}

// failedRowJSON is the JSON object of an initiative that cannot be
// valued: its inputs are not known (a formula failed) and it has no
// numbers, so every column but its names, status and error is null.
func failedRowJSON(r *portfolio.InitiativeResult) map[string]any {
	row := map[string]any{"id": r.ID, "name": r.Name, "tag": r.Tag, "kind": r.Kind, "status": r.Status,
		"counted": r.Counts(), "excluded_by": r.ExcludedBy, "counted_in": r.CountedIn, "reason": "", "error": r.Err.Error(),
		"trigger_low": nil, "trigger_high": nil,
		"deadline_passed": r.DeadlinePassed, "stage_deadline_passed": r.StageDeadlinePassed}
	for _, k := range valueColumns {
		if _, ok := row[k]; !ok {
			row[k] = nil
		}
	}
	return row
}

func writeValueJSON(w io.Writer, p *model.Portfolio, v *portfolio.Valuation) error {
	rows := make([]map[string]any, len(v.Initiatives))
	actNow := report.Summarize(p, v, model.Date{}).ActionsNow()
	for i := range v.Initiatives {
		r := &v.Initiatives[i]
		if r.Err != nil {
			rows[i] = failedRowJSON(r)
			continue
		}
		pos := r.Position
		low, high := bandJSON(r.ExerciseBand())
		rows[i] = map[string]any{
			"id": r.ID, "name": r.Name, "tag": r.Tag, "kind": r.Kind, "status": r.Status,
			"S": r.S, "X": r.X, "t": r.T, "sigma": r.Sigma, "r": r.R, "q": r.Q,
			"value": pos.Value, "method": pos.Method, "npv": pos.NPV, "npvq": jsonNum(pos.NPVq), "cumvol": pos.CumVol,
			"cs": pos.CallShare, "trigger": jsonNum(r.Trigger()), "follow_on": r.FollowOn, "with_follow_ons": r.WithFollowOns,
			"trigger_low": low, "trigger_high": high,
			"region": int(pos.Region), "region_name": pos.Region.String(), "action": pos.Region.Action(),
			"counted": r.Counts(), "excluded_by": r.ExcludedBy, "counted_in": r.CountedIn, "reason": pos.Explain(p.Settings.Thresholds, amount),
			"deadline_passed": r.DeadlinePassed, "stage_deadline_passed": r.StageDeadlinePassed,
			"action_now": actNow[r.ID],
		}
	}
	counts := v.RegionCounts()
	out := map[string]any{
		"portfolio":   p.Name,
		"as_of":       v.AsOf.String(),
		"currency":    p.Currency,
		"discounting": p.Settings.Discounting.String(),
		"initiatives": rows,
		"totals": map[string]any{
			"option_value": v.OptionValue, "follow_on_value": v.FollowOnValue, "total": v.Total,
			"static_npv": v.StaticNPV, "flexibility": v.Flexibility,
			"regions": regionCounts(counts),
		},
	}
	return writeJSON(w, out)
}

// regionCounts keys the counts of regions 1 to valuation.NumRegions by
// the region's number.
func regionCounts(counts [valuation.NumRegions + 1]int) map[string]int {
	m := map[string]int{}
	for g := valuation.Region(1); g.Valid(); g++ {
		m[strconv.Itoa(int(g))] = counts[g]
	}
	return m
}

// jsonNum maps +Inf (no trigger, X = 0) to nil: JSON has no infinity.
func jsonNum(v float64) any {
	if v > 1e308 || v < -1e308 || v != v {
		return nil
	}
	return v
}

// timeCell is the table's t: the years left, or format.Passed when the
// deadline has passed, followed by "(stage passed)" when a staged
// initiative's stage deadline has (InitiativeResult.StageDeadlinePassed).
func timeCell(r *portfolio.InitiativeResult) string {
	t := ""
	if r.Err == nil || r.DeadlinePassed {
		t = format.TimeLeft(r.T, r.DeadlinePassed)
	}
	if r.StageDeadlinePassed {
		t = strings.TrimSpace(t + " (stage " + format.Passed + ")")
	}
	return t
}

func writeValueTable(w io.Writer, p *model.Portfolio, v *portfolio.Valuation) error {
	tw := newTable(w)
	fmt.Fprintf(w, "%s, as of %s (%s discounting, amounts in %s)\n\n", p.Name, v.AsOf, p.Settings.Discounting, format.Units(p.Currency))
	fmt.Fprintln(tw, "Initiative\tLayer\tS\tX\tt\tsigma\tValue\tNPV\tNPVq\tsigma*sqrt(t)\tRegion\t")
	for i := range v.Initiatives {
		r := &v.Initiatives[i]
		if r.Err != nil {
			t := ""
			if r.DeadlinePassed || r.StageDeadlinePassed {
				t = timeCell(r)
			}
			fmt.Fprintf(tw, "%s\t%s\t\t\t%s\t\t\t\t\t\terror: %v\t\n", r.Name, r.Tag, t, r.Err)
			continue
		}
		pos := r.Position
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n",
			r.Name, r.Tag, amount(r.S), amount(r.X), timeCell(r), format.Float(r.Sigma, 2), amount(pos.Value), amount(pos.NPV),
			format.Ratio(pos.NPVq), format.Ratio(pos.CumVol), format.Region(pos.Region))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	// Each amount is the true one rounded on its own (as value JSON and the
	// report have them); where the printed parts do not add up, say so.
	note := format.TotalsNote(v.Total, v.OptionValue, v.FollowOnValue, v.StaticNPV, v.Flexibility)
	fmt.Fprintf(w, "\nPortfolio value %s = options %s + follow-ons %s; static NPV %s; flexibility %s%s\n",
		amount(v.Total), amount(v.OptionValue), amount(v.FollowOnValue), amount(v.StaticNPV), amount(v.Flexibility), note)
	for _, pr := range v.Problems {
		fmt.Fprintln(w, "problem:", pr)
	}
	return nil
}

// unitsOf names what p's amounts are counted in (format.Units), for the
// commands whose flags shadow the format package's name.
func unitsOf(p *model.Portfolio) string { return format.Units(p.Currency) }
