package format

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
)

// Dash is what a missing or non-finite value prints as.
const Dash = "–"

// Numbers is the user's choice of how amounts print.
type Numbers string

// The number formats.
const (
	Compact Numbers = "compact" // 2.4M, 700k, 951
	Full    Numbers = "full"    // 2,400,000
)

// Formatter formats amounts by a user's preferences. The zero Formatter
// prints compact amounts without a currency.
type Formatter struct {
	// Currency is an ISO code ("EUR") or a symbol ("€"); empty for none.
	Currency string
	// Numbers is Compact or Full; anything else is Compact.
	Numbers Numbers
}

// New returns the Formatter for a portfolio's currency and the user's
// number format.
func New(currency string, numbers Numbers) Formatter {
	return Formatter{Currency: currency, Numbers: numbers}
}

// Money formats v with the currency in the chosen number format.
func (f Formatter) Money(v float64) string {
	if f.Numbers == Full {
		return MoneyFull(v, f.Currency)
	}
	return MoneyCompact(v, f.Currency)
}

// Amount formats v without the currency in the chosen number format, for
// places where a heading or an axis label names the currency.
func (f Formatter) Amount(v float64) string {
	if f.Numbers == Full {
		return MoneyFull(v, "")
	}
	return MoneyCompact(v, "")
}

// Signed formats a change with its sign: "+€1.2k", "-€300", "€0".
func (f Formatter) Signed(v float64) string {
	s := f.Money(v)
	if v > 0 && s != f.Money(0) && s != Dash {
		return "+" + s
	}
	return s
}

// MoneyCompact formats v with three significant digits and a k, M, B or
// T suffix, with the currency cur (a code or a symbol, or empty) in front:
// "€12.3k", "€951", "$1.25M".
func MoneyCompact(v float64, cur string) string { return money(v, cur, compact) }

// MoneyFull formats v in full with thousands separators, with the currency
// cur in front: "€12,345" (whole from 100 up, two decimals below: "€12.50").
func MoneyFull(v float64, cur string) string { return money(v, cur, full) }

// money writes the sign, the currency and then body(|v|); "-0" prints
// as "0" and a value that is not finite as notFinite.
func money(v float64, cur string, body func(a float64) string) string {
	if !finite(v) {
		return notFinite(v)
	}
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	} else if v == 0 {
		v = 0 // IEEE -0 too: its body would print "-0"
	}
	s := body(v)
	if s == "0" {
		sign = ""
	}
	return sign + CurrencyPrefix(cur) + s
}

// compact is MoneyCompact's body for a >= 0.
func compact(a float64) string {
	switch {
	case a >= 999.5e9:
		return sig3(a/1e12) + "T"
	case a >= 999.5e6:
		return sig3(a/1e9) + "B"
	case a >= 999.5e3:
		return sig3(a/1e6) + "M"
	case a >= 999.5:
		return sig3(a/1e3) + "k"
	case a >= 1 || a < 0.005:
		return strconv.FormatFloat(math.Round(a), 'f', 0, 64)
	}
	return strconv.FormatFloat(a, 'f', 2, 64)
}

// full is MoneyFull's body for a >= 0.
func full(a float64) string {
	if a >= 99.995 || a < 0.005 {
		return Group(int64(math.Round(a)))
	}
	return strconv.FormatFloat(a, 'f', 2, 64)
}

