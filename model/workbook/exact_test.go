package workbook

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

// TestExactWriter: the <v> texts of a streamed sheet's XML are replaced,
// in order, by the recorded numbers with all their digits, whatever the
// chunks the XML arrives in (here one byte at a time, and whole); text
// cells (an escaped "<v>" in an inline string) pass through as they are;
// a number that is not the recorded one to excelize's 15 digits, or a
// count that differs, is an error.
func TestExactWriter(t *testing.T) {
	xml := `<row r="2"><c r="A2" s="2"><v>0.3</v></c><c r="B2" t="inlineStr"><is><t>a &lt;v&gt;1&lt;/v&gt;</t></is></c>` +
		`<c r="C2"><v>7</v></c><c r="D2"><v>123456789012345</v></c></row>`
	want := strings.Replace(strings.Replace(xml, "<v>0.3</v>", "<v>0.30000000000000004</v>", 1), "<v>123456789012345</v>", "<v>123456789012345.67</v>", 1)
	nums := []float64{math.Nextafter(0.3, 1), 7, 123456789012345.67}
	for _, chunk := range []int{1, 2, 3, 5, len(xml)} {
		var out bytes.Buffer
		z := &exactZip{e: &exactNumbers{}}
		x := &exactWriter{w: &out, part: &exactPart{name: "S", nums: nums}}
		z.cur = x
		for i := 0; i < len(xml); i += chunk {
			if _, err := x.Write([]byte(xml[i:min(i+chunk, len(xml))])); err != nil {
				t.Fatalf("chunk %d: %v", chunk, err)
			}
		}
		if err := z.end(); err != nil {
			t.Fatalf("chunk %d: %v", chunk, err)
		}
		if out.String() != want {
			t.Errorf("chunk %d:\n got %s\nwant %s", chunk, out.String(), want)
		}
	}

	var out bytes.Buffer
	x := &exactWriter{w: &out, part: &exactPart{name: "S", nums: []float64{0.5}}}
	if _, err := x.Write([]byte(`<c><v>0.3</v></c>`)); err == nil || !strings.Contains(err.Error(), "sheet S: number 1") {
		t.Errorf("a number that is not the recorded one: %v", err)
	}
	z := &exactZip{e: &exactNumbers{}}
	z.cur = &exactWriter{w: &out, part: &exactPart{name: "S", nums: []float64{0.5, 1}}}
	if _, err := z.cur.Write([]byte(`<c><v>0.5</v></c>`)); err != nil {
		t.Fatal(err)
	}
	if err := z.end(); err == nil || !strings.Contains(err.Error(), "1 numbers written of 2") {
		t.Errorf("a number left over: %v", err)
	}
	x = &exactWriter{w: &out, part: &exactPart{name: "S"}}
	if _, err := x.Write([]byte(`<c><v>1</v></c>`)); err == nil || !strings.Contains(err.Error(), "more numbers than the 0 written") {
		t.Errorf("a number not recorded: %v", err)
	}
}
