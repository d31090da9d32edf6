package store

import (
	"encoding/json"
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"github.com/optionspace/optionspace/model"
)

// migrations[v] turns schema v into v+1 inside one transaction.
var migrations = map[int]func(tx *bolt.Tx) error{
	1: migrate1to2,
}

// migrate brings the file from schema version from to SchemaVersion, one
// step per version, after a hot backup to PATH.pre-migration-vFROM.
func (s *Store) migrate(db *bolt.DB, from int) error {
	backup := fmt.Sprintf("%s.pre-migration-v%d", s.path, from)
	if err := s.backupTo(db, backup); err != nil {
		return fmt.Errorf("backing up %s before migrating it: %w", s.path, err)
	}
	for v := from; v < SchemaVersion; v++ {
		step, ok := migrations[v]
		if !ok {
			return fmt.Errorf("%s: no migration from schema %d (the backup is %s)", s.path, v, backup)
		}
		err := s.guard(func() error {
			return db.Update(func(tx *bolt.Tx) error {
				if err := step(tx); err != nil {
					return err
				}
				s.known = uint64(tx.ID())
				return tx.Bucket(bMeta).Put(kSchema, []byte(strconv.Itoa(v+1)))
			})
		})
		if err != nil {
			return fmt.Errorf("%s: migrating schema %d to %d: %w (the file is unchanged; a copy is at %s)", s.path, v, v+1, err, backup)
		}
	}
	return nil
}

// migrate1to2 splits schema 1's one JSON value per portfolio
// (portfolios/<name> = the whole portfolio) into schema 2's buckets per
// entity, and adds the undo and redo buckets.
func migrate1to2(tx *bolt.Tx) error {
	root := tx.Bucket(bPortfolios)
	if root == nil {
		var err error
		if root, err = tx.CreateBucket(bPortfolios); err != nil {
			return err
		}
	}
	type old struct {
		name string
		p    *model.Portfolio
	}
	var olds []old
	err := root.ForEach(func(k, v []byte) error {
		if v == nil {
			return nil // already a bucket
		}
		var p model.Portfolio
		if err := json.Unmarshal(v, &p); err != nil {
			return fmt.Errorf("portfolio %q: %w", k, err)
		}
		olds = append(olds, old{string(k), &p})
		return nil
	})
	if err != nil {
		return err
	}
	for _, b := range [][]byte{bUndo, bRedo} {
		if _, err := tx.CreateBucketIfNotExists(b); err != nil {
			return err
		}
	}
	for _, o := range olds {
		if err := root.Delete([]byte(o.name)); err != nil {
			return err
		}
		o.p.Name = o.name
		recs, err := records(o.p)
		if err != nil {
			return err
		}
		var changes []change
		for _, r := range recs {
			changes = append(changes, change{Portfolio: o.name, Bucket: r.bucket, Key: r.key, After: r.value})
		}
		if err := applyTx(tx, changes, true); err != nil {
			return err
		}
	}
	return nil
}
