package ui

import (
	"bytes"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model"
)

// TestSessionXLSXRoundTrip: the app's Excel export imports back as a new
// portfolio with the same content (the JSON export is identical but for
// the name), and the app's imports refuse formulas the inspector refuses.
func TestSessionXLSXRoundTrip(t *testing.T) {
	ses := newTestSession(t)
	orig := ses.Portfolio.Clone()
	var xl bytes.Buffer
	if err := ses.ExportXLSX(&xl); err != nil {
		t.Fatal(err)
	}
	notes, err := ses.ImportXLSX(bytes.NewReader(xl.Bytes()), "unused")
	if err != nil || len(notes) != 0 {
		t.Fatalf("import: %v %v", notes, err)
	}
	if ses.Portfolio.Name != orig.Name+" (2)" {
		t.Fatalf("imported as %q", ses.Portfolio.Name)
	}
	got := ses.Portfolio.Clone()
	got.Name = orig.Name
	var a, b bytes.Buffer
	model.WriteJSON(&a, orig)
	model.WriteJSON(&b, got)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("the workbook round trip changed the portfolio")
	}
	before := len(ses.Portfolio.Initiatives)
	csv := "name,tag,S,X,sigma,deadline\nBad,community,nodriver * 2,100,0.3,2031-01-01\n"
	if _, err := ses.ImportCSV(strings.NewReader(csv)); err == nil || !strings.Contains(err.Error(), "unknown name nodriver") {
		t.Fatalf("CSV with an unknown driver: %v", err)
	}
	if len(ses.Portfolio.Initiatives) != before {
		t.Fatal("a refused import changed the portfolio")
	}
}
