package report

import (
	"strings"
	"testing"

	"github.com/optionspace/optionspace/valuation/portfolio"
)

// TestKeptLapsePhrase: the funding paragraph's counts take the singular
// for one ("1 lapses because its window closes", was "1 lapse because
// their window closes") and the plural otherwise.
func TestKeptLapsePhrase(t *testing.T) {
	for _, c := range []struct {
		kept, lapse int
		want        string
	}{
		{1, 1, "1 initiative is kept open and 1 lapses because its window closes on or before the next review"},
		{0, 0, "0 initiatives are kept open and 0 lapse because their windows close on or before the next review"},
		{3, 2, "3 initiatives are kept open and 2 lapse because their windows close on or before the next review"},
		{1200, 1000, "1,200 initiatives are kept open and 1,000 lapse because their windows close on or before the next review"},
	} {
		if got := keptLapsePhrase(c.kept, c.lapse); got != c.want {
			t.Errorf("kept %d, lapse %d: %q, want %q", c.kept, c.lapse, got, c.want)
		}
	}
}

// TestFundingParagraphCounts: the report's funding paragraph gives the
// plan's counts (from portfolio.PlanFunding) in the words of
// keptLapsePhrase.
func TestFundingParagraphCounts(t *testing.T) {
	p := membersSample(t)
	opt := portfolio.FundingOptions{Never: []string{"Customer community pilot"}}
	v, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	r, err := portfolio.PlanFunding(p, v, opt, 2e6, 0, portfolio.PlanLimits{})
	if err != nil {
		t.Fatal(err)
	}
	pl := r.Plan
	want := keptLapsePhrase(len(pl.Keep)-len(pl.GateLapse), len(pl.Lapse))
	pdf, _ := build(t, Input{Portfolio: p, Funding: &Funding{Budget: 2e6, Never: opt.Never}}, Options{Profile: ProfileBoard})
	txt := squash(pdfText(t, pdf))
	if !strings.Contains(txt, want) {
		i := max(strings.Index(txt, "Fund "), 0)
		t.Errorf("the funding paragraph does not say %q:\n%.1200s", want, txt[i:])
	}
}
