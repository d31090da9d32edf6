package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/optionspace/optionspace/model/atomicfile"
)

// maxBackupScan is how far NewestBackup looks (Options.Backups may have
// been larger when the backups were made).
const maxBackupScan = 20

// BackupName is the i-th rotating backup of the database at path
// (1 is the newest).
func BackupName(path string, i int) string { return fmt.Sprintf("%s.backup-%d", path, i) }

func backupName(path string, i int) string { return BackupName(path, i) }

// NewestBackup returns the newest backup of the database at path that
// passes VerifyFile: PATH.backup-1, -2, ... in order, then the
// pre-migration copies. "" when there is none.
func NewestBackup(path string) string {
	for i := 1; i <= maxBackupScan; i++ {
		b := backupName(path, i)
		if _, err := os.Stat(b); err != nil {
			continue
		}
		if VerifyFile(b) == nil {
			return b
		}
	}
	pre, _ := filepath.Glob(globEscape(path) + ".pre-migration-v*")
	for i := len(pre) - 1; i >= 0; i-- {
		if VerifyFile(pre[i]) == nil {
			return pre[i]
		}
	}
	return ""
}

func globEscape(p string) string {
	r := strings.NewReplacer("*", `\*`, "?", `\?`, "[", `\[`)
	return r.Replace(p)
}

// VerifyFile checks that path is a whole, readable Option Space database:
// not empty, every page walked (without mapping it), then opened read-only
// by bbolt with tx.Check clean and a schema version.
func VerifyFile(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if fi.IsDir() {
		return fmt.Errorf("%s is a folder", path)
	}
	if fi.Size() == 0 {
		return errEmpty
	}
	if fi.Size() < 4096 {
		return errors.New("the file is too small to be a database")
	}
	if _, err := checkPages(path); err != nil {
		return err
	}
	if err := checkFileSize(path); err != nil {
		return err
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		return err
	}
	defer db.Close()
	return func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("%v", r)
			}
		}()
		return db.View(func(tx *bolt.Tx) error {
			for e := range tx.Check() {
				return e
			}
			if m := tx.Bucket(bMeta); m == nil || m.Get(kSchema) == nil {
				return errors.New("not an Option Space database")
			}
			return nil
		})
	}()
}

// backupCurrent reports whether PATH.backup-1 is valid and holds the
// file's current transaction txid (then a rotation would only push an
// older backup out for a copy of the same state).
func backupCurrent(path string, txid uint64) bool {
	b := backupName(path, 1)
	f, err := os.Open(b)
	if err != nil {
		return false
	}
	var newest uint64
	for _, m := range readMetas(f) {
		newest = max(newest, m.txid)
	}
	f.Close()
	return newest == txid && VerifyFile(b) == nil
}

// rotate makes a new PATH.backup-1 from db: the copy is written to a
// temporary file beside it and verified (VerifyFile) before anything
// moves; only then do the older backups shift up (the oldest beyond
// Options.Backups is replaced) and the copy is renamed into place, and the
// folder is synced. A kill or a full disk at any point leaves every
// existing valid backup but possibly the oldest.
func (s *Store) rotate(db *bolt.DB) error {
	f, err := s.snapshot(db)
	if err != nil {
		return err
	}
	defer f.Abort()
	return s.install(f)
}

// snapshot is rotate's first half: the verified copy of db in a temporary
// file beside PATH.backup-1, nothing else moved. The caller installs it
// or aborts it (which removes it).
func (s *Store) snapshot(db *bolt.DB) (*atomicfile.File, error) {
	first := backupName(s.path, 1)
	f, err := atomicfile.Create(first, 0o600)
	if err != nil {
		return nil, fmt.Errorf("backing up %s: %w", s.path, err)
	}
	removeStaleTemps(first, f.Name())
	err = s.guard(func() error {
		return db.View(func(tx *bolt.Tx) error {
			_, err := tx.WriteTo(f)
			return err
		})
	})
	if err == nil {
		err = f.Sync()
	}
	if err == nil {
		err = VerifyFile(f.Name())
	}
	if err != nil {
		f.Abort()
		return nil, fmt.Errorf("backing up %s: %w", s.path, err)
	}
	return f, nil
}

// install is rotate's second half: the older backups shift up and the
// snapshot f becomes PATH.backup-1.
func (s *Store) install(f *atomicfile.File) error {
	keep := s.opt.Backups
	for i := keep - 1; i >= 1; i-- {
		if _, err := os.Stat(backupName(s.path, i)); err == nil {
			if err := os.Rename(backupName(s.path, i), backupName(s.path, i+1)); err != nil {
				return fmt.Errorf("rotating backups of %s: %w", s.path, err)
			}
		}
	}
	if err := f.Commit(); err != nil {
		return fmt.Errorf("backing up %s: %w", s.path, err)
	}
	s.backedUp = true
	return nil
}

