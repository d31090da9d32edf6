package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	bolt "go.etcd.io/bbolt"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/workbook"
)

// controlPortfolio is a valid one-initiative portfolio named "Controls".
func controlPortfolio(name string) *model.Portfolio {
	p := model.NewSCRMTemplate("Controls", model.NewDate(2026, time.January, 15))
	p.Initiatives = []model.Initiative{{ID: "pilot", Name: name, Tag: "community", Kind: model.KindDefer, Status: model.StatusOpen,
		S: model.Number(100), X: model.Number(90), Sigma: model.Number(0.3), Deadline: model.NewDate(2027, time.January, 15)}}
	return p
}

// escapeMark is the text xlsxEscaped replaces by the name.
const escapeMark = "NAME-TO-ESCAPE"

// xlsxEscaped returns the workbook data with the cell text escapeMark
// replaced by name as Excel stores it: XML 1.0 cannot hold most control
// characters, so Excel writes them as _xHHHH_ (excelize would write
// U+FFFD instead).
func xlsxEscaped(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	var esc strings.Builder
	for _, r := range name {
		if r < 0x20 && r != '\t' && r != '\n' {
			fmt.Fprintf(&esc, "_x%04X_", r)
		} else {
			xml.EscapeText(&esc, []byte(string(r)))
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	found := 0
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		found += bytes.Count(b, []byte(escapeMark))
		b = bytes.ReplaceAll(b, []byte(escapeMark), []byte(esc.String()))
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if found != 1 {
		t.Fatalf("the workbook holds the mark %d times, want once", found)
	}
	return out.Bytes()
}

// TestImportRefusesControlCharacters: the acceptance test's names (a line
// feed, BEL, an ESC colour sequence, a tab) are refused by every import
// path, JSON, CSV and xlsx, with the field, the character and its
// position, and the message writes no control character to the terminal.
func TestImportRefusesControlCharacters(t *testing.T) {
	for _, c := range []struct{ name, char string }{
		{"Pi\nlot", "(U+000A) at position 3"},
		{"Pi\alot", "(U+0007) at position 3"},
		{"Red \x1b[31mpilot", "(U+001B) at position 5"},
		{"Pi\tlot", "(U+0009) at position 3"},
	} {
		dir := t.TempDir()
		p := controlPortfolio(c.name)
		data, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		jsonFile := filepath.Join(dir, "p.json")
		if err := os.WriteFile(jsonFile, data, 0o644); err != nil {
			t.Fatal(err)
		}
		var csv bytes.Buffer
		w := strings.NewReplacer(`"`, `""`)
		csv.WriteString("name,tag,S,X,sigma,deadline\n\"" + w.Replace(c.name) + "\",community,100,90,0.3,2027-01-15\n")
		csvFile := filepath.Join(dir, "p.csv")
		if err := os.WriteFile(csvFile, csv.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		// The workbook: a valid portfolio's, with the name typed into
		// the Initiatives sheet (the sheet wins over the data sheet).
		var book bytes.Buffer
		if err := workbook.Write(&book, controlPortfolio("Pilot")); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&book)
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := f.GetCellValue(workbook.SheetInitiatives, "B1"); v != "name" {
			t.Fatalf("column B of the Initiatives sheet is %q, not name", v)
		}
		if err := f.SetCellStr(workbook.SheetInitiatives, "B2", escapeMark); err != nil {
			t.Fatal(err)
		}
		var edited bytes.Buffer
		if _, err := f.WriteTo(&edited); err != nil {
			t.Fatal(err)
		}
		xlsxFile := filepath.Join(dir, "p.xlsx")
		if err := os.WriteFile(xlsxFile, xlsxEscaped(t, edited.Bytes(), c.name), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, file := range []string{jsonFile, csvFile, xlsxFile} {
			db := filepath.Join(dir, filepath.Ext(file)[1:]+".db")
			args := []string{"import", "--db", db, file}
			if filepath.Ext(file) == ".csv" {
				args = append(args, "--portfolio", "Controls")
			}
			code, out, errOut := cli(args...)
			if code == 0 || !strings.Contains(errOut, "contains a control character "+c.char) {
				t.Errorf("import %s of %q: exit %d, %q %q; want the control character %s named", filepath.Ext(file), c.name, code, out, errOut, c.char)
			}
			for _, r := range errOut {
				if r != '\n' && model.IsControl(r) {
					t.Errorf("import %s: the error writes U+%04X to the terminal: %q", filepath.Ext(file), r, errOut)
					break
				}
			}
		}
	}
}

// TestExistingControlNamesStillOpen: a database written before names were
// checked, holding an initiative whose name has an ESC sequence, still
// opens and values (validation is on write); an edit of something else
// (a driver set, an initiative's own edits) is checked as before, and an
// edit that validates the whole portfolio names the field to fix.
func TestExistingControlNamesStillOpen(t *testing.T) {
	const clean, dirty = "Placeholder pilot", "Red \x1b[31mpilot"
	p := controlPortfolio(clean)
	db := newDB(t, p)
	// Put the name in as an older version stored it, under validation.
	bdb, err := bolt.Open(db, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	quoted, _ := json.Marshal(dirty)
	replaced := 0
	err = bdb.Update(func(tx *bolt.Tx) error {
		pb := tx.Bucket([]byte("portfolios")).Bucket([]byte(p.Name))
		ib := pb.Bucket([]byte("initiatives"))
		var keys, vals [][]byte
		if err := ib.ForEach(func(k, v []byte) error {
			if bytes.Contains(v, []byte(`"`+clean+`"`)) {
				keys = append(keys, append([]byte(nil), k...))
				vals = append(vals, bytes.ReplaceAll(v, []byte(`"`+clean+`"`), quoted))
			}
			return nil
		}); err != nil {
			return err
		}
		for i := range keys {
			replaced++
			if err := ib.Put(keys[i], vals[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if cerr := bdb.Close(); err == nil {
		err = cerr
	}
	if err != nil || replaced != 1 {
		t.Fatalf("writing the old name: %v (%d records)", err, replaced)
	}
	if got := loadFrom(t, db, p.Name).Initiatives[0].Name; got != dirty {
		t.Fatalf("the database holds %q, want %q", got, dirty)
	}
	out := mustCLI(t, "value", "--db", db, "--portfolio", p.Name)
	if !strings.Contains(out, "Value") {
		t.Fatalf("value: %q", out)
	}
	code, _, errOut := cli("export", "--db", db, "--portfolio", p.Name, "--format", "json")
	if code != 0 {
		t.Fatalf("export of the old database: exit %d %s", code, errOut)
	}
}
