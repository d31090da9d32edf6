package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/optionspace/optionspace/model"
)

// change is one key an action changed: its bytes before and after (nil:
// absent).
type change struct {
	Portfolio string `json:"p"`
	Bucket    string `json:"b,omitempty"`
	Key       string `json:"k"`
	Before    []byte `json:"o,omitempty"`
	After     []byte `json:"n,omitempty"`
}

// action is one undoable user action. Its fields are encoded in this
// order, so that readHead reads what describes the step (label, time, id,
// removes) from the start of the record without decoding the changes,
// which hold whole portfolios (an import of 10,000 initiatives is a
// record of megabytes). Records written before the id and removes fields
// (the same schema) lack them: readHead then says so and the record is
// decoded whole.
type action struct {
	Label string `json:"label"`
	Time  string `json:"time"`
	// ID identifies the action in the file's history: "t" and the id of
	// the transaction that recorded it in its current list (undo or
	// redo). Conditional undo and redo (UndoStep) compare it.
	ID string `json:"id,omitempty"`
	// Removes is what undoing and redoing the action removes (see
	// Step.Removes), computed from Changes when it is recorded.
	Removes *removes `json:"removes,omitempty"`
	Changes []change `json:"changes"`
}

// removes is an action's Step.Removes for each way it can be taken.
type removes struct {
	Undo []Removal `json:"undo,omitempty"`
	Redo []Removal `json:"redo,omitempty"`
}

// readHead decodes the fields of an action record before its changes. ok
// is false when the record does not start with them all (a record of an
// older build, or not an action): decode it whole then.
func readHead(v []byte) (a action, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(v))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return action{}, false
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return action{}, false
		}
		var dst any
		switch t {
		case "label":
			dst = &a.Label
		case "time":
			dst = &a.Time
		case "id":
			dst = &a.ID
		case "removes":
			dst = &a.Removes
		case "changes":
			return a, a.ID != "" && a.Removes != nil
		default:
			dst = new(json.RawMessage)
		}
		if err := dec.Decode(dst); err != nil {
			return action{}, false
		}
	}
	return a, a.ID != "" && a.Removes != nil
}

// diff returns the changes that turn the stored portfolio name (nil recs
// when absent) into recs under newName.
func diffTx(tx *bolt.Tx, name string, newName string, recs []record) []change {
	if name == newName {
		if pb := portfolioBucket(tx, name); pb != nil {
			return diffInPlace(pb, name, recs)
		}
	}
	old := map[[2]string][]byte{}
	if pb := portfolioBucket(tx, name); pb != nil {
		pb.ForEach(func(k, v []byte) error {
			if v != nil {
				old[[2]string{"", string(k)}] = bytes.Clone(v)
			}
			return nil
		})
		for _, c := range collections {
			if b := pb.Bucket([]byte(c)); b != nil {
				b.ForEach(func(k, v []byte) error {
					old[[2]string{c, string(k)}] = bytes.Clone(v)
					return nil
				})
			}
		}
	}
	var out []change
	if name != newName {
		// A rename or copy: everything under the old name goes, everything
		// under the new one comes.
		for k, v := range old {
			if name != "" {
				out = append(out, change{Portfolio: name, Bucket: k[0], Key: k[1], Before: v})
			}
		}
		for _, r := range recs {
			out = append(out, change{Portfolio: newName, Bucket: r.bucket, Key: r.key, After: r.value})
		}
		return out
	}
	seen := map[[2]string]bool{}
	for _, r := range recs {
		k := [2]string{r.bucket, r.key}
		seen[k] = true
		if before, ok := old[k]; !ok || !bytes.Equal(before, r.value) {
			out = append(out, change{Portfolio: name, Bucket: r.bucket, Key: r.key, Before: old[k], After: r.value})
		}
	}
	for k, v := range old {
		if !seen[k] && !(k[0] == "" && k[1] == string(kModified)) {
			out = append(out, change{Portfolio: name, Bucket: k[0], Key: k[1], Before: v})
		}
	}
	return out
}

// diffInPlace is diffTx for an edit in place: each new record is compared
// with the stored bytes where they lie (no copy of the portfolio's old
// values), and only the stored keys no record has any more are read out.
func diffInPlace(pb *bolt.Bucket, name string, recs []record) []change {
	bucketOf := func(c string) *bolt.Bucket {
		if c == "" {
			return pb
		}
		return pb.Bucket([]byte(c))
	}
	kept := map[string]map[string]bool{}
	var out []change
	for _, r := range recs {
		if kept[r.bucket] == nil {
			kept[r.bucket] = map[string]bool{}
		}
		kept[r.bucket][r.key] = true
		var before []byte
		if b := bucketOf(r.bucket); b != nil {
			before = b.Get([]byte(r.key))
		}
		if before == nil || !bytes.Equal(before, r.value) {
			out = append(out, change{Portfolio: name, Bucket: r.bucket, Key: r.key, Before: bytes.Clone(before), After: r.value})
		}
	}
	for _, c := range append([]string{""}, collections...) {
		b := bucketOf(c)
		if b == nil {
			continue
		}
		b.ForEach(func(k, v []byte) error {
			if v == nil || kept[c][string(k)] || (c == "" && bytes.Equal(k, kModified)) {
				return nil
			}
			out = append(out, change{Portfolio: name, Bucket: c, Key: string(k), Before: bytes.Clone(v)})
			return nil
		})
	}
	return out
}

