package main

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
)

func TestValueFormats(t *testing.T) {
	in := chartSampleFile(t)
	p, want := evaluateFile(t, in)
	out := mustCLI(t, "value", "--file", in, "--format", "csv")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+len(p.Initiatives) || strings.Join(rows[0], ",") != strings.Join(valueColumns, ",") {
		t.Fatalf("csv: %d rows, header %v", len(rows), rows[0])
	}
	if rows[1][0] != p.Initiatives[0].ID || rows[1][11] != num(want.Initiatives[0].Position.Value) {
		t.Errorf("csv row %v", rows[1])
	}

	out = mustCLI(t, "value", "--file", in, "--format", "json")
	var j struct {
		Portfolio   string           `json:"portfolio"`
		AsOf        string           `json:"as_of"`
		Initiatives []map[string]any `json:"initiatives"`
		Totals      map[string]any   `json:"totals"`
	}
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatal(err)
	}
	if j.Portfolio != p.Name || j.AsOf != "2026-10-01" || len(j.Initiatives) != len(p.Initiatives) || j.Totals["total"].(float64) != want.Total {
		t.Errorf("json: %s %s %d %v", j.Portfolio, j.AsOf, len(j.Initiatives), j.Totals["total"])
	}
	for _, k := range []string{"id", "name", "tag", "S", "X", "t", "sigma", "value", "method", "npv", "npvq", "cumvol", "region", "region_name"} {
		if _, ok := j.Initiatives[0][k]; !ok {
			t.Errorf("json initiative lacks %q", k)
		}
	}

	out = mustCLI(t, "value", "--file", in, "--with-links=false", "--as-of", "2027-01-01")
	if !strings.Contains(out, "as of 2027-01-01") || !strings.Contains(out, "follow-ons 0;") {
		t.Errorf("table:\n%s", out)
	}
	for _, bad := range [][]string{{"--format", "xml"}, {"--as-of", "soon"}, {"--bogus"}} {
		if code, _, _ := cli(append([]string{"value", "--file", in}, bad...)...); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
}
