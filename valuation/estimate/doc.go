// Package estimate turns a strategist's business assumptions into the two
// inputs of a real option that are hardest to type by hand: the present
// value of the cash flows S and their volatility σ. It offers three ways.
//
// # From a cash-flow model
//
// A small yearly model (CashFlowModel): a horizon of N years, a
// risk-adjusted discount rate k, and lines whose amounts are formulas over
// the portfolio's drivers and `year` (expr-lang/expr, like the S, X and σ
// formulas). The net cash flow of year y is the sum of the lines; flows fall
// at the end of each year and are discounted by (1+k)^y. Drivers may carry
// an uncertainty: a process that evolves yearly (geometric Brownian motion,
// D_y = D_{y-1}·exp(m − s²/2 + s·Z)), or a value revealed during the first
// year drawn from a distribution (normal, lognormal, triangular, uniform,
// PERT) and fixed from then on.
//
// S is the expected present value of the net flows, PV₀, estimated by Monte
// Carlo with its standard error. σ is the standard deviation of the one-year
// return
//
//	z = ln((PV₁ + CF₁) / PV₀)
//
// where CF₁ is the first year's flow and PV₁ the value at year 1 of the
// remaining flows *given what is known at year 1*: the conditional
// expectation E[Σ_{y≥2} CF_y/(1+k)^{y−1} | state at year 1], as in Brandão,
// Dyer and Hahn (2005), "Using binomial decision trees to solve real-option
// valuation problems", Decision Analysis 2(2), and Godinho (2006), "Monte
// Carlo estimation of project volatility for real options analysis", Journal
// of Applied Finance 16(1). The conditional expectation is computed by
// projecting each driver to its expected path given its year-1 value (a GBM
// driver grows by e^m a year in expectation; a revealed driver stays at its
// drawn value) and evaluating the lines on that path. This is exact when
// every line is affine in each driver separately (sums and products of
// independent drivers, as business models usually are); for a line that is
// non-linear in one uncertain driver (say D²) it is a first-order
// approximation, which the method string says.
//
// The "naive" estimate of Copeland and Antikarov (2001), which uses the
// value of one sampled future path as PV₁, is reported beside it: it adds
// the variance of every later year to the first year's and so overstates σ
// (Smith 2005; Godinho 2006). The corrected σ is the one used.
//
// Paths are drawn in fixed blocks, each with its own seeded source, and
// combined in block order, so the same seed gives the same numbers on any
// number of cores.
//
// # From a history
//
// History takes dated values of a proxy (a comparable business's revenue, an
// index, a price) and returns σ of the log returns annualised by the dates'
// actual spacing, σ² = (1/(n−1)) Σ (r_i − μ̂ Δt_i)² / Δt_i with
// μ̂ = Σ r_i / Σ Δt_i, its standard error σ/√(2(n−1)), and the RiskMetrics
// EWMA estimate with λ = 0.94 (J.P. Morgan/Reuters, RiskMetrics Technical
// Document, 1996) over the returns scaled to a year.
//
// # From an expert's range
//
// ThreePoint reads a pessimistic, likely and optimistic value of S at a
// horizon T as the 10th, 50th and 90th percentiles of a lognormal:
// σ = (ln P90 − ln P10) / (2 · 1.2816 · √T); ThreePointMean is that
// lognormal's expected value P50 · exp(σ²T/2), whose present value is S
// (ThreePointMedian, √(P10·P90), tells whether P50 fits the same
// lognormal). DatarMathews gives the
// Datar–Mathews value of the same three points (Datar and Mathews 2004,
// "European real options: an intuitive algorithm for the Black-Scholes
// formula", Journal of Applied Finance 14(1)): E[max(V − X, 0)] over the
// triangular distribution of V, discounted, in closed form.
package estimate
