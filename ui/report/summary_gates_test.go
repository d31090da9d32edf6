package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/valuation"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// TestFundNowRespectsGatesLarge1000: on modeltest.Large(1000, 2000, 200)
// valued with links, no "Fund now" initiative has an open gate (any
// ancestor through gates and follow_on links, found here by a path search
// over p.Links) that is not in "Fund now" before it; every "Waits for its
// gate" initiative is invest now with such a gate, the one it names; Fund
// now and Waits together are exactly the invest-now initiatives that
// neither lapsed nor lapse with a gate. Before the link-aware answer, 69
// of the 174 "Fund now" items of the tester's Large 1000 failed the first.
func TestFundNowRespectsGatesLarge1000(t *testing.T) {
	if testing.Short() {
		t.Skip("large")
	}
	p := modeltest.Large(1000, 2000, 200)
	v, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	s := Summarize(p, v, model.Date{})
	checkFundNowGates(t, p, v, s)
	if len(s.Waits) == 0 || len(s.FundNow) == 0 {
		t.Fatalf("Large 1000: %d fund now, %d wait: the case does not exercise the rule", len(s.FundNow), len(s.Waits))
	}
	t.Logf("Large 1000: fund now %d, waits for its gate %d, lapses with gate %d", len(s.FundNow), len(s.Waits), len(s.GateLapsed))

	// The initiatives CSV: action stays the region's, action_now the
	// summary's link-aware one, as the last column.
	var b bytes.Buffer
	if err := WriteInitiativesCSV(&b, p, v); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for k, h := range rows[0] {
		col[strings.Fields(h)[0]] = k
	}
	if col["action_now"] != len(rows[0])-1 || col["stage_deadline_passed"] != len(rows[0])-2 {
		t.Fatalf("header %v: want stage_deadline_passed then action_now last", rows[0])
	}
	waits := map[string]string{}
	for _, it := range s.Waits {
		waits[it.ID] = it.Gate
	}
	checked := 0
	for _, row := range rows[1:] {
		id := row[col["id"]]
		if g, ok := waits[id]; ok {
			checked++
			if row[col["action"]] != "invest" || row[col["action_now"]] != "wait for gate: "+g {
				t.Fatalf("CSV row %s: action %q, action_now %q; want invest and wait for gate: %s", id, row[col["action"]], row[col["action_now"]], g)
			}
		}
	}
	if checked != len(s.Waits) {
		t.Fatalf("CSV: %d waiting rows, the summary has %d", checked, len(s.Waits))
	}
}

// checkFundNowGates checks s against p's links, independently of the
// funding problem (see TestFundNowRespectsGatesLarge1000).
func checkFundNowGates(t *testing.T, p *model.Portfolio, v *portfolio.Valuation, s Summary) {
	t.Helper()
	status := map[string]model.Status{}
	for i := range p.Initiatives {
		status[p.Initiatives[i].ID] = p.Initiatives[i].Status
	}
	parents := map[string][]string{}
	for _, l := range p.Links {
		if l.Kind == model.LinkGates || l.Kind == model.LinkFollowOn {
			parents[l.To] = append(parents[l.To], l.From)
		}
	}
	openAncestors := func(id string) []string {
		var out []string
		seen := map[string]bool{}
		stack := []string{id}
		for len(stack) > 0 {
			c := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, a := range parents[c] {
				if seen[a] || status[a] == model.StatusInvested {
					continue // an invested gate is satisfied (and so is what is above it)
				}
				seen[a] = true
				out = append(out, a)
				stack = append(stack, a)
			}
		}
		return out
	}
	pos := map[string]int{}
	for k, it := range s.FundNow {
		pos[it.ID] = k
	}
	bad := 0
	for k, it := range s.FundNow {
		for _, a := range openAncestors(it.ID) {
			if status[a] != model.StatusOpen {
				continue
			}
			if j, ok := pos[a]; !ok || j > k {
				bad++
				if bad <= 5 {
					t.Errorf("fund now %s (%s): its gate %s is not in fund now before it (at %d, found %v)", it.Name, it.ID, a, j, ok)
				}
			}
		}
	}
	name := map[string]string{}
	for i := range p.Initiatives {
		name[p.Initiatives[i].ID] = p.Initiatives[i].Name
	}
	for _, it := range s.Waits {
		if it.Region != valuation.RegionInvestNow {
			t.Errorf("waits %s: region %v, want invest now", it.Name, it.Region)
		}
		ok := false
		for _, a := range parents[it.ID] {
			_, funded := pos[a]
			ok = ok || (name[a] == it.Gate && status[a] == model.StatusOpen && !funded)
		}
		if !ok {
			t.Errorf("waits %s: gate %q is not a direct open gate outside fund now", it.Name, it.Gate)
		}
	}
	// Fund now + Waits = invest now, not lapsed, not lapsing with a gate.
	lapsing := map[string]bool{}
	for _, it := range s.GateLapsed {
		lapsing[it.ID] = true
	}
	want := 0
	for i := range v.Initiatives {
		r := &v.Initiatives[i]
		in := p.Initiative(r.ID)
		if r.Status != model.StatusOpen || r.Err != nil || r.Position.Region != valuation.RegionInvestNow || lapsing[r.ID] || in == nil || portfolio.DeadlinePassed(in.Deadline, s.Now) {
			continue
		}
		want++
	}
	if got := len(s.FundNow) + len(s.Waits); got != want {
		t.Errorf("fund now %d + waits %d = %d, want the %d invest-now initiatives not lapsed", len(s.FundNow), len(s.Waits), got, want)
	}
}

