package ui

import (
	"strings"

	"github.com/optionspace/optionspace/ui/format"
)

// money formats an amount compactly without a currency (2.4M, 700k, 951),
// as format.MoneyCompact does everywhere else.
func money(v float64) string { return format.MoneyCompact(v, "") }

// ratio formats a ratio such as NPVq with two decimals.
func ratio(v float64) string { return format.Ratio(v) }

// percent formats a share as a percentage with one decimal.
func percent(v float64) string { return format.Percent(v) }

// years formats a time in years.
func years(v float64) string { return format.Years(v) }

// formatter returns the user's presentation of the current portfolio's
// amounts: its currency and the chosen number format.
func (w *Window) formatter() format.Formatter {
	cur := ""
	if w.ses != nil && w.ses.Portfolio != nil {
		cur = w.ses.Portfolio.Currency
	}
	if w.prefs == nil {
		return format.New(cur, format.Compact)
	}
	return format.New(cur, format.Numbers(w.prefs.Numbers))
}

// money formats an amount with the portfolio's currency in the user's
// number format, as the charts and the report do: "€5.06M", or
// "€5,060,000" with full numbers.
func (w *Window) money(v float64) string { return w.formatter().Money(v) }

// amount formats an amount without the currency in the user's number
// format, for tables whose heading names the currency.
func (w *Window) amount(v float64) string { return w.formatter().Amount(v) }

// dash returns s, or "-" when it is blank.
func dash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}
