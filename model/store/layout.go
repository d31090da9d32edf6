package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
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
	// A flipped byte can leave a record that decodes but breaks the
	// portfolio (a link to no initiative): nothing damaged is valued or
	// exported as if it were sound.
	if err := integrity(&p); err != nil {
		return nil, recordErr{checkErr(name, err)}
	}
	return &p, nil
}

// integrity checks what every version of Option Space has kept true of a
// stored portfolio, so that breaking it means damage: initiative ids
// present and unique, kinds and statuses known, links of a known kind
// between initiatives of the portfolio, decisions and learning entries
// about them. The rules of model.Portfolio.Validate that newer versions
// added (control characters in names, engine limits) are left out: a
// database an older version wrote under them still opens, and the next
// edit names what to fix. The problems read as Validate's.
func integrity(p *model.Portfolio) error {
	var problems []model.Problem
	add := func(field, msg string) {
		if len(problems) < 100 {
			problems = append(problems, model.Problem{Field: field, Message: msg})
		}
	}
	ids := make(map[string]bool, len(p.Initiatives))
	for i := range p.Initiatives {
		in := &p.Initiatives[i]
		f := func(field string) string { return fmt.Sprintf("initiatives[%d].%s", i, field) }
		switch {
		case in.ID == "":
			add(f("id"), "is empty")
		case ids[in.ID]:
			add(f("id"), fmt.Sprintf("%q is used by another initiative", model.Truncate(in.ID, model.MaxNameInMessage)))
		}
		ids[in.ID] = true
		if !slices.Contains(model.OptionKinds, in.Kind) {
			add(f("kind"), fmt.Sprintf("%q is not a kind of option", model.Truncate(string(in.Kind), model.MaxNameInMessage)))
		}
		if !slices.Contains(model.Statuses, in.Status) {
			add(f("status"), fmt.Sprintf("%q is not a status", model.Truncate(string(in.Status), model.MaxNameInMessage)))
		}
	}
	known := func(field, id string) {
		if !ids[id] {
			add(field, fmt.Sprintf("%q is not an initiative of this portfolio", model.Truncate(id, model.MaxNameInMessage)))
		}
	}
	for i := range p.Links {
		l := &p.Links[i]
		if !slices.Contains(model.LinkKinds, l.Kind) {
			add(fmt.Sprintf("links[%d].kind", i), fmt.Sprintf("%q is not a kind of link", model.Truncate(string(l.Kind), model.MaxNameInMessage)))
		}
		if !ids[l.From] {
			known(fmt.Sprintf("links[%d].from", i), l.From)
		}
		if !ids[l.To] {
			known(fmt.Sprintf("links[%d].to", i), l.To)
		}
	}
	for i := range p.Decisions {
		if !ids[p.Decisions[i].Initiative] {
			known(fmt.Sprintf("decisions[%d].initiative", i), p.Decisions[i].Initiative)
		}
	}
	for i := range p.Learning {
		if !ids[p.Learning[i].Initiative] {
			known(fmt.Sprintf("learning[%d].initiative", i), p.Learning[i].Initiative)
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return &model.ValidationError{Problems: problems}
}

// checkErr describes a stored portfolio that does not pass
// model.Portfolio.Validate on one printable line: its first problem (its
// first line, cut short) and how many more there are.
func checkErr(name string, err error) error {
	msg, more := err.Error(), 0
	var ve *model.ValidationError
	if errors.As(err, &ve) && len(ve.Problems) > 0 {
		msg, more = ve.Problems[0].String(), len(ve.Problems)-1
	}
	// A formula's problem shows the formula and a caret on lines of
	// their own.
	if first, _, cut := strings.Cut(msg, "\n"); cut {
		msg = first + " …"
	}
	msg = model.Truncate(strings.Map(func(r rune) rune {
		if model.IsControl(r) {
			return '?'
		}
		return r
	}, msg), 300)
	if more > 0 {
		msg += fmt.Sprintf(", and %d more problems", more)
	}
	return fmt.Errorf("portfolio %q does not pass its checks: %s", name, msg)
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
