package model

// SetDriverLabel is the history label of the action that sets driver name
// to v, the one the app and the CLI both record ("Set driver members to
// 150000"), so that the shared undo history reads alike whichever made
// it. The value is written exactly (CSVNumber), as it was typed.
func SetDriverLabel(name string, v float64) string {
	return "Set driver " + name + " to " + CSVNumber(v)
}
