package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/atomicfile"
)

// SchemaVersion is the layout version this build writes.
const SchemaVersion = 2

// MaxUndo is how many actions can be undone.
const MaxUndo = 100

// AppID is the desktop app's ID; DefaultPath lives in its storage folder.
const AppID = "io.optionspace.app"

// Errors.
var (
	// ErrLocked: another process kept the database locked for longer than
	// Options.Timeout (another window or a script in the middle of a long
	// write). Nothing was changed; its message names the file.
	ErrLocked = errors.New("another Option Space window or script is writing to this portfolio database; nothing was changed, try again in a moment")
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
	// ErrStepChanged: UndoStep or RedoStep found another step than the
	// one shown (another window or program took or added one since).
	// Nothing was changed; its message names both.
	ErrStepChanged = errors.New("the undo history changed since it was shown (another window or program took or added a step); nothing was changed")
	// ErrEmpty: the database file is empty (0 bytes) and has no backup;
	// Open leaves it as it is.
	ErrEmpty = errors.New("empty database file")
	// ErrNoDatabase: a read-only Open of a file that does not exist
	// (nothing is created); it also matches os.ErrNotExist and its
	// message names the file.
	ErrNoDatabase = errors.New("there is no portfolio database there")
	// ErrReadOnly: a write on a store opened read-only.
	ErrReadOnly = errors.New("the database is open read-only")
)

// Options configure Open.
type Options struct {
	// Timeout is how long a transaction waits for another process's lock
	// (5 s when 0).
	Timeout time.Duration
	// ReadOnly opens without writing: no backup, no migration.
	ReadOnly bool
	// Backups is how many rotating backups to keep (5 when 0; -1: none).
	Backups int
	// NoSync skips fsync (tests and benchmarks only).
	NoSync bool
	// BackupAtFirstWrite moves the rotation of the backups from Open to
	// the first write: the copy of the file as it was is made just before
	// that write's transaction and put in place only once the write has
	// committed, so that an Open followed by a refused write (an import
	// of a name that exists, an undo with nothing to undo) leaves the
	// database and its backups as they were. The command-line tool opens
	// with it; the app rotates at Open (its backup is the session's
	// start, and a rotation that fails is shown before any edit).
	BackupAtFirstWrite bool
}

// Store is a portfolio database. It holds the file only for the duration
// of each transaction (see the package doc), so several processes can use
// one file; a Store is safe for use by several goroutines.
type Store struct {
	path string
	opt  Options

	mu sync.Mutex
	// known is the transaction id of the file as this process last knew
	// it: after Open, after each of its own writes and after each Watch
	// callback. A write that finds the file at another id saw a change
	// made by another process (foreign).
	known   uint64
	foreign bool
	// fileReadOnly: a writable open found the file not writable and
	// opened it read-only (opt.ReadOnly is then set).
	fileReadOnly bool
	// backedUp: a valid PATH.backup-1 exists (otherwise the next write
	// makes one).
	backedUp bool
	// rotateAtWrite: Open found portfolios without a current backup and,
	// with Options.BackupAtFirstWrite, left the rotation to the first
	// write (see update).
	rotateAtWrite bool
	// warning is what Open found that did not stop it; backupWarning why
	// the newest rotation (at Open or after a write) failed, "" once one
	// succeeds.
	warning       string
	backupWarning string
	// cache is the last Apply's portfolio (see Apply); onCommit, set by a
	// write, runs once its transaction has committed.
	cache    *applyCache
	onCommit func()
	// pending are cache entries to write with the next transaction (see
	// SetCache).
	pending CacheEntries
}

// Summary describes a portfolio in List.
type Summary struct {
	Name        string     `json:"name"`
	Initiatives int        `json:"initiatives"`
	AsOf        model.Date `json:"as_of"`
	Modified    time.Time  `json:"modified"`
}

// DatabaseFile is the database's name in the app's storage folder.
const DatabaseFile = "optionspace.db"

// DefaultPath returns the desktop app's own database, the one resolver of
// it that the app and the CLI share: $OPTIONSPACE_DB when set, else
// DatabaseFile in the Fyne app storage folder of AppID, which is where
// Fyne v2 puts it on each desktop OS: $XDG_CONFIG_HOME/fyne/AppID (or
// ~/.config/fyne/AppID) on Linux and the BSDs, ~/Library/Preferences/fyne/
// AppID on macOS, %APPDATA%\fyne\AppID on Windows. A relative
// $OPTIONSPACE_DB is made absolute against the working directory, so that
// what `optionspace-cli dbpath` prints is the file the app opens; a
// postgres:// URL is returned as it is.
func DefaultPath() string {
	if p := os.Getenv("OPTIONSPACE_DB"); p != "" {
		if strings.Contains(p, "://") {
			return p
		}
		if abs, err := filepath.Abs(p); err == nil {
			return abs
		}
		return p
	}
	return filepath.Join(StorageDir(), DatabaseFile)
}

