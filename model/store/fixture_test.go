package store

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/optionspace/optionspace/model/modeltest"
)

type boltTx = bolt.Tx

var regenFixture = flag.Bool("regen-fixture", false, "rewrite testdata/schema-v1.db")

// TestWriteV1Fixture writes testdata/schema-v1.db, a schema version 1 file
// holding the SCRM sample, when run with -regen-fixture. Version 1 kept each
// portfolio as one JSON value under portfolios/<name>.
func TestWriteV1Fixture(t *testing.T) {
	if !*regenFixture {
		t.Skip("run with -regen-fixture to rewrite the fixture")
	}
	path := filepath.Join("testdata", "schema-v1.db")
	os.MkdirAll("testdata", 0o755)
	os.Remove(path)
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p := modeltest.Sample(t)
	data, _ := json.Marshal(p)
	err = db.Update(func(tx *bolt.Tx) error {
		m, _ := tx.CreateBucket(bMeta)
		m.Put(kSchema, []byte("1"))
		b, _ := tx.CreateBucket(bPortfolios)
		return b.Put([]byte(p.Name), data)
	})
	if err != nil {
		t.Fatal(err)
	}
}
