package format

// ExerciseBand writes the exercise band of an option with two exercise
// boundaries (negative rates: a call with r < q < 0, a put with
// q < r < 0; Battauz, De Donno and Sbuelz 2015), lo to hi with the
// amounts as m formats them, and what it means: investing now pays only
// for S between the two; below and above waiting pays. The inspector and
// the CLI's space print it so (the report's Trigger row, narrow, prints
// the two amounts alone).
func ExerciseBand(lo, hi float64, m func(float64) string) string {
	return m(lo) + " to " + m(hi) + " (exercise band: invest now only between the two; waiting pays below and above)"
}
