package format

import (
	"math"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
)

func TestMoney(t *testing.T) {
	inf := math.Inf(1)
	for _, c := range []struct {
		v             float64
		cur           string
		compact, full string
	}{
		// The two amounts the issue names print alike everywhere.
		{12345, "EUR", "€12.3k", "€12,345"},
		{950.5, "EUR", "€951", "€951"},
		{949.5, "", "950", "950"}, // half away from zero, not to even
		{0, "EUR", "€0", "€0"},
		{-0.001, "EUR", "€0", "€0"},               // no "-0"
		{math.Copysign(0, -1), "EUR", "€0", "€0"}, // IEEE -0 (a theta of -0): compact printed "€-0"
		{0.25, "USD", "$0.25", "$0.25"},
		{12.5, "GBP", "£13", "£12.50"},
		{99.999, "", "100", "100"},
		{999.4, "", "999", "999"},
		{999.5, "", "1k", "1,000"}, // rounds up into the next suffix
		{1234, "", "1.23k", "1,234"},
		{197413, "EUR", "€197k", "€197,413"},
		{-2.4e6, "EUR", "-€2.4M", "-€2,400,000"},
		{1.25e9, "JPY", "¥1.25B", "¥1,250,000,000"},
		{3e12, "", "3T", "3,000,000,000,000"},
		{1500, "CHF", "CHF 1.5k", "CHF 1,500"},
		{1500, "€", "€1.5k", "€1,500"},
		{1500, " usd ", "$1.5k", "$1,500"},
		{math.NaN(), "EUR", Dash, Dash},
		{inf, "EUR", "∞", "∞"},
		{-inf, "EUR", "-∞", "-∞"},
	} {
		if got := MoneyCompact(c.v, c.cur); got != c.compact {
			t.Errorf("MoneyCompact(%v, %q) = %q, want %q", c.v, c.cur, got, c.compact)
		}
		if got := MoneyFull(c.v, c.cur); got != c.full {
			t.Errorf("MoneyFull(%v, %q) = %q, want %q", c.v, c.cur, got, c.full)
		}
		if got := New(c.cur, Compact).Money(c.v); got != c.compact {
			t.Errorf("compact Formatter(%q).Money(%v) = %q, want %q", c.cur, c.v, got, c.compact)
		}
		if got := New(c.cur, Full).Money(c.v); got != c.full {
			t.Errorf("full Formatter(%q).Money(%v) = %q, want %q", c.cur, c.v, got, c.full)
		}
	}
}

