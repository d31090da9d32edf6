package portfolio

// RelaxedBoundForTest exposes relaxedBound to the external tests.
func RelaxedBoundForTest(fp *FundingProblem, budget float64) float64 { return fp.relaxedBound(budget) }
