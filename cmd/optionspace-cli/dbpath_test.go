package main

import (
	"path/filepath"
	"runtime"
	"testing"
)

func TestDBPath(t *testing.T) {
	t.Setenv("OPTIONSPACE_DB", "")
	if runtime.GOOS == "linux" {
		t.Setenv("XDG_CONFIG_HOME", "/home/someone/.config")
		code, out, _ := cli("dbpath")
		if want := "/home/someone/.config/fyne/io.optionspace.app/optionspace.db\n"; code != 0 || out != want {
			t.Errorf("dbpath: exit %d, %q, want %q", code, out, want)
		}
	}
	// OPTIONSPACE_DB overrides it, and every --db default follows.
	db := filepath.Join(t.TempDir(), "env.db")
	t.Setenv("OPTIONSPACE_DB", db)
	if code, out, _ := cli("dbpath"); code != 0 || out != db+"\n" {
		t.Errorf("dbpath with OPTIONSPACE_DB: exit %d, %q", code, out)
	}
	if code, out, errOut := cli("import", writeTemp(t, "t.csv", []byte(csvHeader+"a,Alpha,community,defer,100,50,0.2,2099-01-01,0\n")), "--portfolio", "P"); code != 0 {
		t.Fatalf("import to the default database: exit %d, %q %q", code, out, errOut)
	}
	if code, out, _ := cli("list", "--format", "csv"); code != 0 || len(out) == 0 || out[:5] != "name," {
		t.Errorf("list of the default database: exit %d, %q", code, out)
	}
	if code, _, _ := cli("dbpath", "extra"); code != 2 {
		t.Errorf("dbpath extra: exit %d, want 2", code)
	}
}