// diffCached is diffInPlace when the stored portfolio is known decoded
// (the portfolio p was edited from, exactly as loadTx returns it) and e is
// what the edit changed (model.Diff): only the records of the items e
// lists are encoded and compared with the stored bytes.
func diffCached(pb *bolt.Bucket, p *model.Portfolio, e model.Edit) ([]change, error) {
	name := p.Name
	head, err := headRecord(p)
	if err != nil {
		return nil, err
	}
	var out []change
	if before := pb.Get(kHead); !bytes.Equal(before, head) {
		out = append(out, change{Portfolio: name, Key: string(kHead), Before: bytes.Clone(before), After: head})
	}
	var errs []error
	for _, c := range itemLists {
		errs = append(errs, c.diff(pb, p, &e, &out))
	}
	return out, errors.Join(errs...)
}

// diffColl appends the changes of one collection: the items idx (encoded
// and compared with the stored bytes), and the stored keys past the new
// end.
func diffColl[T any](pb *bolt.Bucket, name, bucket string, cur []T, idx []int, out *[]change) error {
	b := pb.Bucket([]byte(bucket))
	for _, i := range idx {
		v, err := json.Marshal(&cur[i])
		if err != nil {
			return err
		}
		key := recordKey(i)
		var before []byte
		if b != nil {
			before = b.Get([]byte(key))
		}
		if !bytes.Equal(before, v) {
			*out = append(*out, change{Portfolio: name, Bucket: bucket, Key: key, Before: bytes.Clone(before), After: v})
		}
	}
	if b == nil {
		return nil
	}
	c := b.Cursor()
	for k, v := c.Seek([]byte(recordKey(len(cur)))); k != nil; k, v = c.Next() {
		if v != nil {
			*out = append(*out, change{Portfolio: name, Bucket: bucket, Key: string(k), Before: bytes.Clone(v)})
		}
	}
	return nil
}

// applyTx writes changes forward (After) or backward (Before).
func applyTx(tx *bolt.Tx, changes []change, forward bool) error {
	root := tx.Bucket(bPortfolios)
	touched := map[string]bool{}
	for _, c := range changes {
		v := c.After
		if !forward {
			v = c.Before
		}
		touched[c.Portfolio] = true
		pb, err := root.CreateBucketIfNotExists([]byte(c.Portfolio))
		if err != nil {
			return err
		}
		b := pb
		if c.Bucket != "" {
			if b, err = pb.CreateBucketIfNotExists([]byte(c.Bucket)); err != nil {
				return err
			}
		}
		if v == nil {
			err = b.Delete([]byte(c.Key))
		} else {
			err = b.Put([]byte(c.Key), v)
		}
		if err != nil {
			return err
		}
	}
	now := []byte(time.Now().UTC().Format(time.RFC3339Nano))
	for name := range touched {
		pb := root.Bucket([]byte(name))
		if pb.Get(kHead) == nil {
			if err := deleteBucketTree(root, []byte(name)); err != nil {
				return err
			}
			continue
		}
		if err := pb.Put(kModified, now); err != nil {
			return err
		}
	}
	return nil
}

// commit applies an action in tx and records it for undo.
func commitTx(tx *bolt.Tx, label string, changes []change) error {
	if len(changes) == 0 {
		return nil
	}
	if err := applyTx(tx, changes, true); err != nil {
		return err
	}
	if err := push(tx, bUndo, action{Label: label, Time: time.Now().UTC().Format(time.RFC3339), Changes: changes}); err != nil {
		return err
	}
	// A new action clears the redo history.
	if err := deleteBucketTree(tx.Cursor().Bucket(), bRedo); err != nil {
		return err
	}
	_, err := tx.CreateBucket(bRedo)
	return err
}

// push records a as the newest action of the list (bUndo or bRedo), with
// a new ID (the list it is in is part of what a step is) and its Removes.
func push(tx *bolt.Tx, list []byte, a action) error {
	b := tx.Bucket(list)
	a.ID = "t" + strconv.FormatUint(uint64(tx.ID()), 10)
	if a.Removes == nil {
		a.Removes = &removes{Undo: a.removals(false), Redo: a.removals(true)}
	}
	data, err := json.Marshal(a)
	if err != nil {
		return err
	}
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	if err := b.Put(seqKey(seq), data); err != nil {
		return err
	}
	// Keep the last MaxUndo.
	n := 0
	c := b.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		n++
	}
	for ; n > MaxUndo; n-- {
		k, _ := b.Cursor().First()
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

func seqKey(n uint64) []byte {
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], n)
	return k[:]
}

// pop removes and returns the newest action of b.
func pop(b *bolt.Bucket) (*action, error) {
	k, v := b.Cursor().Last()
	if k == nil {
		return nil, nil
	}
	var a action
	if err := json.Unmarshal(v, &a); err != nil {
		return nil, recordErr{decodeErr("the newest step of the undo history", err)}
	}
	return &a, b.Delete(k)
}

// deleteBucketTree deletes the bucket key of parent with everything in it,
// its nested buckets bottom-up, each by name after the walk that listed
// them. bbolt's own recursive DeleteBucket deletes children while it
// iterates over them and, after the children were emptied in the same
// transaction, skips some and leaks their pages (see
// TestBboltDeleteBucketAfterEmptyingChildren).
func deleteBucketTree(parent *bolt.Bucket, key []byte) error {
	b := parent.Bucket(key)
	if b == nil {
		return nil
	}
	var children [][]byte
	if err := b.ForEachBucket(func(k []byte) error {
		children = append(children, bytes.Clone(k))
		return nil
	}); err != nil {
		return err
	}
	for _, c := range children {
		if err := deleteBucketTree(b, c); err != nil {
			return err
		}
	}
	return parent.DeleteBucket(key)
}
