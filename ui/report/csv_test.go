package report

import (
	"bytes"
	"encoding/csv"
	"math"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/optionspace/optionspace/model"
)

// readCSV parses b into records keyed by the header's column names.
func readCSV(t *testing.T, b []byte) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			if k := strings.Index(h, " ["); k > 0 {
				h = h[:k] // the unit
			}
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func TestInitiativesCSV(t *testing.T) {
	p := closedFormPortfolio()
	p.Initiatives[2].Name = "=cmd|' /C calc'!A0"
	out, _ := initiativesCSV(t, p)
	rows := readCSV(t, out)
	if len(rows) != 3 {
		t.Fatalf("%d rows, want 3", len(rows))
	}
	a := rows[0]
	val, _ := strconv.ParseFloat(a["value"], 64)
	want := bsCall(1e6, 1e6*math.Pow(1.04, 4)/1.5, 4, 0.5, math.Log(1.04))
	if !scalar.EqualWithinAbsOrRel(val, want, 1e-6, 1e-9) || a["region"] != "2" || a["deadline"] != "2030-01-01" || a["counted"] != "true" {
		t.Errorf("row a: %v; want value %g, region 2", a, want)
	}
	if npvq, _ := strconv.ParseFloat(a["npvq"], 64); !scalar.EqualWithinAbsOrRel(npvq, 1.5, 1e-12, 1e-12) {
		t.Errorf("npvq %g, want 1.5", npvq)
	}
	if rows[2]["name"] != "'=cmd|' /C calc'!A0" {
		t.Errorf("a formula-like name is written as %q", rows[2]["name"])
	}
}

func TestDecisionsAndMovesCSV(t *testing.T) {
	p := closedFormPortfolio()
	p.Decisions = []model.Decision{
		{ID: "d2", Date: model.NewDate(2026, 3, 1), Initiative: "b", Decision: model.DecideInvest, Numbers: model.Numbers{Value: 1.5e6, Region: 1}},
		{ID: "d1", Date: model.NewDate(2026, 2, 1), Initiative: "a", Decision: model.DecideWait, Rationale: "+ learn first"},
	}
	var b bytes.Buffer
	if err := WriteDecisionsCSV(&b, p); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, b.Bytes())
	if len(rows) != 2 || rows[0]["id"] != "d1" || rows[0]["rationale"] != "'+ learn first" || rows[1]["region"] != "1" || rows[1]["initiative"] != "Bravo deep in the money" {
		t.Errorf("decisions: %v", rows)
	}

	snap := snapshotOf(p)
	ch := whatMoved(t, p, &snap)
	b.Reset()
	if err := WriteMovesCSV(&b, ch, p.Currency); err != nil {
		t.Fatal(err)
	}
	for _, r := range readCSV(t, b.Bytes()) {
		sum := 0.0
		for _, c := range []string{"from_S", "from_X", "from_sigma", "from_t", "from_r", "from_q", "from_other", "from_follow_ons", "from_counting"} {
			x, _ := strconv.ParseFloat(r[c], 64)
			sum += x
		}
		delta, _ := strconv.ParseFloat(r["delta"], 64)
		if !scalar.EqualWithinAbsOrRel(sum, delta, 1e-6, 1e-9) {
			t.Errorf("%s: contributions sum to %g, delta %g", r["initiative_id"], sum, delta)
		}
		// Only S changed (by 1/0.9): its contribution is the closed-form
		// difference for the call a.
		if r["initiative_id"] == "a" {
			x := 1e6 * math.Pow(1.04, 4) / 1.5
			want := bsCall(1e6, x, 4, 0.5, math.Log(1.04)) - bsCall(0.9e6, x, 4, 0.5, math.Log(1.04))
			if got, _ := strconv.ParseFloat(r["from_S"], 64); !scalar.EqualWithinAbsOrRel(got, want, 1e-6, 1e-9) {
				t.Errorf("a: from_S %g, want %g", got, want)
			}
		}
	}
}