// gatedPairsJSON is cmd/optionspace-cli's fundNowGatesJSON: Pilot A (not
// invest now) gates Rollout A (invest now); Pilot B and its follow-on
// Rollout B are both invest now.
const gatedPairsJSON = `{"version": 1, "name": "fund now gates", "currency": "EUR", "as_of": "2026-10-01",
 "settings": {"discounting": "discrete", "risk_free": 0.04},
 "initiatives": [
  {"id": "pa", "name": "Pilot A", "kind": "defer", "status": "open", "S": 1000000, "X": 9000000, "sigma": 0.5, "deadline": "2028-10-01", "q": 0},
  {"id": "ra", "name": "Rollout A", "kind": "defer", "status": "open", "S": 9000000, "X": 2000000, "sigma": 0.3, "deadline": "2027-02-01", "q": 0.2},
  {"id": "pb", "name": "Pilot B", "kind": "defer", "status": "open", "S": 5000000, "X": 1000000, "sigma": 0.3, "deadline": "2027-03-01", "q": 0.2},
  {"id": "rb", "name": "Rollout B", "kind": "defer", "status": "open", "S": 8000000, "X": 2000000, "sigma": 0.3, "deadline": "2027-02-01", "q": 0.2}],
 "links": [{"from": "pa", "to": "ra", "kind": "gates"}, {"from": "pb", "to": "rb", "kind": "follow_on"}]}`

// TestReportShowsWaitsForGate: the PDF's cover counts the waiting
// follow-on beside Fund now, What to do lists it under "Waits for its
// gate" with its gate and Fund now has the gate Pilot B before Rollout B
// (worth more), and Rollout A's page has the "Now:" badge.
func TestReportShowsWaitsForGate(t *testing.T) {
	p, err := model.ReadJSON(strings.NewReader(gatedPairsJSON))
	if err != nil {
		t.Fatal(err)
	}
	pdf, _ := build(t, Input{Portfolio: p}, Options{})
	txt := squash(pdfText(t, pdf))
	for _, want := range []string{
		"Fund 2 initiatives now (total investment €3,000,000), 1 more once its gate is funded;",
		"Fund now (2) — total investment €3,000,000 Pilot B (€4M); Rollout B (€6M)",
		"Waits for its gate (1) — invest now on its own, but its gate is not funded now and must be exercised first Rollout A (gate: Pilot A)",
		"Action: invest Now: wait for its gate",
	} {
		if !strings.Contains(txt, want) {
			t.Errorf("report text lacks %q", want)
		}
	}
	if n := strings.Count(txt, "Now: wait for its gate"); n != 1 {
		t.Errorf("%d 'Now: wait for its gate' badges, want 1 (Rollout A's page)", n)
	}
}
