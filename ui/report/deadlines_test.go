package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/model/modeltest/testfile"
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
	recs := testfile.CSV(t, filepath.Join(dir, "r-initiatives.csv"))
	last := len(recs[0]) - 3 // deadline_passed, stage_deadline_passed, then action_now
	if recs[0][last] != "deadline_passed" || recs[0][last+1] != "stage_deadline_passed" {
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

// passedPages returns, from the report's text, the initiative table's
// pages and each initiative page by initiative name.
func passedPages(t *testing.T, pdf []byte, p *model.Portfolio) (table string, page map[string]string) {
	t.Helper()
	page = map[string]string{}
	for _, s := range pages(pdfText(t, pdf)) {
		if strings.Contains(s, "Contents") {
			continue
		}
		if strings.Contains(s, "Recommended action") && strings.Contains(s, "NPVq") && strings.Contains(s, "Tag") {
			table += squash(s) + "\n"
		}
		if !strings.Contains(s, "Numbers") {
			continue
		}
		for _, in := range p.Initiatives {
			if strings.Contains(s, "Time to deadline t") && strings.Contains(squash(s), squash(in.Name)+" ") && strings.Contains(s, "Initiative ") {
				page[in.Name] = squash(s)
			}
		}
	}
	return table, page
}

// TestReportMarksPassedDeadlines: dated 1 June 2027 (the sample is valued
// as of 1 October 2026), the pilot and "Route social posts to the contact
// center" (deadline 1 April 2027) have passed: the initiative table says
// "deadline passed;" before their action and their pages show the
// deadline "(passed)" and t "passed"; an initiative due in 2028 shows
// neither. The funding plan's period runs from the report's date to the
// next review after it (1 October 2027), as the decisions due do, not six
// months after the as-of date (1 April 2027).
func TestReportMarksPassedDeadlines(t *testing.T) {
	p := modeltest.Sample(t)
	now := model.NewDate(2027, time.June, 1)
	pdf, _ := build(t, Input{Portfolio: p, Funding: &Funding{Budget: 2e6}}, Options{Now: now})
	checkPassedMarks(t, pdf, p)
	txt := squash(pdfText(t, pdf))
	if !strings.Contains(txt, "for 2027-06-01 to 2027-10-01") || strings.Contains(txt, "to 2027-04-01") {
		t.Errorf("the funding plan should run to the review of 2027-10-01:\n%s", txt[strings.Index(txt, "Funding plan"):])
	}

	// Valued as of 1 May 2027 and dated then: the engine's marks.
	v, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true, AsOf: model.NewDate(2027, time.May, 1)})
	if err != nil {
		t.Fatal(err)
	}
	pdf, _ = build(t, Input{Portfolio: p, Valuation: v}, Options{})
	checkPassedMarks(t, pdf, p)

	// Dated on the as-of date itself nothing has passed.
	pdf, _ = build(t, Input{Portfolio: p}, Options{})
	if txt := pdfText(t, pdf); strings.Contains(txt, "passed") {
		t.Errorf("as of 2026-10-01 no deadline has passed, yet the report says passed")
	}
}

// checkPassedMarks checks the marks of the two initiatives due 2027-04-01
// and of one due 2028-04-01.
func checkPassedMarks(t *testing.T, pdf []byte, p *model.Portfolio) {
	t.Helper()
	table, page := passedPages(t, pdf, p)
	for name, passed := range map[string]bool{"Customer community pilot": true, "Route social posts to the contact center": true, "Lightweight listening tool": false} {
		// Name, tag, S, X, deadline, σ, value, NPV, NPVq, σ√t, region,
		// then the action.
		m := regexp.MustCompile(regexp.QuoteMeta(name) + ` \S+ \S+ \S+ \d{4}-\d\d-\d\d \S+ \S+ \S+ \S+ \S+ \d (deadline passed; )?\S`).FindStringSubmatch(table)
		if m == nil {
			t.Fatalf("no row of %q in the initiative table:\n%s", name, table)
		}
		if got := m[1] != ""; got != passed {
			t.Errorf("table row %q: deadline passed %v, want %v", m[0], got, passed)
		}
		pg, ok := page[name]
		if !ok {
			t.Fatalf("no page for %q", name)
		}
		if got := strings.Contains(pg, "(passed)") && strings.Contains(pg, "Time to deadline t passed"); got != passed {
			t.Errorf("page of %q: passed %v, want %v:\n%s", name, got, passed, pg)
		}
		if !passed && (strings.Contains(pg, "(passed)") || !strings.Contains(pg, "Time to deadline t 0.") && !strings.Contains(pg, "Time to deadline t 1.")) {
			t.Errorf("page of %q should show its time to deadline:\n%s", name, pg)
		}
	}
}

// TestInitiativesCSVDeadlinePassed: the initiative table's CSV ends with
// deadline_passed, true for the deadlines before the as-of date.
func TestInitiativesCSVDeadlinePassed(t *testing.T) {
	p := modeltest.Sample(t)
	v, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true, AsOf: model.NewDate(2027, time.May, 1)})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteInitiativesCSV(&b, p, v); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	last := len(recs[0]) - 3 // deadline_passed, stage_deadline_passed, then action_now
	if recs[0][last] != "deadline_passed" || recs[0][last-1] != "sigma_origin" || recs[0][last+1] != "stage_deadline_passed" {
		t.Fatalf("header %v", recs[0])
	}
	n := 0
	for k, rec := range recs[1:] {
		want := p.Initiatives[k].Deadline.String() < "2027-05-01"
		if rec[last] != map[bool]string{true: "true", false: "false"}[want] {
			t.Errorf("%s: deadline_passed %q, want %v", rec[0], rec[last], want)
		}
		if want {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d passed, want 2", n)
	}
}

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
