package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"gonum.org/v1/plot"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/ui/chart"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// chartKinds lists the chart kinds in help order.
var chartKinds = []string{"space", "invest-wait", "tornado", "payoff", "lattice", "history", "simulation", "layers", "frontier"}

// chartNeedsInitiative lists the kinds drawn for one initiative.
var chartNeedsInitiative = map[string]bool{"tornado": true, "payoff": true, "lattice": true}

func runChart(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	src := addSourceFlags(fs)
	initiative := fs.String("initiative", "", "initiative `name` (or ID): required for tornado, payoff and lattice; history draws the portfolio without it")
	out := fs.String("o", "", "output `file`: .png, .svg or .pdf (required; missing folders are created); .xlsx writes the data of a tornado, lattice or frontier chart")
	width := fs.Int("width", 1200, "width in pixels (SVG and PDF: points at 96 dpi)")
	height := fs.Int("height", 800, "height in pixels")
	dark := fs.Bool("dark", false, "use the dark style")
	byTag := fs.Bool("by-tag", false, "space: colour bubbles by tag instead of region")
	drift := fs.Bool("drift", false, "space: draw where each initiative drifts in 3, 6 and 12 months if nothing is done")
	trails := fs.Bool("trails", true, "space: draw each initiative's path through the snapshots")
	steps := fs.Int("steps", 7, "lattice: binomial steps to draw (1 to 13; an even count is raised to the next odd one, as the engine's Leisen-Reimer lattice needs)")
	runs := fs.Int("runs", 20000, "simulation: number of simulated portfolios")
	seed := fs.Uint64("seed", 1, "simulation: random seed")
	budget := fs.String("budget", "", "frontier: mark this review `budget` with its plan and the greedy plan")
	asOf := fs.String("as-of", "", "value as of this `date` (YYYY-MM-DD) instead of the portfolio's as-of date")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: optionspace-cli chart KIND (--file PORTFOLIO.json | --db FILE [--portfolio NAME]) [--initiative NAME] -o OUT.png|svg|pdf [--width 1200 --height 800]\n")
		fmt.Fprintf(stderr, "KIND is one of %s.\n", strings.Join(chartKinds, ", "))
		fs.PrintDefaults()
	}
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: want one chart KIND (%s), have %d arguments", errUsage, strings.Join(chartKinds, ", "), len(pos))
	}
	kind := pos[0]
	known := false
	for _, k := range chartKinds {
		known = known || k == kind
	}
	if !known {
		return fmt.Errorf("%w: unknown chart kind %q: want one of %s", errUsage, kind, strings.Join(chartKinds, ", "))
	}
	if *out == "" {
		return fmt.Errorf("%w: -o OUT.png|svg|pdf is required", errUsage)
	}
	xlsxOut := strings.HasSuffix(strings.ToLower(*out), ".xlsx") // the chart's data as a workbook
	format, err := chart.FormatOf(*out)
	if err != nil && !xlsxOut {
		return fmt.Errorf("%w: -o: %v", errUsage, err)
	}
	if *width < 50 || *height < 50 || *width > 20000 || *height > 20000 {
		return fmt.Errorf("%w: --width %d --height %d: want 50 to 20000 pixels each", errUsage, *width, *height)
	}
	if chartNeedsInitiative[kind] && *initiative == "" {
		return fmt.Errorf("%w: chart %s needs --initiative NAME", errUsage, kind)
	}
	// Every input is checked before -o's folders are made (a mistyped
	// flag leaves nothing behind): the flags of the kind first, then the
	// initiative and what the kind draws.
	if xlsxOut && kind != "tornado" && kind != "lattice" && kind != "frontier" {
		return fmt.Errorf("%w: -o %s: the data of %s charts is not written as a workbook (tornado, lattice and frontier are)", errUsage, *out, kind)
	}
	if kind == "simulation" && (*runs < 2 || *runs > 1_000_000) {
		return fmt.Errorf("%w: --runs %d: want 2 to 1000000", errUsage, *runs)
	}
	if kind == "lattice" && (*steps < 1 || *steps > chart.MaxLatticeSteps) {
		return fmt.Errorf("%w: --steps %d: want 1 to %d", errUsage, *steps, chart.MaxLatticeSteps)
	}
	if kind == "frontier" && *budget != "" {
		if _, err := parseBudgetFlag(*budget); err != nil {
			return err
		}
	}
	day, err := parseDateFlag("as-of", *asOf, model.Date{})
	if err != nil {
		return err
	}
	p, v, err := src.evaluate(portfolio.Options{WithLinks: true, AsOf: day})
	if err != nil {
		return err
	}
	st := chart.LightStyle()
	if *dark {
		st = chart.DarkStyle()
	}
	id := ""
	if *initiative != "" {
		if id, err = chart.FindInitiative(p, *initiative); err != nil {
			return err
		}
		if r := v.ByID(id); r != nil && r.Err != nil {
			return fmt.Errorf("initiative %q cannot be valued: %v", r.Name, r.Err)
		}
		if chartNeedsInitiative[kind] {
			if _, err := chart.OptionOf(p, v, id); err != nil {
				return err
			}
		}
	}
	var rows []chart.InvestWaitRow // invest-wait
	var layers chart.LayersInput   // layers
	switch kind {
	case "invest-wait":
		if rows = chart.InvestWaitFromValuation(p, v); len(rows) == 0 {
			return fmt.Errorf("portfolio %q has no open, valued initiative to chart", p.Name)
		}
	case "layers":
		if layers = chart.LayersFromValuation(p, v); len(layers.Rows) == 0 {
			return fmt.Errorf("portfolio %q has no initiative that counts in its value", p.Name)
		}
	}
	// Missing folders of -o are made now, after the inputs are checked and
	// before the drawing (a path through a file fails here, not after a
	// long simulation).
	if err := makeOutputFolders(folderOf("-o", *out)); err != nil {
		return err
	}
	if xlsxOut {
		return writeChartData(stdout, kind, p, v, id, *steps, *budget, *out)
	}
	var pl *plot.Plot
	switch kind {
	case "space":
		pts, so := chart.SpaceFromValuationWith(p, v, chart.SpaceFrom{ByTag: *byTag, Drift: *drift})
		so.Title = "Option space: " + p.Name
		so.ShowDrift = *drift
		so.ShowTrails = so.ShowTrails && *trails
		pl, err = chart.Space(pts, so, st)
	case "invest-wait":
		pl, err = chart.InvestWait(rows, chart.InvestWaitOptions{Title: "Invest now or keep the option: " + p.Name, Unit: p.Currency}, st)
	case "layers":
		layers.Title = "Portfolio by layer: " + p.Name
		pl, err = chart.Layers(layers, st)
	case "simulation":
		var in chart.SimulationInput
		if in, err = chart.SimulatePortfolio(p, v, *runs, *seed); err != nil {
			return err
		}
		pl, err = chart.Simulation(in, st)
	case "frontier":
		pl, err = frontierChart(p, v, *budget, st)
	case "history":
		if id == "" {
			pl, err = chart.History(chart.PortfolioHistory(p, v), st)
			break
		}
		var in chart.HistoryInput
		if in, err = chart.HistoryFor(p, v, id); err != nil {
			return err
		}
		pl, err = chart.History(in, st)
	default: // tornado, payoff, lattice
		pl, err = initiativeChart(kind, p, v, id, *steps, st)
	}
	if err != nil {
		return err
	}
	if err := chart.SaveAs(pl, *out, format, *width, *height); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%s chart, %s, %dx%d)\n", *out, kind, format, *width, *height)
	return nil
}

// initiativeChart draws the tornado, payoff or lattice chart of one
// initiative.
func initiativeChart(kind string, p *model.Portfolio, v *portfolio.Valuation, id string, steps int, st chart.Style) (*plot.Plot, error) {
	o, err := chart.OptionOf(p, v, id)
	if err != nil {
		return nil, err
	}
	r := v.ByID(id)
	switch kind {
	case "tornado":
		in, err := chart.TornadoFor(r, r.Name, p.Currency)
		if err != nil {
			return nil, err
		}
		return chart.Tornado(in, st)
	case "payoff":
		in, err := chart.PayoffFor(o, r.Trigger(), r.Name, p.Currency)
		if err != nil {
			return nil, err
		}
		return chart.Payoff(in, st)
	}
	in, err := chart.LatticeFor(o, steps, r.Name, p.Currency) // steps checked by runChart
	if err != nil {
		return nil, err
	}
	return chart.Lattice(in, st)
}
