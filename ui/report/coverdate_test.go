package report

import (
	"strings"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// TestCoverDatedLater: a report dated after the valuation's as-of date
// names both dates on its cover's paragraph: the values are the
// valuation's ("Valued as of 1 October 2026"), what to fund and the
// deadlines are on the report's date, as the rest of the report counts
// them. It opened "As of 1 October 2026 the portfolio holds ...", then
// counted the deadlines from the report's date without saying so. A
// report dated on the as-of date keeps the one date.
func TestCoverDatedLater(t *testing.T) {
	p := modeltest.Sample(t)
	asOf := formatLongDate(p.AsOf)
	later := model.NewDate(2027, time.April, 2)
	if !later.After(p.AsOf.Time) {
		t.Fatalf("the sample's as-of date %s is not before %s", asOf, formatLongDate(later))
	}
	pdf, _ := build(t, Input{Portfolio: p}, Options{Now: later})
	para := coverParagraph(t, squash(pdfText(t, pdf)))
	for _, want := range []string{
		"Valued as of " + asOf + ", the portfolio holds ",
		"if everything were decided on " + asOf + ":",
		"On the report's date, 2 April 2027: fund ",
	} {
		if !strings.Contains(para, want) {
			t.Errorf("cover dated %s: want %q in %q", formatLongDate(later), want, para)
		}
	}
	if strings.Contains(para, "As of "+asOf+" the portfolio") || strings.Contains(para, "decided today") {
		t.Errorf("cover dated later still speaks of the as-of date alone: %q", para)
	}

	pdf, _ = build(t, Input{Portfolio: p}, Options{})
	para = coverParagraph(t, squash(pdfText(t, pdf)))
	if !strings.Contains(para, "As of "+asOf+" the portfolio holds ") || !strings.Contains(para, "decided today") || strings.Contains(para, "report's date") {
		t.Errorf("cover dated on the as-of date: %q", para)
	}
}

// coverParagraph returns the cover's "In one paragraph" text, up to the
// "Prepared with" line or the portfolio's description.
func coverParagraph(t *testing.T, txt string) string {
	t.Helper()
	_, after, ok := strings.Cut(txt, "In one paragraph")
	if !ok {
		t.Fatalf("no cover paragraph in %q", txt[:min(len(txt), 400)])
	}
	if i := strings.Index(after, "Prepared with"); i >= 0 {
		after = after[:i]
	}
	return after
}
