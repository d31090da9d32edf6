package report

import (
	"bytes"
	"os"
	"testing"
)

func TestDevWrite(t *testing.T) {
	out := os.Getenv("REPORT_OUT")
	if out == "" {
		t.Skip()
	}
	var b bytes.Buffer
	st, err := Build(&b, Input{Portfolio: sample(t)}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Log("pages", st.Pages)
	os.WriteFile(out, b.Bytes(), 0o644)
}
