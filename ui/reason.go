package ui

import (
	"fmt"
	"math"

	"github.com/optionspace/optionspace/valuation"
)

// regionReason is the one line saying why pos is in its region, built from
// the position's numbers with the app's money formatter m, so amounts read
// "280k" or "280,000" as the preferences say (valuation's own Reason is
// formatted for logs). The rules are valuation.RegionOf's, with the
// thresholds th.
func regionReason(pos valuation.Position, th valuation.Thresholds, m func(float64) string) string {
	switch pos.Region {
	case valuation.RegionMaybeLater, valuation.RegionProbablyNever, valuation.RegionNever:
		return fmt.Sprintf("NPVq %s <= 1, C/S %s (4 from %s, 5 from %s)",
			ratio(pos.NPVq), percent(pos.CallShare), percent(th.MaybeLater), percent(th.ProbablyNever))
	case valuation.RegionProbablyLater:
		return fmt.Sprintf("NPVq %s > 1 but NPV %s <= 0", ratio(pos.NPVq), m(pos.NPV))
	}
	trig := "trigger: none"
	if !math.IsInf(pos.Trigger, 1) && !(pos.PutLike && pos.Trigger == 0) {
		trig = "trigger " + m(pos.Trigger)
	}
	cmp, base := "below", pos.Underlying
	atTrigger := pos.Underlying >= pos.Trigger
	if pos.PutLike {
		cmp, base = "above", pos.Cost
		atTrigger = pos.Underlying <= pos.Trigger
	}
	share := 0.0
	if tv := math.Max(pos.Value-pos.NPV, 0); tv > 0 {
		share = tv / base
	}
	if pos.Region == valuation.RegionInvestNow {
		if atTrigger {
			return fmt.Sprintf("NPV %s > 0 and underlying %s at or beyond the %s: invest now beats waiting", m(pos.NPV), m(pos.Underlying), trig)
		}
		return fmt.Sprintf("NPV %s > 0 and time value %.2f%% <= %.2f%% (%s)", m(pos.NPV), 100*share, 100*th.InvestNowPremium, trig)
	}
	return fmt.Sprintf("NPV %s > 0 but waiting is worth %.2f%% more (> %.2f%%); underlying %s %s the %s",
		m(pos.NPV), 100*share, 100*th.InvestNowPremium, m(pos.Underlying), cmp, trig)
}
