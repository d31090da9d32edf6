// Package portfolio values a whole portfolio of linked real options: it
// evaluates the initiatives' formulas over shared drivers, prices each
// initiative with package valuation, adds the value of follow-on options
// that gates create (compound options), counts only the best of each set of
// mutually exclusive initiatives, and compares the total with the static
// NPV of investing in everything now.
//
// # Formulas
//
// An initiative's S, X and sigma are numbers or expressions over the
// portfolio's drivers, compiled with github.com/expr-lang/expr, e.g.
//
//	S = members * value_per_member * 0.6
//
// # Checks and cycles
//
// Formulas are compiled once (cached by source and the drivers they name) and
// checked when valued: syntax errors, unknown drivers, division by zero
// and results out of range (S and X in [0, 1e15], sigma in [0, 3]) each
// give a *FormulaError naming the initiative, the field and the column.
// CheckFormula gives the same message for the UI's inline validation.
//
// Drivers are plain numbers and formulas read only drivers, so the one
// place the dependency graph can close a cycle is gate and follow-on
// links: Evaluate and Engine.SetLink refuse them with a *CycleError that
// names the cycle.
//
// # Pricing and placement
//
// Each initiative is priced once with package valuation
// (RealOption.Value: defer, expand, contract and abandon with early
// exercise by the Andersen-Lake-Offengelt exercise boundary, or on a
// Leisen-Reimer lattice of Options.Steps steps when Steps > 0) and placed
// exactly as valuation.Place places it. Exercise boundaries and
// early-exercise triggers do not depend on S, so they are cached by their
// inputs (t, sigma, r, q; X for triggers): a revaluation after S moved
// costs one price integral per initiative, and the trigger of an option
// just valued is its boundary's value at the deadline.
//
// # Links
//
// A gate or follow-on link A -> B means B can only be exercised after A.
// A's value with follow-ons adds the option on B that exercising A opens,
// valued as a compound option (Geske 1979): a call on a call on S_B (strike
// X_B, expiry t_B) whose first-stage price, paid at t_A, is the part of A's
// investment that A's own cash flows do not recover:
//
//	F_A = S_A exp((r - q_A) t_A)          (A's cash flows at t_A)
//	K1  = max(X_A - F_A, 0)
//	FollowOn(A)      = Geske(S_B, X_B, t_B; K1, t_A)   (= V_B when K1 = 0)
//	WithFollowOns(A) = StandAlone(A) + FollowOn(A)
//
// When B has leakage (q_B > 0) its call may be exercised early and the
// compound has an American second stage (valuation's staged option). When
// K1 = 0 the follow-on is B's own value V_B, whatever B's kind. For a
// staged, put-like or choose B, which has no closed-form option on it, the
// follow-on is max(V_B - K1 exp(-r t_A), 0). When A's deadline falls after
// B's, t_A is taken as t_B and FollowOnNote says so.
//
// The compound is continuous in K1 and falls from B's plain call value (A
// pays for itself, so B is opened for free) towards zero as A's unrecovered
// cost grows. B is then counted inside A's value and not again in the
// portfolio total. With several follow-ons the largest (by S) is
// compounded and the others ride along at their own value; along a chain
// A -> B -> C, C's follow-on value rides along inside B's.
//
// An excludes link puts its two initiatives in one set, of which only the
// one with the highest value with follow-ons counts; the others carry
// ExcludedBy.
//
// # Totals
//
// Over open initiatives that count (not excluded, not counted inside a
// gate): OptionValue is the sum of stand-alone option values, FollowOnValue
// the sum of follow-on values and Total their sum. StaticNPV is the value
// of exercising everything now: the sum of Position.NPV (S - X; e*S - X for
// expand, X - S for abandon, ...) over the open initiatives that are not
// excluded, including those counted inside a gate. Flexibility =
// Total - StaticNPV is what keeping the options open is worth.
//
// # Passed deadlines
//
// A deadline has passed when it is before the as-of date (DeadlinePassed;
// a deadline on the as-of date is due today, not passed). Evaluate sets
// InitiativeResult.DeadlinePassed (and StageDeadlinePassed for a staged
// initiative's stage deadline) once, when it resolves the initiative; T
// (StageT) is then 0. The value is what the engine computes with t = 0 (the
// option exercised or lapsed at once); only the marking is new. Every front
// end shows format.Passed ("passed") where it shows the deadline or t: the
// CLI's value table, CSV (the deadline_passed column) and JSON (the
// deadline_passed and stage_deadline_passed fields), the report's tables
// and pages, and the app's list and inspector. Deadlines marks them
// Deadline.Passed by the same rule; a report dated after its valuation
// (report --now) applies it on its own date.
//
// # What moved, drift, simulation, learning
//
// Engine holds a valuation and revalues only what a change affects
// (SetDriver, SetInput, SetLink), returning an Impact: the initiatives
// that moved with their numbers before and after, largest change first,
// and the portfolio value before and after. Compare gives the same Impact
// for any two valuations (a snapshot valued again by ValueSnapshot, and
// today), so the app, the report and the CLI show one "what moved".
// DriverUsers reads the formulas' syntax trees; Deadlines lists the
// decisions due within DeadlineDays (passed ones marked Passed). Drift
// revalues at later dates with nothing done. Simulate runs correlated geometric Brownian motions to
// the next review (see its documentation). ValueOfInformation ranks the
// drivers by what resolving their uncertainty would be worth.
//
// # Funding plan
//
// NewFundingProblem and FundingProblem.Solve answer "what do we fund at
// this review under a budget B". The review period runs from the as-of
// date to the next review (DefaultPeriodMonths, 6, by default). Each open
// initiative is funded now or kept. Funded, it contributes its value of
// investing now (Position.NPV, S - X for a plain initiative; for a staged
// one the American call left after paying the first stage now, less the
// stage cost) and spends its cost (X, or the stage cost; nothing for
// contract and abandon). Kept, it contributes its option value with
// follow-ons if its deadline (a staged one's stage deadline) is after the
// period's end, and 0 if it falls on or before the period's end (DueBy: a
// deadline on the review day lapses too, since that review is the last that
// can decide it). Excludes:
// at most one of a set is funded, and if none is the set contributes its
// best kept value. Gates and follow-ons A -> B: B can be funded only if A
// is funded in the plan or already invested, and while A is kept B's
// option is counted inside A's value (B contributes 0 itself); funding A
// opens B, which then counts as funded or kept. Invested, abandoned and
// expired initiatives are out of the plan; must-fund and never-fund sets
// fix choices. The plan maximises the total under the budget.
//
// The solver is exact. Initiatives joined by excludes and gates form
// groups; each group's efficient (cost, value) configurations come from a
// dynamic programme over its members whose state is which open gates and
// excludes sets are already used. Choosing one configuration per group is
// a multiple-choice knapsack, solved by depth-first branch and bound with
// the bound of its linear relaxation, computed exactly along the groups'
// upper convex hulls (Sinha and Zoltners 1979; the tests check it against
// gonum's simplex). PlanLimits stop the search early; the Plan then says
// it is not optimal and gives its Bound and Gap. Frontier gives the best
// total at budgets from 0 to MaxUsefulBudget, and Greedy the plan a
// ranking by profitability index (S / X) would fund, to show the difference.
package portfolio