// removeStaleTemps removes temporary copies of target left by a killed
// rotation (atomicfile's naming), except keep.
func removeStaleTemps(target, keep string) {
	old, _ := filepath.Glob(filepath.Join(filepath.Dir(target), globEscape("."+filepath.Base(target)+".tmp-")+"*"))
	for _, o := range old {
		if filepath.Base(o) != filepath.Base(keep) {
			os.Remove(o)
		}
	}
}

// Backup writes a consistent copy of the database to dst (mode 0600)
// through atomicfile: dst is replaced only by a whole, synced copy.
func (s *Store) Backup(dst string) error {
	return s.withDB(true, func(db *bolt.DB) error { return s.backupTo(db, dst) })
}

func (s *Store) backupTo(db *bolt.DB, dst string) error {
	return atomicfile.Write(dst, 0o600, func(w io.Writer) error {
		return s.guard(func() error {
			return db.View(func(tx *bolt.Tx) error {
				_, err := tx.WriteTo(w)
				return err
			})
		})
	})
}

// Restored says what Restore did.
type Restored struct {
	// From is the backup that was copied into place.
	From string
	// KeptAs is where the file that was replaced now is ("" when there
	// was none).
	KeptAs string
}

// Restore puts a backup of the database at path back in place: from, or
// when from is "" the newest valid backup (NewestBackup). The backup is
// verified, copied to a temporary file beside path and verified again; the
// current file (damaged or not) is kept aside as PATH.damaged-TIME (never
// overwritten, never deleted), and the copy is renamed over path. It
// refuses while another process is using the file.
func Restore(path, from string) (Restored, error) {
	var r Restored
	from, err := restoreSource(path, from)
	if err != nil {
		return r, err
	}
	r.From = from
	// Hold the lock on the current file so that no window or script is in
	// the middle of using it.
	if cur, err := os.OpenFile(path, os.O_RDWR, 0); err == nil {
		defer cur.Close()
		if !lockFile(cur, true, 5*time.Second) {
			return r, fmt.Errorf("%w (%s): close the other window first", ErrLocked, path)
		}
	}
	src, err := os.Open(from)
	if err != nil {
		return r, err
	}
	defer src.Close()
	tmp, err := atomicfile.Create(path, 0o600)
	if err != nil {
		return r, err
	}
	defer tmp.Abort()
	if _, err := io.Copy(tmp, src); err != nil {
		return r, fmt.Errorf("cannot restore %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return r, fmt.Errorf("cannot restore %s: %w", path, err)
	}
	if err := VerifyFile(tmp.Name()); err != nil {
		return r, fmt.Errorf("cannot restore %s: the copy of %s does not verify (%v)", path, from, err)
	}
	if _, err := os.Stat(path); err == nil {
		kept, err := keepAside(path)
		if err != nil {
			return r, err
		}
		r.KeptAs = kept
	}
	if err := tmp.Commit(); err != nil {
		return r, err
	}
	return r, nil
}

// restoreSource is the backup Restore(path, from) copies: from, or the
// newest valid backup when from is ""; it must verify.
func restoreSource(path, from string) (string, error) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return "", fmt.Errorf("%s is a folder, not a portfolio database file", path)
	}
	if from == "" {
		if from = NewestBackup(path); from == "" {
			return "", fmt.Errorf("there is no valid backup of %s (looked for %s, -2, ... and %s.pre-migration-v*)", path, backupName(path, 1), path)
		}
	}
	if err := VerifyFile(from); err != nil {
		return "", fmt.Errorf("cannot restore from %s: it is not a valid database (%v)", from, err)
	}
	return from, nil
}

// RestorePlan says what Restore(path, from) would do, found without
// changing anything (PlanRestore).
type RestorePlan struct {
	// From is the backup that would be copied into place, Written when
	// it was written (its file's modification time).
	From    string
	Written time.Time
	// Healthy: the current file verifies (VerifyFile), so restoring
	// would roll back a working database rather than repair a damaged
	// one.
	Healthy bool
	// Lost are the actions in effect in the current file (its undo
	// history) that are not in effect in the backup, newest first:
	// restoring takes them away (Healthy only).
	Lost []Step
	// LostUndone are the current file's undone steps (its redo history,
	// the next redo first) that the backup does not hold as undone:
	// either the backup holds them in effect (restoring puts them back in
	// effect, losing the undo) or not at all (restoring loses them, they
	// can no longer be redone). Healthy only.
	LostUndone []Step
	// DataDiffer: the portfolios of the current file and of the backup
	// differ (Healthy only). With no Lost and no LostUndone this is a
	// change the undo history does not show (or the backup's own newer
	// history); without it restoring changes no portfolio.
	DataDiffer bool
	// LostKnown is false when the histories or the data could not be
	// read and compared (then Lost, LostUndone and DataDiffer say
	// nothing).
	LostKnown bool
}

