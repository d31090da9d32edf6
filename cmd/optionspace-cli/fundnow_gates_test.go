package main

import (
	"encoding/json"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/ui/report"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// fundNowGatesJSON has two gated pairs whose follow-ons are "invest now"
// on their own (deep in the money, high leakage, due by the next review
// 2027-04-01): Pilot A (far out of the money, deadline 2028, region 4)
// gates Rollout A; Pilot B (deep in the money, due in the period, region
// 1) gates Rollout B through a follow_on link.
const fundNowGatesJSON = `{"version": 1, "name": "fund now gates", "currency": "EUR", "as_of": "2026-10-01",
 "settings": {"discounting": "discrete", "risk_free": 0.04},
 "initiatives": [
  {"id": "pa", "name": "Pilot A", "kind": "defer", "status": "open", "S": 1000000, "X": 9000000, "sigma": 0.5, "deadline": "2028-10-01", "q": 0},
  {"id": "ra", "name": "Rollout A", "kind": "defer", "status": "open", "S": 9000000, "X": 2000000, "sigma": 0.3, "deadline": "2027-02-01", "q": 0.2},
  {"id": "pb", "name": "Pilot B", "kind": "defer", "status": "open", "S": 5000000, "X": 1000000, "sigma": 0.3, "deadline": "2027-03-01", "q": 0.2},
  {"id": "rb", "name": "Rollout B", "kind": "defer", "status": "open", "S": 8000000, "X": 2000000, "sigma": 0.3, "deadline": "2027-02-01", "q": 0.2}],
 "links": [{"from": "pa", "to": "ra", "kind": "gates"}, {"from": "pb", "to": "rb", "kind": "follow_on"}]}`

// TestReportAndPlanAgreeOnFundNowWithGates: with an unlimited budget
// `plan` funds exactly the report's "Fund now" (Pilot B, then Rollout B:
// the gate first), and neither funds Rollout A, whose gate Pilot A waits:
// the report lists it under "Waits for its gate" naming Pilot A, and the
// initiatives CSV keeps action "invest" with action_now "wait for gate:
// Pilot A". Before the link-aware answer the report funded Rollout A now.
func TestReportAndPlanAgreeOnFundNowWithGates(t *testing.T) {
	file := writeTemp(t, "gates.json", []byte(fundNowGatesJSON))
	var out struct {
		Fund []string `json:"fund"`
		Rows []struct {
			Name, Plan string
		} `json:"rows"`
	}
	if err := json.Unmarshal([]byte(mustCLI(t, "plan", "--file", file, "--budget", "1e12", "--format", "json")), &out); err != nil {
		t.Fatal(err)
	}
	p, err := model.ReadJSONFile(file)
	if err != nil {
		t.Fatal(err)
	}
	v, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := range v.Initiatives {
		r := &v.Initiatives[i]
		if now := r.Position.Region == 1; now != (r.ID != "pa") {
			t.Fatalf("%s: region %v; want invest now (1) for all but the gate pa", r.ID, r.Position.Region)
		}
	}
	s := report.Summarize(p, v, model.Date{})
	var fundNow []string
	for _, it := range s.FundNow {
		fundNow = append(fundNow, it.Name)
	}
	funded := map[string]bool{}
	for _, n := range out.Fund {
		funded[n] = true
	}
	if len(fundNow) != len(out.Fund) {
		t.Errorf("report funds now %v, plan at an unlimited budget funds %v", fundNow, out.Fund)
	}
	for _, n := range fundNow {
		if !funded[n] {
			t.Errorf("report funds now %v, plan at an unlimited budget funds %v", fundNow, out.Fund)
		}
	}
	if len(fundNow) != 2 || fundNow[0] != "Pilot B" || fundNow[1] != "Rollout B" {
		t.Errorf("report's fund now %v, want [Pilot B Rollout B] (the gate first)", fundNow)
	}
	if len(s.Waits) != 1 || s.Waits[0].Name != "Rollout A" || s.Waits[0].Gate != "Pilot A" {
		t.Errorf("report's waits %+v, want Rollout A waiting for Pilot A", s.Waits)
	}
	if a := s.ActionsNow()["ra"]; a != "wait for gate: Pilot A" {
		t.Errorf("action now of Rollout A %q", a)
	}

	// value prints the same beside the region's action, as the last
	// column of its CSV and a key of its JSON.
	want := map[string]string{"pa": "drop", "ra": "wait for gate: Pilot A", "pb": "invest", "rb": "invest"}
	var vj struct {
		Initiatives []struct {
			ID        string `json:"id"`
			Action    string `json:"action"`
			ActionNow string `json:"action_now"`
		} `json:"initiatives"`
	}
	if err := json.Unmarshal([]byte(mustCLI(t, "value", "--file", file, "--format", "json")), &vj); err != nil {
		t.Fatal(err)
	}
	for _, r := range vj.Initiatives {
		if r.ActionNow != want[r.ID] || (r.ID == "ra" && r.Action != "invest") {
			t.Errorf("value --format json %s: action %q, action_now %q; want action_now %q", r.ID, r.Action, r.ActionNow, want[r.ID])
		}
	}
	rows := readCSV(t, writeTemp(t, "v.csv", []byte(mustCLI(t, "value", "--file", file, "--format", "csv"))))
	last := len(rows[0]) - 1
	if rows[0][last] != "action_now" || len(rows) != 5 {
		t.Fatalf("value --format csv header %v", rows[0])
	}
	for _, row := range rows[1:] {
		if row[last] != want[row[0]] {
			t.Errorf("value --format csv %s: action_now %q, want %q", row[0], row[last], want[row[0]])
		}
	}
}
