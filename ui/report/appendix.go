package report

// The method appendix.

import (
	"fmt"
	"sort"
	"strings"

	"github.com/optionspace/optionspace/valuation"
)

// methodSection writes the method appendix.
func (w *writer) methodSection(d *reportData) {
	w.sectionPage(secMethod, titleMethod, false)
	st := d.p.Settings
	th := st.Thresholds
	disc := "discrete (Luehrman): the rate r is an annual effective rate and PV(X) = X / (1 + r)^t"
	if st.Discounting == valuation.Continuous {
		disc = "continuous: the rate r is continuously compounded and PV(X) = X · e^(−r t)"
	}
	w.h2("The option space", 3*leadBody)
	w.paragraph("Every initiative is a real option: the right, not the obligation, to invest X (the exercise price) to receive the present value S of its cash flows, until its decision deadline t years from the valuation date. σ is the volatility of S per year, r the risk-free rate and q the value that leaks away per year while waiting (competitors, forgone cash flow).", 0)
	w.paragraph("Two numbers place every option on one map (Luehrman, \"Strategy as a Portfolio of Real Options\", HBR 1998): value-to-cost NPVq = S / PV(X) and cumulative volatility σ√t. For a European call without leakage they give the option value as a share of S alone: C/S = N(d1) − N(d2) / NPVq, with d1 = ln(NPVq) / (σ√t) + (σ√t) / 2 and d2 = d1 − σ√t.", 0)
	w.h2("Discounting", 2*leadBody)
	w.paragraph(fmt.Sprintf("This portfolio uses %s. The rate is %s. Every option value, NPVq and the NPV = 0 boundary use this one convention; the pricing engine works with the equivalent continuous rate rc = ln(1 + r), so X · e^(−rc t) = X / (1 + r)^t.",
		disc, formatPercent(st.RiskFree, 2)), 0)
	w.h2("Regions and their thresholds", 7*rowHeight)
	rows := [][]string{
		{"1  invest now", fmt.Sprintf("NPVq > 1, NPV = S − X > 0 and little option value left: S at or above the early-exercise trigger S*, or the time value C − (S − X) at most %s of S", formatPercent(th.InvestNowPremium, 1))},
		{"2  maybe now", "NPV > 0 but waiting is worth more than the threshold above; invest early only when leakage outweighs the premium"},
		{"3  probably later", "NPVq > 1 but NPV ≤ 0 (the boundary NPV = 0 is the curve NPVq = (1 + r)^t)"},
		{"4  maybe later", fmt.Sprintf("NPVq ≤ 1 and C/S ≥ %s", formatPercent(th.MaybeLater, 1))},
		{"5  probably never", fmt.Sprintf("NPVq ≤ 1 and %s ≤ C/S < %s", formatPercent(th.ProbablyNever, 1), formatPercent(th.MaybeLater, 1))},
		{"6  never", fmt.Sprintf("NPVq ≤ 1 and C/S < %s", formatPercent(th.ProbablyNever, 1))},
	}
	w.tableWrapped([]column{{"Region", 1.4, false, false}, {"Rule", 5, false, false}}, rows, func(i int) (rgb, bool) { return d.regionSwatch(valuation.Region(i + 1)) })
	w.paragraph("Abandon and contract options are puts: they use the mirrored metric NPVq = PV(X) / S (what is received over what is given up) and NPV = X − S, so the same regions read the same way. Staged options count the whole investment, X plus the stage cost.", 0)

	w.h2("Pricing methods", 3*rowHeight)
	w.paragraph(fmt.Sprintf("Defer and expand options (calls) are priced with Black-Scholes-Merton when nothing leaks (q ≤ 0 and r ≥ 0: early exercise never pays), otherwise as American options by the Andersen-Lake-Offengelt exercise boundary (2016; a Leisen-Reimer lattice where there are two boundaries); abandon and contract options (puts) with Black-Scholes-Merton when r ≤ 0 and q ≥ 0, otherwise as American puts by the same method; early-exercise triggers are that boundary at the deadline; choose options on one binomial lattice whose last step is the Black-Scholes-Merton value (Broadie and Detemple), %d and %d steps with Richardson extrapolation, never below a component valued alone; staged options as compound options, with Geske's closed form (1979) when nothing leaks, else the expectation at the stage date of the American second stage valued by the same exercise boundary (a compound lattice where that method does not apply). Each initiative's page names the method behind its number.", valuation.ChooseSteps, valuation.ChooseSteps/2), 0)
	count := map[string]int{}
	for i := range d.v.Initiatives {
		r := &d.v.Initiatives[i]
		if r.Err == nil && r.Position.Method != "" {
			count[r.Position.Method]++
		}
	}
	methods := make([]string, 0, len(count))
	for m := range count {
		methods = append(methods, m)
	}
	sort.Strings(methods)
	mrows := make([][]string, 0, len(methods))
	for _, m := range methods {
		mrows = append(mrows, []string{m, fmt.Sprint(count[m])})
	}
	if len(mrows) > 0 {
		w.table([]column{{"Method", 5, false, false}, {"Initiatives", 1, true, false}}, mrows, nil)
	}
	w.h2("Portfolio totals and links", 3*leadBody)
	w.paragraph("A gate or follow-on link A → B means B can only be exercised after A; A's value then includes the option on B it opens, valued as a compound option, and B is not counted again. Of mutually exclusive initiatives only the most valuable counts. The value with options is the sum over the open initiatives that count; the static NPV is the sum of S − X of the same initiatives (investing in everything now); their difference is the value of flexibility.", 0)
	w.paragraph(fmt.Sprintf("Each initiative's sensitivity chart shows its option value with one input at a time at a low and a high value, the others unchanged: S, X, t and σ 20%% lower and higher, r and q 2 points lower and higher, around the value on its page. For a choose option each bar end is that value plus the change on a lattice of %d steps instead of %d (the change on the coarser lattice, tested within 1%% of the chart's widest bar of the full lattice's value).",
		valuation.TornadoChooseSteps, valuation.ChooseSteps), 0)
	w.paragraph(fmt.Sprintf("Driver sensitivities re-value the whole portfolio with one driver at its low and its high value. Deadlines are counted from %s.", formatLongDate(d.now)), 0)
	w.paragraph("The simulation to the next review draws the underlyings S as correlated geometric Brownian motions under the risk-neutral measure (correlations from synergy links) and values each initiative at the review with the time it has left. An option that can pay to exercise early (a call with leakage, a put with a positive rate) is exercised when S first reaches its exercise boundary S*, the trigger at the time left: the boundary is checked at 6 dates a year, spaced more closely towards the end, with 6 more before a deadline that falls before the review, and between dates by the Brownian-bridge probability of crossing it (the boundary log-linear in between); the exercise value is then carried to the review at r. Staged and choose options are not exercised before the review. A gate's follow-on counts at the review as in the portfolio value: the gated initiative contributes the compound option its gate opens, valued in its own S with the gate's unrecovered cost at the gate's forward value (the gate's own uncertainty in that cost is not simulated), and is not counted again. A gate whose deadline falls before the review decides at its deadline, on the gated initiative's value then: the gated initiative lapses with it, or counts from then on less the gate's cost (where it can pay to exercise early, its value at the gate's deadline is carried to the review, so its spread after that date is left out). So at any horizon the mean discounted to today is the portfolio value, up to the small bias of the grids and of the boundary's monitoring.", 0)
	w.h2("Fonts and characters", 2*leadBody)
	w.paragraph("Text is set in Liberation Sans (Latin, Greek, Cyrillic), with DejaVu Sans (Arabic, Hebrew, symbols) and Droid Sans Fallback (Chinese, Japanese, Korean) where installed, each embedded as a subset; right-to-left text is printed in display order (Unicode bidirectional algorithm).", 0)
	if miss := w.missingList(); len(miss) > 0 {
		w.paragraph(fmt.Sprintf("%d characters have no glyph in the embedded fonts and print as \"%s\" (copying the text gives the character back): %s.", len(miss), marker, strings.Join(miss, ", ")), 0)
	} else {
		w.paragraph("Every character of the report is in the embedded fonts.", 0)
	}
}
