// Package format is the one presentation of numbers in Option Space: money
// (compact and full, with the portfolio's currency), percentages, ratios,
// dates and region names, by the user's preferences.
//
// The inspector, the lists, the charts, the PDF report and the CLI tables
// all print through it, so an amount reads the same everywhere: 12,345 is
// "€12.3k" compact and "€12,345" in full; 950.5 is "€951" in both.
//
// # Rules
//
//   - Compact money has three significant digits and a k, M, B or T suffix
//     from 1,000 up ("€197k", "€1.25M"); below 1,000 it is rounded to a
//     whole number (half away from zero), below 1 it has two decimals.
//   - Full money is grouped by thousands and rounded to a whole number from
//     100 up ("€197,413"); below 100 it has two decimals ("€12.50").
//   - The currency is a symbol for the common ISO codes (EUR €, USD $,
//     GBP £, JPY ¥), else the code and a space ("CHF 12.3k"), or nothing.
//   - A value that is not finite prints as a dash (+Inf as "∞").
//   - A number in a CSV file is written by model.CSVNumber (plain
//     decimals from 1e-6 to 1e21, the exponent form outside, an empty
//     cell where not finite): the model writes CSV and cannot import this
//     package.
//   - Dates display as ISO 8601 ("2026-11-23"), the format they are typed,
//     stored and exported in; ParseDate also accepts "23 Nov 2026" and
//     "23 November 2026".
//
// The package imports no GUI toolkit: the CLI builds with CGO_ENABLED=0.
package format
