package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestTemplateSaysItHoldsAnExample: the template holds an example row
// that an unfilled import turns into a portfolio, so neither the help nor
// the output may call it empty; and that import is named after the file
// (the template's Read me leaves the name blank).
func TestTemplateSaysItHoldsAnExample(t *testing.T) {
	_, _, help := cli("help")
	_, helpOut, _ := cli("help")
	help += helpOut
	if !strings.Contains(help, "template") || !strings.Contains(help, "example row") || strings.Contains(help, "empty workbook") {
		t.Errorf("help on template: %q", help)
	}
	dir := t.TempDir()
	tmpl := filepath.Join(dir, "clients.xlsx")
	code, _, errOut := cli("template", "--format", "xlsx", "-o", tmpl)
	if code != 0 {
		t.Fatalf("template: exit %d, %q", code, errOut)
	}
	if !strings.Contains(errOut, "one example row") || !strings.Contains(errOut, "to overwrite") || strings.Contains(errOut, "empty") {
		t.Errorf("template output %q, want it to say it holds an example row to overwrite", errOut)
	}
	db := filepath.Join(dir, "p.db")
	if code, out, errOut := cli("import", "--db", db, tmpl); code != 0 || !strings.Contains(out, `imported "clients" (1 initiatives`) {
		t.Errorf("unfilled template import: exit %d, %q %q", code, out, errOut)
	}
}
