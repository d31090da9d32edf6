package main

import (
	"bufio"
	"fmt"
	"io"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/atomicfile"
	"github.com/optionspace/optionspace/model/workbook"
	"github.com/optionspace/optionspace/ui/chart"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// writeChartData writes the data of a tornado, lattice or frontier chart
// as a workbook (chart ... -o FILE.xlsx): the numbers the chart draws, for
// a client to chart in Excel.
func writeChartData(stdout io.Writer, kind string, p *model.Portfolio, v *portfolio.Valuation, id string, steps int, budget, out string) error {
	if kind == "frontier" {
		return writeFrontierData(stdout, p, v, budget, out)
	}
	if kind != "tornado" && kind != "lattice" {
		return fmt.Errorf("%w: -o %s: the data of %s charts is not written as a workbook (tornado, lattice and frontier are)", errUsage, out, kind)
	}
	o, err := chart.OptionOf(p, v, id)
	if err != nil {
		return err
	}
	r := v.ByID(id)
	var sheet workbook.DataSheet
	if kind == "tornado" {
		in, err := chart.TornadoFor(r, r.Name, p.Currency)
		if err != nil {
			return err
		}
		sheet = workbook.DataSheet{Name: "Tornado", Header: []string{"input", "low", "high", "low_label", "high_label", "base"}}
		for _, b := range in.Bars {
			sheet.Rows = append(sheet.Rows, []any{b.Input, b.Low, b.High, b.LowLabel, b.HighLabel, in.Base})
		}
	} else {
		if steps < 1 || steps > chart.MaxLatticeSteps {
			return fmt.Errorf("%w: --steps %d: want 1 to %d", errUsage, steps, chart.MaxLatticeSteps)
		}
		in, err := chart.LatticeFor(o, steps, r.Name, p.Currency)
		if err != nil {
			return err
		}
		sheet = workbook.DataSheet{Name: "Lattice", Header: []string{"step", "t", "node", "S", "value", "exercise"}}
		for i, level := range in.Levels {
			for j, n := range level {
				ex := "no"
				if n.Exercise {
					ex = "yes"
				}
				sheet.Rows = append(sheet.Rows, []any{i, float64(i) * in.Dt, j, n.S, n.Value, ex})
			}
		}
	}
	if err := writeDataSheets(out, sheet); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%s data of %s, %d rows)\n", out, kind, r.Name, len(sheet.Rows))
	return nil
}

// writeFrontierData writes the funding plan's efficient frontier (best
// value by budget) and, with a budget, the exact and greedy plans.
func writeFrontierData(stdout io.Writer, p *model.Portfolio, v *portfolio.Valuation, budgetS, out string) error {
	r, budget, err := frontierPlan(p, v, budgetS)
	if err != nil {
		return err
	}
	in := chart.FrontierFromReport(r, p.Currency)
	front := workbook.DataSheet{Name: "Frontier", Header: []string{"budget", "value"}}
	for _, q := range in.Points {
		front.Rows = append(front.Rows, []any{q.Budget, q.Value})
	}
	sheets := []workbook.DataSheet{front}
	if budgetS != "" {
		sheets = append(sheets, workbook.DataSheet{Name: "Plans", Header: []string{"plan", "budget", "spent", "value"},
			Rows: [][]any{{"exact", budget, in.Plan.Budget, in.Plan.Value}, {"greedy", budget, in.Greedy.Budget, in.Greedy.Value}}})
	}
	if err := writeDataSheets(out, sheets...); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (frontier data of %s, %d points)\n", out, p.Name, len(front.Rows))
	return nil
}

// writeDataSheets writes sheets to out atomically.
func writeDataSheets(out string, sheets ...workbook.DataSheet) error {
	return atomicfile.Write(out, 0o644, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		if err := workbook.WriteSheets(bw, sheets); err != nil {
			return err
		}
		return bw.Flush()
	})
}
