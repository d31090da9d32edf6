package portfolio_test

import (
	"fmt"

	"github.com/optionspace/optionspace/valuation/portfolio"
)

func ExampleFundingProblem_Solve() {
	// Three initiatives whose windows close before the next review: a
	// ranking by profitability index funds A first and then has no room.
	fp := &portfolio.FundingProblem{Items: []portfolio.FundingItem{
		{Name: "A", Cost: 60, Fund: 30, Lapses: true},
		{Name: "B", Cost: 50, Fund: 20, Lapses: true},
		{Name: "C", Cost: 50, Fund: 20, Lapses: true},
	}}
	pl, err := fp.Solve(100, portfolio.PlanLimits{})
	if err != nil {
		panic(err)
	}
	g := fp.Greedy(100)
	fmt.Printf("plan: fund %v, spend %.0f, value %.0f, optimal %v\n", pl.Fund, pl.Spent, pl.Value, pl.Optimal)
	fmt.Printf("greedy: fund %v, value %.0f\n", g.Fund, g.Value)
	// Output:
	// plan: fund [1 2], spend 100, value 40, optimal true
	// greedy: fund [0], value 30
}
