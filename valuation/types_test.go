package valuation

import "testing"

// TestEnumStrings: each enumeration's values by name, and a value out of
// it by its type and number.
func TestEnumStrings(t *testing.T) {
	for _, c := range []struct {
		v    interface{ String() string }
		want string
	}{
		{Call, "call"}, {Put, "put"}, {OptionType(2), "OptionType(2)"}, {OptionType(-1), "OptionType(-1)"},
		{European, "european"}, {American, "american"}, {Style(7), "Style(7)"},
		{Discrete, "discrete"}, {Continuous, "continuous"}, {Discounting(2), "Discounting(2)"},
	} {
		if got := c.v.String(); got != c.want {
			t.Errorf("String() = %q, want %q", got, c.want)
		}
	}
}
