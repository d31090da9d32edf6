// Command optionspace is the Option Space desktop app: build, review and
// garden a strategy held as a portfolio of real options.
//
// Usage:
//
//	optionspace [--db FILE] [--view NAME] [--smoke]
//
// Without --db the portfolios live in the app's own database in the Fyne
// app storage directory; on first run it holds the SCRM sample portfolio.
// --smoke starts the real app, waits for the first frame and quits with
// status 0 (any error on the way exits non-zero): CI uses it under Xvfb.
package main

import (
	"fmt"
	"os"
	"runtime/debug"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/optionspace/optionspace/assets"
	"github.com/optionspace/optionspace/ui"
)

// gcPercent is the app's garbage-collection target: its live heap is
// small (about 20-40 MB with the sample) next to what the GL driver maps,
// so collecting at 50% growth instead of Go's default 100% keeps the peak
// resident size under 200 MB for a little CPU. GOGC in the environment
// overrides it.
const gcPercent = 50

func main() {
	// First: SIGINT and SIGTERM end the app cleanly, also while it opens.
	ui.CatchSignals()
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	cfg, err := ui.ParseFlags(os.Args[1:], os.Stderr)
	if err != nil {
		os.Exit(2)
	}
	if msg := ui.NoDisplay(); msg != "" {
		fmt.Fprintln(os.Stderr, "optionspace:", msg)
		os.Exit(1)
	}
	a := app.NewWithID(ui.AppID)
	markMigratedToFyneDo(a)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.IconPNG))
	w := a.NewWindow("Option Space")
	os.Exit(ui.Run(a, w, cfg))
}

// markMigratedToFyneDo records in the app's metadata what FyneApp.toml's
// [Migrations] fyneDo = true says: every UI change from another goroutine
// goes through fyne.Do. The fyne tool embeds that table when it packages
// the app; a plain go build does not, and Fyne would then warn at start
// and keep its old thread-safety fallback.
func markMigratedToFyneDo(a fyne.App) {
	m := a.Metadata()
	migrations := make(map[string]bool, len(m.Migrations)+1)
	for k, v := range m.Migrations {
		migrations[k] = v
	}
	migrations["fyneDo"] = true
	m.Migrations = migrations
	app.SetMetadata(m)
}