// StorageDir returns the Fyne app storage folder of AppID (see
// DefaultPath), without Fyne: the CLI builds without cgo.
func StorageDir() string {
	var root string
	switch runtime.GOOS {
	case "darwin":
		home, _ := os.UserHomeDir()
		root = filepath.Join(home, "Library", "Preferences")
	case "windows":
		home, _ := os.UserHomeDir()
		root = filepath.Join(home, "AppData", "Roaming")
	default:
		dir, err := os.UserConfigDir()
		if err != nil {
			dir = "."
		}
		root = dir
	}
	return filepath.Join(root, "fyne", AppID)
}

var (
	bMeta       = []byte("meta")
	bPortfolios = []byte("portfolios")
	bUndo       = []byte("undo")
	bRedo       = []byte("redo")
	kSchema     = []byte("schema")
	kHead       = []byte("head")
	kModified   = []byte("modified")
	rootBuckets = [][]byte{bMeta, bPortfolios, bUndo, bRedo}
)

// Open opens (creating when missing, mode 0600) the database at path and
// checks all of it: every page is walked before bbolt maps the file, then
// bbolt's tx.Check runs. A writable open then rotates the backups (when the
// file holds portfolios) and migrates an older schema.
//
// A zero-length file is refused as damaged when a backup of it exists (it
// is never silently re-created over the backups); without backups it is
// refused with ErrEmpty and left untouched, by a writable open too. A file
// shorter than one page that starts as bbolt's first write does (or holds
// only zeros), a creation cut short, becomes a new database: it is kept
// aside as PATH.damaged-TIME and Warning says so.
func Open(path string, opt Options) (*Store, error) {
	if opt.Timeout == 0 {
		opt.Timeout = 5 * time.Second
	}
	if opt.Backups == 0 {
		opt.Backups = 5
	}
	s := &Store{path: path, opt: opt}
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.IsDir():
		return nil, fmt.Errorf("%s is a folder, not a portfolio database file (give the file, e.g. %s)", path, filepath.Join(path, "optionspace.db"))
	case err == nil && fi.Size() == 0:
		if b := NewestBackup(path); b != "" {
			return nil, &DamagedError{Path: path, Backup: b, Err: errEmpty}
		}
		// Read-only or not, the file is left as it is: a command that
		// then fails (undo: nothing to undo) must not have made it a
		// database, and every command answers the same.
		return nil, emptyFileError(path)
	case err != nil && errors.Is(err, os.ErrNotExist):
		if opt.ReadOnly {
			return nil, noDatabaseError(path)
		}
	case err != nil:
		return nil, fmt.Errorf("cannot open the portfolio database: %w", err)
	case fi.Size() < 4096:
		// Smaller than one page: no commit ever reached it. A creation
		// cut short (a kill or power loss during bbolt's first write)
		// leaves such a file; without backups it is kept aside and the
		// database made anew, as for a zero-length file.
		if NewestBackup(path) != "" || opt.ReadOnly || !interruptedCreation(path) {
			return nil, s.damagedErr(errors.New("the file is too small to be a database"))
		}
		aside, err := keepAside(path)
		if err != nil {
			return nil, err
		}
		if err := os.Remove(path); err != nil {
			return nil, fmt.Errorf("cannot replace the unfinished database %s (kept as %s): %w", path, aside, err)
		}
		s.warning = fmt.Sprintf("The database %s had been left unfinished when it was created (%d bytes, no portfolio could be in it); it was made anew and the unfinished file kept as %s.", path, fi.Size(), aside)
	default:
		if err := s.preflight(); err != nil {
			return nil, err
		}
		if !opt.ReadOnly && errors.Is(canWrite(path), os.ErrPermission) {
			// A file the user may read but not write is opened for
			// viewing; writes say why they cannot be made.
			s.opt.ReadOnly, s.fileReadOnly = true, true
			s.warning = s.readOnlyMessage()
		}
	}
	if err := s.openCheck(); err != nil {
		return nil, err
	}
	return s, nil
}

