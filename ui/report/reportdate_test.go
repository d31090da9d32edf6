package report

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// passedOn returns the names and IDs of p's open initiatives whose deadline
// is before on, by comparing the dates' text (an independent reading of
// the rule: a deadline on the day itself has not passed).
func passedOn(p *model.Portfolio, on string) (names []string, ids map[string]bool) {
	ids = map[string]bool{}
	for _, in := range p.Initiatives {
		if in.Status == model.StatusOpen && !in.Deadline.IsZero() && in.Deadline.String() < on {
			names = append(names, in.Name)
			ids[in.ID] = true
		}
	}
	return names, ids
}

// TestReportFundingOnReportDate: dated 2 April 2027, the day after the
// pilot's and "Route social posts to the contact center"'s deadline, the
// funding plan's period starts on the report's date and the two are shown
// "lapsed", counting 0 (they were "fund now" with their value when the
// plan ignored the report's date). Dated 1 January 2029 the period is 2029-01-01 to 2029-04-01.
func TestReportFundingOnReportDate(t *testing.T) {
	p := modeltest.Sample(t)
	names, _ := passedOn(p, "2027-04-02")
	if len(names) != 2 {
		t.Fatalf("the sample has %d deadlines before 2027-04-02 (%v), want the pilot's and the routing's", len(names), names)
	}
	pdf, _ := build(t, Input{Portfolio: p, Funding: &Funding{Budget: 2e6}}, Options{Now: model.NewDate(2027, time.April, 2)})
	var sec string
	for _, pg := range pages(pdfText(t, pdf)) {
		if strings.Contains(pg, "Funding plan") && strings.Contains(pg, "Budget ") {
			sec = squash(pg)
		}
	}
	if !strings.Contains(sec, "Budget €2,000,000 for 2027-04-02 to 2027-10-01") {
		t.Fatalf("the period should start on the report's date:\n%s", sec)
	}
	for _, n := range names {
		row := regexp.MustCompile(regexp.QuoteMeta(n) + ` (lapsed|fund now|keep open|lapses) (\S+) (\S+) (\S+) (\S+)`).FindStringSubmatch(sec)
		if row == nil {
			t.Fatalf("no funding row for %q:\n%s", n, sec)
		}
		if row[1] != "lapsed" || row[3] != "€0" || row[4] != "€0" || row[5] != "€0" {
			t.Errorf("%q: row %q, want lapsed with 0 funded now, kept and counted", n, row[0])
		}
	}
	if strings.Contains(sec, "fund now") {
		t.Errorf("nothing is worth funding once the two have lapsed (the others are worth more kept open or less than they cost):\n%s", sec)
	}

	pdf, _ = build(t, Input{Portfolio: p, Funding: &Funding{Budget: 2e6}}, Options{Now: model.NewDate(2029, time.January, 1)})
	txt := squash(pdfText(t, pdf))
	if !strings.Contains(txt, "Budget €2,000,000 for 2029-01-01 to 2029-04-01") {
		t.Errorf("dated 2029-01-01 the period should be 2029-01-01 to 2029-04-01")
	}
}

