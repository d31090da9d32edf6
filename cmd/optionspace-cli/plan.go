package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"gonum.org/v1/plot"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/ui/chart"
	"github.com/optionspace/optionspace/ui/format"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// parseBudget reads a non-negative amount; "_" and "," group digits.
func parseBudget(s string) (float64, error) {
	t := strings.NewReplacer("_", "", ",", "").Replace(strings.TrimSpace(s))
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return 0, fmt.Errorf("want an amount >= 0 such as 1500000")
	}
	return v, nil
}

func splitNames(s string) []string {
	var out []string
	for _, n := range strings.Split(s, ",") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// planJSON is the JSON of the plan command.
type planJSON struct {
	Budget float64  `json:"budget"`
	Spent  float64  `json:"spent"`
	Value  float64  `json:"value"`
	Fund   []string `json:"fund"`
	Keep   []string `json:"keep"`
	Lapse  []string `json:"lapse"`
	// Rows are the items in the table's order with what each adds to
	// value (they add up to it) and why one kept adds 0.
	Rows   []planRowJSON `json:"rows"`
	Greedy struct {
		Value float64  `json:"value"`
		Fund  []string `json:"fund"`
	} `json:"greedy"`
	Frontier []frontierJSON `json:"frontier"`
}

// planRowJSON is one item of a plan: its part (fund, keep, lapse), cost,
// values funded now and kept open, what it adds to the plan's value and,
// when that is 0 for a kept item, why.
type planRowJSON struct {
	Name    string  `json:"name"`
	Plan    string  `json:"plan"`
	Cost    float64 `json:"cost"`
	FundNow float64 `json:"fund_now"`
	Keep    float64 `json:"keep"`
	Value   float64 `json:"value"`
	Why     string  `json:"why,omitempty"`
}

// planRows are the plan's items, funded first, then kept, then lapsing,
// each with its part and what it adds to the plan's value (Plan.Counted).
func planRows(fp *portfolio.FundingProblem, pl *portfolio.Plan) []planRowJSON {
	var rows []planRowJSON
	var kept []int
	withGate := map[int]bool{}
	for _, i := range pl.Keep {
		if pl.GateLapses(i) {
			withGate[i] = true
		} else {
			kept = append(kept, i)
		}
	}
	for _, part := range []struct {
		what string
		idx  []int
	}{{"fund", pl.Fund}, {"keep", kept}, {"lapse", append(append([]int(nil), pl.Lapse...), pl.GateLapse...)}} {
		for _, i := range part.idx {
			it := fp.Items[i]
			what := part.what
			if withGate[i] {
				what = format.GateLapses
			}
			if it.Must {
				what += " (must)"
			} else if it.Never {
				what += " (never)"
			}
			rows = append(rows, planRowJSON{Name: it.Name, Plan: what, Cost: it.Cost, FundNow: it.Fund, Keep: it.Keep, Value: pl.Counted[i], Why: pl.Why[i]})
		}
	}
	return rows
}

type frontierJSON struct {
	Budget float64  `json:"budget"`
	Value  float64  `json:"value"`
	Fund   []string `json:"fund"`
}

func runPlan(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	src := addSourceFlags(fs)
	budgetS := fs.String("budget", "", "the review's `budget` (required)")
	period := fs.String("period", "6m", "review `period`: months (6m), years (1y) or the next review's date")
	must := fs.String("must", "", "comma-separated `names` to fund")
	never := fs.String("never", "", "comma-separated `names` not to fund")
	frontier := fs.Bool("frontier", false, "add the efficient frontier (best value at 50 budgets)")
	format := addFormatFlag(fs, "table", "json")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *budgetS == "" {
		return fmt.Errorf("%w: --budget is required", errUsage)
	}
	budget, err := parseBudgetFlag(*budgetS)
	if err != nil {
		return err
	}
	if err := format.check(); err != nil {
		return err
	}
	p, err := src.load()
	if err != nil {
		return err
	}
	end, err := portfolio.ParsePeriod(p.AsOf, *period)
	if err != nil {
		return fmt.Errorf("%w: --period: %v", errUsage, err)
	}
	v, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		return err
	}
	n := 0
	if *frontier {
		n = 50
	}
	opt := portfolio.FundingOptions{PeriodEnd: end, Must: splitNames(*must), Never: splitNames(*never)}
	r, err := portfolio.PlanFunding(p, v, opt, budget, n, portfolio.PlanLimits{Timeout: 30 * time.Second})
	if errors.Is(err, portfolio.ErrInfeasible) {
		return fmt.Errorf("budget %.0f: %v", budget, err)
	}
	if err != nil {
		return err
	}
	fp, pl := r.Problem, r.Plan
	if format.value == "json" {
		j := planJSON{Budget: budget, Spent: pl.Spent, Value: pl.Value, Fund: fp.Names(pl.Fund), Keep: fp.Names(pl.Keep), Lapse: fp.Names(pl.Lapse), Rows: planRows(fp, pl), Frontier: []frontierJSON{}}
		j.Greedy.Value, j.Greedy.Fund = r.Greedy.Value, fp.Names(r.Greedy.Fund)
		for _, f := range r.Frontier {
			j.Frontier = append(j.Frontier, frontierJSON{Budget: f.Budget, Value: f.Value, Fund: fp.Names(f.Fund)})
		}
		return writeJSON(stdout, j)
	}
	fmt.Fprintf(stdout, "%s: funding plan for the review period %s to %s (amounts in %s)\n", p.Name, fp.AsOf, fp.PeriodEnd, unitsOf(p))
	fmt.Fprintf(stdout, "Budget %s, spent %s, value %s", amount(budget), amount(pl.Spent), amount(pl.Value))
	if pl.Optimal {
		fmt.Fprintln(stdout, " (optimal)")
	} else {
		fmt.Fprintf(stdout, " (stopped on a limit: gap %.3f%%, bound %s)\n", 100*pl.Gap, amount(pl.Bound))
	}
	fmt.Fprintf(stdout, "Greedy ranking by profitability index: value %s, funds %s; the plan is worth %s more\n\n",
		amount(r.Greedy.Value), strings.Join(quoteAll(fp.Names(r.Greedy.Fund)), ", "), amount(pl.Value-r.Greedy.Value))
	tw := newTable(stdout)
	fmt.Fprintln(tw, "Initiative\tPlan\tCost\tFund now\tKeep\tCounted\tWhy\t")
	for _, r := range planRows(fp, pl) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", r.Name, r.Plan, amount(r.Cost), amount(r.FundNow), amount(r.Keep), amount(r.Value), r.Why)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(r.Frontier) > 0 {
		fmt.Fprintln(stdout, "\nEfficient frontier")
		tw = newTable(stdout)
		fmt.Fprintln(tw, "Budget\tValue\tFund\t")
		for _, f := range r.Frontier {
			fmt.Fprintf(tw, "%s\t%s\t%s\t\n", amount(f.Budget), amount(f.Value), strings.Join(fp.Names(f.Fund), ", "))
		}
		return tw.Flush()
	}
	return nil
}