// preflight walks every page of the file under a shared lock (so that no
// writer is half-way through), before bbolt maps it.
func (s *Store) preflight() error {
	f, err := os.Open(s.path)
	if err != nil {
		return fmt.Errorf("cannot open the portfolio database: %w", err)
	}
	defer f.Close()
	if !lockFile(f, false, s.opt.Timeout) {
		return fmt.Errorf("%w (%s)", ErrLocked, s.path)
	}
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("cannot open the portfolio database: %w", err)
	}
	_, warning, err := walkFile(f, fi.Size())
	if err != nil {
		return s.damagedErr(err)
	}
	s.warning = warning
	return nil
}

// Warning is a problem that did not stop Open or a write: one damaged meta
// page found at Open, which means bbolt opened the file at the commit
// before the newest one, or a backup that could not be written (at Open,
// or after the first action of a database without one; the action is
// saved all the same). "" when there is none. Front ends show it after
// Open and after each write.
func (s *Store) Warning() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.TrimSpace(s.warning + " " + s.backupWarning)
}

// backupFailed records why a rotation failed (nil: it did not), with the
// backups there are after it: a failed rotation keeps every one it found
// (see rotate), and a new database may have none yet.
func (s *Store) backupFailed(err error) {
	s.backupWarning = ""
	if err == nil {
		return
	}
	switch kept := existingBackups(s.path); len(kept) {
	case 0:
		s.backupWarning = err.Error() + "; there is no backup of this database yet."
	case 1:
		s.backupWarning = fmt.Sprintf("%v; the one older backup, %s, is kept.", err, kept[0])
	default:
		s.backupWarning = fmt.Sprintf("%v; the %d older backups are kept (the newest is %s).", err, len(kept), kept[0])
	}
}

// existingBackups lists the backups of the database at path that exist,
// newest first: PATH.backup-1, -2, ... then the pre-migration copies.
func existingBackups(path string) []string {
	var out []string
	for i := 1; i <= maxBackupScan; i++ {
		if fi, err := os.Stat(backupName(path, i)); err == nil && fi.Mode().IsRegular() {
			out = append(out, backupName(path, i))
		}
	}
	pre, _ := filepath.Glob(globEscape(path) + ".pre-migration-v*")
	for i := len(pre) - 1; i >= 0; i-- {
		out = append(out, pre[i])
	}
	return out
}

// canWrite reports whether the file at path can be opened for writing
// (nil), an error matching os.ErrPermission when it cannot; a variable
// so that tests running as root can stand in for a read-only file.
var canWrite = func(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	return f.Close()
}

// readOnlyMessage says that the file is read-only and how to change it.
func (s *Store) readOnlyMessage() string {
	return fmt.Sprintf("the portfolio database %s is read-only (no permission to write it): you can view it; to change it, make the file writable (chmod u+w %s, or ask its owner) or import a copy of it into another database", s.path, s.path)
}

// readOnlyFileError is a write refused because the file may not be
// written; it matches ErrReadOnly.
type readOnlyFileError string

func (e readOnlyFileError) Error() string        { return string(e) }
func (e readOnlyFileError) Is(target error) bool { return target == ErrReadOnly }

// ReadOnly reports whether the store refuses writes: opened with
// Options.ReadOnly, or a file it may not write (then Warning says so and
// every write returns ErrReadOnly with the way out).
func (s *Store) ReadOnly() bool { return s.opt.ReadOnly }

// emptyFileError is a zero-length database file without backups; it
// matches ErrEmpty.
type emptyFileError string

func (e emptyFileError) Error() string {
	return fmt.Sprintf("the portfolio database %s is empty (0 bytes): it holds no portfolios and is left as it is; delete the empty file to start a new database there, or give another file", string(e))
}

func (e emptyFileError) Is(target error) bool { return target == ErrEmpty }

// noDatabaseError is a read-only Open of a path where there is no file;
// it matches ErrNoDatabase and os.ErrNotExist.
type noDatabaseError string

func (e noDatabaseError) Error() string {
	return fmt.Sprintf("there is no portfolio database at %s (no such file; nothing was created)", string(e))
}

func (e noDatabaseError) Is(target error) bool {
	return target == ErrNoDatabase || target == os.ErrNotExist
}

