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

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/optionspace/optionspace/assets"
	"github.com/optionspace/optionspace/ui"
)

func main() {
	cfg, err := ui.ParseFlags(os.Args[1:], os.Stderr)
	if err != nil {
		os.Exit(2)
	}
	if msg := ui.NoDisplay(); msg != "" {
		fmt.Fprintln(os.Stderr, "optionspace:", msg)
		os.Exit(1)
	}
	a := app.NewWithID(ui.AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.IconPNG))
	w := a.NewWindow("Option Space")
	os.Exit(ui.Run(a, w, cfg))
}
