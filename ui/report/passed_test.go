package report

import (
	"bytes"
	"encoding/csv"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

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
	last := len(recs[0]) - 1
	if recs[0][last] != "deadline_passed" || recs[0][last-1] != "sigma_origin" {
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
