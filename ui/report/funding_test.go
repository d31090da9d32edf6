package report

import (
	"math"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

func TestReportFundingSection(t *testing.T) {
	p := modeltest.Sample(t)
	b, _ := build(t, Input{Portfolio: p, Funding: &Funding{Budget: 2e6}}, Options{})
	txt := pdfText(t, b)
	pg := pages(txt)
	var sec string
	for _, s := range pg {
		if strings.Contains(squash(s), squash(titleFunding)) && strings.Contains(squash(s), "A ranking by profitability index") {
			sec = squash(s)
		}
	}
	if sec == "" {
		t.Fatal("no Funding plan section")
	}
	if !strings.Contains(squash(pg[1]), squash(titleFunding)) {
		t.Error("the contents do not list the Funding plan")
	}
	v, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	want, err := portfolio.PlanFunding(p, v, portfolio.FundingOptions{}, 2e6, 0, portfolio.PlanLimits{})
	if err != nil {
		t.Fatal(err)
	}
	if got := amount(t, sec, "Total value"); math.Abs(got-want.Plan.Value) > 0.5 {
		t.Errorf("total value %v, plan %v", got, want.Plan.Value)
	}
	if got := amount(t, sec, "now for"); math.Abs(got-want.Plan.Spent) > 0.5 {
		t.Errorf("spent %v, plan %v", got, want.Plan.Spent)
	}
	for _, i := range want.Plan.Fund {
		if !strings.Contains(sec, want.Problem.Items[i].Name+" fund now") {
			t.Errorf("%s not listed as funded", want.Problem.Items[i].Name)
		}
	}
	for _, i := range want.Plan.Lapse {
		if !strings.Contains(sec, want.Problem.Items[i].Name+" lapses") {
			t.Errorf("%s not listed as lapsing", want.Problem.Items[i].Name)
		}
	}
	if !strings.Contains(sec, "Efficient frontier") {
		t.Error("no frontier chart")
	}
	// Without a budget there is no section; a budget no plan fits says why.
	if txt := pdfText(t, mustBuild(t, Input{Portfolio: p})); strings.Contains(squash(txt), squash(titleFunding)) {
		t.Error("Funding plan without a budget")
	}
	txt = pdfText(t, mustBuild(t, Input{Portfolio: p, Funding: &Funding{Budget: 1, Must: []string{"Customer community rollout"}}}))
	if !strings.Contains(squash(txt), "No funding plan: no plan fits the budget") {
		t.Error("an infeasible budget does not say so")
	}
}

func mustBuild(t *testing.T, in Input) []byte {
	b, _ := build(t, in, Options{})
	return b
}

func TestReportFundingSectionBoard(t *testing.T) {
	b, _ := build(t, Input{Portfolio: modeltest.Sample(t), Funding: &Funding{Budget: 2e6}}, Options{Profile: ProfileBoard})
	txt := squash(pdfText(t, b))
	if !strings.Contains(txt, squash(boardFundingTitle)) || !strings.Contains(txt, "A ranking by profitability index") {
		t.Error("the board profile has no Funding plan section")
	}
}
