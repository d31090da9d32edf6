package main

import (
	"encoding/json"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/ui/report"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// gatePairJSON is the tester's pair cut from the Large portfolio: a
// follow-on (NPV 8.20M, "invest now" on its own) of a gate due at the
// review (NPV -8.56M; the two together -0.36M).
const gatePairJSON = `{"version": 1, "name": "pair", "currency": "EUR", "as_of": "2026-10-01",
 "settings": {"discounting": "discrete", "risk_free": 0.04},
 "tags": ["analytics", "action"],
 "initiatives": [
  {"id": "init-0905", "name": "Initiative 0905", "tag": "analytics", "kind": "defer", "status": "open",
   "S": 205000, "X": 8762054.661586748, "sigma": 0.4104960967903073, "deadline": "2027-04-01", "q": 0.026703508993326765},
  {"id": "init-0906", "name": "Initiative 0906", "tag": "action", "kind": "defer", "status": "open",
   "S": 9389650.887150394, "X": 1191578.2546637591, "sigma": 0.34108433024502094, "deadline": "2027-05-01", "q": 0.06661969945706457}],
 "links": [{"from": "init-0905", "to": "init-0906", "kind": "follow_on"}]}`

// TestReportAndPlanAgreeOnAGatedPair: the report's "What to do" and
// `plan` give one answer on the pair: the plan funds neither at any
// budget, the follow-on lapsing with its gate; the report lists the
// follow-on under "Lapses with gate" with its gate, not under "Fund now"
// (it said "Fund now: Initiative 0906 (€8.2M)" and "Drop: Initiative
// 0905", funding what only the dropped gate creates).
func TestReportAndPlanAgreeOnAGatedPair(t *testing.T) {
	file := writeTemp(t, "pair.json", []byte(gatePairJSON))
	for _, budget := range []string{"0", "1200000", "20000000"} {
		var out struct {
			Fund []string `json:"fund"`
			Rows []struct {
				Name, Plan string
			} `json:"rows"`
		}
		if err := json.Unmarshal([]byte(mustCLI(t, "plan", "--file", file, "--budget", budget, "--format", "json")), &out); err != nil {
			t.Fatal(err)
		}
		if len(out.Fund) != 0 || len(out.Rows) != 2 || out.Rows[1].Name != "Initiative 0906" || out.Rows[1].Plan != "lapses with gate" {
			t.Fatalf("budget %s: plan %+v, want nothing funded and 0906 lapsing with its gate", budget, out)
		}
	}
	p, err := model.ReadJSONFile(file)
	if err != nil {
		t.Fatal(err)
	}
	v, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	s := report.Summarize(p, v, model.Date{})
	if len(s.FundNow) != 0 {
		t.Errorf("report funds now %+v; the plan funds nothing", s.FundNow)
	}
	if len(s.GateLapsed) != 1 || s.GateLapsed[0].Name != "Initiative 0906" || s.GateLapsed[0].Gate != "Initiative 0905" || s.GateLapsed[0].GatePassed {
		t.Errorf("report's gate lapses %+v, want Initiative 0906 with its gate Initiative 0905 (not passed)", s.GateLapsed)
	}
	if len(s.Drop) != 1 || s.Drop[0].Name != "Initiative 0905" {
		t.Errorf("report drops %+v, want Initiative 0905 (the plan lets it lapse)", s.Drop)
	}
}
