package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/model/store"
	"github.com/optionspace/optionspace/samples"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// The helpers the CLI's tests share: running the CLI, and the sample
// portfolio as a file, in a database or valued.

// sample is the SCRM sample portfolio file of the repository.
const sample = "../../samples/scrm-northwind.json"

// cli runs the CLI and returns its exit status, standard output and
// standard error.
func cli(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// mustCLI runs the CLI and returns its standard output; it fails t unless
// the CLI exits 0.
func mustCLI(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := cli(args...)
	if code != 0 {
		t.Fatalf("%s: exit %d: %s", strings.Join(args, " "), code, errOut)
	}
	return out
}

// writeTemp writes data to a file named name in a new temporary folder.
func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// jsonFile writes p as JSON to p.json in a new temporary folder.
func jsonFile(t *testing.T, p *model.Portfolio) string {
	t.Helper()
	var b bytes.Buffer
	if err := model.WriteJSON(&b, p); err != nil {
		t.Fatal(err)
	}
	return writeTemp(t, "p.json", b.Bytes())
}

// chartSampleFile writes the SCRM sample portfolio to a temporary JSON file.
func chartSampleFile(t *testing.T) string {
	t.Helper()
	return writeTemp(t, samples.SCRMNorthwindFile, samples.SCRMNorthwind)
}

// sampleDB imports the SCRM sample into a new database and returns its
// path and the sample.
func sampleDB(t *testing.T) (string, *model.Portfolio) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "p.db")
	file := chartSampleFile(t)
	if code, out, errOut := cli("import", "--db", db, file); code != 0 || !strings.Contains(out, "13 initiatives") {
		t.Fatalf("import: exit %d, %q %q", code, out, errOut)
	}
	return db, modeltest.Sample(t)
}

// openStore opens the database file db with the store's API (not the
// CLI's), failing the test when it cannot; the test's end closes it (an
// earlier Close is harmless).
func openStore(t testing.TB, db string, opt store.Options) *store.Store {
	t.Helper()
	s, err := store.Open(db, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// newDB creates a database file holding p, with the store's API rather
// than the CLI's import, and returns its path.
func newDB(t *testing.T, p *model.Portfolio) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "os.db")
	st := openStore(t, db, store.Options{})
	if err := st.Create(p); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return db
}

// loadFrom reads the portfolio name from the database file db.
func loadFrom(t *testing.T, db, name string) *model.Portfolio {
	t.Helper()
	s := openStore(t, db, store.Options{ReadOnly: true})
	p, err := s.Load(name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// evaluateFile reads the portfolio file and values it with the engine
// (follow-ons counted, as the commands do by default): the reference the
// commands' numbers are checked against.
func evaluateFile(t *testing.T, file string) (*model.Portfolio, *portfolio.Valuation) {
	t.Helper()
	p, err := model.ReadJSONFile(file)
	if err != nil {
		t.Fatal(err)
	}
	v, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	return p, v
}

// impactOut decodes the output of `driver set --format json` by its keys,
// apart from the types that write it.
type impactOut struct {
	TotalBefore float64 `json:"total_before"`
	TotalAfter  float64 `json:"total_after"`
	Change      float64 `json:"change"`
	Moved       []struct {
		ID     string  `json:"id"`
		Change float64 `json:"change"`
		Before struct {
			Value  float64 `json:"value"`
			Region int     `json:"region"`
		} `json:"before"`
		After struct {
			Value  float64 `json:"value"`
			Region int     `json:"region"`
		} `json:"after"`
	} `json:"moved"`
}
