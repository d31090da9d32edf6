package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/optionspace/optionspace/model"
)

// SchemaVersion is the layout version this build writes.
const SchemaVersion = 2

// MaxUndo is how many actions can be undone.
const MaxUndo = 100

// AppID is the desktop app's ID; DefaultPath lives in its storage folder.
const AppID = "io.optionspace.app"

// Errors.
var (
	// ErrLocked: another process has the database open. Its message, with
	// the path, is "this portfolio database is open in another Option
	// Space window (PATH)".
	ErrLocked = errors.New("this portfolio database is open in another Option Space window")
	// ErrNotFound: no portfolio of that name.
	ErrNotFound = errors.New("no such portfolio")
	// ErrExists: a portfolio of that name exists already.
	ErrExists = errors.New("a portfolio of that name exists already")
	// ErrNewerSchema: the file was written by a newer Option Space.
	ErrNewerSchema = errors.New("the database was written by a newer version of Option Space")
	// ErrNothingToUndo and ErrNothingToRedo: the history is empty.
	ErrNothingToUndo = errors.New("nothing to undo")
	ErrNothingToRedo = errors.New("nothing to redo")
	// ErrOldSchema: a read-only open of a file in an older schema, which
	// only a writable open migrates.
	ErrOldSchema = errors.New("the database is in an older format")
	// ErrReadOnly: a write on a store opened read-only.
	ErrReadOnly = errors.New("the database is open read-only")
)

// DamagedError is a database file that cannot be read: not a bbolt file,
// truncated or damaged.
type DamagedError struct {
	Path string
	// Backup is the newest backup of the file, "" when there is none.
	Backup string
	Err    error
}

func (e *DamagedError) Error() string {
	msg := fmt.Sprintf("the portfolio database %s is damaged or is not an Option Space database (%v)", e.Path, e.Err)
	if e.Backup != "" {
		msg += "; the newest backup is " + e.Backup
	}
	return msg
}

func (e *DamagedError) Unwrap() error { return e.Err }

// Options configure Open.
type Options struct {
	// Timeout is how long to wait for another process's lock (2 s when 0).
	Timeout time.Duration
	// ReadOnly opens without writing: no backup, no migration.
	ReadOnly bool
	// Backups is how many rotating backups to keep (5 when 0; -1: none).
	Backups int
	// NoSync skips fsync (tests and benchmarks only).
	NoSync bool
}

// Store is an open portfolio database.
type Store struct {
	db   *bolt.DB
	path string
	ro   bool
}

// Summary describes a portfolio in List.
type Summary struct {
	Name        string     `json:"name"`
	Initiatives int        `json:"initiatives"`
	AsOf        model.Date `json:"as_of"`
	Modified    time.Time  `json:"modified"`
}

// DefaultPath returns the desktop app's own database, in the Fyne app
// storage folder: $XDG_CONFIG_HOME/fyne/io.optionspace.app/optionspace.db
// (~/.config/... on Linux). OPTIONSPACE_DB overrides it.
func DefaultPath() string {
	if p := os.Getenv("OPTIONSPACE_DB"); p != "" {
		return p
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = "."
	}
	return filepath.Join(dir, "fyne", AppID, "optionspace.db")
}

var (
	bMeta       = []byte("meta")
	bPortfolios = []byte("portfolios")
	bUndo       = []byte("undo")
	bRedo       = []byte("redo")
	kSchema     = []byte("schema")
	kHead       = []byte("head")
	kModified   = []byte("modified")
	collections = []string{"initiatives", "drivers", "links", "decisions", "learning", "snapshots"}
	rootBuckets = [][]byte{bMeta, bPortfolios, bUndo, bRedo}
)

