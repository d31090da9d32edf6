package valuation_test

import (
	"fmt"

	"github.com/optionspace/optionspace/valuation"
)

func ExampleBlackScholes() {
	// Hull, Options, Futures and Other Derivatives, example 15.6.
	in := valuation.Inputs{S: 42, X: 40, T: 0.5, Sigma: 0.2, R: 0.10}
	c, _ := valuation.BlackScholes(valuation.Call, in)
	p, _ := valuation.BlackScholes(valuation.Put, in)
	fmt.Printf("call %.4f put %.4f\n", c, p)
	// Output: call 4.7594 put 0.8086
}

func ExampleLeisenReimer() {
	in := valuation.Inputs{S: 36, X: 40, T: 1, Sigma: 0.2, R: 0.06}
	r, _ := valuation.LeisenReimer(valuation.Put, valuation.American, in, 1000)
	fmt.Printf("%.3f by %s\n", r.Value, r.Method)
	// Output: 4.486 by Leisen-Reimer (1001 steps)
}

func ExampleCallShare() {
	// Luehrman (1998) table of call values: NPVq 1.00 and cumulative volatility 0.50 give C/S = 19.7%.
	fmt.Printf("%.1f%%\n", 100*valuation.CallShare(1.0, 0.5))
	// Output: 19.7%
}

func ExamplePlace() {
	o := valuation.RealOption{
		Kind:   valuation.Defer,
		Inputs: valuation.Inputs{S: 80, X: 100, T: 1, Sigma: 0.3},
	}
	p, _ := valuation.Place(o, valuation.DefaultThresholds())
	fmt.Printf("NPVq %.2f, cumulative volatility %.2f: region %d (%s)\n", p.NPVq, p.CumVol, p.Region, p.Region)
	// Output: NPVq 0.80, cumulative volatility 0.30: region 5 (probably never)
}

func ExampleRealOption_Value() {
	// A pilot costing 50 in three months gates a rollout costing 520 in six.
	o := valuation.RealOption{
		Kind:      valuation.Staged,
		Inputs:    valuation.Inputs{S: 500, X: 520, T: 0.5, Sigma: 0.35, R: 0.08},
		StageCost: 50,
		StageT:    0.25,
	}
	r, _ := o.Value()
	fmt.Printf("%.4f by %s\n", r.Value, r.Method)
	// Output: 20.1371 by Geske compound (closed form)
}
