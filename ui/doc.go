// Package ui is Option Space's desktop app on Fyne: the main window (the
// portfolio bar, the initiatives list, the views in tabs and the inspector),
// the session that ties it to the store, and Run, which cmd/optionspace
// calls.
//
// # Views
//
// window.go holds the registry of views, one file per screen: option space,
// invest/wait, links, drivers, simulation, decisions and history, switched
// with Ctrl+1 ... Ctrl+8. Long work (charts, the simulation, the report)
// runs off the UI goroutine and changes widgets only through fyne.Do.
//
// # Shortcuts and a calm window
//
// shortcuts.go keeps the window's shortcuts in one table: fyne's desktop
// driver delivers Ctrl+Z and Ctrl+Y as fyne.ShortcutUndo and ShortcutRedo
// to the focused entry first, so the window's entries (appEntry,
// commitEntry, appDateEntry) hand the window's shortcuts and F1 to that
// table before their own handling. Widgets under the pointer or focus are
// updated in place, never rebuilt (the links list, the inspector's
// assumption and risk rows). The window never grows itself: its panes
// scroll; restore.go brings back the last view, selection and split
// proportions.
//
// # Simulation
//
// The simulation view runs portfolio.Simulate (correlated underlyings to the
// review horizon, each initiative valued with the time it has left) with a
// progress bar and Cancel, and shows the histogram of the portfolio's value
// at the review, its percentiles, and each initiative's region and exercise
// probabilities.
//
// # Report
//
// Export report (Ctrl+E) builds the PDF portfolio review of ui/report at a
// chosen path, off the UI goroutine with progress and Cancel, writes the
// initiative and decision CSV tables (and what moved since the last
// snapshot) next to it, and opens the PDF with the desktop's handler.
package ui
