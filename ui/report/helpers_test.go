package report

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/samples"
)

// sample returns the SCRM sample portfolio.
func sample(t testing.TB) *model.Portfolio {
	t.Helper()
	p, err := model.ReadJSON(bytes.NewReader(samples.SCRMNorthwind))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// pdfText returns the text of the PDF in b (pdftotext -layout), skipping
// the test when pdftotext is not installed.
func pdfText(t testing.TB, b []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "r.pdf")
	if err := os.WriteFile(in, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
