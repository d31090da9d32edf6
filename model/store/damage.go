package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// DamagedError is a database file that cannot be read: not a bbolt file,
// empty, truncated or damaged.
type DamagedError struct {
	Path string
	// Backup is the newest backup of the file that passes the same checks
	// (see VerifyFile), "" when there is none.
	Backup string
	Err    error
}

func (e *DamagedError) Error() string {
	msg := fmt.Sprintf("the portfolio database %s is damaged or is not an Option Space database (%v)", e.Path, e.Err)
	if e.Backup != "" {
		msg += "; the newest valid backup is " + e.Backup + " (optionspace-cli restore --db " + e.Path + " puts it back and keeps the damaged file aside)"
	} else {
		msg += "; there is no valid backup of it"
	}
	return msg
}

func (e *DamagedError) Unwrap() error { return e.Err }

func (s *Store) damagedErr(err error) error {
	return &DamagedError{Path: s.path, Backup: NewestBackup(s.path), Err: err}
}

// errEmpty is a zero-length database file.
var errEmpty = errors.New("the file is empty (0 bytes)")

// Page layout of bbolt (go.etcd.io/bbolt/internal/common): a 16-byte header
// (id uint64, flags uint16, count uint16, overflow uint32), then count
// elements of 16 bytes: branch (pos, ksize uint32, child pgid uint64) or
// leaf (flags, pos, ksize, vsize uint32), pos counted from the element. A
// leaf value with flag 1 is a nested bucket: its root pgid and sequence,
// and when the root is 0 an inline page right after them.
const (
	pageBranch   = 0x01
	pageLeaf     = 0x02
	pageMeta     = 0x04
	pageFreelist = 0x10
	leafBucket   = 0x01
	elemSize     = 16
	noFreelist   = ^uint64(0)
	maxDepth     = 64
)

// walkFile checks every page reachable from the newest valid meta page of
// a bbolt file, reading with ReadAt (never mapping the file), before bbolt
// is allowed to map it: page ids, types and overflow within the file and
// the high-water mark, element tables and keys and values within their
// page, keys in order, no page reached twice, and the freelist's ids in
// range and not in use. bbolt trusts all of these: a flipped byte in any of
// them made it read outside its mapping (SIGSEGV, "unexpected fault
// address") in the check goroutine, which no recover catches.
//
// It returns the meta it walked and, when the other meta page is damaged,
// a warning that the last commit may have been rolled back.
func walkFile(f io.ReaderAt, size int64) (m *boltMeta, warning string, err error) {
	metas := readMetas(f)
	if len(metas) == 0 {
		return nil, "", errors.New("neither of its two meta pages is valid")
	}
	m = metas[0]
	if len(metas) == 2 && metas[1].txid > m.txid {
		m = metas[1]
	}
	if len(metas) == 1 {
		warning = fmt.Sprintf("one of the two meta pages of the database is damaged, so it was opened at transaction %d: the last change saved before the damage may be missing", m.txid)
	}
	ps := int64(m.pageSize)
	if need := int64(m.pgid) * ps; need > size {
		return m, warning, fmt.Errorf("the file is truncated: it is %d bytes long, its last transaction wrote %d", size, need)
	}
	w := &walker{r: f, ps: ps, hwm: m.pgid, used: make([]bool, m.pgid)}
	w.used[0], w.used[1] = true, true
	if m.root < 2 || m.root >= m.pgid {
		return m, warning, fmt.Errorf("the root bucket points at page %d, outside the file", m.root)
	}
	if err := w.tree(m.root, 0); err != nil {
		return m, warning, err
	}
	if m.freelist != noFreelist {
		if err := w.freelist(m.freelist); err != nil {
			return m, warning, err
		}
	}
	return m, warning, nil
}

type walker struct {
	r    io.ReaderAt
	ps   int64
	hwm  uint64
	used []bool
}

// page reads page id with its overflow, checking its header.
func (w *walker) page(id uint64, kind string) ([]byte, uint16, error) {
	if id < 2 || id >= w.hwm {
		return nil, 0, fmt.Errorf("a %s points at page %d, outside the file", kind, id)
	}
	var h [16]byte
	if _, err := w.r.ReadAt(h[:], int64(id)*w.ps); err != nil {
		return nil, 0, fmt.Errorf("page %d cannot be read: %v", id, err)
	}
	e := binary.NativeEndian
	if got := e.Uint64(h[0:]); got != id {
		return nil, 0, fmt.Errorf("page %d is damaged (its header names page %d)", id, got)
	}
	flags := e.Uint16(h[8:])
	overflow := uint64(e.Uint32(h[12:]))
	if id+overflow >= w.hwm {
		return nil, 0, fmt.Errorf("page %d is damaged (it runs past the end of the file)", id)
	}
	for p := id; p <= id+overflow; p++ {
		if w.used[p] {
			return nil, 0, fmt.Errorf("page %d is damaged (page %d is used twice)", id, p)
		}
		w.used[p] = true
	}
	buf := make([]byte, int64(overflow+1)*w.ps)
	if _, err := w.r.ReadAt(buf, int64(id)*w.ps); err != nil {
		return nil, 0, fmt.Errorf("page %d cannot be read: %v", id, err)
	}
	return buf, flags, nil
}

// pageErr is a damaged page found by tree, already naming its page.
type pageErr struct{ error }

// tree checks the B+tree of one bucket rooted at page id.
func (w *walker) tree(id uint64, depth int) error {
	err := w.tree1(id, depth)
	var pe pageErr
	if err != nil && !errors.As(err, &pe) {
		err = pageErr{err}
	}
	return err
}