// openCheck runs bbolt's check, backs up and prepares the file.
func (s *Store) openCheck() error {
	db, err := s.openDB(s.opt.ReadOnly)
	if err != nil {
		return err
	}
	defer db.Close()
	var full bool
	var txid uint64
	err = s.guard(func() error {
		return db.View(func(tx *bolt.Tx) error {
			txid = uint64(tx.ID())
			full = hasPortfolios(tx)
			return s.checkTx(tx)
		})
	})
	if err != nil {
		return err
	}
	s.known = txid
	if s.opt.ReadOnly {
		return nil
	}
	if s.opt.Backups > 0 {
		s.backedUp = backupCurrent(s.path, txid)
		if full && !s.backedUp && s.opt.BackupAtFirstWrite {
			s.rotateAtWrite = true
		} else if full && !s.backedUp {
			// A backup that cannot be written (a full disk, a read-only
			// folder) does not stop the work; the next open tries again.
			s.backupFailed(s.rotate(db))
		}
	}
	if err := s.prepare(db); err != nil {
		return err
	}
	return nil
}

func hasPortfolios(tx *bolt.Tx) bool {
	b := tx.Bucket(bPortfolios)
	if b == nil {
		return false
	}
	k, _ := b.Cursor().First()
	return k != nil
}

// checkTx is bbolt's consistency check and the schema check.
func (s *Store) checkTx(tx *bolt.Tx) error {
	for e := range tx.Check() {
		return s.damagedErr(e)
	}
	if meta := tx.Bucket(bMeta); meta != nil {
		v, err := strconv.Atoi(string(meta.Get(kSchema)))
		if err != nil || v < 1 {
			return s.damagedErr(errors.New("the schema version is unreadable"))
		}
		if v > SchemaVersion {
			return fmt.Errorf("%w (%s: schema %d, this build reads up to %d): update Option Space to open it", ErrNewerSchema, s.path, v, SchemaVersion)
		} else if s.opt.ReadOnly && v < SchemaVersion {
			return fmt.Errorf("%w (%s: schema %d, now %d): open it once in the app, or import into it, to upgrade it (a backup is kept)", ErrOldSchema, s.path, v, SchemaVersion)
		}
	} else if tx.Bucket(bPortfolios) != nil {
		return s.damagedErr(errors.New("the meta bucket is missing"))
	} else if k, _ := tx.Cursor().First(); k != nil {
		return fmt.Errorf("%s is a bbolt database of another program, not an Option Space database: choose another file", s.path)
	}
	return nil
}

// prepare creates the buckets of a new file and migrates an old one.
func (s *Store) prepare(db *bolt.DB) error {
	var version int
	var id uint64
	err := s.guard(func() error {
		return db.Update(func(tx *bolt.Tx) error {
			id = uint64(tx.ID())
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
			if version == SchemaVersion {
				return errNoChange
			}
			return nil
		})
	})
	if err == nil {
		s.known = id
	} else if errors.Is(err, errNoChange) {
		err = nil
	}
	if err != nil || version == 0 || version == SchemaVersion {
		return err
	}
	return s.migrate(db, version)
}

// errNoChange rolls back a transaction that found nothing to do.
var errNoChange = errors.New("no change")

// openDB opens the bbolt file for one operation, waiting up to the timeout
// for another process's lock.
func (s *Store) openDB(readOnly bool) (*bolt.DB, error) {
	if err := checkFileSize(s.path); err != nil {
		return nil, s.damagedErr(err)
	}
	// bbolt's defaults for the freelist are kept: the file is opened for
	// each transaction, and NoFreelistSync would make every open scan all
	// pages to rebuild the freelist (measured: an action on 10,000
	// initiatives 56-73 ms instead of 24-42 ms); the hashmap freelist
	// (FreelistMapType) measured no faster at this size. Every write is
	// one transaction, fsynced unless Options.NoSync.
	db, err := bolt.Open(s.path, 0o600, &bolt.Options{Timeout: s.opt.Timeout, ReadOnly: readOnly, NoSync: s.opt.NoSync})
	if err == nil {
		return db, nil
	}
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return nil, fmt.Errorf("%w (%s)", ErrLocked, s.path)
	case errors.Is(err, os.ErrPermission):
		return nil, fmt.Errorf("cannot open the portfolio database: %w (check the permissions of the file and its folder, or use another file)", err)
	case errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("cannot open the portfolio database: %w", err)
	}
	return nil, s.damagedErr(err)
}

// guard turns a panic of bbolt on a damaged page into a *DamagedError.
func (s *Store) guard(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = s.damagedErr(fmt.Errorf("%v", r))
		}
	}()
	return f()
}