// NothingLost reports whether restoring is known to lose nothing: the
// histories and the data compared and no action, undone step or
// difference in the data was found.
func (r RestorePlan) NothingLost() bool {
	return r.LostKnown && len(r.Lost) == 0 && len(r.LostUndone) == 0 && !r.DataDiffer
}

// PlanRestore finds the backup Restore(path, from) would use and, when the
// file at path is a healthy database, what restoring would lose: the
// actions and the undone steps newer than the backup, and whether the
// data differ. It returns Restore's errors for a backup that is missing
// or invalid.
func PlanRestore(path, from string) (RestorePlan, error) {
	var r RestorePlan
	from, err := restoreSource(path, from)
	if err != nil {
		return r, err
	}
	r.From = from
	if fi, err := os.Stat(from); err == nil {
		r.Written = fi.ModTime()
	}
	if _, err := os.Stat(path); err != nil || VerifyFile(path) != nil {
		return r, nil
	}
	r.Healthy = true
	cur, err := readSnapshot(path)
	if err != nil {
		return r, nil
	}
	old, err := readSnapshot(from)
	if err != nil {
		return r, nil
	}
	r.Lost, r.LostUndone = newerSteps(cur, old)
	r.DataDiffer = !sameData(cur.data, old.data)
	r.LostKnown = true
	return r, nil
}

// snapshot is what PlanRestore compares of a database file: its undo
// history (newest first), its redo history (next redo first) and each
// portfolio as JSON, by name.
type snapshot struct {
	undo, redo []Step
	data       map[string][]byte
}

func readSnapshot(p string) (snapshot, error) {
	var sn snapshot
	s, err := Open(p, Options{ReadOnly: true})
	if err != nil {
		return sn, err
	}
	defer s.Close()
	if sn.undo, sn.redo, err = s.History(); err != nil {
		return sn, err
	}
	list, err := s.List()
	if err != nil {
		return sn, err
	}
	sn.data = make(map[string][]byte, len(list))
	for _, sum := range list {
		q, err := s.Load(sum.Name)
		if err != nil {
			return sn, err
		}
		if sn.data[sum.Name], err = json.Marshal(q); err != nil {
			return sn, err
		}
	}
	return sn, nil
}

func sameData(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || !bytes.Equal(v, w) {
			return false
		}
	}
	return true
}

// stepKey identifies an action across files and lists: its label and
// time (a step's ID changes when it moves between the undo and the redo
// list).
func stepKey(st Step) string { return st.Label + "\x00" + st.Time.UTC().Format(time.RFC3339Nano) }

// newerSteps compares the current file's history with the backup's:
// lost are the current undo steps the backup does not hold in effect
// (newest first), lostUndone the current redo steps the backup does not
// hold as undone (next redo first). Steps are matched by label and time,
// counted, so that two equal steps are not taken for one.
func newerSteps(cur, old snapshot) (lost, lostUndone []Step) {
	count := func(steps []Step) map[string]int {
		m := map[string]int{}
		for _, st := range steps {
			m[stepKey(st)]++
		}
		return m
	}
	pick := func(steps []Step, held map[string]int) []Step {
		var out []Step
		// From the list's far end (for the undo list, the oldest), so
		// that the backup's copies are matched with the oldest equal
		// steps.
		for i := len(steps) - 1; i >= 0; i-- {
			k := stepKey(steps[i])
			if held[k] > 0 {
				held[k]--
				continue
			}
			out = append(out, steps[i])
		}
		slices.Reverse(out)
		return out
	}
	return pick(cur.undo, count(old.undo)), pick(cur.redo, count(old.redo))
}

// keepAside hard-links (or copies) path to a new PATH.damaged-TIME name
// that did not exist before.
func keepAside(path string) (string, error) {
	base := path + ".damaged-" + time.Now().Format("20060102-150405")
	for i := 1; ; i++ {
		name := base
		if i > 1 {
			name = fmt.Sprintf("%s-%d", base, i)
		}
		if _, err := os.Lstat(name); err == nil {
			continue
		}
		if err := os.Link(path, name); err == nil {
			return name, atomicfile.SyncDir(filepath.Dir(name))
		}
		src, err := os.Open(path)
		if err != nil {
			return "", err
		}
		err = atomicfile.Write(name, 0o600, func(w io.Writer) error {
			_, err := io.Copy(w, src)
			return err
		})
		src.Close()
		if err != nil {
			return "", fmt.Errorf("cannot keep %s aside as %s: %w", path, name, err)
		}
		return name, nil
	}
}
