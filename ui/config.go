package ui

import (
	"flag"
	"io"
	"os"
	"runtime"

	"github.com/optionspace/optionspace/model/store"
)

// AppID is the Fyne application ID; it also names the app's storage
// directory, where the default database lives.
const AppID = store.AppID

// DatabaseFile is the name of the database in the app's storage directory.
const DatabaseFile = store.DatabaseFile

// Config is what the command line sets.
type Config struct {
	// DBPath is the bbolt database; empty means the app's own database in
	// its storage directory.
	DBPath string
	// Smoke starts the app, waits for the first frame and quits.
	Smoke bool
	// View opens this view first ("space", "invest", "drivers", ...).
	View string
	// Select selects the initiative of this name at start.
	Select string
	// NoTour skips the first-run tour (screenshots, demos).
	NoTour bool
	// Theme overrides the saved theme for this run: light, dark or system.
	Theme string
}

// ParseFlags reads the desktop app's flags. Errors are printed to stderr.
func ParseFlags(args []string, stderr io.Writer) (Config, error) {
	var cfg Config
	fs := flag.NewFlagSet("optionspace", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.DBPath, "db", "", "portfolio database: a bbolt `file`, or a shared PostgreSQL database postgres://user@host/db (default: the app's own file, or $OPTIONSPACE_DB)")
	fs.BoolVar(&cfg.Smoke, "smoke", os.Getenv("OPTIONSPACE_SMOKE") != "", "start, wait for the first frame, quit (for CI); also OPTIONSPACE_SMOKE=1")
	fs.StringVar(&cfg.View, "view", "", "open this `view` first: "+viewNamesHelp())
	fs.StringVar(&cfg.Select, "select", "", "select the initiative with this `name` at start")
	fs.BoolVar(&cfg.NoTour, "no-tour", false, "do not show the first-run tour")
	fs.StringVar(&cfg.Theme, "theme", "", "use this `theme` for this run: light, dark or system (default: the saved preference)")
	err := fs.Parse(args)
	return cfg, err
}

// NoDisplay returns a one-line explanation when there is no display to open
// a window on, or "" when there is one (or the platform does not say).
func NoDisplay() string {
	if runtime.GOOS != "linux" && runtime.GOOS != "freebsd" && runtime.GOOS != "openbsd" && runtime.GOOS != "netbsd" {
		return ""
	}
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return "no display found (neither DISPLAY nor WAYLAND_DISPLAY is set): run it in a desktop session, under Xvfb, or use optionspace-cli for headless work"
	}
	return ""
}
