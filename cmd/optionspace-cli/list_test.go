package main

import (
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model/store"
	"github.com/optionspace/optionspace/samples"
)

func TestList(t *testing.T) {
	db, p := sampleDB(t)
	csvFile := writeTemp(t, "t.csv", []byte(csvHeader+"a,Alpha,community,defer,100,50,0.2,2027-01-01,0\n"))
	if code, _, errOut := cli("import", "--db", db, "--portfolio", "Alpha only", "--as-of", "2026-06-30", csvFile); code != 0 {
		t.Fatal(errOut)
	}

	code, out, errOut := cli("list", "--db", db, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d, %q", code, errOut)
	}
	var rows []struct {
		Name        string `json:"name"`
		Initiatives int    `json:"initiatives"`
		AsOf        string `json:"as_of"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Name != "Alpha only" || rows[0].Initiatives != 1 || rows[0].AsOf != "2026-06-30" ||
		rows[1].Name != p.Name || rows[1].Initiatives != 13 || rows[1].AsOf != "2026-10-01" {
		t.Fatalf("list --format json = %+v", rows)
	}

	code, out, _ = cli("list", "--db", db, "--format", "csv")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(recs) != 3 || strings.Join(recs[0], ",") != "name,initiatives,as_of,modified" || recs[2][0] != p.Name || recs[2][1] != "13" {
		t.Fatalf("list --format csv: exit %d, %v, %q", code, err, out)
	}

	code, out, _ = cli("list", "--db", db)
	if code != 0 || !strings.HasPrefix(out, "NAME") || !strings.Contains(out, p.Name) || strings.Count(out, "\n") != 3 {
		t.Fatalf("list: exit %d, %q", code, out)
	}
}

func TestListEmptyAndErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	// An empty database lists as an empty JSON array.
	s := openStore(t, db, store.Options{})
	s.Close()
	if code, out, errOut := cli("list", "--db", db, "--format", "json"); code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("empty database: exit %d, %q %q", code, out, errOut)
	}
	// A refused import leaves it empty.
	if code, _, _ := cli("import", "--db", db, writeTemp(t, "bad.json", []byte(`{"version": 1}`))); code != 1 {
		t.Fatalf("invalid import: exit %d", code)
	}
	if code, out, _ := cli("list", "--db", db, "--format", "json"); code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("after a refused import: exit %d, %q", code, out)
	}
	cli("import", "--db", db, writeTemp(t, "s.json", samples.SCRMNorthwind))
	if code, _, _ := cli("list", "--db", db, "--format", "yaml"); code != 2 {
		t.Errorf("--format yaml: exit %d, want 2", code)
	}
	missing := filepath.Join(t.TempDir(), "none.db")
	if code, _, errOut := cli("list", "--db", missing); code != 1 || !strings.Contains(errOut, "none.db") {
		t.Errorf("missing database: exit %d, %q", code, errOut)
	}
}

// TestListLocked: a database the app has open is listed all the same
// (the app holds the file only during its transactions).
func TestListLocked(t *testing.T) {
	db, p := sampleDB(t)
	openStore(t, db, store.Options{}) // open, as the app's, until the test ends
	code, out, errOut := cli("list", "--db", db)
	if code != 0 || !strings.Contains(out, p.Name) {
		t.Errorf("list while the app has the database: exit %d, %q %q", code, out, errOut)
	}
}
