package main

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest/testfile"
)

// outputCase is one command writing -o FILE, and how to check that FILE
// is a complete file of its format.
type outputCase struct {
	name  string
	args  []string // the command without -o
	file  string   // the output file's name
	check func(t *testing.T, path string)
}

// outputCases are every CLI command that writes -o FILE, in each of its
// formats (report's -o and --csv are TestReportMakesMissingFolders').
func outputCases(t *testing.T) []outputCase {
	in := chartSampleFile(t)
	p, err := model.ReadJSONFile(in)
	if err != nil {
		t.Fatal(err)
	}
	const initiative = "Customer community pilot"
	return []outputCase{
		{"chart png", []string{"chart", "space", "--file", in, "--width", "300", "--height", "200"}, "s.png", checkPNG},
		{"chart svg", []string{"chart", "space", "--file", in}, "s.svg", checkSVG},
		{"chart pdf", []string{"chart", "invest-wait", "--file", in}, "s.pdf", checkPDF},
		{"chart xlsx", []string{"chart", "tornado", "--file", in, "--initiative", initiative}, "t.xlsx", checkXLSX("Tornado")},
		{"export json", []string{"export", "--file", in}, "p.json", func(t *testing.T, path string) {
			q, err := model.ReadJSONFile(path)
			if err != nil || q.Name != p.Name || len(q.Initiatives) != len(p.Initiatives) {
				t.Errorf("%s: %v; want the portfolio %q of %d initiatives", path, err, p.Name, len(p.Initiatives))
			}
		}},
		{"export csv", []string{"export", "--file", in, "--format", "csv"}, "p.csv", func(t *testing.T, path string) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			ins, err := model.ReadCSV(bytes.NewReader(b))
			if err != nil || len(ins) != len(p.Initiatives) {
				t.Errorf("%s: %d initiatives (%v), want %d", path, len(ins), err, len(p.Initiatives))
			}
		}},
		{"export xlsx", []string{"export", "--file", in, "--format", "xlsx"}, "p.xlsx", checkXLSX("Initiatives")},
		{"template", []string{"template", "--format", "xlsx"}, "template.xlsx", checkXLSX("Initiatives")},
	}
}

// TestOutputMakesMissingFolders: every command writing -o FILE creates the
// missing folders of FILE (as mkdir -p, as report does) and writes a
// complete file there, with no temporary file left beside it; a folder
// that cannot be made (a path through a file) fails with an error naming
// -o, the folder and the file in the way, and nothing is written.
func TestOutputMakesMissingFolders(t *testing.T) {
	for _, c := range outputCases(t) {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			folder := filepath.Join(dir, "missing", "deeper")
			out := filepath.Join(folder, c.file)
			code, _, stderr := cli(append(c.args, "-o", out)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			c.check(t, out)
			if entries, err := os.ReadDir(folder); err != nil || len(entries) != 1 {
				t.Errorf("%s holds %v (%v), want %s alone", folder, entries, err, c.file)
			}

			file := filepath.Join(dir, "plain")
			if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
			bad := filepath.Join(file, "sub")
			want := "-o: cannot create the folder " + bad + ": not a directory (" + file + " is a file)"
			code, stdout, stderr := cli(append(c.args, "-o", filepath.Join(bad, c.file))...)
			if code != 1 || !strings.Contains(stderr, want) {
				t.Errorf("-o through a file: exit %d, stderr %q; want 1 and %q", code, stderr, want)
			}
			if stdout != "" {
				t.Errorf("-o through a file: stdout %q, want nothing", stdout)
			}
			if b, err := os.ReadFile(file); err != nil || string(b) != "x" {
				t.Errorf("the file in the way: %q, %v", b, err)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 2 {
				t.Errorf("%s holds %v, want missing and plain alone", dir, entries)
			}
		})
	}
}

// TestMakeOutputFolders: the helper's rule alone: existing and "" folders
// are fine, a folder that is itself a file is named as such, and the
// first folder that cannot be made stops the rest.
func TestMakeOutputFolders(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := makeOutputFolders(folderOf("-o", filepath.Join(dir, "x.pdf")), outputFolder{"--csv", ""}, folderOf("-o", "x.pdf")); err != nil {
		t.Errorf("existing folders: %v", err)
	}
	later := filepath.Join(dir, "later")
	err := makeOutputFolders(folderOf("-o", filepath.Join(file, "x.pdf")), outputFolder{"--csv", later})
	if want := "-o: cannot create the folder " + file + ": not a directory (" + file + " is a file)"; err == nil || err.Error() != want {
		t.Errorf("a file as the folder: %v, want %q", err, want)
	}
	if _, err := os.Stat(later); !os.IsNotExist(err) {
		t.Errorf("the folder after the failed one was made (%v)", err)
	}
}

func checkPNG(t *testing.T, path string) {
	t.Helper()
	if b := testfile.PNG(t, path).Bounds(); b.Dx() != 300 || b.Dy() != 200 {
		t.Errorf("%s: %v, want 300x200", path, b)
	}
}

func checkSVG(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ XMLName xml.Name }
	if err := xml.Unmarshal(b, &doc); err != nil || doc.XMLName.Local != "svg" {
		t.Errorf("%s: root %q (%v), want a complete svg document", path, doc.XMLName.Local, err)
	}
}

func checkPDF(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b[max(0, len(b)-1024):], []byte("%%EOF")) {
		t.Errorf("%s: %d bytes, not a complete PDF (%q...)", path, len(b), b[:min(len(b), 8)])
	}
}

// checkXLSX checks that the workbook opens and has the sheet, with rows.
func checkXLSX(sheet string) func(t *testing.T, path string) {
	return func(t *testing.T, path string) {
		t.Helper()
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		defer f.Close()
		rows, err := f.GetRows(sheet)
		if err != nil || len(rows) < 2 {
			t.Errorf("%s: sheet %s has %d rows (%v), want a header and data; sheets %q", path, sheet, len(rows), err, f.GetSheetList())
		}
	}
}
