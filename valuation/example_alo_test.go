package valuation_test

import (
	"fmt"

	"github.com/optionspace/optionspace/valuation"
)

func ExampleALOValue() {
	// The American put of Longstaff and Schwartz (2001), Table 1, first
	// row: 4.486674 by QuantLib 1.29's QdFpAmericanEngine.
	in := valuation.Inputs{S: 36, X: 40, T: 1, Sigma: 0.2, R: 0.06}
	v, _ := valuation.ALOValue(valuation.Put, in, valuation.ALOAccurate)
	fmt.Printf("%.6f\n", v)
	// Output: 4.486674
}

func ExampleTrigger() {
	// Invest now when S reaches S*: the exercise boundary at tau = t
	// (205.90 to two decimals by an independent Crank-Nicolson solver).
	in := valuation.Inputs{X: 100, T: 0.25, Sigma: 0.1, R: 0.08, Q: 0.04}
	s, _ := valuation.Trigger(in)
	fmt.Printf("S* = %.3f\n", s)
	// Output: S* = 205.895
}

func ExampleALOBoundary() {
	// With sigma = 0 the trigger is X max(1, r/q).
	in := valuation.Inputs{X: 100, T: 5, R: 0.10, Q: 0.05}
	s, _ := valuation.ALOBoundary(valuation.Call, in, valuation.ALOStandard)
	fmt.Println(s)
	// Output: 200
}
