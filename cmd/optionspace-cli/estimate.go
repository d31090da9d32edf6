package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/optionspace/optionspace/valuation/estimate"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// estimateJSON is the JSON output of estimate: the engine's estimate (its
// own fields and JSON names) with the initiative, the σ it is used as and
// its cash-flow model's horizon and rate.
type estimateJSON struct {
	Initiative string `json:"initiative"`
	estimate.Result
	Used  string  `json:"used"`
	Years int     `json:"years"`
	Rate  float64 `json:"rate"`
}

func runEstimate(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	src := addSourceFlags(fs)
	name := fs.String("initiative", "", "initiative `name` (required)")
	paths := fs.Int("paths", estimate.DefaultPaths, "Monte Carlo `paths` (100 to 1,000,000)")
	seed := fs.Uint64("seed", 1, "random `seed`: the same seed gives the same numbers on any number of cores")
	format := addFormatFlag(fs, "table", "json")
	setUsage(fs, stderr,
		"usage: optionspace-cli estimate --file F | --db D [--portfolio P] --initiative NAME [--paths 20000] [--seed 1] [--format table|json]",
		"Estimates S (expected present value of the cash flows) and sigma (standard deviation of the one-year",
		"return ln((PV1+CF1)/PV0), PV1 the value at year 1 given what is known then) from the initiative's",
		"cash_flows and the drivers' uncertainty; the naive sigma (PV1 of one sampled path) is shown for comparison.",
	)
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if *name == "" {
		return fmt.Errorf("%w: --initiative is required", errUsage)
	}
	if err := format.check(); err != nil {
		return err
	}
	if *paths < 100 || *paths > estimate.MaxPaths {
		return fmt.Errorf("%w: --paths %d: want 100 to %d", errUsage, *paths, estimate.MaxPaths)
	}
	p, err := src.load()
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, _, err := portfolio.EstimateInitiative(ctx, p, *name, estimate.Options{Paths: *paths, Seed: *seed})
	if err != nil {
		return err
	}
	in := p.InitiativeByName(*name)
	if in == nil {
		in = p.Initiative(*name)
	}
	years, rate := in.CashFlows.Years, in.CashFlows.Rate // EstimateInitiative found both
	out := estimateJSON{Initiative: *name, Result: *res, Used: "sigma", Years: years, Rate: rate}
	if format.value == "json" {
		return writeJSON(stdout, out)
	}
	fmt.Fprintf(stdout, "%s: cash-flow model over %d years at %.4g%%, %d paths, seed %d\n", *name, years, rate*100, res.Paths, res.Seed)
	tw := newTable(stdout)
	fmt.Fprintf(tw, "S\t%.2f\t± %.2f\t(expected present value of the flows)\n", res.S, res.SSE)
	fmt.Fprintf(tw, "sigma (corrected)\t%.4f\t± %.4f\t(used: PV1 given what is known at year 1)\n", res.Sigma, res.SigmaSE)
	fmt.Fprintf(tw, "sigma (naive)\t%.4f\t± %.4f\t(PV1 of one sampled path; overstates sigma when later years are uncertain)\n", res.SigmaNaive, res.SigmaNaiveSE)
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(stdout)
	tw = newRightTable(stdout)
	fmt.Fprint(tw, "year\t")
	for _, l := range res.LineNames {
		fmt.Fprintf(tw, "%s\t", l)
	}
	fmt.Fprintln(tw, "net\tPV\t")
	for _, row := range res.Table {
		fmt.Fprintf(tw, "%d\t", row.Year)
		for _, v := range row.Lines {
			fmt.Fprintf(tw, "%.0f\t", v)
		}
		fmt.Fprintf(tw, "%.0f\t%.0f\t\n", row.Net, row.PV)
	}
	return tw.Flush()
}