// Open opens (creating when missing, mode 0600) the database at path.
func Open(path string, opt Options) (s *Store, err error) {
	if opt.Timeout == 0 {
		opt.Timeout = 2 * time.Second
	}
	if opt.Backups == 0 {
		opt.Backups = 5
	}
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, &DamagedError{Path: path, Backup: newestBackup(path), Err: fmt.Errorf("%v", r)}
		}
	}()
	if fi, statErr := os.Stat(path); statErr == nil && fi.Size() > 0 && fi.Size() < 4096 {
		return nil, &DamagedError{Path: path, Backup: newestBackup(path), Err: errors.New("the file is too small to be a database")}
	} else if statErr != nil && opt.ReadOnly {
		return nil, fmt.Errorf("cannot open the portfolio database: %w", statErr)
	}
	if err := checkFileSize(path); err != nil {
		return nil, &DamagedError{Path: path, Backup: newestBackup(path), Err: err}
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: opt.Timeout, ReadOnly: opt.ReadOnly, NoSync: opt.NoSync})
	if err != nil {
		switch {
		case errors.Is(err, berrors.ErrTimeout):
			return nil, fmt.Errorf("%w (%s)", ErrLocked, path)
		case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum), errors.Is(err, berrors.ErrVersionMismatch):
			return nil, &DamagedError{Path: path, Backup: newestBackup(path), Err: err}
		case errors.Is(err, os.ErrNotExist), errors.Is(err, os.ErrPermission):
			return nil, fmt.Errorf("cannot open the portfolio database: %w", err)
		}
		return nil, &DamagedError{Path: path, Backup: newestBackup(path), Err: err}
	}
	s = &Store{db: db, path: path, ro: opt.ReadOnly}
	if err := s.check(); err != nil {
		db.Close()
		return nil, err
	}
	if opt.ReadOnly {
		return s, nil
	}
	if opt.Backups > 0 {
		if err := s.rotateBackups(opt.Backups); err != nil {
			db.Close()
			return nil, err
		}
	}
	if err := s.prepare(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// check reads the whole file once (bbolt's consistency check), so damage
// is found at open and not in the middle of an action.
func (s *Store) check() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &DamagedError{Path: s.path, Backup: newestBackup(s.path), Err: fmt.Errorf("%v", r)}
		}
	}()
	return s.db.View(func(tx *bolt.Tx) error {
		for e := range tx.Check() {
			return &DamagedError{Path: s.path, Backup: newestBackup(s.path), Err: e}
		}
		if meta := tx.Bucket(bMeta); meta != nil {
			v, err := strconv.Atoi(string(meta.Get(kSchema)))
			if err != nil || v < 1 {
				return &DamagedError{Path: s.path, Backup: newestBackup(s.path), Err: fmt.Errorf("the schema version %q is unreadable", meta.Get(kSchema))}
			}
			if v > SchemaVersion {
				return fmt.Errorf("%w (%s: schema %d, this build reads up to %d): update Option Space to open it", ErrNewerSchema, s.path, v, SchemaVersion)
			} else if s.ro && v < SchemaVersion {
				return fmt.Errorf("%w (%s: schema %d, now %d): open it once in the app, or import into it, to upgrade it (a backup is kept)", ErrOldSchema, s.path, v, SchemaVersion)
			}
		} else if tx.Bucket(bPortfolios) != nil {
			return &DamagedError{Path: s.path, Backup: newestBackup(s.path), Err: errors.New("the meta bucket is missing")}
		} else if k, _ := tx.Cursor().First(); k != nil {
			return fmt.Errorf("%s is a bbolt database of another program, not an Option Space database: choose another file", s.path)
		}
		return nil
	})
}

// prepare creates the buckets of a new file and migrates an old one.
func (s *Store) prepare() error {
	var version int
	err := s.db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bMeta)
		if meta == nil {
			for _, b := range rootBuckets {
				if _, err := tx.CreateBucketIfNotExists(b); err != nil {
					return err
				}
			}
			return tx.Bucket(bMeta).Put(kSchema, []byte(strconv.Itoa(SchemaVersion)))
		}
		version, _ = strconv.Atoi(string(meta.Get(kSchema)))
		return nil
	})
	if err != nil || version == 0 || version == SchemaVersion {
		return err
	}
	return s.migrate(version)
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Path returns the database file.
func (s *Store) Path() string { return s.path }

// Backup writes a consistent copy of the database to dst while it stays in
// use (tx.CopyFile, mode 0600). The copy is written beside dst and renamed
// into place once complete, so dst is never a half-written file.
func (s *Store) Backup(dst string) error {
	tmp := dst + ".partial"
	err := s.db.View(func(tx *bolt.Tx) error {
		os.Remove(tmp)
		if err := tx.CopyFile(tmp, 0o600); err != nil {
			return err
		}
		f, err := os.Open(tmp)
		if err != nil {
			return err
		}
		err = f.Sync()
		f.Close()
		return err
	})
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, dst)
}

func backupName(path string, i int) string { return fmt.Sprintf("%s.backup-%d", path, i) }

// newestBackup returns the newest existing backup of path, or "".
func newestBackup(path string) string {
	if _, err := os.Stat(backupName(path, 1)); err == nil {
		return backupName(path, 1)
	}
	return ""
}

