package report

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// gatedByPassed returns, from p's links alone (an independent reading of
// the rule), the open initiatives whose own deadline is not before on,
// gated (gates or follow-on) by an open one whose deadline is before on,
// as initiative name -> gate name.
func gatedByPassed(p *model.Portfolio, on string) map[string]string {
	passed := func(in *model.Initiative) bool {
		return in.Status == model.StatusOpen && !in.Deadline.IsZero() && in.Deadline.String() < on
	}
	// A follow-on of one that lapses with its gate lapses too.
	out := map[string]string{}
	for changed := true; changed; {
		changed = false
		for _, l := range p.Links {
			if l.Kind != model.LinkGates && l.Kind != model.LinkFollowOn {
				continue
			}
			from, to := p.Initiative(l.From), p.Initiative(l.To)
			if from == nil || to == nil || to.Status != model.StatusOpen || passed(to) || out[to.Name] != "" {
				continue
			}
			if passed(from) || out[from.Name] != "" {
				out[to.Name] = from.Name
				changed = true
			}
		}
	}
	return out
}

// fundingParagraph returns the report's funding paragraph, squashed: from
// "Fund " to the sentence on the ranking.
func fundingParagraph(t *testing.T, txt string) string {
	t.Helper()
	m := regexp.MustCompile(`Fund \d+ of .*? A ranking by profitability`).FindString(txt)
	if m == "" {
		t.Fatalf("no funding paragraph in:\n%.3000s", txt)
	}
	return m
}

// TestFundingParagraphPassedApart: dated 2 April 2027, the day after the
// pilot's and the routing's deadline, the funding paragraph counts the
// open initiatives and those whose window closes by the next review
// without the two (was "Fund 0 of 13 open initiatives" and "3 lapse
// because their windows close", counting them) and says apart "2 had
// already lapsed before 2027-04-02". The counts come from the sample's
// deadlines; the report dated on the as-of date says nothing has lapsed.
func TestFundingParagraphPassedApart(t *testing.T) {
	p := modeltest.Sample(t)
	const on, end = "2027-04-02", "2027-10-01"
	names, passedIDs := passedOn(p, on)
	open, window := 0, 0
	for _, in := range p.Initiatives {
		if in.Status != model.StatusOpen || passedIDs[in.ID] {
			continue
		}
		open++
		d := in.Deadline
		if in.Kind == model.KindStaged && !in.StageDeadline.IsZero() {
			d = in.StageDeadline
		}
		if !d.IsZero() && d.String() <= end {
			window++
		}
	}
	if len(names) != 2 || open != 11 {
		t.Fatalf("the sample has %d open initiatives besides %d passed (%v), want 11 and 2", open, len(names), names)
	}
	lapses := fmt.Sprintf("%d lapse because their windows close", window)
	if window == 1 {
		lapses = "1 lapses because its window closes"
	}
	pdf, _ := build(t, Input{Portfolio: p, Funding: &Funding{Budget: 2e6}}, Options{Now: model.NewDate(2027, time.April, 2)})
	par := fundingParagraph(t, squash(pdfText(t, pdf)))
	for _, want := range []string{
		fmt.Sprintf("Fund 0 of %d open initiatives now", open),
		"kept open and " + lapses + " on or before the next review",
		"2 had already lapsed before 2027-04-02.",
	} {
		if !strings.Contains(par, want) {
			t.Errorf("the funding paragraph does not say %q:\n%s", want, par)
		}
	}
	if strings.Contains(par, "of 13 open") {
		t.Errorf("the funding paragraph counts the lapsed among the open:\n%s", par)
	}

	pdf, _ = build(t, Input{Portfolio: p, Funding: &Funding{Budget: 2e6}}, Options{})
	par = fundingParagraph(t, squash(pdfText(t, pdf)))
	if !strings.Contains(par, "of 13 open initiatives") || strings.Contains(par, "already lapsed") {
		t.Errorf("on the as-of date all 13 are open and none has lapsed:\n%s", par)
	}
}