func TestFormatterDefaultsAndAmount(t *testing.T) {
	var zero Formatter
	if got := zero.Money(12345); got != "12.3k" {
		t.Errorf("zero Formatter: %q, want 12.3k", got)
	}
	if got := New("EUR", "bogus").Money(12345); got != "€12.3k" {
		t.Errorf("unknown number format: %q, want compact €12.3k", got)
	}
	if got := New("EUR", Full).Amount(12345); got != "12,345" {
		t.Errorf("Amount: %q, want 12,345", got)
	}
	f := New("EUR", Compact)
	for v, want := range map[float64]string{1200: "+€1.2k", -300: "-€300", 0: "€0", 0.001: "€0", math.NaN(): Dash} {
		if got := f.Signed(v); got != want {
			t.Errorf("Signed(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestNumbers(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{Percent(0.25), "25.0%"},
		{Percent(-0.0001), "0.0%"},
		{PercentN(0.12345, 2), "12.35%"},
		{Percent(math.NaN()), Dash},
		{Ratio(1.005), "1.00"}, // 1.005 is just below in binary
		{Ratio(1.25), "1.25"},
		{Ratio(math.Inf(1)), "∞"},
		{Float(-0.0004, 3), "0.000"},
		{Float(-0.4, 0), "0"},
		{Float(-1.5, 1), "-1.5"},
		{Years(2.5), "2.50 y"},
		{Years(math.NaN()), Dash},
		{TrimZeros("1.50"), "1.5"},
		{TrimZeros("2.00"), "2"},
		{TrimZeros("100"), "100"},
		{Group(-1234567), "-1,234,567"},
		{Group(999), "999"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestDates(t *testing.T) {
	d := model.NewDate(2026, time.November, 3)
	if got := Date(d); got != "2026-11-03" {
		t.Errorf("Date = %q", got)
	}
	if got := LongDate(d); got != "3 November 2026" {
		t.Errorf("LongDate = %q", got)
	}
	if Date(model.Date{}) != Dash || LongDate(model.Date{}) != Dash {
		t.Error("zero date should print as a dash")
	}
	for _, s := range []string{"2026-11-03", " 2026-11-03 ", "3 Nov 2026", "3 November 2026"} {
		got, err := ParseDate(s)
		if err != nil || !got.Equal(d.Time) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", s, got, err, d)
		}
	}
	for _, s := range []string{"", "2026-13-01", "11/03/2026", "tomorrow"} {
		if _, err := ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q): want an error", s)
		}
	}
	// What Date prints, ParseDate reads back.
	if back, err := ParseDate(Date(d)); err != nil || !back.Equal(d.Time) {
		t.Errorf("round trip: %v, %v", back, err)
	}
	for n, want := range map[int]string{0: "today", 1: "tomorrow", 12: "in 12 days", -1: "passed yesterday", -3: "passed 3 days ago"} {
		if got := Days(n); got != want {
			t.Errorf("Days(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestRegions(t *testing.T) {
	if got := Region(valuation.RegionInvestNow); got != "1 invest now" {
		t.Errorf("Region(1) = %q", got)
	}
	if got := RegionTitle(valuation.RegionNever); got != "Region 6 · never" {
		t.Errorf("RegionTitle(6) = %q", got)
	}
	if got := RegionName(valuation.RegionMaybeLater); got != "maybe later" {
		t.Errorf("RegionName(4) = %q", got)
	}
	for r, want := range map[valuation.Region]string{1: "invest now", 2: "maybe now", 3: "prob. later", 4: "maybe later", 5: "prob. never", 6: "never"} {
		if got := RegionShort(r); got != want {
			t.Errorf("RegionShort(%d) = %q, want %q", r, got, want)
		}
	}
	for _, r := range []valuation.Region{0, 7, -1} {
		if Region(r) != Dash || RegionTitle(r) != Dash {
			t.Errorf("region %d should print as a dash", r)
		}
	}
}

func FuzzMoneyCompact(f *testing.F) {
	for _, v := range []float64{0, 950.5, 12345, -2.4e6, 999.5, 0.004, 1e15} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v float64) {
		s := MoneyCompact(v, "EUR")
		if s == "" || (finite(v) && s == Dash) {
			t.Fatalf("MoneyCompact(%v) = %q", v, s)
		}
		if finite(v) && math.Abs(v) < 1e15 && len([]rune(s)) > 8 {
			t.Fatalf("MoneyCompact(%v) = %q: longer than 8 characters", v, s)
		}
	})
}

func TestUnits(t *testing.T) {
	if got := Units(" EUR "); got != "EUR" {
		t.Errorf("Units(EUR) = %q", got)
	}
	if got := Units(""); got != "unnamed units" {
		t.Errorf("Units(blank) = %q", got)
	}
}

func TestCount(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{{0, "0 open initiatives"}, {1, "1 open initiative"}, {2, "2 open initiatives"}, {12, "12 open initiatives"}, {12345, "12,345 open initiatives"}} {
		if got := Count(c.n, "open initiative", "open initiatives"); got != c.want {
			t.Errorf("Count(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}

func TestDaysLeftAndTimeLeft(t *testing.T) {
	for n, want := range map[int]string{-61: "passed", -1: "passed", 0: "today", 1: "1 day", 12: "12 days", 1234: "1,234 days"} {
		if got := DaysLeft(n); got != want {
			t.Errorf("DaysLeft(%d) = %q, want %q", n, got, want)
		}
	}
	if got := TimeLeft(0, true); got != "passed" {
		t.Errorf("TimeLeft(0, passed) = %q", got)
	}
	if got := TimeLeft(0, false); got != "0.00" {
		t.Errorf("TimeLeft(0) = %q", got)
	}
	if got := TimeLeft(1.5, false); got != "1.50" {
		t.Errorf("TimeLeft(1.5) = %q", got)
	}
}

func TestYearsLeftAndDeadline(t *testing.T) {
	d := model.NewDate(2025, time.December, 1)
	for _, c := range []struct{ got, want string }{
		{YearsLeft(2.5, false), "2.50 y"},
		{YearsLeft(0, true), "passed"},
		{Deadline(d, false), "2025-12-01"},
		{Deadline(d, true), "2025-12-01 (passed)"},
		{Deadline(model.Date{}, true), Dash},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// TestQuantity: a driver's value as the report and the CLI print it,
// against cells written out by hand: grouped from 1,000 up (999.96 too,
// which rounds to 1,000), four significant digits below, the unit after
// but for "" and "share".
func TestQuantity(t *testing.T) {
	for _, c := range []struct {
		v    float64
		unit string
		want string
	}{
		{120000, "members", "120,000 members"}, {150000, "", "150,000"}, {55, "EUR", "55 EUR"}, {55.5, " EUR ", "55.5 EUR"},
		{0.18, "share", "0.18"}, {999.7, "", "999.7"}, {999.96, "", "1,000"}, {1000, "", "1,000"}, {12345.6, "", "12,346"},
		{-1500, "", "-1,500"}, {-999.96, "", "-1,000"}, {0, "", "0"}, {math.Copysign(0, -1), "", "0"}, {0.123456, "", "0.1235"},
		{math.NaN(), "", "–"}, {math.Inf(1), "x", "∞"},
	} {
		if got := Quantity(c.v, c.unit); got != c.want {
			t.Errorf("Quantity(%v, %q) = %q, want %q", c.v, c.unit, got, c.want)
		}
	}
}

// TestAddsUpInFull: the printed parts against the printed total, the
// cases written out by hand: the tester's footer (5,063,819 = 3,594,858
// + 1,468,960 does not add up, the unrounded amounts do), parts below 100
// printed to the cent, a negative part, and a part that is not finite.
func TestAddsUpInFull(t *testing.T) {
	for _, c := range []struct {
		total float64
		parts []float64
		want  bool
	}{
		{5063818.814863929, []float64{3594858.420544212, 1468960.394319717}, false}, // 5,063,819 vs 3,594,858 + 1,468,960
		{5063818.4, []float64{3594858.2, 1468960.2}, true},                          // 5,063,818 = 3,594,858 + 1,468,960
		{10, []float64{4, 6}, true},
		{12.5, []float64{12.504, 0}, true},     // 12.50 = 12.50 + 0
		{150.4, []float64{50.2, 100.2}, false}, // 150 vs 50.20 + 100
		{5063818.8, []float64{-590000, 5653818.8}, true},
		{5063818.8, []float64{-590000.4, 5653819.2}, true}, // -590,000 + 5,653,819 = 5,063,819
		{1, []float64{math.Inf(1)}, false},
		{math.NaN(), nil, false},
	} {
		if got := AddsUpInFull(c.total, c.parts...); got != c.want {
			t.Errorf("AddsUpInFull(%v, %v) = %v, want %v", c.total, c.parts, got, c.want)
		}
	}
}