// rotateBackups shifts PATH.backup-i to i+1 (dropping the oldest) and
// copies the database to PATH.backup-1.
func (s *Store) rotateBackups(keep int) error {
	var empty bool
	s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bPortfolios)
		empty = b == nil
		if b != nil {
			k, _ := b.Cursor().First()
			empty = k == nil
		}
		return nil
	})
	if empty {
		return nil
	}
	os.Remove(backupName(s.path, keep))
	for i := keep - 1; i >= 1; i-- {
		if _, err := os.Stat(backupName(s.path, i)); err == nil {
			if err := os.Rename(backupName(s.path, i), backupName(s.path, i+1)); err != nil {
				return fmt.Errorf("rotating backups of %s: %w", s.path, err)
			}
		}
	}
	if err := s.Backup(backupName(s.path, 1)); err != nil {
		return fmt.Errorf("backing up %s: %w", s.path, err)
	}
	return nil
}

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
				return &DamagedError{Path: s.path, Err: fmt.Errorf("portfolio %q: %w", name, err)}
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
		return nil, fmt.Errorf("portfolio %q: %w", name, err)
	}
	for _, c := range collections {
		b := pb.Bucket([]byte(c))
		if b == nil {
			continue
		}
		err := b.ForEach(func(k, v []byte) error {
			var err error
			switch c {
			case "initiatives":
				err = appendJSON(&p.Initiatives, v)
			case "drivers":
				err = appendJSON(&p.Drivers, v)
			case "links":
				err = appendJSON(&p.Links, v)
			case "decisions":
				err = appendJSON(&p.Decisions, v)
			case "learning":
				err = appendJSON(&p.Learning, v)
			case "snapshots":
				err = appendJSON(&p.Snapshots, v)
			}
			if err != nil {
				return fmt.Errorf("portfolio %q, %s %s: %w", name, c, k, err)
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
	head := *p
	head.Version = model.FormatVersion
	head.Initiatives, head.Drivers, head.Links, head.Decisions, head.Learning, head.Snapshots = nil, nil, nil, nil, nil, nil
	hb, err := json.Marshal(&head)
	if err != nil {
		return nil, err
	}
	out := []record{{"", string(kHead), hb}}
	add := func(bucket string, n int, at func(i int) any) error {
		for i := 0; i < n; i++ {
			b, err := json.Marshal(at(i))
			if err != nil {
				return err
			}
			out = append(out, record{bucket, fmt.Sprintf("%06d", i), b})
		}
		return nil
	}
	errs := []error{
		add("initiatives", len(p.Initiatives), func(i int) any { return &p.Initiatives[i] }),
		add("drivers", len(p.Drivers), func(i int) any { return &p.Drivers[i] }),
		add("links", len(p.Links), func(i int) any { return &p.Links[i] }),
		add("decisions", len(p.Decisions), func(i int) any { return &p.Decisions[i] }),
		add("learning", len(p.Learning), func(i int) any { return &p.Learning[i] }),
		add("snapshots", len(p.Snapshots), func(i int) any { return &p.Snapshots[i] }),
	}
	return out, errors.Join(errs...)
}

// change is one key an action changed: its bytes before and after (nil:
// absent).
type change struct {
	Portfolio string `json:"p"`
	Bucket    string `json:"b,omitempty"`
	Key       string `json:"k"`
	Before    []byte `json:"o,omitempty"`
	After     []byte `json:"n,omitempty"`
}

// action is one undoable user action.
type action struct {
	Label   string   `json:"label"`
	Time    string   `json:"time"`
	Changes []change `json:"changes"`
}

// diff returns the changes that turn the stored portfolio name (nil recs
// when absent) into recs under newName.
func diffTx(tx *bolt.Tx, name string, newName string, recs []record) []change {
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
			if err := root.DeleteBucket([]byte(name)); err != nil {
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
	if err := push(tx.Bucket(bUndo), action{Label: label, Time: time.Now().UTC().Format(time.RFC3339), Changes: changes}); err != nil {
		return err
	}
	// A new action clears the redo history.
	if err := tx.DeleteBucket(bRedo); err != nil {
		return err
	}
	_, err := tx.CreateBucket(bRedo)
	return err
}

func push(b *bolt.Bucket, a action) error {
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
		return nil, err
	}
	return &a, b.Delete(k)
}

func (s *Store) update(f func(tx *bolt.Tx) error) (err error) {
	if s.ro {
		return ErrReadOnly
	}
	defer s.damaged(&err)
	return s.db.Update(f)
}

// view runs f in a read transaction.
func (s *Store) view(f func(tx *bolt.Tx) error) (err error) {
	defer s.damaged(&err)
	return s.db.View(f)
}

// damaged turns a panic of bbolt on a damaged page into a *DamagedError,
// so a damaged file never shows a Go panic trace.
func (s *Store) damaged(err *error) {
	if r := recover(); r != nil {
		*err = &DamagedError{Path: s.path, Backup: newestBackup(s.path), Err: fmt.Errorf("%v", r)}
	}
}

// Create stores a new portfolio as one undoable action. It refuses an
// existing name and an invalid portfolio.
func (s *Store) Create(p *model.Portfolio) error {
	if err := validate(p); err != nil {
		return err
	}
	recs, err := records(p)
	if err != nil {
		return err
	}
	return s.update(func(tx *bolt.Tx) error {
		if portfolioBucket(tx, p.Name) != nil {
			return fmt.Errorf("%w: %q", ErrExists, p.Name)
		}
		return commitTx(tx, "create "+p.Name, diffTx(tx, "", p.Name, recs))
	})
}

// Apply is one user action on the named portfolio: in one transaction it
// loads the portfolio, runs edit on it, validates the result (writing
// nothing when it is invalid), writes the keys that changed and records the
// action for undo under label. It returns the saved portfolio.
func (s *Store) Apply(name, label string, edit func(p *model.Portfolio) error) (*model.Portfolio, error) {
	var saved *model.Portfolio
	err := s.update(func(tx *bolt.Tx) error {
		p, err := loadTx(tx, name)
		if err != nil {
			return err
		}
		if err := edit(p); err != nil {
			return err
		}
		if err := validate(p); err != nil {
			return err
		}
		if p.Name != name && portfolioBucket(tx, p.Name) != nil {
			return fmt.Errorf("%w: %q", ErrExists, p.Name)
		}
		recs, err := records(p)
		if err != nil {
			return err
		}
		saved = p
		return commitTx(tx, label, diffTx(tx, name, p.Name, recs))
	})
	if err != nil {
		return nil, err
	}
	return saved, nil
}

// Rename renames a portfolio (undoable).
func (s *Store) Rename(old, new string) error {
	_, err := s.Apply(old, fmt.Sprintf("rename %s to %s", old, new), func(p *model.Portfolio) error {
		p.Name = new
		return nil
	})
	return err
}

// Duplicate copies a portfolio under a new name (undoable).
func (s *Store) Duplicate(name, newName string) error {
	return s.update(func(tx *bolt.Tx) error {
		p, err := loadTx(tx, name)
		if err != nil {
			return err
		}
		p.Name = newName
		if err := validate(p); err != nil {
			return err
		}
		if portfolioBucket(tx, newName) != nil {
			return fmt.Errorf("%w: %q", ErrExists, newName)
		}
		recs, err := records(p)
		if err != nil {
			return err
		}
		return commitTx(tx, fmt.Sprintf("duplicate %s as %s", name, newName), diffTx(tx, "", newName, recs))
	})
}

// Delete deletes a portfolio (undoable).
func (s *Store) Delete(name string) error {
	return s.update(func(tx *bolt.Tx) error {
		if portfolioBucket(tx, name) == nil {
			return fmt.Errorf("%w: %q", ErrNotFound, name)
		}
		var changes []change
		for _, c := range diffTx(tx, name, "\x00deleted", nil) {
			if c.Before != nil {
				changes = append(changes, c)
			}
		}
		return commitTx(tx, "delete "+name, changes)
	})
}

// Undo reverts the newest action and returns its label.
func (s *Store) Undo() (string, error) { return s.step(bUndo, bRedo, false) }

// Redo re-applies the newest undone action and returns its label.
func (s *Store) Redo() (string, error) { return s.step(bRedo, bUndo, true) }

func (s *Store) step(from, to []byte, forward bool) (string, error) {
	var label string
	err := s.update(func(tx *bolt.Tx) error {
		a, err := pop(tx.Bucket(from))
		if err != nil {
			return err
		}
		if a == nil {
			if forward {
				return ErrNothingToRedo
			}
			return ErrNothingToUndo
		}
		label = a.Label
		if err := applyTx(tx, a.Changes, forward); err != nil {
			return err
		}
		return push(tx.Bucket(to), *a)
	})
	return label, err
}

// CanUndo returns the label of the action Undo would revert.
func (s *Store) CanUndo() (string, bool) { return s.peek(bUndo) }

// CanRedo returns the label of the action Redo would re-apply.
func (s *Store) CanRedo() (string, bool) { return s.peek(bRedo) }

func (s *Store) peek(bucket []byte) (label string, ok bool) {
	s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucket)
		if b == nil {
			return nil
		}
		_, v := b.Cursor().Last()
		if v == nil {
			return nil
		}
		var a struct {
			Label string `json:"label"`
		}
		if json.Unmarshal(v, &a) == nil {
			label, ok = a.Label, true
		}
		return nil
	})
	return label, ok
}

// validate runs the model's validation when it has one.
func validate(p *model.Portfolio) error {
	if p.Name == "" {
		return errors.New("the portfolio has no name")
	}
	if v, ok := any(p).(interface{ Validate() error }); ok {
		return v.Validate()
	}
	return nil
}
