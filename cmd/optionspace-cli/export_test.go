package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/samples"
)

// TestExportJSONRoundTrip: export(import(sample)) holds exactly the
// sample's JSON values (the sample file is hand-formatted, so the
// comparison is of the decoded documents), and exporting the export's
// import again gives the same bytes.
func TestExportJSONRoundTrip(t *testing.T) {
	db, p := sampleDB(t)
	code, out, errOut := cli("export", "--db", db, "--portfolio", p.Name)
	if code != 0 {
		t.Fatalf("exit %d, %q", code, errOut)
	}
	var got, want any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(samples.SCRMNorthwind, &want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("the export differs from the sample:\n%s", out)
	}
	// Through a file and a second database: the same bytes.
	file := filepath.Join(t.TempDir(), "out.json")
	if code, _, errOut := cli("export", "--db", db, "--portfolio", p.Name, "-o", file); code != 0 || !strings.Contains(errOut, "wrote "+file) {
		t.Fatalf("export -o: exit %d, %q", code, errOut)
	}
	db2 := filepath.Join(t.TempDir(), "q.db")
	if code, _, errOut := cli("import", "--db", db2, file); code != 0 {
		t.Fatalf("re-import: exit %d, %q", code, errOut)
	}
	// One portfolio in the database: --portfolio may be left out.
	code, out2, errOut := cli("export", "--db", db2)
	if code != 0 || out2 != out {
		t.Fatalf("second export (exit %d, %q) differs from the first", code, errOut)
	}
}

func TestExportCSV(t *testing.T) {
	db, p := sampleDB(t)
	code, out, errOut := cli("export", "--db", db, "--portfolio", p.Name, "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d, %q", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if lines[0] != strings.Join(model.CSVColumns, ",") || len(lines) != 1+13 {
		t.Fatalf("header %q and %d lines, want the CSV columns and 13 rows", lines[0], len(lines)-1)
	}
	// Hand-checked against samples/scrm-northwind.json: the pilot's row.
	if !strings.HasPrefix(lines[1], "community-pilot,Customer community pilot,community,defer,open,700000,420000,0.25,2027-04-01,,0.12,") {
		t.Errorf("first row %q", lines[1])
	}
	// The table reads back to the same initiatives' table fields.
	ins, err := model.ReadCSV(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	for i, in := range ins {
		want := p.Initiatives[i]
		want.Assumptions, want.Risks = nil, nil // not in the table
		want.CashFlows, want.Estimate = nil, nil
		if !reflect.DeepEqual(in, want) {
			t.Errorf("row %d reads back as %+v, want %+v", i+1, in, want)
		}
	}
}

func TestExportErrors(t *testing.T) {
	db, p := sampleDB(t)
	if code, _, errOut := cli("export", "--db", db, "--portfolio", "Nonesuch"); code != 1 || !strings.Contains(errOut, "Nonesuch") {
		t.Errorf("unknown portfolio: exit %d, %q", code, errOut)
	}
	if code, _, _ := cli("export", "--db", db, "--portfolio", p.Name, "--format", "xml"); code != 2 {
		t.Errorf("--format xml: exit %d, want 2", code)
	}
	cli("import", "--db", db, "--portfolio", "Second", writeTemp(t, "s.json", samples.SCRMNorthwind))
	if code, _, errOut := cli("export", "--db", db); code != 2 || !strings.Contains(errOut, "--portfolio") {
		t.Errorf("two portfolios, no --portfolio: exit %d, %q", code, errOut)
	}
	missing := filepath.Join(t.TempDir(), "none.db")
	if code, _, errOut := cli("export", "--db", missing, "--portfolio", "x"); code != 1 || !strings.Contains(errOut, missing) {
		t.Errorf("missing database: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("export created a database")
	}
	damaged := writeTemp(t, "bad.db", bytes.Repeat([]byte("not a database "), 1000))
	if code, _, errOut := cli("export", "--db", damaged, "--portfolio", "x"); code != 1 || !strings.Contains(errOut, "damaged") || !strings.Contains(errOut, damaged) {
		t.Errorf("damaged database: exit %d, %q", code, errOut)
	}
}

// TestExportReplacesAtomically: export -o replaces an existing file with
// the complete export and leaves no temporary file; a failed export
// leaves the previous file as it was.
func TestExportReplacesAtomically(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "p.json")
	if err := os.WriteFile(out, []byte("previous export"), 0o644); err != nil {
		t.Fatal(err)
	}
	sample := filepath.Join("..", "..", "samples", "scrm-northwind.json")
	if code, _, errOut := cli("export", "--file", filepath.Join(dir, "missing.json"), "-o", out); code == 0 {
		t.Fatalf("export of a missing file succeeded: %q", errOut)
	}
	if b, _ := os.ReadFile(out); string(b) != "previous export" {
		t.Fatalf("a failed export changed the file: %q", b)
	}
	for _, format := range []string{"json", "csv", "xlsx"} {
		if code, _, errOut := cli("export", "--file", sample, "--format", format, "-o", out); code != 0 {
			t.Fatalf("%s: %q", format, errOut)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("left in the folder: %v", entries)
	}
	if b, _ := os.ReadFile(out); !bytes.HasPrefix(b, []byte("PK")) {
		t.Fatal("the last export (xlsx) is not in place")
	}
}
