package valuation_test

import (
	"fmt"
	"math"

	"github.com/optionspace/optionspace/valuation"
)

func ExampleRegionsAt() {
	// One initiative's paths at the horizon share sigma*sqrt(t): classify
	// them against bounds computed once, without CallShare per path.
	th := valuation.DefaultThresholds()
	c := valuation.RegionsAt(0.3, th)
	for _, q := range []float64{0.5, 0.8, 0.98, 1.2} {
		p := valuation.Position{NPVq: q, CumVol: 0.3, NPV: q - 1, Value: q - 0.95, Underlying: q, Cost: 1, Trigger: math.Inf(1)}
		fmt.Printf("NPVq %.2f: region %d (RegionOf %d)\n", q, c.Of(p), valuation.RegionOf(p, th))
	}
	// Output:
	// NPVq 0.50: region 6 (RegionOf 6)
	// NPVq 0.80: region 5 (RegionOf 5)
	// NPVq 0.98: region 4 (RegionOf 4)
	// NPVq 1.20: region 2 (RegionOf 2)
}
