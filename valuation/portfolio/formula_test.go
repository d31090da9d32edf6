package portfolio

import (
	"strings"
	"testing"
)

// TestCompiledFormulaSharing: the compiled-formula cache gives the program
// compiled against the drivers a formula names, whatever other drivers the
// portfolio has, and never a program compiled against other ones: after
// "a * b" compiled where a and b are drivers, a portfolio without b is
// told b is unknown, and one with more drivers shares the program and
// runs it on its own values.
func TestCompiledFormulaSharing(t *testing.T) {
	programs.reset()
	const src = "a * b + a"
	first, err := compileFormula(src, map[string]float64{"a": 2, "b": 3})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := compileFormula(src, map[string]float64{"a": 2, "c": 3}); err == nil || !strings.Contains(err.Error(), "unknown name b") {
		t.Errorf("without driver b: error %v, want unknown name b", err)
	}
	more := map[string]float64{"a": 7, "b": 11, "c": 1, "d": 5}
	shared, err := compileFormula(src, more)
	if err != nil {
		t.Fatal(err)
	}
	if shared != first {
		t.Error("a portfolio with more drivers compiled the formula again instead of sharing it")
	}
	if v, err := evalFormula(shared, more, "", "S", src); err != nil || v != 7*11+7 {
		t.Errorf("value %v (%v), want %v", v, err, 7*11+7)
	}
	if v, err := evalFormula(first, map[string]float64{"a": 2, "b": 3}, "", "S", src); err != nil || v != 2*3+2 {
		t.Errorf("value %v (%v), want %v", v, err, 2*3+2)
	}
	// A name that is a driver in one portfolio and not in another is a
	// different compilation: here c is a driver, then it is unknown.
	if _, err := compileFormula("c * 2", more); err != nil {
		t.Fatal(err)
	}
	if _, err := compileFormula("c * 2", map[string]float64{"a": 1}); err == nil {
		t.Error("c * 2 compiled where c is no driver")
	}
}

// TestFormulaDriversCached: the drivers a formula names follow the
// portfolio's drivers though the lists are cached: a name that is a driver
// in one portfolio and not in another is listed in the first only, also
// an identifier with $ (one identifier for expr, "a$b" here, though no
// valid driver name has one).
func TestFormulaDriversCached(t *testing.T) {
	driverLists.reset()
	for _, c := range []struct {
		src  string
		env  map[string]float64
		want string
	}{
		{"a * b + a", map[string]float64{"a": 1, "b": 2}, "a,b"},
		{"a * b + a", map[string]float64{"a": 1}, "a"},
		{"a * b + a", map[string]float64{"a": 1, "b": 2, "c": 3}, "a,b"},
		{"a * b + a", map[string]float64{"b": 2}, "b"},
		{"a$b + a", map[string]float64{"a": 1}, "a"},
		{"a$b + a", map[string]float64{"a": 1, "a$b": 2}, "a$b,a"},
		{"a$b + a", map[string]float64{"a": 1}, "a"},
		{"a * (b", map[string]float64{"a": 1, "b": 2}, ""},
	} {
		for range 2 { // computed, then from the cache
			if got := strings.Join(formulaDrivers(c.src, c.env), ","); got != c.want {
				t.Errorf("formulaDrivers(%q) with %v = %q, want %q", c.src, c.env, got, c.want)
			}
		}
	}
}
