package format

import "testing"

func TestExerciseBand(t *testing.T) {
	got := ExerciseBand(129319, 444757, func(v float64) string { return MoneyCompact(v, "EUR") })
	if want := "€129k to €445k (exercise band: invest now only between the two; waiting pays below and above)"; got != want {
		t.Errorf("ExerciseBand = %q, want %q", got, want)
	}
}
