package report

import (
	"strings"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// coverText is the cover's paragraph of a board report.
func coverText(t *testing.T, in Input, opt Options) string {
	t.Helper()
	pdf, _ := build(t, in, opt)
	txt := squash(pdfText(t, pdf))
	i, j := strings.Index(txt, "In one paragraph"), strings.Index(txt, "About the portfolio")
	if i < 0 || j < i {
		t.Fatalf("no cover paragraph in %q", txt[:min(len(txt), 800)])
	}
	return txt[i:j]
}

// TestCoverCountsDeadlinesToCome: the cover's "fall due in the next 90
// days" counts only deadlines in the window that have not passed, and
// says separately how many have passed. It said "11 decisions fall due in
// the next 90 days" of a report dated 2029-01-01, ten of them passed up
// to 21 months before. The expected counts come from the sample's dates.
func TestCoverCountsDeadlinesToCome(t *testing.T) {
	p := modeltest.Sample(t)
	for _, c := range []struct {
		now        model.Date
		due, gone  string
		nDue, nGon int
	}{
		{model.NewDate(2029, time.January, 1), "One decision falls due in the next 90 days: Customer community rollout.", "10 deadlines have passed: Customer community pilot, ", 1, 10},
		{model.NewDate(2027, time.April, 10), "No decision falls due in the next 90 days.", "2 deadlines have passed: Customer community pilot, Route social posts to the contact center.", 0, 2},
		{p.AsOf, "", "", -1, 0},
	} {
		// The counts straight from the dates: open, a deadline before now
		// has passed, one within 90 days on or after now falls due.
		nDue, nGone := 0, 0
		end := c.now.AddDate(0, 0, 90)
		for _, in := range p.Initiatives {
			if in.Status != model.StatusOpen || in.Deadline.IsZero() {
				continue
			}
			switch {
			case in.Deadline.Before(c.now.Time):
				nGone++
			case !in.Deadline.After(end):
				nDue++
			}
		}
		if c.nDue >= 0 && (nDue != c.nDue || nGone != c.nGon) {
			t.Fatalf("%s: the sample has %d due and %d passed, the test expects %d and %d", c.now, nDue, nGone, c.nDue, c.nGon)
		}
		cover := coverText(t, Input{Portfolio: p}, Options{Now: c.now, Profile: ProfileBoard})
		if c.due != "" && !strings.Contains(cover, c.due) {
			t.Errorf("%s: want %q in the cover:\n%s", c.now, c.due, cover)
		}
		if c.gone != "" && !strings.Contains(cover, c.gone) {
			t.Errorf("%s: want %q in the cover:\n%s", c.now, c.gone, cover)
		}
		if nGone == 0 && strings.Contains(cover, "passed") {
			t.Errorf("%s: nothing has passed, yet the cover says so:\n%s", c.now, cover)
		}
	}
}

// TestDeadlinesPhrase: the counts and names of the cover's sentence,
// with the passed ones named up to three.
func TestDeadlinesPhrase(t *testing.T) {
	now := model.NewDate(2027, time.January, 1)
	item := func(name string, days int) Item {
		d := model.Date{Time: now.AddDate(0, 0, days)}
		return Item{Name: name, Deadline: d, Days: days}
	}
	s := Summary{Now: now, Deadlines: []Item{item("P1", -30), item("P2", -2), item("P3", -1), item("P4", -1), item("Today", 0), item("Soon", 10)}}
	want := "2 decisions fall due in the next 90 days, the first Today. 4 deadlines have passed: P1, P2, P3 and 1 more."
	if got := deadlinesPhrase(s); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	s.Deadlines = s.Deadlines[1:2]
	if got, want := deadlinesPhrase(s), "No decision falls due in the next 90 days. 1 deadline has passed: P2."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// membersSample is the sample with members at 150,000: the community
// pilot then gates a rollout worth far more than the pilot.
func membersSample(t *testing.T) *model.Portfolio {
	t.Helper()
	p := modeltest.Sample(t)
	for i := range p.Drivers {
		if p.Drivers[i].Name == "members" {
			p.Drivers[i].Value = 150000
			return p
		}
	}
	t.Fatal("the sample has no driver members")
	return nil
}

// dueText is the text of the board report's "Decisions due" section.
func dueText(t *testing.T, in Input, opt Options) string {
	t.Helper()
	opt.Profile = ProfileBoard
	pdf, _ := build(t, in, opt)
	for _, s := range pages(pdfText(t, pdf)) {
		if strings.Contains(s, "4 Decisions due") && !strings.Contains(s, "Contents") {
			return squash(s)
		}
	}
	t.Fatal("no Decisions due section")
	return ""
}

// TestDueCostOfLapsingIsThePlansLoss: the cost of letting the pilot
// lapse is what the exact funding plan loses when the pilot is never
// funded (the follow-ons it gates lapse with it), not its stand-alone
// 280,000; once the deadline has passed it reads "lapsed", no cost.
func TestDueCostOfLapsingIsThePlansLoss(t *testing.T) {
	p := membersSample(t)
	v, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	plan := func(never ...string) float64 {
		r, err := portfolio.PlanFunding(p, v, portfolio.FundingOptions{Never: never}, 2e6, 0, portfolio.PlanLimits{})
		if err != nil {
			t.Fatal(err)
		}
		return r.Plan.Value
	}
	loss := plan() - plan("Customer community pilot")
	if loss < 2e6 {
		t.Fatalf("the plan loses %.0f without the pilot: the sample no longer carries the follow-ons", loss)
	}
	sec := dueText(t, Input{Portfolio: p}, Options{})
	want := "Customer community pilot 2027-04-01 1 invest now invest " + formatMoney(loss, p.Currency)
	if !strings.Contains(sec, want) {
		t.Errorf("want %q in:\n%s", want, sec)
	}
	sec = dueText(t, Input{Portfolio: p}, Options{Now: model.NewDate(2027, time.April, 10)})
	for _, w := range []string{"Customer community pilot 2027-04-01 1 invest now deadline passed; invest lapsed", "Route social posts to the contact center 2027-04-01 1 invest now deadline passed; invest lapsed"} {
		if !strings.Contains(sec, w) {
			t.Errorf("want %q in:\n%s", w, sec)
		}
	}
	if strings.Contains(sec, "280,000") || strings.Contains(sec, "900,000") {
		t.Errorf("a lapsed deadline shows a cost of lapsing:\n%s", sec)
	}
}

// TestFundingRowsLapseWithTheirGate: with the pilot never funded, the
// rollout it gates lapses with it and counts 0, and so does the rollout's
// follow-on, the knowledge base; the section says so.
func TestFundingRowsLapseWithTheirGate(t *testing.T) {
	p := membersSample(t)
	pdf, _ := build(t, Input{Portfolio: p, Funding: &Funding{Budget: 2e6, Never: []string{"Customer community pilot"}}}, Options{Profile: ProfileBoard})
	txt := squash(pdfText(t, pdf))
	// The knowledge base, the rollout's follow-on, lapses with the rollout.
	if !strings.Contains(txt, "Customer community rollout lapses with gate €4.3M") || !strings.Contains(txt, "Knowledge base from community answers lapses with gate €2M") || !strings.Contains(txt, "2 more lapse with their gates") {
		t.Errorf("the rollout does not lapse with its gate:\n%s", txt[strings.Index(txt, "Funding plan"):])
	}
}