// view runs f in a read transaction of a read-only open of the file.
func (s *Store) view(f func(tx *bolt.Tx) error) error {
	return s.withDB(true, func(db *bolt.DB) error {
		return s.damagedRecord(s.guard(func() error { return db.View(f) }))
	})
}

// withDB opens the file for one operation under the Store's lock, runs f
// on it and closes it.
func (s *Store) withDB(readOnly bool, f func(db *bolt.DB) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	db, err := s.openDB(readOnly)
	if err != nil {
		return err
	}
	defer db.Close()
	return f(db)
}

// damagedRecord turns a record that does not decode into a *DamagedError.
func (s *Store) damagedRecord(err error) error {
	var re recordErr
	if errors.As(err, &re) {
		return s.damagedErr(re.err)
	}
	return err
}

// update runs f in one read-write transaction; after the first committed
// change of a file without a valid backup, it makes one.
func (s *Store) update(f func(tx *bolt.Tx) error) error {
	if s.fileReadOnly {
		return readOnlyFileError(s.readOnlyMessage())
	}
	if s.opt.ReadOnly {
		return ErrReadOnly
	}
	return s.withDB(false, func(db *bolt.DB) error {
		s.onCommit = nil
		var before *atomicfile.File
		if s.rotateAtWrite {
			// The copy of the file before this write (under the same
			// lock), put in place only if the write commits.
			var err error
			if before, err = s.snapshot(db); err != nil {
				s.backupFailed(err)
			} else {
				defer before.Abort()
			}
		}
		err := s.guard(func() error {
			return db.Update(func(tx *bolt.Tx) error {
				if prev := uint64(tx.ID()) - 1; prev != s.known {
					s.foreign = true
				}
				if err := f(tx); err != nil {
					return err
				}
				s.writeCache(tx)
				s.known = uint64(tx.ID())
				return nil
			})
		})
		after := s.onCommit
		s.onCommit = nil
		if err != nil {
			return s.damagedRecord(err)
		}
		s.pending = nil // written with the transaction
		if after != nil {
			after()
		}
		if before != nil {
			s.rotateAtWrite = false
			if err := s.install(before); err != nil {
				s.backupFailed(fmt.Errorf("the action was saved, but no new backup was made: %w", err))
			} else {
				s.backupFailed(nil)
			}
		}
		if s.opt.Backups > 0 && !s.backedUp {
			// A brand-new database's first backup (or one Open could not
			// make); a failure here does not undo the action, which is
			// committed, and is reported by Warning.
			if err := s.rotate(db); err != nil {
				s.backupFailed(fmt.Errorf("the action was saved, but no new backup was made: %w", err))
			} else {
				s.backupFailed(nil)
			}
		}
		return nil
	})
}

// Close releases the store. The file is only held during transactions;
// cache entries still queued (SetCache) are written in one.
func (s *Store) Close() error { return s.FlushCache() }

// Path returns the database file.
func (s *Store) Path() string { return s.path }

// Changed reports whether another process changed the file since this
// Store last knew its state (Open, its own writes, or the last Changed that
// returned true). It reads the file's meta pages only, without a lock.
func (s *Store) Changed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := os.Open(s.path)
	if err != nil {
		return false
	}
	defer f.Close()
	var newest uint64
	for _, m := range readMetas(f) {
		newest = max(newest, m.txid)
	}
	if newest == 0 {
		return false
	}
	changed := s.foreign || newest != s.known
	s.known, s.foreign = newest, false
	return changed
}

// Watch calls changed (on its own goroutine) each time another process
// has changed the file, checking every interval; stop ends it.
func (s *Store) Watch(interval time.Duration, changed func()) (stop func()) {
	done := make(chan struct{})
	var once sync.Once
	go func() {
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if s.Changed() {
					changed()
				}
			}
		}
	}()
	return func() { once.Do(func() { close(done) }) }
}

// interruptedCreation reports whether the file at path, shorter than one
// page, is what bbolt's first write of a new database leaves when cut
// short: only zero bytes, or a first meta page (bbolt's magic at offset
// 16) followed by zeros or nothing. Any other content (a file that is not a
// database, given by mistake) is not touched.
func interruptedCreation(path string) bool {
	b, err := os.ReadFile(path)
	if err != nil || len(b) >= 4096 {
		return false
	}
	if len(b) >= boltPageHeader+4 && binary.NativeEndian.Uint32(b[boltPageHeader:]) == boltMagic {
		return true
	}
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}