// TestPassedPhrase: the sentence is empty for none and groups thousands.
func TestPassedPhrase(t *testing.T) {
	d := model.NewDate(2027, time.April, 2)
	for n, want := range map[int]string{0: "", 1: " 1 had already lapsed before 2027-04-02.", 2: " 2 had already lapsed before 2027-04-02.",
		1200: " 1,200 had already lapsed before 2027-04-02."} {
		if got := passedPhrase(n, d); got != want {
			t.Errorf("passedPhrase(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestSummaryFollowsGateLapse: dated 2 April 2027 the pilot has lapsed, so
// the customer community rollout it gates lapses with it. The funding
// plan's row says "lapses with gate"; the summary no longer lists the
// rollout under "Keep open" (it did, with its €1M) but under "Lapses with
// gate" naming the gate, and the cover counts 5 kept open, not 6, and
// names it. Which initiatives lapse with their gate comes from the
// sample's links and deadlines.
func TestSummaryFollowsGateLapse(t *testing.T) {
	p := modeltest.Sample(t)
	gated := gatedByPassed(p, "2027-04-02")
	// The rollout lapses with the pilot, the knowledge base (the rollout's
	// follow-on) with the rollout.
	if len(gated) != 2 || gated["Customer community rollout"] != "Customer community pilot" || gated["Knowledge base from community answers"] != "Customer community rollout" {
		t.Fatalf("the sample's initiatives gated by a lapsed one: %v, want the rollout gated by the pilot and the knowledge base by the rollout", gated)
	}
	now := model.NewDate(2027, time.April, 2)
	pdf, _ := build(t, Input{Portfolio: p, Funding: &Funding{Budget: 2e6}}, Options{Now: now})
	txt := squash(pdfText(t, pdf))
	var sum string
	for _, pg := range pages(pdfText(t, pdf)) {
		if strings.Contains(pg, "What to do") {
			sum = squash(pg)
		}
	}
	keep := regexp.MustCompile(`Keep open \((\d+)\)(.*?) Watch \(`).FindStringSubmatch(sum)
	if keep == nil {
		t.Fatalf("no Keep open in the summary:\n%s", sum)
	}
	for name, gate := range gated {
		if !regexp.MustCompile(regexp.QuoteMeta(name) + ` lapses with gate`).MatchString(txt) {
			t.Errorf("the funding plan does not say %q lapses with its gate", name)
		}
		if strings.Contains(keep[2], name) {
			t.Errorf("the summary keeps %q open though its gate %q has lapsed: %s", name, gate, keep[0])
		}
		if want := name + " (gate: " + gate + ")"; !strings.Contains(sum, "Lapses with gate (2) — their gates lapsed before 2027-04-02 ") || !strings.Contains(sum, want) {
			t.Errorf("the summary does not list %q under 'Lapses with gate (2)':\n%s", want, sum)
		}
		if !regexp.MustCompile(`2 more lapse with their gates: [^.]*` + regexp.QuoteMeta(name)).MatchString(txt) {
			t.Errorf("the cover does not name %q as lapsing with its gate", name)
		}
	}
	if keep[1] != "4" || !strings.Contains(txt, "keep 4 open and garden them") {
		t.Errorf("4 are kept open (6 in regions 2-4 less the rollout and the knowledge base): %s", keep[0])
	}

	// On the as-of date the pilot is open: the rollout is kept open and
	// nothing lapses with its gate.
	s := Summarize(p, mustEvaluate(t, p), model.Date{})
	if len(s.GateLapsed) != 0 {
		t.Errorf("on the as-of date nothing lapses with its gate: %v", s.GateLapsed)
	}
	found := false
	for _, it := range s.KeepOpen {
		found = found || it.Name == "Customer community rollout"
	}
	if !found {
		t.Errorf("on the as-of date the rollout is kept open: %v", s.KeepOpen)
	}
}

// TestSummaryGateLapsedPlural: three initiatives gated by lapsed ones read
// "Lapses with gate (3) — their gates lapsed" and the cover "3 more lapse
// with their gates".
func TestSummaryGateLapsedPlural(t *testing.T) {
	p := modeltest.Sample(t)
	route := p.InitiativeByName("Route social posts to the contact center")
	crm := p.InitiativeByName("Social profiles in the CRM")
	if route == nil || crm == nil {
		t.Fatal("the sample lacks the routing or the CRM profiles")
	}
	p.Links = append(p.Links, model.Link{From: route.ID, To: crm.ID, Kind: model.LinkGates})
	gated := gatedByPassed(p, "2027-04-02")
	if len(gated) != 3 {
		t.Fatalf("gated by a lapsed one: %v, want 3 (the rollout, its knowledge base, the CRM profiles)", gated)
	}
	pdf, _ := build(t, Input{Portfolio: p}, Options{Now: model.NewDate(2027, time.April, 2)})
	txt := squash(pdfText(t, pdf))
	for _, want := range []string{"Lapses with gate (3) — their gates lapsed before 2027-04-02", "3 more lapse with their gates: "} {
		if !strings.Contains(txt, want) {
			t.Errorf("the report does not say %q", want)
		}
	}
	for name := range gated {
		if !strings.Contains(txt, name+" (gate: "+gated[name]+")") {
			t.Errorf("the summary does not list %q with its gate", name)
		}
	}
}

// mustEvaluate values p with its links.
func mustEvaluate(t *testing.T, p *model.Portfolio) *portfolio.Valuation {
	t.Helper()
	v, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}
