package ui

import (
	"context"
	"fmt"
	"math"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/ui/format"
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
	v := showView[*fundingView](t, win, "funding")
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
	v := showView[*fundingView](t, win, "funding")
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

// TestFundingViewRowsAddUpToTheTotal: each row of the Funding view shows
// what it adds to the plan's total (Plan.Counted) and the rows add up to
// the total the summary shows. With the pilot never funded, the rollout it
// gates is listed as lapsing with its gate, counting 0 and saying why,
// where the view showed it kept at its full value.
func TestFundingViewRowsAddUpToTheTotal(t *testing.T) {
	win, ses := newTestWindow(t)
	v := showView[*fundingView](t, win, "funding")
	pilot := ses.Portfolio.InitiativeByName("Customer community pilot")
	rollout := ses.Portfolio.InitiativeByName("Customer community rollout")
	if pilot == nil || rollout == nil {
		t.Fatal("the sample has no customer community pilot and rollout")
	}
	cur := ses.Portfolio.Currency
	for _, never := range []bool{false, true} {
		v.choice[pilot.ID] = fundAuto
		if never {
			v.choice[pilot.ID] = fundNever
		}
		waitPlan(t, v, func() { v.budget.SetText("2000000"); v.onBudgetText("") })
		// The reference: the engine's plan with the same choices.
		opt := portfolio.FundingOptions{}
		if never {
			opt.Never = []string{pilot.ID}
		}
		want, err := portfolio.PlanFunding(ses.Portfolio, ses.Valuation, opt, 2e6, 0, portfolio.PlanLimits{})
		if err != nil {
			t.Fatal(err)
		}
		fp, pl := want.Problem, want.Plan
		if !strings.Contains(v.summary.Text, "total value "+format.MoneyCompact(pl.Value, cur)) {
			t.Fatalf("summary %q, want total value %s", v.summary.Text, format.MoneyCompact(pl.Value, cur))
		}
		// Read the rows off the screen: heads (bold labels) and rows.
		head := ""
		seen := map[int]int{}
		sum := 0.0
		rolloutHead, rolloutWhy, rolloutText := "", "", ""
		for _, o := range v.rows.Objects {
			if l, ok := o.(*widget.Label); ok {
				head = l.Text
				continue
			}
			var texts []string
			for _, c := range o.(*fyne.Container).Objects {
				if l, ok := c.(*widget.Label); ok {
					texts = append(texts, l.Text)
				}
			}
			i := -1
			for k, it := range fp.Items {
				if slices.Contains(texts, it.Name) {
					i = k
				}
			}
			if i < 0 {
				t.Fatalf("row %q names no item of the plan", texts)
			}
			seen[i]++
			it := fp.Items[i]
			if !slices.Contains(texts, rowText(it, pl.Counted[i], cur)) ||
				!strings.Contains(rowText(it, pl.Counted[i], cur), "Counts "+format.MoneyCompact(pl.Counted[i], cur)) {
				t.Errorf("%s: row %q, want it to count %s", it.Name, texts, format.MoneyCompact(pl.Counted[i], cur))
			}
			sum += pl.Counted[i]
			if it.ID == rollout.ID {
				rolloutHead, rolloutText = head, strings.Join(texts, " | ")
				for _, s := range texts {
					if strings.HasPrefix(s, "Why: ") {
						rolloutWhy = s
					}
				}
			}
		}
		if len(seen) != len(fp.Items) {
			t.Errorf("%d of %d items shown", len(seen), len(fp.Items))
		}
		for i, n := range seen {
			if n != 1 {
				t.Errorf("%s shown %d times", fp.Items[i].Name, n)
			}
		}
		if math.Abs(sum-pl.Value) > 1e-9*math.Abs(pl.Value) {
			t.Errorf("never %v: the rows count %.2f, the total is %.2f", never, sum, pl.Value)
		}
		if never {
			if !strings.HasPrefix(rolloutHead, "Lapses with gate (") || !strings.Contains(rolloutText, "Counts "+format.MoneyCompact(0, cur)) ||
				!strings.Contains(rolloutWhy, `lapses with its gate "Customer community pilot"`) {
				t.Errorf("pilot never funded: rollout under %q, row %q, why %q; want it lapsing with its gate at 0", rolloutHead, rolloutText, rolloutWhy)
			}
		} else if strings.HasPrefix(rolloutHead, gateLapseHead) || rolloutWhy != "" {
			t.Errorf("pilot in the plan: rollout under %q, why %q", rolloutHead, rolloutWhy)
		}
	}
}

// At 1,000 initiatives each part of the plan lists fundingRowsShown rows
// and says how many more there are, instead of a row for every initiative.
func TestFundingViewCapsItsRows(t *testing.T) {
	p := modeltest.Large(1000, 0, 20)
	ses := sessionWith(t, p)
	win := narrowWindow(t, ses)
	v := showView[*fundingView](t, win, "funding")
	waitPlan(t, v, func() { v.budget.SetText("50000000"); v.onBudgetText("") })
	if v.report == nil {
		t.Fatalf("no plan: %q", v.summary.Text)
	}
	pl := v.report.Plan
	listed, mores := 0, 0
	for _, o := range v.rows.Objects {
		switch x := o.(type) {
		case *fyne.Container:
			listed++
		case *widget.Label:
			if strings.HasPrefix(x.Text, "… and ") {
				mores++
			}
		}
	}
	want, wantMore := 0, 0
	for _, part := range [][]int{pl.Fund, pl.Keep, pl.Lapse} {
		want += min(len(part), fundingRowsShown)
		if len(part) > fundingRowsShown {
			wantMore++
		}
	}
	if wantMore == 0 {
		t.Fatalf("no part of the plan has more than %d initiatives (fund %d, keep %d, lapse %d)", fundingRowsShown, len(pl.Fund), len(pl.Keep), len(pl.Lapse))
	}
	if listed > want+len(pl.GateLapse) || mores < wantMore {
		t.Errorf("%d rows and %d 'and more' notes, want at most %d rows and %d notes", listed, mores, want+len(pl.GateLapse), wantMore)
	}
}

// TestFundingViewMoreNotesCount: where a part of the plan lists only its
// first fundingRowsShown rows, its "… and N more" note says what the rows
// not listed count (Plan.Counted), so the view still adds up to the total.
func TestFundingViewMoreNotesCount(t *testing.T) {
	ses := sessionWith(t, modeltest.Large(1000, 0, 20))
	win := narrowWindow(t, ses)
	v := showView[*fundingView](t, win, "funding")
	waitPlan(t, v, func() { v.budget.SetText("50000000"); v.onBudgetText("") })
	if v.report == nil {
		t.Fatalf("no plan: %q", v.summary.Text)
	}
	pl, cur := v.report.Plan, ses.Portfolio.Currency
	var kept []int
	for _, i := range pl.Keep {
		if !pl.GateLapses(i) {
			kept = append(kept, i)
		}
	}
	var want []string
	for _, part := range [][]int{pl.Fund, kept, pl.Lapse, pl.GateLapse} {
		if len(part) <= fundingRowsShown {
			continue
		}
		rest := 0.0
		for _, i := range part[fundingRowsShown:] {
			rest += pl.Counted[i]
		}
		want = append(want, fmt.Sprintf("… and %d more, counting %s:", len(part)-fundingRowsShown, format.MoneyCompact(rest, cur)))
	}
	var got []string
	for _, o := range v.rows.Objects {
		if l, ok := o.(*widget.Label); ok && strings.HasPrefix(l.Text, "… and ") {
			got = append(got, l.Text)
		}
	}
	if len(want) == 0 || len(got) != len(want) {
		t.Fatalf("notes %q, want %d starting %q", got, len(want), want)
	}
	for k := range want {
		if !strings.HasPrefix(got[k], want[k]) {
			t.Errorf("note %q, want it to start %q", got[k], want[k])
		}
	}
}
