package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

func TestValueFormats(t *testing.T) {
	in := chartSampleFile(t)
	p, err := model.ReadJSONFile(in)
	if err != nil {
		t.Fatal(err)
	}
	want, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"value", "--file", in, "--format", "csv"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	rows, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+len(p.Initiatives) || strings.Join(rows[0], ",") != strings.Join(valueColumns, ",") {
		t.Fatalf("csv: %d rows, header %v", len(rows), rows[0])
	}
	if rows[1][0] != p.Initiatives[0].ID || rows[1][11] != num(want.Initiatives[0].Position.Value) {
		t.Errorf("csv row %v", rows[1])
	}

	out.Reset()
	if code := run([]string{"value", "--file", in, "--format", "json"}, &out, &errb); code != 0 {
		t.Fatalf("json exit %d: %s", code, errb.String())
	}
	var j struct {
		Portfolio   string           `json:"portfolio"`
		AsOf        string           `json:"as_of"`
		Initiatives []map[string]any `json:"initiatives"`
		Totals      map[string]any   `json:"totals"`
	}
	if err := json.Unmarshal(out.Bytes(), &j); err != nil {
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

	out.Reset()
	if code := run([]string{"value", "--file", in, "--with-links=false", "--as-of", "2027-01-01"}, &out, &errb); code != 0 {
		t.Fatalf("table exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "as of 2027-01-01") || !strings.Contains(out.String(), "follow-ons 0;") {
		t.Errorf("table:\n%s", out.String())
	}
	for _, bad := range [][]string{{"--format", "xml"}, {"--as-of", "soon"}, {"--bogus"}} {
		errb.Reset()
		if code := run(append([]string{"value", "--file", in}, bad...), &out, &errb); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
}
