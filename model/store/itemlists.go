package store

import (
	"encoding/json"

	bolt "go.etcd.io/bbolt"

	"github.com/optionspace/optionspace/model"
)

// itemList is one of a portfolio's collections, stored one record per
// item (keyed by recordKey) in the bucket of its name inside the
// portfolio's bucket.
type itemList struct {
	name string
	// decode decodes one stored record and appends the item to p's list.
	decode func(p *model.Portfolio, data []byte) error
	// records appends the records of p's items to out, up to the first
	// item that does not encode.
	records func(p *model.Portfolio, out *[]record) error
	// diff appends the changes of the items e lists (see diffColl).
	diff func(pb *bolt.Bucket, p *model.Portfolio, e *model.Edit, out *[]change) error
	// clear empties p's list.
	clear func(p *model.Portfolio)
}

// listOf describes the collection name: the list items returns and the
// indices of its edited items, edited.
func listOf[T any](name string, items func(p *model.Portfolio) *[]T, edited func(e *model.Edit) []int) itemList {
	return itemList{
		name:   name,
		decode: func(p *model.Portfolio, data []byte) error { return appendJSON(items(p), data) },
		records: func(p *model.Portfolio, out *[]record) error {
			list := *items(p)
			for i := range list {
				b, err := json.Marshal(&list[i])
				if err != nil {
					return err
				}
				*out = append(*out, record{name, recordKey(i), b})
			}
			return nil
		},
		diff: func(pb *bolt.Bucket, p *model.Portfolio, e *model.Edit, out *[]change) error {
			return diffColl(pb, p.Name, name, *items(p), edited(e), out)
		},
		clear: func(p *model.Portfolio) { *items(p) = nil },
	}
}

// itemLists are a portfolio's collections, in the order their records
// are laid out and loaded.
var itemLists = []itemList{
	listOf("initiatives", func(p *model.Portfolio) *[]model.Initiative { return &p.Initiatives }, func(e *model.Edit) []int { return e.Initiatives }),
	listOf("drivers", func(p *model.Portfolio) *[]model.Driver { return &p.Drivers }, func(e *model.Edit) []int { return e.Drivers }),
	listOf("links", func(p *model.Portfolio) *[]model.Link { return &p.Links }, func(e *model.Edit) []int { return e.Links }),
	listOf("decisions", func(p *model.Portfolio) *[]model.Decision { return &p.Decisions }, func(e *model.Edit) []int { return e.Decisions }),
	listOf("learning", func(p *model.Portfolio) *[]model.LearningEntry { return &p.Learning }, func(e *model.Edit) []int { return e.Learning }),
	listOf("snapshots", func(p *model.Portfolio) *[]model.Snapshot { return &p.Snapshots }, func(e *model.Edit) []int { return e.Snapshots }),
}

// collections are the names of itemLists: the buckets beside the head in
// a portfolio's bucket.
var collections = func() []string {
	names := make([]string, len(itemLists))
	for i, l := range itemLists {
		names[i] = l.name
	}
	return names
}()
