package main

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// TestValueOfAFailedInitiative: an initiative whose S formula fails
// (division by zero) has its error and no numbers in value's JSON (null)
// and CSV (empty cells), not X = 0, sigma = 0 and "Region(0)" while its
// X is 420000 in the file.
func TestValueOfAFailedInitiative(t *testing.T) {
	p := modeltest.Sample(t)
	p.Initiatives[0].S = model.Formula("members / 0")
	file := jsonFile(t, p)
	id := p.Initiatives[0].ID

	var out struct {
		Initiatives []map[string]any `json:"initiatives"`
	}
	if err := json.Unmarshal([]byte(mustCLI(t, "value", "--file", file, "--format", "json")), &out); err != nil {
		t.Fatal(err)
	}
	for _, row := range out.Initiatives {
		if row["id"] != id {
			continue
		}
		if e, _ := row["error"].(string); !strings.Contains(e, "division by zero") {
			t.Errorf("error %q", row["error"])
		}
		for _, k := range []string{"X", "sigma", "value", "region", "region_name"} {
			if v, ok := row[k]; !ok || v != nil {
				t.Errorf("%s = %v (present %v), want null", k, v, ok)
			}
		}
	}

	recs, err := csv.NewReader(strings.NewReader(mustCLI(t, "value", "--file", file, "--format", "csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, rec := range recs[1:] {
		if rec[col["id"]] != id {
			continue
		}
		for _, k := range []string{"X", "sigma", "value", "region", "region_name", "action"} {
			if rec[col[k]] != "" {
				t.Errorf("CSV %s = %q, want empty", k, rec[col[k]])
			}
		}
		if !strings.Contains(rec[col["error"]], "division by zero") {
			t.Errorf("CSV error %q", rec[col["error"]])
		}
	}
}
