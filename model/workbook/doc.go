// Package workbook reads and writes Option Space portfolios as Excel
// workbooks (.xlsx, Office Open XML), with github.com/xuri/excelize/v2
// (pure Go).
//
// # Export
//
// Write produces one workbook with the sheets Read me, Initiatives (the
// inputs, the columns of the CSV initiative table, model.CSVColumns),
// Results (the engine's valuation: value, method, NPV, NPVq, σ√t, C/S,
// region, action, trigger S*, follow-on value), Drivers, Links, Decisions,
// Learning, Snapshots (one row per initiative per snapshot) and, when
// initiatives have cash-flow models, Cash flows. Numbers are numbers with
// number formats (amounts in the portfolio's currency, σ, rates and C/S as
// percentages), dates are Excel dates, header rows are frozen with
// filters, and columns are sized to their content. A very hidden sheet,
// Portfolio data, holds the portfolio's JSON so that what the sheets do
// not show (assumptions, risks, cash-flow models, estimates, decisions,
// learning, snapshots, settings) survives a round trip. The sheets are
// streamed (excelize's StreamWriter: time and memory linear in the rows,
// the cells never held as excelize's structures), with every number
// written with all its digits, where the StreamWriter keeps 15 (see
// exactNumbers).
//
// # Import
//
// Read takes the Initiatives sheet (required), and Drivers and Links when
// present, by header name in any order (the CSV column names; extra
// columns and sheets are ignored with a note). Every other part of the
// portfolio comes from the Portfolio data sheet of a workbook Write made,
// or defaults for a workbook made elsewhere. A workbook without the
// Portfolio data sheet takes its name and as-of date from Options, else
// from the "portfolio" and "as of" rows of its Read me sheet, else from
// Options.Fallback (the CLI: the file's base name) and today. Cells are
// read by their stored values: a formula cell by its cached value (a
// formula without one, as a program that does not calculate writes it, is
// an error: open and save the workbook in Excel or LibreOffice first; a
// row of such formulas only is reported cell by cell, not skipped), a
// date cell by its date, a percentage by its number. Errors name the sheet, the cell and
// the column ("sheet Initiatives, cell D7 (sigma): ..."), and nothing is
// returned unless the whole workbook is valid, formulas over drivers
// included (portfolio.CheckFormulas). The input is bounded: at most
// model.MaxFileSize bytes, MaxUnzipped bytes unpacked and model.MaxCSVRows
// rows per sheet.
//
// # Template
//
// WriteTemplate writes a workbook for a client to fill in: the headers,
// one example row to overwrite (an unfilled template imports as a
// portfolio of that example), and drop-down lists for tag, kind and
// status. Its Read me sheet leaves the portfolio name and as-of date
// blank, so an import names the portfolio after the file unless they are
// filled in.
package workbook