func quoteAll(s []string) []string {
	if len(s) == 0 {
		return []string{"nothing"}
	}
	out := make([]string, len(s))
	for i, n := range s {
		out[i] = strconv.Quote(n)
	}
	return out
}

// frontierPlan is the funding plan behind the frontier chart and its
// data (review period of DefaultPeriodMonths, 50 budgets), at the --budget
// value budgetS (0 when empty).
func frontierPlan(p *model.Portfolio, v *portfolio.Valuation, budgetS string) (*portfolio.FundingReport, float64, error) {
	budget := 0.0
	if budgetS != "" {
		b, err := parseBudgetFlag(budgetS)
		if err != nil {
			return nil, 0, err
		}
		budget = b
	}
	r, err := portfolio.PlanFunding(p, v, portfolio.FundingOptions{}, budget, 50, portfolio.PlanLimits{Timeout: 30 * time.Second})
	return r, budget, err
}

// frontierChart draws the efficient frontier of the funding plan,
// marking the plan at the budget if given.
func frontierChart(p *model.Portfolio, v *portfolio.Valuation, budgetS string, st chart.Style) (*plot.Plot, error) {
	r, _, err := frontierPlan(p, v, budgetS)
	if err != nil {
		return nil, err
	}
	in := chart.FrontierFromReport(r, p.Currency)
	in.Title = "Efficient frontier: " + p.Name
	if budgetS == "" {
		in.Budget = 0
	}
	return chart.Frontier(in, st)
}