func (w *walker) tree1(id uint64, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("page %d is damaged (the tree is too deep)", id)
	}
	buf, flags, err := w.page(id, "bucket")
	if err != nil {
		return err
	}
	switch flags {
	case pageBranch:
		children, err := branchElems(buf)
		if err != nil {
			return fmt.Errorf("page %d is damaged (%v)", id, err)
		}
		for _, c := range children {
			if err := w.tree(c, depth+1); err != nil {
				return err
			}
		}
		return nil
	case pageLeaf:
		if err := w.leaf(buf, depth); err != nil {
			var pe pageErr
			if errors.As(err, &pe) {
				return err // a nested bucket's page, named already
			}
			return fmt.Errorf("page %d is damaged (%v)", id, err)
		}
		return nil
	}
	return fmt.Errorf("page %d is damaged (type %#x where a bucket page belongs)", id, flags)
}

func branchElems(buf []byte) ([]uint64, error) {
	e := binary.NativeEndian
	n := int(e.Uint16(buf[10:]))
	if n == 0 {
		return nil, errors.New("an empty branch")
	}
	if 16+n*elemSize > len(buf) {
		return nil, errors.New("its element table runs past the page")
	}
	var prev []byte
	out := make([]uint64, n)
	for i := range n {
		at := 16 + i*elemSize
		pos, ksize := int(e.Uint32(buf[at:])), int(e.Uint32(buf[at+4:]))
		k, ok := span(buf, at, pos, ksize)
		if !ok {
			return nil, errors.New("a key runs past the page")
		}
		if i > 0 && bytes.Compare(prev, k) >= 0 {
			return nil, errors.New("keys out of order")
		}
		prev = k
		out[i] = e.Uint64(buf[at+8:])
	}
	return out, nil
}

// leaf checks a leaf page (or an inline bucket's page) and the buckets
// nested in it.
func (w *walker) leaf(buf []byte, depth int) error {
	e := binary.NativeEndian
	n := int(e.Uint16(buf[10:]))
	if 16+n*elemSize > len(buf) {
		return errors.New("its element table runs past the page")
	}
	var prev []byte
	for i := range n {
		at := 16 + i*elemSize
		flags := e.Uint32(buf[at:])
		pos, ksize, vsize := int(e.Uint32(buf[at+4:])), int(e.Uint32(buf[at+8:])), int(e.Uint32(buf[at+12:]))
		if flags&^leafBucket != 0 {
			return fmt.Errorf("element flags %#x", flags)
		}
		kv, ok := span(buf, at, pos, ksize+vsize)
		if !ok || ksize+vsize < ksize {
			return errors.New("a key or value runs past the page")
		}
		k, v := kv[:ksize], kv[ksize:]
		if i > 0 && bytes.Compare(prev, k) >= 0 {
			return errors.New("keys out of order")
		}
		prev = k
		if flags&leafBucket == 0 {
			continue
		}
		if len(v) < 16 {
			return errors.New("a nested bucket's header is cut short")
		}
		root := e.Uint64(v[0:])
		if root != 0 {
			if err := w.tree(root, depth+1); err != nil {
				return err
			}
			continue
		}
		inline := v[16:]
		if len(inline) < 16 || e.Uint16(inline[8:]) != pageLeaf {
			return errors.New("an inline bucket is damaged")
		}
		if depth > maxDepth {
			return errors.New("buckets nested too deep")
		}
		if err := w.leaf(inline, depth+1); err != nil {
			return fmt.Errorf("inline bucket: %w", err)
		}
	}
	return nil
}

// span returns buf[at+pos : at+pos+n] when it lies inside buf.
func span(buf []byte, at, pos, n int) ([]byte, bool) {
	start := at + pos
	if pos < 0 || n < 0 || start < at || start > len(buf) || n > len(buf)-start {
		return nil, false
	}
	return buf[start : start+n], true
}

func (w *walker) freelist(id uint64) error {
	buf, flags, err := w.page(id, "freelist")
	if err != nil {
		return err
	}
	if flags != pageFreelist {
		return fmt.Errorf("page %d is damaged (type %#x where the freelist belongs)", id, flags)
	}
	e := binary.NativeEndian
	n, at := int(e.Uint16(buf[10:])), 16
	if n == 0xFFFF {
		big := e.Uint64(buf[16:])
		if big > uint64(len(buf)) {
			return fmt.Errorf("page %d is damaged (the freelist's count)", id)
		}
		n, at = int(big), 24
	}
	if at+8*n > len(buf) {
		return fmt.Errorf("page %d is damaged (the freelist runs past its page)", id)
	}
	for i := range n {
		p := e.Uint64(buf[at+8*i:])
		if p < 2 || p >= w.hwm {
			return fmt.Errorf("page %d is damaged (the freelist names page %d, outside the file)", id, p)
		}
		if w.used[p] {
			return fmt.Errorf("page %d is damaged (the freelist names page %d, which is in use or listed twice)", id, p)
		}
		w.used[p] = true
	}
	return nil
}

// checkPages walks the file at path (see walkFile). A missing or empty
// file is not checked.
func checkPages(path string) (warning string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return "", nil
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || fi.Size() == 0 {
		return "", nil
	}
	_, warning, err = walkFile(f, fi.Size())
	return warning, err
}

// decodeErr describes a record that does not decode without echoing its
// bytes (they may be anything after damage).
func decodeErr(what string, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("%s cannot be read (invalid JSON at byte %d)", what, se.Offset)
	case errors.As(err, &te):
		return fmt.Errorf("%s cannot be read (field %q holds the wrong type)", what, te.Field)
	}
	return fmt.Errorf("%s cannot be read (invalid JSON)", what)
}
