package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"

	"github.com/optionspace/optionspace/valuation"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// parseHorizon reads "1y", "18m", "90d" or a number of years.
func parseHorizon(s string) (float64, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	unit := 1.0
	switch {
	case strings.HasSuffix(s, "y"):
		s = s[:len(s)-1]
	case strings.HasSuffix(s, "m"):
		s, unit = s[:len(s)-1], 1.0/12
	case strings.HasSuffix(s, "d"):
		s, unit = s[:len(s)-1], 1/365.25
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || !(v > 0) || v*unit > 100 {
		return 0, fmt.Errorf("want a positive duration such as 1y, 18m or 90d (at most 100 years)")
	}
	return v * unit, nil
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func runSimulate(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	src := addSourceFlags(fs)
	paths := fs.Int("paths", 10000, "number of simulated `paths`")
	seed := fs.Uint64("seed", 1, "random `seed` (the same seed gives the same numbers)")
	horizon := fs.String("horizon", "1y", "`time` to the next review: 1y, 18m, 90d or years")
	format := addFormatFlag(fs, "table", "json")
	progress := fs.Bool("progress", true, "show a progress bar on standard error when it is a terminal")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	h, err := parseHorizon(*horizon)
	if err != nil {
		return fmt.Errorf("%w: --horizon %q: %v", errUsage, *horizon, err)
	}
	if *paths < 1 || *paths > 100_000_000 {
		return fmt.Errorf("%w: --paths %d: want 1 to 100000000", errUsage, *paths)
	}
	if err := format.check(); err != nil {
		return err
	}
	p, err := src.load()
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	so := portfolio.SimOptions{Paths: *paths, Seed: *seed, Horizon: h, Valuation: portfolio.Options{WithLinks: true}}
	if *progress && isTerminal(stderr) {
		so.Progress = func(done, total int) {
			const width = 40
			k := done * width / total
			fmt.Fprintf(stderr, "\r[%s%s] %3d%%", strings.Repeat("#", k), strings.Repeat(" ", width-k), done*100/total)
			if done == total {
				fmt.Fprintln(stderr)
			}
		}
	}
	res, err := portfolio.Simulate(ctx, p, so)
	if err != nil {
		return err
	}
	if format.value == "json" {
		return writeSimJSON(stdout, p.Name, res)
	}
	fmt.Fprintf(stdout, "%s: %d paths, seed %d, horizon %.2f years (amounts in %s)\n\n", p.Name, res.Paths, res.Seed, res.Horizon, unitsOf(p))
	fmt.Fprintf(stdout, "Portfolio value at the horizon: mean %s (standard error %s), P5 %s, P50 %s, P95 %s\n",
		amount(res.Mean), amount(res.StdErr), amount(res.P5), amount(res.P50), amount(res.P95))
	fmt.Fprintf(stdout, "Discounted to today: %s (standard error %s); today's portfolio value %s\n"+
		"(follow-ons and exercise before the horizon included)\n\n",
		amount(res.PresentMean), amount(res.PresentStdErr), amount(res.Today))
	tw := newTable(stdout)
	fmt.Fprintln(tw, "Initiative\tMean\tP(1)\tP(2)\tP(3)\tP(4)\tP(5)\tP(6)\tP(past deadline)\tP(exercised)\t")
	for _, s := range res.Initiatives {
		fmt.Fprintf(tw, "%s\t%s", s.Name, amount(s.Mean))
		for k := 1; k <= valuation.NumRegions; k++ {
			fmt.Fprintf(tw, "\t%s", pct(s.Region[k]))
		}
		fmt.Fprintf(tw, "\t%s\t%s\t\n", pct(s.Region[0]), pct(s.Exercised))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if n := len(res.LeftOut); n > 0 {
		what := "initiatives"
		if n == 1 {
			what = "initiative"
		}
		fmt.Fprintf(stdout, "\nnot simulated: %d open %s left out, as from the portfolio's value:\n", n, what)
		for _, l := range res.LeftOut {
			fmt.Fprintf(stdout, "  %s: %s\n", l.Name, l.Reason)
		}
	}
	if res.Shrink != 1 {
		fmt.Fprintf(stdout, "\nnote: synergy correlations were scaled by %.3f to form a valid correlation matrix\n", res.Shrink)
	}
	return nil
}

func writeSimJSON(w io.Writer, name string, res *portfolio.SimResult) error {
	type ini struct {
		ID        string             `json:"id"`
		Name      string             `json:"name"`
		Today     float64            `json:"today"`
		Mean      float64            `json:"mean"`
		StdErr    float64            `json:"std_err"`
		Regions   map[string]float64 `json:"regions"`
		Expired   float64            `json:"past_deadline"`
		Exercised float64            `json:"exercised"`
	}
	out := map[string]any{
		"portfolio": name, "paths": res.Paths, "seed": res.Seed, "horizon": res.Horizon,
		"mean": res.Mean, "std_dev": res.StdDev, "std_err": res.StdErr, "p5": res.P5, "p50": res.P50, "p95": res.P95,
		"present_mean": res.PresentMean, "present_std_err": res.PresentStdErr, "today": res.Today, "correlation_scale": res.Shrink,
	}
	rows := []ini{}
	for _, s := range res.Initiatives {
		r := ini{ID: s.ID, Name: s.Name, Today: s.Today, Mean: s.Mean, StdErr: s.StdErr, Regions: map[string]float64{}, Expired: s.Region[0], Exercised: s.Exercised}
		for k := 1; k <= valuation.NumRegions; k++ {
			r.Regions[strconv.Itoa(k)] = s.Region[k]
		}
		rows = append(rows, r)
	}
	out["initiatives"] = rows
	type left struct {
		ID     string `json:"id"`
		Name   string `json:"name"`
		Reason string `json:"reason"`
	}
	lo := []left{}
	for _, l := range res.LeftOut {
		lo = append(lo, left{l.ID, l.Name, l.Reason})
	}
	out["left_out"] = lo
	return writeJSON(w, out)
}
