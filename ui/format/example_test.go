package format_test

import (
	"fmt"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/ui/format"
	"github.com/optionspace/optionspace/valuation"
)

func Example() {
	f := format.New("EUR", format.Compact)
	fmt.Println(f.Money(12345), f.Money(950.5), f.Signed(-2.4e6))
	f.Numbers = format.Full
	fmt.Println(f.Money(12345), f.Money(950.5), f.Amount(12.5))
	fmt.Println(format.Percent(0.125), format.Ratio(1.234))
	fmt.Println(format.Date(model.NewDate(2026, time.November, 23)))
	fmt.Println(format.RegionTitle(valuation.RegionMaybeLater))
	// Output:
	// €12.3k €951 -€2.4M
	// €12,345 €951 12.50
	// 12.5% 1.23
	// 2026-11-23
	// Region 4 · maybe later
}
