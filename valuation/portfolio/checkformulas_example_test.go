package portfolio_test

import (
	"fmt"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// An import checks every formula before it stores anything.
func ExampleCheckFormulas() {
	p := &model.Portfolio{
		Drivers: []model.Driver{{Name: "members", Value: 1000, Low: 500, High: 2000}},
		Initiatives: []model.Initiative{
			{Name: "Good", S: model.Formula("members * 10"), X: model.Number(5000), Sigma: model.Number(0.3)},
			{Name: "Bad", S: model.Formula("visitors * 10"), X: model.Formula("1/0"), Sigma: model.Number(0.3)},
		},
	}
	for _, fp := range portfolio.CheckFormulas(p) {
		fmt.Println(p.Initiatives[fp.Index].Name+":", fp.Err)
	}
	// Output:
	// Bad: S = "visitors * 10": unknown name visitors (at character 1 of the formula)
	// Bad: X = "1/0": division by zero: the divisor 0 is 0 (at character 2 of the formula)
}
