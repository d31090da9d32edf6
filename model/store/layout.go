package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/optionspace/optionspace/model"
)

// List returns the portfolios, by name.
func (s *Store) List() ([]Summary, error) {
	var out []Summary
	err := s.view(func(tx *bolt.Tx) error {
		root := tx.Bucket(bPortfolios)
		if root == nil {
			return nil
		}
		return root.ForEachBucket(func(name []byte) error {
			pb := root.Bucket(name)
			head := pb.Get(kHead)
			if head == nil {
				return nil
			}
			var p model.Portfolio
			if err := json.Unmarshal(head, &p); err != nil {
				return recordErr{decodeErr(fmt.Sprintf("portfolio %q", name), err)}
			}
			sum := Summary{Name: string(name), AsOf: p.AsOf}
			if ib := pb.Bucket([]byte("initiatives")); ib != nil {
				ib.ForEach(func(k, v []byte) error { sum.Initiatives++; return nil })
			}
			if m := pb.Get(kModified); m != nil {
				sum.Modified, _ = time.Parse(time.RFC3339Nano, string(m))
			}
			out = append(out, sum)
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, err
}

// Load reads the named portfolio.
func (s *Store) Load(name string) (*model.Portfolio, error) {
	var p *model.Portfolio
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		p, err = loadTx(tx, name)
		return err
	})
	return p, err
}

func portfolioBucket(tx *bolt.Tx, name string) *bolt.Bucket {
	root := tx.Bucket(bPortfolios)
	if root == nil {
		return nil
	}
	pb := root.Bucket([]byte(name))
	if pb == nil || pb.Get(kHead) == nil {
		return nil
	}
	return pb
}

func loadTx(tx *bolt.Tx, name string) (*model.Portfolio, error) {
	pb := portfolioBucket(tx, name)
	if pb == nil {
		return nil, fmt.Errorf("%w: %q", ErrNotFound, name)
	}
	var p model.Portfolio
	if err := json.Unmarshal(pb.Get(kHead), &p); err != nil {
		return nil, recordErr{decodeErr(fmt.Sprintf("portfolio %q", name), err)}
	}
	for _, c := range itemLists {
		b := pb.Bucket([]byte(c.name))
		if b == nil {
			continue
		}
		err := b.ForEach(func(k, v []byte) error {
			if err := c.decode(&p, v); err != nil {
				return recordErr{decodeErr(fmt.Sprintf("portfolio %q, %s record %q", name, c.name, safeKey(k)), err)}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	p.Normalize()
	return &p, nil
}

func appendJSON[T any](dst *[]T, data []byte) error {
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*dst = append(*dst, v)
	return nil
}

// record is one key of a portfolio's layout.
type record struct {
	bucket string // "" for the portfolio bucket itself, else a collection
	key    string
	value  []byte
}

// records lays a portfolio out as keys and JSON values.
func records(p *model.Portfolio) ([]record, error) {
	hb, err := headRecord(p)
	if err != nil {
		return nil, err
	}
	out := []record{{"", string(kHead), hb}}
	var errs []error
	for _, c := range itemLists {
		errs = append(errs, c.records(p, &out))
	}
	return out, errors.Join(errs...)
}

// headRecord is the portfolio's head: p without its collections.
func headRecord(p *model.Portfolio) ([]byte, error) {
	head := *p
	head.Version = model.FormatVersion
	for _, c := range itemLists {
		c.clear(&head)
	}
	return json.Marshal(&head)
}

// recordKey is the key of the i-th item of a collection.
func recordKey(i int) string { return fmt.Sprintf("%06d", i) }

// recordErr is a stored record that does not decode: the file is damaged
// (view and update turn it into a *DamagedError naming the backup).
type recordErr struct{ err error }

func (e recordErr) Error() string { return e.err.Error() }
func (e recordErr) Unwrap() error { return e.err }

// safeKey shows a key only when it is short printable ASCII.
func safeKey(k []byte) string {
	if len(k) > 32 {
		return "?"
	}
	for _, c := range k {
		if c < 0x20 || c > 0x7e {
			return "?"
		}
	}
	return string(k)
}