// currencySymbols are the currencies printed as a symbol.
var currencySymbols = map[string]string{"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}

// CurrencyPrefix returns what amounts in cur start with: a symbol for the
// common ISO codes, a symbol given as such, else the code and a space, or
// nothing when cur is blank.
func CurrencyPrefix(cur string) string {
	cur = strings.TrimSpace(cur)
	if s, ok := currencySymbols[strings.ToUpper(cur)]; ok {
		return s
	}
	switch cur {
	case "":
		return ""
	case "€", "$", "£", "¥":
		return cur
	}
	return cur + " "
}

// Units names what amounts in cur are counted in, for a header line
// ("amounts in EUR"): the code as given, or "unnamed units" when no
// currency is set.
func Units(cur string) string {
	if cur = strings.TrimSpace(cur); cur != "" {
		return cur
	}
	return "unnamed units"
}

// Group returns n with thousands separators: 2400000 -> "2,400,000".
func Group(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// sig3 formats x (1 <= x < 1000) with three significant digits, without
// trailing zeros after the decimal point.
func sig3(x float64) string {
	d := 2
	switch {
	case x >= 99.95:
		d = 0
	case x >= 9.995:
		d = 1
	}
	return TrimZeros(strconv.FormatFloat(x, 'f', d, 64))
}

// TrimZeros removes trailing zeros after a decimal point, and the point:
// "1.50" -> "1.5", "2.00" -> "2".
func TrimZeros(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// Float formats v with d decimals, "-0" as "0", a dash when not finite.
func Float(v float64, d int) string {
	if !finite(v) {
		return notFinite(v)
	}
	s := strconv.FormatFloat(v, 'f', d, 64)
	if strings.HasPrefix(s, "-") && strings.Trim(s, "-0.") == "" {
		s = s[1:]
	}
	return s
}

// Ratio formats a ratio such as NPVq or σ√t with two decimals: "1.25".
func Ratio(v float64) string { return Float(v, 2) }

// Percent formats a share as a percentage with one decimal: 0.25 -> "25.0%".
func Percent(v float64) string { return PercentN(v, 1) }

// PercentN formats a share as a percentage with d decimals.
func PercentN(v float64, d int) string {
	if !finite(v) {
		return Dash
	}
	return Float(100*v, d) + "%"
}

// RoundedApart is the note after a sum whose parts, printed in full
// (MoneyFull), do not add up to its printed total (AddsUpInFull): each
// amount is the true one rounded on its own, the convention of financial
// statements ("figures may not add up due to rounding"), so that a part
// reads the same here as wherever else it is printed.
const RoundedApart = "amounts rounded separately"

// AddsUpInFull reports whether parts, as MoneyFull prints them, add up to
// total as MoneyFull prints it, to the cent: 5,063,819 = 3,594,858 +
// 1,468,960 does not (the unrounded parts do). False when any is not
// finite.
func AddsUpInFull(total float64, parts ...float64) bool {
	want, ok := shownCents(total)
	sum := int64(0)
	for _, v := range parts {
		c, okv := shownCents(v)
		ok = ok && okv
		sum += c
	}
	return ok && sum == want
}

// TotalsNote is what follows a portfolio's totals printed in full, total =
// options + follow-ons and its static NPV and flexibility: " (" +
// RoundedApart + ")" where the printed parts do not add up to the printed
// total (each amount is the true one rounded on its own), else "". The
// CLI's value table and the report's summary print it.
func TotalsNote(total, options, followOns, staticNPV, flexibility float64) string {
	if AddsUpInFull(total, options, followOns) && AddsUpInFull(total, staticNPV, flexibility) {
		return ""
	}
	return " (" + RoundedApart + ")"
}

// shownCents is v as MoneyFull prints it, in hundredths.
func shownCents(v float64) (int64, bool) {
	if !finite(v) {
		return 0, false
	}
	x, err := strconv.ParseFloat(strings.ReplaceAll(MoneyFull(v, ""), ",", ""), 64)
	return int64(math.Round(100 * x)), err == nil
}

// Quantity formats a driver's value with its unit, as the report, the
// CLI's driver tables and its messages print it: grouped and whole from
// 1,000 up ("120,000 members"), four significant digits below ("55 EUR",
// "0.18"); no unit for "" and "share" (a share prints as the fraction it
// is); a dash when not finite.
func Quantity(v float64, unit string) string {
	if !finite(v) {
		return notFinite(v)
	}
	s := fmt.Sprintf("%.4g", v)
	if math.Abs(v) >= 1000 || s == "1000" || s == "-1000" { // 999.96 too
		s = Group(int64(math.Round(v)))
	}
	if s == "-0" {
		s = "0"
	}
	switch unit = strings.TrimSpace(unit); unit {
	case "", "share":
		return s
	}
	return s + " " + unit
}

// Years formats a time in years: "2.50 y".
func Years(v float64) string {
	if !finite(v) {
		return Dash
	}
	return Float(v, 2) + " y"
}

// DateLayout is the one display layout of a date, ISO 8601.
const DateLayout = model.DateLayout

// Date formats d for display ("2026-11-23"), a dash for the zero date.
func Date(d model.Date) string {
	if d.IsZero() {
		return Dash
	}
	return d.Format(DateLayout)
}

// LongDate formats d in words ("1 October 2026") for a title or a cover,
// a dash for the zero date.
func LongDate(d model.Date) string {
	if d.IsZero() {
		return Dash
	}
	return d.Format("2 January 2006")
}

// ParseDate reads a date typed by a user: ISO "2026-11-23", or
// "23 Nov 2026" / "23 November 2026".
func ParseDate(s string) (model.Date, error) {
	s = strings.TrimSpace(s)
	if d, err := model.ParseDate(s); err == nil {
		return d, nil
	}
	for _, layout := range []string{"2 Jan 2006", "2 January 2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return model.NewDate(t.Year(), t.Month(), t.Day()), nil
		}
	}
	return model.Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
}

// Days formats a number of days until a deadline: "in 12 days", "today",
// "passed 3 days ago".
func Days(n int) string {
	switch {
	case n == 0:
		return "today"
	case n == 1:
		return "tomorrow"
	case n > 1:
		return fmt.Sprintf("in %d days", n)
	case n == -1:
		return "passed yesterday"
	}
	return fmt.Sprintf("passed %d days ago", -n)
}

// Passed is what a column of deadlines or times to deadline shows for a
// deadline that has passed, before the as-of date; the date is shown
// beside it.
const Passed = "passed"

// DaysLeft formats the days until a deadline for a narrow column: "12
// days", "1 day", "today", or Passed when negative (the deadline's date
// column says when).
func DaysLeft(n int) string {
	switch {
	case n < 0:
		return Passed
	case n == 0:
		return "today"
	case n == 1:
		return "1 day"
	}
	return Count(n, "day", "days")
}

// TimeLeft formats the time to a deadline t in years with two decimals,
// or Passed when the deadline has passed (t is then 0).
func TimeLeft(t float64, passed bool) string {
	if passed {
		return Passed
	}
	return Float(t, 2)
}

// YearsLeft formats the time to a deadline t in years with its unit
// ("2.50 y", as Years), or Passed when the deadline has passed.
func YearsLeft(t float64, passed bool) string {
	if passed {
		return Passed
	}
	return Years(t)
}

// DeadlinePassed is the note a list of actions or a line of text puts
// before an initiative whose deadline has passed: "deadline passed; wait".
const DeadlinePassed = "deadline passed"

// Deadline formats a deadline's date with the Passed marker when it has
// passed ("2025-12-01 (passed)"), the date alone otherwise, a dash for
// none.
func Deadline(d model.Date, passed bool) string {
	if passed && !d.IsZero() {
		return Date(d) + " (" + Passed + ")"
	}
	return Date(d)
}

// RegionName returns a region's name: "invest now".
func RegionName(r valuation.Region) string { return r.String() }

// RegionShort returns a region's name with "probably" shortened to
// "prob.": "prob. never", "maybe later", "invest now". At most 11
// characters, for a narrow column (the initiatives list in a small
// window); the names stay apart ("prob. later" and "maybe later").
func RegionShort(r valuation.Region) string {
	return strings.Replace(r.String(), "probably ", "prob. ", 1)
}

// Region returns a region's number and name: "1 invest now", or a dash
// when r is not a region.
func Region(r valuation.Region) string {
	if !r.Valid() {
		return Dash
	}
	return strconv.Itoa(int(r)) + " " + r.String()
}

// RegionTitle returns a region as a title: "Region 1 · invest now".
func RegionTitle(r valuation.Region) string {
	if !r.Valid() {
		return Dash
	}
	return "Region " + strconv.Itoa(int(r)) + " · " + r.String()
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func notFinite(v float64) string {
	if math.IsInf(v, 1) {
		return "∞"
	}
	if math.IsInf(v, -1) {
		return "-∞"
	}
	return Dash
}

// Count writes n, its digits grouped, with the noun in the singular for
// one and in the plural otherwise: "1 open initiative", "0 open
// initiatives", "1,000 initiatives".
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return Group(int64(n)) + " " + many
}

// GateLapses is the funding plan's one label for a follow-on that lapses
// with its gate (portfolio.Plan.GateLapse): kept open, it counts 0
// because the initiative gating it lapses unfunded. The CLI's plan, the
// report's funding table and the funding view all print it.
const GateLapses = "lapses with gate"

// GateLapsesHeading is GateLapses as a heading, capitalized: the funding
// view heads the follow-ons that lapse with their gate with it.
const GateLapsesHeading = "Lapses with gate"
