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

// writeChartData writes the data of a tornado or lattice chart as a
// workbook (chart ... -o FILE.xlsx): the numbers the chart draws, for a
// client to chart in Excel.
func writeChartData(stdout io.Writer, kind string, p *model.Portfolio, v *portfolio.Valuation, id string, steps int, out string) error {
	if kind != "tornado" && kind != "lattice" {
		return fmt.Errorf("%w: -o %s: the data of %s charts is not written as a workbook (tornado and lattice are)", errUsage, out, kind)
	}
	o, err := chart.OptionOf(p, v, id)
	if err != nil {
		return err
	}
	r := v.ByID(id)
	var sheet workbook.DataSheet
	if kind == "tornado" {
		in, err := chart.TornadoFor(o, r.Name, p.Currency)
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
	err = atomicfile.Write(out, 0o644, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		if err := workbook.WriteSheets(bw, []workbook.DataSheet{sheet}); err != nil {
			return err
		}
		return bw.Flush()
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%s data of %s, %d rows)\n", out, kind, r.Name, len(sheet.Rows))
	return nil
}
