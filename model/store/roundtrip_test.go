package store

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestDefaultPath: OPTIONSPACE_DB wins; otherwise the Fyne app storage
// folder of io.optionspace.app under the user config directory, which on
// Linux is $XDG_CONFIG_HOME/fyne/io.optionspace.app/optionspace.db.
func TestDefaultPath(t *testing.T) {
	t.Setenv("OPTIONSPACE_DB", "/tmp/x/my.db")
	if got := DefaultPath(); got != "/tmp/x/my.db" {
		t.Errorf("with OPTIONSPACE_DB: %q", got)
	}
	t.Setenv("OPTIONSPACE_DB", "postgres://ana@db.example/portfolios")
	if got := DefaultPath(); got != "postgres://ana@db.example/portfolios" {
		t.Errorf("with a PostgreSQL URL: %q", got)
	}
	// A relative path is the file in the working directory.
	t.Chdir(t.TempDir())
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("OPTIONSPACE_DB", filepath.Join("rel", "x.db"))
	if got, want := DefaultPath(), filepath.Join(wd, "rel", "x.db"); got != want {
		t.Errorf("with a relative OPTIONSPACE_DB: %q, want %q", got, want)
	}
	t.Setenv("OPTIONSPACE_DB", "")
	if runtime.GOOS != "linux" {
		return
	}
	t.Setenv("XDG_CONFIG_HOME", "/home/someone/.config")
	if got, want := DefaultPath(), "/home/someone/.config/fyne/io.optionspace.app/optionspace.db"; got != want {
		t.Errorf("DefaultPath() = %q, want %q", got, want)
	}
}
