package main

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/optionspace/optionspace/ui/chart"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// TestChartDataXLSX: chart tornado|lattice -o FILE.xlsx writes the
// numbers the chart draws, exactly; other kinds are a usage error.
func TestChartDataXLSX(t *testing.T) {
	dir := t.TempDir()
	name := "Customer community pilot"
	tor, lat := filepath.Join(dir, "t.xlsx"), filepath.Join(dir, "l.xlsx")
	if code, _, errOut := cli("chart", "tornado", "--file", sample, "--initiative", name, "-o", tor); code != 0 {
		t.Fatal(errOut)
	}
	if code, _, errOut := cli("chart", "lattice", "--file", sample, "--initiative", name, "--steps", "3", "-o", lat); code != 0 {
		t.Fatal(errOut)
	}
	if code, _, errOut := cli("chart", "space", "--file", sample, "-o", filepath.Join(dir, "s.xlsx")); code != 2 || !strings.Contains(errOut, "tornado, lattice and frontier") {
		t.Errorf("space as xlsx: exit %d, %q", code, errOut)
	}
	p, v := evaluateFile(t, sample)
	id, _ := chart.FindInitiative(p, name)
	o, err := chart.OptionOf(p, v, id)
	if err != nil {
		t.Fatal(err)
	}
	ti, _ := chart.TornadoFor(v.ByID(id), name, p.Currency)
	li, _ := chart.LatticeFor(o, 3, name, p.Currency)
	rows := func(file, sheet string) [][]string {
		f, err := excelize.OpenFile(file)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rs, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return rs
	}
	num := func(s string) float64 {
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		return x
	}
	tr := rows(tor, "Tornado")
	if len(tr) != len(ti.Bars)+1 {
		t.Fatalf("%d tornado rows for %d bars", len(tr), len(ti.Bars))
	}
	for i, b := range ti.Bars {
		if r := tr[i+1]; r[0] != b.Input || num(r[1]) != b.Low || num(r[2]) != b.High || num(r[5]) != ti.Base {
			t.Errorf("bar %d: %v, want %+v", i, r, b)
		}
	}
	lr := rows(lat, "Lattice")
	k := 1
	for i, level := range li.Levels {
		for j, n := range level {
			r := lr[k]
			k++
			if num(r[0]) != float64(i) || num(r[2]) != float64(j) || num(r[3]) != n.S || num(r[4]) != n.Value {
				t.Errorf("node %d,%d: %v, want %+v", i, j, r, n)
			}
		}
	}
	if k != len(lr) || k < 10 {
		t.Errorf("%d lattice rows, %d nodes", len(lr)-1, k-1)
	}
	fr := filepath.Join(dir, "f.xlsx")
	if code, _, errOut := cli("chart", "frontier", "--file", sample, "--budget", "2000000", "-o", fr); code != 0 {
		t.Fatal(errOut)
	}
	rep, err := portfolio.PlanFunding(p, v, portfolio.FundingOptions{}, 2000000, 50, portfolio.PlanLimits{Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	fi := chart.FrontierFromReport(rep, p.Currency)
	frs := rows(fr, "Frontier")
	if len(frs) != len(fi.Points)+1 || len(fi.Points) < 2 {
		t.Fatalf("%d frontier rows for %d points", len(frs)-1, len(fi.Points))
	}
	for i, q := range fi.Points {
		if r := frs[i+1]; num(r[0]) != q.Budget || num(r[1]) != q.Value {
			t.Errorf("point %d: %v, want %+v", i, r, q)
		}
	}
	if pl := rows(fr, "Plans"); len(pl) != 3 || num(pl[1][3]) != fi.Plan.Value {
		t.Errorf("plans %v, want the exact plan's value %v", pl, fi.Plan.Value)
	}
}
