package report

import (
	"strings"
	"testing"

	"github.com/optionspace/optionspace/ui/chart"
)

// TestReportChartScripts: the charts in the report print Japanese and
// Arabic names in the fallback fonts, as the text does: the map page's
// text (its labels and the invest/wait chart's rows) has every character
// and no "?", and an emoji no font has prints as the marker, with the
// character itself as its ActualText.
func TestReportChartScripts(t *testing.T) {
	if !chart.FallbackFonts[0].Load() || !chart.FallbackFonts[1].Load() {
		t.Skip("fonts-dejavu-core and fonts-droid-fallback are not installed (.ci/deps.sh test installs them)")
	}
	p := closedFormPortfolio()
	names := []string{"東京", "مرحبا", "Ελλάδα 🚀"}
	for i := range p.Initiatives {
		p.Initiatives[i].Name = names[i]
	}
	pdf, _ := build(t, Input{Portfolio: p}, Options{Profile: ProfileBoard})
	var space string
	for _, pg := range pages(pdfText(t, pdf)) {
		if strings.Contains(pg, "Invest now or keep the option") {
			space = pg
		}
	}
	if space == "" {
		t.Fatal("no page with the invest/wait chart")
	}
	for _, n := range names {
		for _, r := range n {
			if r != ' ' && !strings.ContainsRune(space, r) {
				t.Errorf("%q: %q is not in the map page's text", n, r)
			}
		}
	}
	if strings.Contains(space, "?") {
		t.Errorf("the map page has a \"?\":\n%s", space)
	}
}
