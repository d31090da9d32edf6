package ui

import (
	"context"
	"math"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/ui/report"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

func init() { fundingInline = true }

// waitPlan sets the budget entry, submits it and waits for the plan.
func waitPlan(t *testing.T, v *fundingView, do func()) {
	t.Helper()
	done := make(chan struct{}, 8)
	v.onPlanned = func() { done <- struct{}{} }
	do()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("no plan within 20 s")
	}
}

func TestFundingViewPlanAndAccept(t *testing.T) {
	win, ses := newTestWindow(t)
	if err := win.ShowView("funding"); err != nil {
		t.Fatal(err)
	}
	v := win.shown["funding"].(*fundingView)
	waitPlan(t, v, func() { v.budget.SetText("2000000"); v.onBudgetText("") })
	want, err := portfolio.PlanFunding(ses.Portfolio, ses.Valuation, portfolio.FundingOptions{}, 2e6, 0, portfolio.PlanLimits{})
	if err != nil {
		t.Fatal(err)
	}
	if v.report == nil || v.report.Plan.Budget != 2e6 || math.Abs(v.report.Plan.Value-want.Plan.Value) > 1e-9*want.Plan.Value {
		t.Fatalf("view plan %+v, want value %v", v.report, want.Plan.Value)
	}
	if len(v.report.Frontier) < 2 || v.accept.Disabled() || len(v.rows.Objects) < len(want.Problem.Items)+3 {
		t.Fatalf("frontier %d points, accept disabled %v, %d rows", len(v.report.Frontier), v.accept.Disabled(), len(v.rows.Objects))
	}
	// The map highlights the funded initiatives.
	pts, _ := v.planPoints()
	for _, sp := range pts {
		if sp.Dim == v.report.Plan.Funded(indexOf(v.report.Problem, sp.ID)) && indexOf(v.report.Problem, sp.ID) >= 0 {
			t.Errorf("%s: dim %v on the map", sp.Name, sp.Dim)
		}
	}
	// Never-fund the first funded initiative: the plan moves.
	first := want.Problem.Items[want.Plan.Fund[0]].ID
	waitPlan(t, v, func() { v.choice[first] = fundNever; v.recompute(true) })
	for _, i := range v.report.Plan.Fund {
		if v.report.Problem.Items[i].ID == first {
			t.Fatalf("never-fund %s still funded", first)
		}
	}
	waitPlan(t, v, func() { v.choice[first] = fundAuto; v.recompute(true) })
	// The slider recomputes too.
	waitPlan(t, v, func() { v.slider.SetValue(v.top / 2) })
	if math.Abs(v.report.Plan.Budget-v.top/2) > 0.5 {
		t.Fatalf("slider: plan at %v, want %v", v.report.Plan.Budget, v.top/2)
	}
	waitPlan(t, v, func() { v.budget.SetText("2000000"); v.onBudgetText("") })
	nDec := len(ses.Portfolio.Decisions)
	funded := v.report.Problem.Names(v.report.Plan.Fund)
	waitPlan(t, v, v.onAccept) // the accepted plan is saved; the view replans
	if got := len(ses.Portfolio.Decisions) - nDec; got != len(funded) {
		t.Fatalf("%d decisions recorded, want %d", got, len(funded))
	}
	for _, n := range funded {
		in := ses.Portfolio.InitiativeByName(n)
		if in.Status != model.StatusInvested {
			t.Errorf("%s: status %s after accepting", n, in.Status)
		}
	}
	d := ses.Portfolio.Decisions[len(ses.Portfolio.Decisions)-1]
	if d.Decision != model.DecideInvest || d.Numbers.S == 0 {
		t.Errorf("decision %+v", d)
	}
	waitPlan(t, v, win.Undo)
	if len(ses.Portfolio.Decisions) != nDec {
		t.Fatalf("one undo left %d decisions, want %d", len(ses.Portfolio.Decisions), nDec)
	}
	for _, n := range funded {
		if in := ses.Portfolio.InitiativeByName(n); in.Status != model.StatusOpen {
			t.Errorf("%s: status %s after undo", n, in.Status)
		}
	}
}

func indexOf(fp *portfolio.FundingProblem, id string) int {
	for i, it := range fp.Items {
		if it.ID == id {
			return i
		}
	}
	return -1
}

// The app's report export carries the Funding view's budget and choices:
// the PDF has the Funding plan section at that budget.
func TestReportExportCarriesTheFundingBudget(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	win, ses := newTestWindow(t)
	if err := win.ShowView("funding"); err != nil {
		t.Fatal(err)
	}
	v := win.shown["funding"].(*fundingView)
	waitPlan(t, v, func() { v.budget.SetText("2000000"); v.onBudgetText("") })
	fund := v.reportFunding()
	if fund == nil || fund.Budget != 2e6 {
		t.Fatalf("report funding %+v", fund)
	}
	path := filepath.Join(t.TempDir(), "r.pdf")
	if _, err := exportReportAs(context.Background(), path, ses.Saved(), ses.Valuation, nil, report.ProfileBoard, fund, nil); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "Funding plan") || !strings.Contains(string(out), "2,000,000") && !strings.Contains(string(out), "2.00M") && !strings.Contains(string(out), "2M") {
		t.Errorf("the report has no Funding plan at the budget:\n%.2000s", out)
	}
	v.budget.SetText("not a number")
	if v.reportFunding() != nil {
		t.Error("an invalid budget still asks for the section")
	}
}