// TestExportCSVOnReportDate: the report's initiatives CSV says
// deadline_passed on the report's date, as its pages do: true for the two
// deadlines of 1 April 2027 in a report dated 2 April 2027 of the sample
// valued as of 1 October 2026 (false before: the valuation's flag).
func TestExportCSVOnReportDate(t *testing.T) {
	p := modeltest.Sample(t)
	_, want := passedOn(p, "2027-04-02")
	dir := t.TempDir()
	if _, err := Export(filepath.Join(dir, "r.pdf"), Input{Portfolio: p}, Options{Now: model.NewDate(2027, time.April, 2)}, dir); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "r-initiatives.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	last := len(recs[0]) - 1
	if recs[0][last] != "deadline_passed" {
		t.Fatalf("header %v", recs[0])
	}
	n := 0
	for _, rec := range recs[1:] {
		if got, w := rec[last] == "true", want[rec[0]]; got != w {
			t.Errorf("%s: deadline_passed %q, want %v", rec[0], rec[last], w)
		}
		if rec[last] == "true" {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d rows passed, want 2", n)
	}
}

// TestSummaryDeadlinesToCome: dated 1 January 2029, the summary's
// "Deadlines in the next 90 days" table lists only the deadline to come
// (the rollout's, 2029-04-01, in 90 days) and the passed ones apart,
// "Passed deadlines (N)", N counted from the portfolio's dates.
func TestSummaryDeadlinesToCome(t *testing.T) {
	p := modeltest.Sample(t)
	names, _ := passedOn(p, "2029-01-01")
	pdf, _ := build(t, Input{Portfolio: p}, Options{Now: model.NewDate(2029, time.January, 1)})
	var sum string
	for _, pg := range pages(pdfText(t, pdf)) {
		if strings.Contains(pg, "Deadlines in the next 90 days") {
			sum = squash(pg)
		}
	}
	i := strings.Index(sum, "Deadlines in the next 90 days")
	j := strings.Index(sum, "Passed deadlines (")
	if i < 0 || j < i {
		t.Fatalf("want the deadline table, then the passed deadlines:\n%s", sum)
	}
	table, rest := sum[i:j], sum[j:]
	if strings.Contains(table, "passed") || !strings.Contains(table, "Customer community rollout 2029-04-01 90 days") {
		t.Errorf("the table should hold only the rollout, due in 90 days:\n%s", table)
	}
	if !strings.HasPrefix(rest, "Passed deadlines (10)") || len(names) != 10 {
		t.Errorf("want %d passed deadlines:\n%s", len(names), rest)
	}
	if !strings.Contains(rest, names[0]) {
		t.Errorf("the passed deadlines should name %q:\n%s", names[0], rest)
	}
}

// TestSummaryLeavesOutLapsed: the summary's "Fund now" (and keep open,
// watch, drop) leave out the initiatives whose deadline has passed on its
// date: as of the sample's date the pilot and the routing are in region 1,
// fund now; dated 2 April 2027, the day after their deadline, they are in
// no action list (only in Deadlines, passed), nor is the rollout their
// pilot gates (GateLapsed); the regions still count 13.
func TestSummaryLeavesOutLapsed(t *testing.T) {
	p := modeltest.Sample(t)
	v, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	_, gone := passedOn(p, "2027-04-02")
	ids := func(l ...[]Item) map[string]bool {
		m := map[string]bool{}
		for _, items := range l {
			for _, it := range items {
				m[it.ID] = true
			}
		}
		return m
	}
	before := Summarize(p, v, model.Date{})
	for id := range gone {
		if !ids(before.FundNow)[id] {
			t.Errorf("as of the as-of date %s should be funded now", id)
		}
	}
	s := Summarize(p, v, model.NewDate(2027, time.April, 2))
	acts := ids(s.FundNow, s.KeepOpen, s.Watch, s.Drop)
	for id := range gone {
		if acts[id] || !ids(s.Deadlines)[id] {
			t.Errorf("dated 2027-04-02 %s should be in no action list, only in the deadlines", id)
		}
	}
	// The rollout, gated by the lapsed pilot, lapses with it
	// (GateLapsed), in no action list either.
	gated := gatedByPassed(p, "2027-04-02")
	if len(s.GateLapsed) != len(gated) {
		t.Errorf("lapse with their gate: %v, want %v", s.GateLapsed, gated)
	}
	for _, it := range s.GateLapsed {
		if acts[it.ID] || gated[it.Name] != it.Gate {
			t.Errorf("%s (gate %q) lapses with its gate %q, in no action list", it.Name, it.Gate, gated[it.Name])
		}
	}
	if len(acts) != s.Open-len(gone)-len(gated) || s.Open != 13 || s.FundNowCost != 0 {
		t.Errorf("%d in action lists of %d open, fund-now cost %g: want %d, 13, 0", len(acts), s.Open, s.FundNowCost, 13-len(gone)-len(gated))
	}
}
