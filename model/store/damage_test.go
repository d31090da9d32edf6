package store

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// TestRandomDamage overwrites random stretches of a database holding the
// sample and opens it: every outcome is either a working store (the damage
// hit unused space or a value, whose decoding error names the portfolio)
// or a *DamagedError naming the file; never a panic.
func TestRandomDamage(t *testing.T) {
	p := modeltest.Sample(t)
	dir, _, data := dbFile(t, "good.db", Options{NoSync: true}, p, func(s *Store) {
		for i := range 20 {
			s.Apply(p.Name, "edit", func(q *model.Portfolio) error {
				q.Initiatives[i%len(q.Initiatives)].Leakage = float64(i) / 100
				return nil
			})
		}
	})
	r := rand.New(rand.NewPCG(5, 8))
	var opened, damaged int
	for i := range 200 {
		bad := append([]byte(nil), data...)
		at := r.IntN(len(bad))
		n := 1 + r.IntN(64)
		for j := at; j < min(at+n, len(bad)); j++ {
			bad[j] = byte(r.IntN(256))
		}
		path := filepath.Join(dir, "bad.db")
		if err := os.WriteFile(path, bad, 0o600); err != nil {
			t.Fatal(err)
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("case %d (%d bytes at %d): panic %v", i, n, at, r)
				}
			}()
			s, err := Open(path, Options{ReadOnly: true, Timeout: time.Second})
			var de *DamagedError
			switch {
			case errors.As(err, &de):
				damaged++
				if de.Path != path {
					t.Errorf("case %d: the error names %q", i, de.Path)
				}
				return
			case err != nil:
				t.Errorf("case %d: %v, want nil or a DamagedError", i, err)
				return
			}
			defer s.Close()
			opened++
			s.List()
			s.Load(p.Name)
			s.CanUndo()
		}()
	}
	t.Logf("%d opened, %d refused as damaged", opened, damaged)
}
