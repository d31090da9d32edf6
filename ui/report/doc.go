// Package report builds Option Space's portfolio review: a PDF a
// consultant can hand to a board, and the CSV exports of the initiative
// table, the decisions and what moved since a snapshot.
//
// It imports no GUI toolkit, so the desktop app (File > Export report)
// and "optionspace-cli report" share it, and it builds with
// CGO_ENABLED=0.
//
// # The PDF
//
// Options.Profile chooses the sections: ProfileFull (the default) is the
// list below; ProfileBoard is the cover, contents, summary, map and
// invest/wait, what changed, the decisions due before the next review and
// one line per initiative (capped tables, about 20 pages whatever the
// size); ProfileAppendix is the method alone. The cover shows both the
// generation date (Options.Generated) and the valuation's as-of date.
//
// Build writes, on A4 pages with a running header (the portfolio's name
// and the section) and a footer ("Page n of N"):
//
//  1. a cover with the portfolio's name, client, author, dates and a
//     one-paragraph summary;
//  2. the table of contents (each line a link; the PDF also has an
//     outline);
//  3. the executive summary (Summarize): initiatives per region, what to
//     fund now and its cost, what to keep open and what that is worth,
//     what to watch and to drop, deadlines in the next 90 days, value with
//     options against static NPV;
//  4. the option space map and the invest/wait chart;
//  5. a table of all initiatives (landscape);
//  6. one page per initiative: rationale, numbers, method, tornado and
//     payoff charts, assumptions, risks, decisions and learning log;
//  7. links and drivers (DriverSensitivities);
//  8. what changed since a snapshot (WhatMoved);
//  9. the method appendix.
//
// Text is set in Liberation Sans, embedded as a Unicode TrueType subset,
// so "Müller", "Société", "€" and "σ" print; characters it lacks fall back
// to DejaVu Sans (Arabic, Hebrew, symbols) and Droid Sans Fallback (CJK)
// when installed, also as subsets: the charts' own fallback list
// (chart.FallbackFonts), so the charts' text and the report's agree.
// Right-to-left text is printed in display order; a character no font has
// prints as the marker "□" whose ActualText is the character, and is
// listed in the appendix. Portfolio text is data: every string is cleaned
// (control characters removed), table cells are wrapped (names, notes,
// actions) or cut to their column with an ellipsis, and the text people
// wrote is then printed whole elsewhere, paragraphs wrap across pages,
// and empty fields show a dash.
//
// # Export
//
// Export is the export of the app and the CLI: the PDF, built into a
// temporary file and renamed into place, and the CSV exports named after
// it (CSVNames).
//
// # Memory
//
// fpdf keeps every page in memory until the PDF is written. The pages that
// grow with the portfolio (contents, table, one per initiative, links)
// are spooled: drawn into a template document and kept zlib-compressed,
// one form XObject per page (spool.go). Measured on the full profile of
// 10,000 initiatives (10,906 pages): about 280 MB of live heap at the
// peak; the CLI's peak resident size went from 1.5 GB to 645 MB, 377-414 MB
// with the CLI's soft memory limit (cmd/optionspace-cli, report.go). A
// spooled page's compressed content is let go once it is written.
//
// # Charts
//
// The charts of ui/chart are drawn as vectors straight onto the report's
// pages through a gonum/plot vg.Canvas implemented on fpdf (canvas.go), in
// the same embedded fonts and fallbacks; only the option space's heat-map
// background is an image, as in every vector output of ui/chart.
//
// # Layout in two passes
//
// The report is laid out twice. A fast first pass without charts finds the
// page of every section; the second writes the contents and "of N" with
// those numbers. Both passes draw the same boxes, so the pages match.
package report
