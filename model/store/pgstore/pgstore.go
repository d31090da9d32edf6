// Package pgstore keeps Option Space portfolios in PostgreSQL, for a
// strategy team that shares them: the same operations as the bbolt file
// store (list, load, create, apply an edit, rename, duplicate, delete, undo,
// redo, history), each one SQL transaction, with who did what and when.
//
// # Layout
//
// Schema migrations are embedded SQL files (migrations/NNNN_*.sql) applied in
// order under an advisory lock and recorded in schema_migrations. A
// portfolio is one row of portfolios (its JSON without the initiatives, in
// meta) and one row of initiatives per initiative (its JSON in doc, its
// position, a row version, who changed it last and when). Every action is a
// row of actions: its label, actor, time and the rows it changed, before and
// after.
//
// Computed caches (the valuation's solved exercise boundaries, see
// Store.Cache) are rows of caches (name, key, value): not portfolio data,
// in no action, history, undo or export, written with the next action or
// by FlushCache.
//
// # Concurrency
//
// Edits use optimistic concurrency on row versions: Apply loads the rows with
// their versions, runs the edit, and writes only the rows the edit changed
// with `UPDATE … WHERE version = loaded`. Two people editing different
// initiatives both succeed; when a row changed since it was loaded, nothing
// is written and Apply returns a *ConflictError naming who changed what and
// when. Never last-writer-wins.
//
// A Store caches the last state of each portfolio it read or wrote. Every
// transaction that writes a portfolio's rows sets a new random state token
// on its portfolios row (schema version 4), so that one row read tells a
// cached state current; when the token moved, only the rows whose version
// moved are read again. After its own action, a Store keeps the state it
// wrote (the rows it changed, their versions one more) when the action's
// transaction found its cached token on the locked portfolio row, i.e.
// nothing else had been written since; otherwise the next read refreshes.
// All writers must be of a build that knows schema version 4 (an older
// one refuses to open it; one left running across the migration would
// write without moving the token: restart them).
//
// Undo undoes the actor's own last action, and Redo redoes it; if anyone
// changed the same rows since (their content is no longer what the action
// left), the step is refused with a *ConflictError.
//
// Actions, undos and redos take turns per actor and per portfolio: each
// transaction first takes an advisory lock on its actor's history and one
// on each portfolio it writes (pg_advisory_xact_lock, held to the commit),
// so that each actor's history stays a stack (the undone actions are the
// newest of theirs) and the log's order is the order the actions on a
// portfolio committed in (TestUndoLogStaysAStack).
//
// # Live changes
//
// Each action sends NOTIFY on the channel "optionspace" with a JSON payload
// (portfolio, label, actor, seq, time) when its transaction commits; Watch
// LISTENs and calls back for each change.
//
// # SQL features used
//
// Tables, primary and foreign keys with ON UPDATE/ON DELETE CASCADE, jsonb
// columns compared with =, bigserial, timestamptz, now(),
// pg_advisory_xact_lock for migrations, actions and steps,
// has_table_privilege to detect a read-only role, jsonb_array_elements, @>
// and DISTINCT ON (DecisionActors), bytea, unnest, INSERT … ON CONFLICT DO
// UPDATE and a savepoint (the caches); and LISTEN/NOTIFY (pg_notify) for
// live changes. CockroachDB and YugabyteDB run all but the advisory lock
// (CockroachDB accepts and ignores it: there, an undo racing an action of
// the same user can leave an undone action below one in effect) and
// LISTEN/NOTIFY (CockroachDB lacks it: there, Watch returns an error and
// windows do not update live).
package pgstore

import (
	"bytes"
	"cmp"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"os/user"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Channel is the NOTIFY channel of changes.
const Channel = "optionspace"

// opTimeout bounds one operation, so a lost server gives an error instead of
// a hang.
const opTimeout = 30 * time.Second

// IsURL reports whether a --db value names a PostgreSQL database.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Options configure Open.
type Options struct {
	// User is recorded with every action: the OS user name when empty.
	User string
	// ReadOnly opens without migrating and refuses every write.
	ReadOnly bool
}

// Store is a PostgreSQL portfolio store. It is safe for concurrent use.
type Store struct {
	pool     *pgxpool.Pool
	url      string
	user     string
	readOnly bool

	// cache holds the last state read or written of each portfolio (see
	// loaded): Apply and Load read the portfolio row's state token and,
	// when it moved, only the rows whose version moved; Apply puts in the
	// state its own action left when nothing else was written since.
	mu    sync.Mutex
	cache map[string]*loaded

	// pending holds the computed-cache entries SetCache queued, by cache
	// name, until a write commits them (cache.go).
	pendMu  sync.Mutex
	pending store.CacheEntries

	// closing ends every Watch when the store closes (a watch holds a
	// connection that the pool's Close waits for).
	closing context.Context
	stop    context.CancelFunc
}

// ErrReadOnly is returned by writes on a read-only store or role.
var ErrReadOnly = errors.New("this database is read-only for you (your PostgreSQL role may only read): you can open, value, simulate and export, not edit")

// ErrNotFound is returned for an unknown portfolio (the file store's
// error, so that callers test one).
var ErrNotFound = store.ErrNotFound

// ConflictError says that someone else changed what an action was about to
// change. Nothing was written.
type ConflictError struct {
	Who   string
	When  time.Time
	What  string // the initiative's name, "driver NAME" or "the portfolio settings"
	Label string // the refused action
}

func (e *ConflictError) Error() string {
	return e.Refused() + " — reload to see theirs"
}

// Refused says who changed what when, and that the change (Label) was not
// applied: the message without what to do about it, which the app
// (reload) and the CLI (run it again) each add.
func (e *ConflictError) Refused() string {
	return fmt.Sprintf("%s changed %s at %s; your change (%s) was not applied", e.Who, e.What, e.When.Local().Format("15:04"), e.Label)
}

// DefaultUser is the name actions are recorded under when none is given:
// $OPTIONSPACE_USER when set (two people scripting from one OS account,
// a shared server or CI, stay two users), else the OS user name, else
// "unknown". The CLI records this; the app puts its "Your name"
// preference between the two (model/storage.UserName).
func DefaultUser() string {
	if u := strings.TrimSpace(os.Getenv("OPTIONSPACE_USER")); u != "" {
		return u
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return "unknown"
}

// Open connects to the database at url and brings its schema up to date
// (unless opt.ReadOnly). A role without INSERT rights opens read-only.
func Open(ctx context.Context, url string, opt Options) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("cannot read the database URL %s: %v", redact(url), err)
	}
	cfg.MaxConns = 4
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("cannot connect to PostgreSQL at %s: %v", redact(url), err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("cannot connect to PostgreSQL at %s: %v", redact(url), err)
	}
	s := &Store{pool: pool, url: url, user: opt.User, readOnly: opt.ReadOnly, cache: map[string]*loaded{}}
	s.closing, s.stop = context.WithCancel(context.Background())
	if s.user == "" {
		s.user = DefaultUser()
	}
	if !s.readOnly {
		var canWrite bool
		err := pool.QueryRow(ctx, `SELECT to_regclass('portfolios') IS NULL OR has_table_privilege('portfolios', 'INSERT')`).Scan(&canWrite)
		if err != nil {
			pool.Close()
			return nil, s.wrap(err)
		}
		s.readOnly = !canWrite
	}
	if s.readOnly {
		if err := s.checkSchema(ctx); err != nil {
			pool.Close()
			return nil, err
		}
		return s, nil
	}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return s, nil
}

// redact hides a password in a URL for messages.
func redact(url string) string {
	if i := strings.Index(url, "://"); i >= 0 {
		rest := url[i+3:]
		if at := strings.Index(rest, "@"); at >= 0 {
			if c := strings.Index(rest[:at], ":"); c >= 0 {
				return url[:i+3] + rest[:c] + ":***" + rest[at:]
			}
		}
	}
	return url
}

// SchemaVersion is the newest schema this build knows.
func SchemaVersion() int {
	names, _ := fs.Glob(migrations, "migrations/*.sql")
	return len(names)
}

func (s *Store) checkSchema(ctx context.Context) error {
	var v int
	err := s.pool.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v)
	if err != nil {
		return fmt.Errorf("the database %s holds no Option Space schema: open it once with a role that may create tables (%v)", redact(s.url), err)
	}
	switch {
	case v < SchemaVersion():
		return fmt.Errorf("the database %s has schema version %d and needs %d: open it once with a role that may write, to migrate it", redact(s.url), v, SchemaVersion())
	case v > SchemaVersion():
		return fmt.Errorf("the database %s has schema version %d, newer than this Option Space (%d): update Option Space", redact(s.url), v, SchemaVersion())
	}
	return nil
}

// migrate applies the embedded migrations not yet applied, each in its own
// transaction, under an advisory lock so that concurrent openers take turns.
func (s *Store) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	// An up-to-date schema needs no migration, so that a role that may
	// edit the tables but not create any (the README's GRANTs) opens.
	var have bool
	if err := s.pool.QueryRow(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL`).Scan(&have); err != nil {
		return s.wrap(err)
	}
	if have {
		var v int
		if err := s.pool.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
			return s.wrap(err)
		}
		if v > SchemaVersion() {
			return fmt.Errorf("the database %s has schema version %d, newer than this Option Space (%d): update Option Space", redact(s.url), v, SchemaVersion())
		}
		if v == SchemaVersion() {
			return nil
		}
	}
	if _, err := s.pool.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return s.migrateErr(err)
	}
	for i, name := range names {
		v := i + 1
		err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(7411)`); err != nil {
				return err
			}
			var done bool
			if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = $1)`, v).Scan(&done); err != nil {
				return err
			}
			if done {
				return nil
			}
			sql, err := migrations.ReadFile(name)
			if err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, string(sql)); err != nil {
				return fmt.Errorf("migration %s: %w", name, err)
			}
			_, err = tx.Exec(ctx, `INSERT INTO schema_migrations (version) VALUES ($1)`, v)
			return err
		})
		if err != nil {
			return s.migrateErr(err)
		}
	}
	var v int
	if err := s.pool.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return s.wrap(err)
	}
	if v > SchemaVersion() {
		return fmt.Errorf("the database %s has schema version %d, newer than this Option Space (%d): update Option Space", redact(s.url), v, SchemaVersion())
	}
	return nil
}

// migrateErr says that the schema needs a migration a role that may
// create tables must run, when the role may not.
func (s *Store) migrateErr(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "42501" {
		return fmt.Errorf("the database %s needs its schema brought to version %d, and your role may not create tables: open it once as its owner (%v)", redact(s.url), SchemaVersion(), pe.Message)
	}
	return s.wrap(err)
}

// wrap turns server errors into messages users can act on.
func (s *Store) wrap(err error) error {
	if err == nil {
		return nil
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "42501": // insufficient_privilege
			return ErrReadOnly
		case "25006": // read_only_sql_transaction
			return ErrReadOnly
		case "23505": // unique_violation
			if pe.ConstraintName == "portfolios_pkey" {
				// Another user created the name between the check and
				// the insert.
				return fmt.Errorf("%w (%s)", store.ErrExists, pe.Detail)
			}
		}
	}
	if pgconn.SafeToRetry(err) || errors.Is(err, context.DeadlineExceeded) || isConnErr(err) {
		// The server went away (a restart, the network): the other pooled
		// connections are stale too, so the next action after it is back
		// opens new ones instead of failing once more on an old one.
		s.pool.Reset()
		return fmt.Errorf("lost the connection to PostgreSQL at %s: %v (nothing was written; it reconnects on the next action)", redact(s.url), err)
	}
	return err
}

func isConnErr(err error) bool {
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "connection refused") || strings.Contains(msg, "broken pipe") ||
		strings.Contains(msg, "unexpected EOF") || strings.Contains(msg, "conn closed") || strings.Contains(msg, "terminating connection")
}

// Close ends every Watch and closes the connections.
func (s *Store) Close() error {
	s.stop()
	s.pool.Close()
	return nil
}

// URL returns the database URL, with any password hidden.
func (s *Store) URL() string { return redact(s.url) }

// User returns the name recorded with this store's actions.
func (s *Store) User() string { return s.user }

// ReadOnly reports whether writes are refused.
func (s *Store) ReadOnly() bool { return s.readOnly }

// Summary describes one portfolio of the database.
type Summary struct {
	Name        string     `json:"name"`
	Initiatives int        `json:"initiatives"`
	AsOf        model.Date `json:"as_of"`
	UpdatedBy   string     `json:"updated_by"`
	UpdatedAt   time.Time  `json:"updated_at"`
}

// List returns the portfolios by name, in byte order as the file store
// lists them (COLLATE "C": the database's own collation, en-US say, would
// put "apple" before "Banana").
func (s *Store) List() ([]Summary, error) {
	var out []Summary
	err := s.each(`SELECT p.name, coalesce(p.meta->>'as_of', ''), p.updated_by, p.updated_at, (SELECT count(*) FROM initiatives i WHERE i.portfolio = p.name) FROM portfolios p ORDER BY p.name COLLATE "C"`, nil,
		func(rows pgx.Rows) error {
			var sm Summary
			var asOf string
			if err := rows.Scan(&sm.Name, &asOf, &sm.UpdatedBy, &sm.UpdatedAt, &sm.Initiatives); err != nil {
				return err
			}
			sm.AsOf, _ = model.ParseDate(asOf)
			out = append(out, sm)
			return nil
		})
	return out, err
}

// each runs the query sql with args, within opTimeout, and calls scan for
// each row; the error (the query's, a scan's or the rows') is wrapped for
// users.
func (s *Store) each(sql string, args []any, scan func(pgx.Rows) error) error {
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	rows, err := s.pool.Query(ctx, sql, args...)
	if err != nil {
		return s.wrap(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return s.wrap(err)
		}
	}
	return s.wrap(rows.Err())
}

// loaded is a portfolio as read, with its rows' versions. A loaded in
// the store's cache is never changed (Apply and refresh read it without
// the lock): a newer state is a new loaded, sharing the rows that did not
// change (copy-on-write), swapped in under the lock.
type loaded struct {
	p       *model.Portfolio
	metaVer int64
	// state is the portfolio row's state token when this was read or
	// written: every transaction that writes the portfolio's rows sets a
	// new one (see write), so that an equal token means that nothing was
	// written since.
	state int64
	meta  []byte
	rows  map[string]*row // by initiative id; never changed once shared
	// dense is true when each initiative's row is at the position of its
	// index in p (positions 0 to n-1, as every Apply leaves them).
	dense bool
	// spare is a deep copy of p for the next Apply to edit, made on its
	// own goroutine (nil: none); only one Apply takes it.
	spare *spare
}

// spare is a deep copy of a cached portfolio, ready once ready is closed.
type spare struct {
	ready chan struct{}
	p     *model.Portfolio
	taken atomic.Bool
}

// prepare starts making l's spare copy on its own goroutine: the next
// Apply edits it instead of copying l.p (a deep copy of 10,000
// initiatives is milliseconds) while it waits for the database. Call it
// before l is shared.
func (l *loaded) prepare() {
	sp := &spare{ready: make(chan struct{})}
	l.spare = sp
	go func() {
		sp.p = l.p.Clone()
		close(sp.ready)
	}()
}

// editable returns a deep copy of l.p that the caller owns: the spare
// one when it is there and no other caller took it, else a new one.
func (l *loaded) editable() *model.Portfolio {
	if sp := l.spare; sp != nil && sp.taken.CompareAndSwap(false, true) {
		<-sp.ready
		return sp.p
	}
	return l.p.Clone()
}

// row is one initiatives row as read (or as this store wrote it).
type row struct {
	ver int64
	doc []byte
	pos int
	in  model.Initiative
}

// Load returns the named portfolio.
func (s *Store) Load(name string) (*model.Portfolio, error) {
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	l, err := s.refresh(ctx, name)
	if err != nil {
		return nil, err
	}
	return l.p.Clone(), nil
}

// cached returns the cached state of the named portfolio (nil when none).
func (s *Store) cached(name string) *loaded {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cache[name]
}

// install makes l the cached state of the named portfolio, unless it was
// derived from the cached state from and another goroutine has put a
// newer one meanwhile (from nil: always).
func (s *Store) install(name string, from, l *loaded) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if from != nil && s.cache[name] != from {
		return
	}
	s.cache[name] = l
}

// refresh returns the portfolio's current state: the cached one when the
// portfolio's version and state token did not move (one round trip, one
// row), else the cached state with the rows whose version moved read
// again (the whole portfolio when it is not cached or its settings
// changed).
func (s *Store) refresh(ctx context.Context, name string) (*loaded, error) {
	old := s.cached(name)
	full := func() (*loaded, error) {
		l, err := s.load(ctx, s.pool, name)
		s.mu.Lock()
		if err != nil {
			delete(s.cache, name)
		} else {
			s.cache[name] = l
		}
		s.mu.Unlock()
		return l, err
	}
	if old == nil {
		return full()
	}
	// The token is read before the rows, so that a state read after it
	// is at least as new as the token says (a write in between moves the
	// token again, and the next refresh reads once more).
	var metaVer, state int64
	err := s.pool.QueryRow(ctx, `SELECT version, state FROM portfolios WHERE name = $1`, name).Scan(&metaVer, &state)
	if errors.Is(err, pgx.ErrNoRows) {
		s.mu.Lock()
		delete(s.cache, name)
		s.mu.Unlock()
		return nil, fmt.Errorf("%w: %q", ErrNotFound, name)
	}
	if err != nil {
		return nil, s.wrap(err)
	}
	if metaVer != old.metaVer {
		return full()
	}
	if state == old.state {
		return old, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT id, version, pos FROM initiatives WHERE portfolio = $1`, name)
	if err != nil {
		return nil, s.wrap(err)
	}
	var changed []string
	moved, added := false, false
	kept := 0 // rows of the cached state still there
	for rows.Next() {
		var id string
		var ver int64
		var pos int
		if err := rows.Scan(&id, &ver, &pos); err != nil {
			rows.Close()
			return nil, s.wrap(err)
		}
		r, ok := old.rows[id]
		if ok {
			kept++
		} else {
			added = true
		}
		if !ok || r.ver != ver {
			changed = append(changed, id)
		} else if r.pos != pos {
			moved = true
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, s.wrap(err)
	}
	removed := len(old.rows) - kept
	if len(changed) == 0 && removed == 0 && !moved {
		// Written and back (an undo of an edit of the settings' rows
		// would move the version): the same rows, a new token.
		l := *old
		l.state, l.spare = state, nil
		s.install(name, old, &l)
		return &l, nil
	}
	// Rows removed or moved, or many changed: the whole portfolio is read
	// again (an import, a delete of initiatives: rare, and then correct
	// without bookkeeping).
	if moved || removed > 0 || len(changed) > 200 {
		return full()
	}
	l := *old
	l.state, l.spare = state, nil // spare: a copy of old.p, not of l.p
	l.rows = maps.Clone(old.rows)
	if len(changed) > 0 {
		rows, err := s.pool.Query(ctx, `SELECT id, pos, doc, version FROM initiatives WHERE portfolio = $1 AND id = ANY($2)`, name, changed)
		if err != nil {
			return nil, s.wrap(err)
		}
		for rows.Next() {
			if err := l.scanRow(name, rows); err != nil {
				rows.Close()
				return nil, err
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, s.wrap(err)
		}
	}
	if added || !l.replace(old, changed) {
		l.rebuild()
	}
	s.install(name, old, &l)
	return &l, nil
}

// replace sets l.p's initiatives to old's with the rows changed (read
// into l, none added) put in their places, when none of them moved: the
// order rebuild would give, without sorting every row. It reports false,
// changing nothing, when one moved.
func (l *loaded) replace(old *loaded, changed []string) bool {
	set := make(map[string]bool, len(changed))
	for _, id := range changed {
		if l.rows[id].pos != old.rows[id].pos {
			return false
		}
		set[id] = true
	}
	p := *l.p
	p.Initiatives = slices.Clone(old.p.Initiatives)
	n := 0
	for i := range p.Initiatives {
		if id := p.Initiatives[i].ID; set[id] {
			p.Initiatives[i] = l.rows[id].in
			n++
		}
	}
	if n != len(changed) {
		return false
	}
	l.p = &p
	return true
}

// scanRow reads one initiatives row (id, pos, doc, version) into l.rows.
func (l *loaded) scanRow(portfolio string, rows pgx.Rows) error {
	var id string
	r := &row{}
	if err := rows.Scan(&id, &r.pos, &r.doc, &r.ver); err != nil {
		return err
	}
	if err := json.Unmarshal(r.doc, &r.in); err != nil {
		return fmt.Errorf("portfolio %q, initiative %q: its record in the database cannot be read (%v)", portfolio, id, err)
	}
	l.rows[id] = r
	return nil
}

// rebuild sets l.p's initiatives from the rows, in position order.
func (l *loaded) rebuild() {
	type ord struct {
		pos int
		id  string
	}
	order := make([]ord, 0, len(l.rows))
	for id, r := range l.rows {
		order = append(order, ord{r.pos, id})
	}
	slices.SortFunc(order, func(a, b ord) int {
		if a.pos != b.pos {
			return cmp.Compare(a.pos, b.pos)
		}
		return strings.Compare(a.id, b.id)
	})
	p := *l.p
	p.Initiatives = make([]model.Initiative, len(order))
	l.dense = true
	for i, o := range order {
		p.Initiatives[i] = l.rows[o.id].in
		l.dense = l.dense && o.pos == i
	}
	l.p = &p
}

// after returns the state an action of this store left, from l (the state
// the action was computed from) and what it wrote: changes (the rows, with
// each checked initiative row's version locked at its version in l, so
// that the update made it one more, and a new one version 1), meta (the
// settings it wrote) and state (the token it set; 0 while the transaction
// runs, set before the result is shared). The rows no change
// names are l's, shared. Only valid when the transaction found l's token
// on the portfolio row it locked (nothing else written since l).
func (l *loaded) after(name string, changes []rowChange, state int64) (*loaded, error) {
	n := &loaded{p: l.p, metaVer: l.metaVer, state: state, meta: l.meta, rows: maps.Clone(l.rows), dense: l.dense}
	inPlace := true // no row added, removed or moved
	for _, c := range changes {
		switch {
		case c.Kind == "meta":
			var p model.Portfolio
			if err := json.Unmarshal(c.After, &p); err != nil {
				return nil, fmt.Errorf("portfolio %q: its settings as written cannot be read (%v)", name, err)
			}
			p.Initiatives = l.p.Initiatives
			n.p, n.meta, n.metaVer = &p, c.After, l.metaVer+1
		case c.After == nil:
			delete(n.rows, c.ID)
			inPlace = false
		default:
			r := &row{ver: 1, doc: c.After, pos: c.AfterPos}
			if o, ok := l.rows[c.ID]; ok {
				r.ver = o.ver + 1
				inPlace = inPlace && o.pos == c.AfterPos
			} else {
				inPlace = false
			}
			if err := json.Unmarshal(c.After, &r.in); err != nil {
				return nil, fmt.Errorf("portfolio %q, initiative %q: its record as written cannot be read (%v)", name, c.ID, err)
			}
			n.rows[c.ID] = r
		}
	}
	p := *n.p
	n.p = &p
	if inPlace {
		// Each changed row at its old index: l's initiatives with those
		// replaced, no sorting.
		p.Initiatives = slices.Clone(l.p.Initiatives)
		for _, c := range changes {
			if c.Kind != "initiative" {
				continue
			}
			if c.AfterPos >= len(p.Initiatives) || p.Initiatives[c.AfterPos].ID != c.ID {
				inPlace = false // positions with gaps: sort
				break
			}
			p.Initiatives[c.AfterPos] = n.rows[c.ID].in
		}
	}
	if !inPlace {
		n.rebuild()
	}
	return n, nil
}

type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

func (s *Store) load(ctx context.Context, q querier, name string) (*loaded, error) {
	l := &loaded{rows: map[string]*row{}}
	err := q.QueryRow(ctx, `SELECT meta, version, state FROM portfolios WHERE name = $1`, name).Scan(&l.meta, &l.metaVer, &l.state)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("%w: %q", ErrNotFound, name)
	}
	if err != nil {
		return nil, s.wrap(err)
	}
	var p model.Portfolio
	if err := json.Unmarshal(l.meta, &p); err != nil {
		return nil, fmt.Errorf("portfolio %q: its settings in the database cannot be read (%v)", name, err)
	}
	p.Initiatives = nil
	rows, err := q.Query(ctx, `SELECT id, pos, doc, version FROM initiatives WHERE portfolio = $1`, name)
	if err != nil {
		return nil, s.wrap(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := l.scanRow(name, rows); err != nil {
			return nil, s.wrap(err)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap(err)
	}
	l.p = &p
	l.rebuild()
	return l, nil
}

// split returns a portfolio's meta JSON (without initiatives), each
// initiative's JSON by id and the initiatives' order.
func split(p *model.Portfolio) (meta []byte, docs map[string][]byte, order []string, err error) {
	return splitChanged(p, nil, nil)
}

// splitChanged is split, marshalling only the initiatives that differ from
// the loaded state l (the others keep their loaded JSON): changed holds the
// indices of p's initiatives that differ from those at the same index of
// the loaded portfolio (model.Diff). With l nil every initiative is
// marshalled.
func splitChanged(p *model.Portfolio, l *loaded, changed []int) (meta []byte, docs map[string][]byte, order []string, err error) {
	var stored map[string]*row
	if l != nil {
		stored = l.rows
	}
	q := *p
	q.Initiatives = nil
	meta, err = json.Marshal(&q)
	if err != nil {
		return nil, nil, nil, err
	}
	docs = make(map[string][]byte, len(p.Initiatives))
	next := 0 // the next index of changed
	for i := range p.Initiatives {
		in := &p.Initiatives[i]
		same := next >= len(changed) || changed[next] != i
		if !same {
			next++
		}
		if r, ok := stored[in.ID]; ok && same {
			docs[in.ID] = r.doc // unchanged: written as stored
		} else {
			b, err := json.Marshal(in)
			if err != nil {
				return nil, nil, nil, err
			}
			docs[in.ID] = b
		}
		order = append(order, in.ID)
	}
	return meta, docs, order, nil
}

// rowChange is one row an action changed.
type rowChange struct {
	Kind      string          `json:"kind"` // "meta" or "initiative"
	ID        string          `json:"id,omitempty"`
	Name      string          `json:"name,omitempty"` // the initiative's name, for messages
	Before    json.RawMessage `json:"before,omitempty"`
	After     json.RawMessage `json:"after,omitempty"`
	BeforePos int             `json:"before_pos,omitempty"`
	AfterPos  int             `json:"after_pos,omitempty"`
}

// Change is one action as Watch reports it.
type Change struct {
	Portfolio string    `json:"portfolio"`
	Label     string    `json:"label"`
	Actor     string    `json:"actor"`
	Seq       int64     `json:"seq"`
	At        time.Time `json:"at"`
	// Renamed is the new name when the action renamed the portfolio.
	Renamed string `json:"renamed,omitempty"`
}

// Create adds a new portfolio.
func (s *Store) Create(p *model.Portfolio) error {
	if s.readOnly {
		return ErrReadOnly
	}
	if err := p.Validate(); err != nil {
		return err
	}
	meta, docs, order, err := split(p)
	if err != nil {
		return err
	}
	var changes []rowChange
	changes = append(changes, rowChange{Kind: "meta", After: meta})
	for i, id := range order {
		changes = append(changes, rowChange{Kind: "initiative", ID: id, Name: p.Initiatives[i].Name, After: docs[id], AfterPos: i})
	}
	return s.act([]string{p.Name}, p.Name, "Create "+p.Name, func(ctx context.Context, tx pgx.Tx) ([]rowChange, string, error) {
		var exists bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM portfolios WHERE name = $1)`, p.Name).Scan(&exists); err != nil {
			return nil, "", err
		}
		if exists {
			return nil, "", fmt.Errorf("%w: %q", store.ErrExists, p.Name)
		}
		_, err := s.forward(ctx, tx, p.Name, changes)
		return changes, "", err
	})
}

// act runs one action in a transaction: do writes the rows and returns what
// changed; the action is logged with its actor and NOTIFY is sent at commit.
// The actor's undone actions are dropped (a new action ends their redo).
// The transaction first takes the actor's lock and those of the portfolios
// named in locks (see serialise).
func (s *Store) act(locks []string, portfolio, label string, do func(ctx context.Context, tx pgx.Tx) ([]rowChange, string, error)) error {
	return s.actPiped(locks, portfolio, label, nil, func(ctx context.Context, tx pgx.Tx, _ pgx.BatchResults) ([]rowChange, string, error) {
		return do(ctx, tx)
	})
}

// actPiped is act whose first statements (queued by queue, when not nil)
// go in the round trip of the locks, after them: do reads their results
// from br (nil when queue is) and closes it before it runs any other
// statement.
func (s *Store) actPiped(locks []string, portfolio, label string, queue func(b *pgx.Batch), do func(ctx context.Context, tx pgx.Tx, br pgx.BatchResults) ([]rowChange, string, error)) error {
	if s.readOnly {
		return ErrReadOnly
	}
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	var cached map[string]map[string][]byte
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		b := s.lockBatch(true, locks...)
		n := b.Len()
		if queue != nil {
			queue(b)
		}
		br := tx.SendBatch(ctx, b)
		defer br.Close() //nolint:errcheck // closed by do or below; a second Close returns the first's error
		for range n {
			if _, err := br.Exec(); err != nil {
				return err
			}
		}
		var rest pgx.BatchResults
		if queue != nil {
			rest = br
		} else if err := br.Close(); err != nil {
			return err
		}
		changes, renamed, err := do(ctx, tx, rest)
		if err != nil {
			return err
		}
		if len(changes) == 0 && renamed == "" {
			return nil
		}
		if err := s.log(ctx, tx, portfolio, label, changes, renamed); err != nil {
			return err
		}
		cached, _ = s.writeCache(ctx, tx) // never fails the action
		return nil
	})
	if err == nil {
		s.forgetCache(cached)
	}
	return s.wrap(err)
}

// Advisory lock classes (the first key of pg_advisory_xact_lock(int4,
// int4); the migrations' single bigint key 7411 is of another space).
const (
	lockActor     = 7412 // an actor's history (their undo stack)
	lockPortfolio = 7413 // a portfolio's rows
)

// lockKey is the second key of name's advisory lock: its FNV-1a hash. Two
// names of one key only wait for each other.
func lockKey(name string) int32 {
	h := uint32(2166136261)
	for i := 0; i < len(name); i++ {
		h ^= uint32(name[i])
		h *= 16777619
	}
	return int32(h)
}

// serialise takes, in tx, the advisory locks that make actions and steps
// take turns (held until tx ends): the actor's (when actor) and each
// named portfolio's. An actor's history is a stack only if a new action
// (which drops the actor's undone actions and logs one in effect) and an
// undo or redo of theirs never overlap: an undo committing after the
// action's drop left an undone action below the new one, and an undo
// beside a redo the same (TestUndoLogStaysAStack). The portfolio's lock
// makes everyone's actions and steps on one portfolio run one after the
// other, so that an action loads, checks and writes what the one before
// it committed, and the log's order is their commit order. Locks are
// taken in one order (the actor's, then the portfolios' by key) so that
// two transactions never wait for each other. CockroachDB ignores
// advisory locks (see the package doc).
func (s *Store) serialise(ctx context.Context, tx pgx.Tx, actor bool, portfolios ...string) error {
	b := s.lockBatch(actor, portfolios...)
	if b.Len() == 0 {
		return nil
	}
	return tx.SendBatch(ctx, b).Close()
}

// lockBatch returns the statements of serialise, to send in one round
// trip: a pipeline runs its statements in order, each lock taken before
// the next is asked for.
func (s *Store) lockBatch(actor bool, portfolios ...string) *pgx.Batch {
	b := &pgx.Batch{}
	if actor {
		b.Queue(`SELECT pg_advisory_xact_lock($1::int4, $2::int4)`, lockActor, lockKey(s.user))
	}
	keys := make([]int32, 0, len(portfolios))
	for _, p := range portfolios {
		keys = append(keys, lockKey(p))
	}
	slices.Sort(keys)
	for _, k := range slices.Compact(keys) {
		b.Queue(`SELECT pg_advisory_xact_lock($1::int4, $2::int4)`, lockPortfolio, k)
	}
	return b
}

// errRenamedMeanwhile restarts a step whose action's portfolio was renamed
// between reading the action and taking the portfolio's lock.
var errRenamedMeanwhile = errors.New("the portfolio was renamed meanwhile")

func (s *Store) log(ctx context.Context, tx pgx.Tx, portfolio, label string, changes []rowChange, renamed string) error {
	cj, err := json.Marshal(struct {
		Rows    []rowChange `json:"rows"`
		Renamed string      `json:"renamed,omitempty"`
	}{changes, renamed})
	if err != nil {
		return err
	}
	// The drop of the actor's undone actions, the insert and its NOTIFY
	// (a Change: the payload notify sends, with the seq and time the
	// insert gave) in one round trip (a pipeline, in order).
	b := &pgx.Batch{}
	b.Queue(`DELETE FROM actions WHERE actor = $1 AND undone`, s.user)
	b.Queue(`WITH a AS (INSERT INTO actions (portfolio, label, actor, changes) VALUES ($1, $2, $3, $4) RETURNING seq, at)
		SELECT pg_notify($5, json_build_object('portfolio', $1::text, 'label', $2::text, 'actor', $3::text, 'seq', a.seq, 'at', a.at, 'renamed', $6::text)::text) FROM a`,
		portfolio, label, s.user, cj, Channel, renamed)
	return tx.SendBatch(ctx, b).Close()
}

func notify(ctx context.Context, tx pgx.Tx, c Change) error {
	b, _ := json.Marshal(c)
	_, err := tx.Exec(ctx, `SELECT pg_notify($1, $2)`, Channel, string(b))
	return err
}

// forward writes changes' After side over their Before side, checking that
// each row still holds its Before content (a conflict otherwise), and
// returns the portfolio's new state token (see write).
func (s *Store) forward(ctx context.Context, tx pgx.Tx, portfolio string, changes []rowChange) (int64, error) {
	t, err := s.write(ctx, tx, portfolio, changes, false)
	return t.after, err
}

// tokens are the state tokens of a portfolio row around a write: the one
// it held (when found: the row was there before the write), locked, and
// the one the write set (0 when the row is gone after it).
type tokens struct {
	before, after int64
	found         bool
}

// newState returns a new state token: random, never 0 (a row's token
// before its first write), so that a token read once never comes back,
// not even for a portfolio deleted and created again under its name.
func newState() int64 {
	for {
		if v := rand.Int64(); v != 0 {
			return v
		}
	}
}

// write moves each row from one side of its change to the other: from Before
// to After, or back when undo. The row must hold the from side's content.
// In the same round trip it reads the portfolio row's state token, locked,
// and sets a new one, and returns both (see tokens): a cached state whose
// token the row still holds is current (see refresh).
func (s *Store) write(ctx context.Context, tx pgx.Tx, portfolio string, changes []rowChange, undo bool) (tokens, error) {
	// The meta row first when it appears (creates), last when it goes
	// (deletes), so the initiatives' foreign key holds.
	ordered := make([]rowChange, 0, len(changes))
	var metaFirst, metaLast []rowChange
	for _, c := range changes {
		from, to := c.Before, c.After
		if undo {
			from, to = to, from
		}
		switch {
		case c.Kind == "meta" && from == nil:
			metaFirst = append(metaFirst, c)
		case c.Kind == "meta" && to == nil:
			metaLast = append(metaLast, c)
		default:
			ordered = append(ordered, c)
		}
	}
	ordered = append(append(metaFirst, ordered...), metaLast...)
	// One round trip for all the rows (a pipeline, in order); the first
	// row that did not hold the from side is the conflict.
	b := &pgx.Batch{}
	b.Queue(`SELECT state FROM portfolios WHERE name = $1 FOR UPDATE`, portfolio)
	for _, c := range ordered {
		from, to, pos := c.Before, c.After, c.AfterPos
		if undo {
			from, to, pos = c.After, c.Before, c.BeforePos
		}
		switch {
		case c.Kind == "meta" && from == nil:
			b.Queue(`INSERT INTO portfolios (name, meta, updated_by) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING`, portfolio, []byte(to), s.user)
		case c.Kind == "meta" && to == nil:
			b.Queue(`DELETE FROM portfolios WHERE name = $1 AND meta = $2::jsonb`, portfolio, []byte(from))
		case c.Kind == "meta":
			b.Queue(`UPDATE portfolios SET meta = $2, version = version + 1, updated_by = $3, updated_at = now() WHERE name = $1 AND meta = $4::jsonb`, portfolio, []byte(to), s.user, []byte(from))
		case from == nil:
			b.Queue(`INSERT INTO initiatives (portfolio, id, pos, doc, updated_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`, portfolio, c.ID, pos, []byte(to), s.user)
		case to == nil:
			b.Queue(`DELETE FROM initiatives WHERE portfolio = $1 AND id = $2 AND doc = $3::jsonb`, portfolio, c.ID, []byte(from))
		default:
			b.Queue(`UPDATE initiatives SET doc = $3, pos = $4, version = version + 1, updated_by = $5, updated_at = now() WHERE portfolio = $1 AND id = $2 AND doc = $6::jsonb`, portfolio, c.ID, []byte(to), pos, s.user, []byte(from))
		}
	}
	t := tokens{after: newState()}
	b.Queue(`UPDATE portfolios SET state = $2 WHERE name = $1`, portfolio, t.after)
	br := tx.SendBatch(ctx, b)
	err := br.QueryRow().Scan(&t.before)
	t.found = err == nil
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		_ = br.Close()
		return tokens{}, err
	}
	bad := -1
	for i := range ordered {
		tag, err := br.Exec()
		if err != nil {
			_ = br.Close()
			return tokens{}, err
		}
		if bad < 0 && tag.RowsAffected() != 1 {
			bad = i
		}
	}
	tag, err := br.Exec()
	if err != nil {
		_ = br.Close()
		return tokens{}, err
	}
	if tag.RowsAffected() == 0 {
		t.after = 0 // deleted
	}
	if err := br.Close(); err != nil {
		return tokens{}, err
	}
	if bad >= 0 {
		return tokens{}, s.conflict(ctx, tx, portfolio, ordered[bad])
	}
	return t, nil
}

// conflict builds the message for a row that no longer holds what an action
// expected: who changed it last and when.
func (s *Store) conflict(ctx context.Context, tx pgx.Tx, portfolio string, c rowChange) error {
	e := &ConflictError{What: "the portfolio settings", Who: "someone", When: time.Now()}
	if c.Kind == "initiative" {
		e.What = c.Name
		if e.What == "" {
			e.What = c.ID
		}
		_ = tx.QueryRow(ctx, `SELECT updated_by, updated_at FROM initiatives WHERE portfolio = $1 AND id = $2`, portfolio, c.ID).Scan(&e.Who, &e.When)
	} else {
		var theirs []byte
		if tx.QueryRow(ctx, `SELECT updated_by, updated_at, meta FROM portfolios WHERE name = $1`, portfolio).Scan(&e.Who, &e.When, &theirs) == nil {
			e.What = metaConflict(c.Before, theirs, c.After)
		}
	}
	return e
}

// metaConflict names what someone else changed in a portfolio's settings
// row (its meta: settings, drivers, links, decisions) from before (what the
// refused action loaded) to theirs (what the row holds now), for the
// conflict message: the drivers they changed that ours (the refused
// action's meta) changed too, else the drivers they changed ("driver
// price", "drivers a, b"), else "the portfolio settings".
func metaConflict(before, theirs, ours []byte) string {
	const settings = "the portfolio settings"
	type metaDrivers struct {
		Drivers []model.Driver `json:"drivers"`
	}
	var b, t, o metaDrivers
	if json.Unmarshal(before, &b) != nil || json.Unmarshal(theirs, &t) != nil {
		return settings
	}
	_ = json.Unmarshal(ours, &o) // nil (a deletion) or unreadable: none of ours
	byName := func(ds []model.Driver) map[string]*model.Driver {
		m := make(map[string]*model.Driver, len(ds))
		for i := range ds {
			m[ds[i].Name] = &ds[i]
		}
		return m
	}
	bm, tm, om := byName(b.Drivers), byName(t.Drivers), byName(o.Drivers)
	differ := func(x, y *model.Driver) bool {
		return (x == nil) != (y == nil) || x != nil && !reflect.DeepEqual(*x, *y)
	}
	var names []string
	for _, d := range t.Drivers {
		names = append(names, d.Name)
	}
	for _, d := range b.Drivers {
		if tm[d.Name] == nil {
			names = append(names, d.Name) // removed by them
		}
	}
	var theirsChanged, both []string
	for _, n := range names {
		if differ(bm[n], tm[n]) {
			theirsChanged = append(theirsChanged, n)
			if differ(bm[n], om[n]) {
				both = append(both, n)
			}
		}
	}
	pick := both
	if len(pick) == 0 {
		pick = theirsChanged
	}
	switch len(pick) {
	case 0:
		return settings
	case 1:
		return "driver " + pick[0]
	}
	return "drivers " + strings.Join(pick, ", ")
}

// verCheck is a row an action changes or removes, at the version it was
// loaded at (checked, locked, in the action's transaction).
type verCheck struct {
	id  string
	ver int64
}

// diffRows returns what saving p (l's portfolio, edited; e is
// model.Diff(l.p, p)) writes: the settings' JSON and whether it changed,
// the rows changed, added and removed, in p's order and then the removed
// ones, and the rows to check. When l's rows are dense and e names every
// index where p differs from l.p, the initiatives at the other indices
// are l's rows at their own positions, so only those e names are looked
// at (and marshalled): the cost is that of the edit, not of the
// portfolio; otherwise every row is compared.
func (l *loaded) diffRows(p *model.Portfolio, e *model.Edit) (meta []byte, metaChanged bool, changes []rowChange, checks []verCheck, err error) {
	// Only initiatives changed, and no list got shorter (Shrunk: any
	// list's, so a removed initiative takes the way of every row): the
	// settings are l's, and p has l.p's length or more.
	settingsSame := !e.Head && !e.Shrunk && len(e.Drivers)+len(e.Links)+len(e.Decisions)+len(e.Learning)+len(e.Snapshots) == 0
	if !l.dense || !settingsSame {
		return l.diffAll(p, e)
	}
	meta = l.meta
	docs := make(map[string]bool, len(e.Initiatives))
	for _, i := range e.Initiatives {
		in := &p.Initiatives[i]
		docs[in.ID] = true
		doc, err := json.Marshal(in)
		if err != nil {
			return nil, false, nil, nil, err
		}
		r, had := l.rows[in.ID]
		switch {
		case !had:
			changes = append(changes, rowChange{Kind: "initiative", ID: in.ID, Name: in.Name, After: doc, AfterPos: i})
		case r.pos != i || (!bytes.Equal(r.doc, doc) && !jsonEqual(r.doc, doc)):
			changes = append(changes, rowChange{Kind: "initiative", ID: in.ID, Name: in.Name, Before: r.doc, After: doc, BeforePos: r.pos, AfterPos: i})
			checks = append(checks, verCheck{in.ID, r.ver})
		}
	}
	// A row of l is gone when its index is one e names and its
	// initiative is at none of those in p (at the others, p holds l.p's).
	gone := func(j int) {
		id := l.p.Initiatives[j].ID
		if !docs[id] {
			r := l.rows[id]
			changes = append(changes, rowChange{Kind: "initiative", ID: id, Name: r.in.Name, Before: r.doc, BeforePos: r.pos})
			checks = append(checks, verCheck{id, r.ver})
		}
	}
	for _, j := range e.Initiatives {
		if j < len(l.p.Initiatives) {
			gone(j)
		}
	}
	return meta, false, changes, checks, nil
}

// diffAll is diffRows comparing every row.
func (l *loaded) diffAll(p *model.Portfolio, e *model.Edit) (meta []byte, metaChanged bool, changes []rowChange, checks []verCheck, err error) {
	meta, docs, order, err := splitChanged(p, l, e.Initiatives)
	if err != nil {
		return nil, false, nil, nil, err
	}
	if !jsonEqual(meta, l.meta) {
		metaChanged = true
		changes = append(changes, rowChange{Kind: "meta", Before: l.meta, After: meta})
	}
	for i, id := range order {
		r, had := l.rows[id]
		switch {
		case !had:
			changes = append(changes, rowChange{Kind: "initiative", ID: id, Name: p.Initiatives[i].Name, After: docs[id], AfterPos: i})
		case r.pos != i || (!bytes.Equal(r.doc, docs[id]) && !jsonEqual(r.doc, docs[id])):
			changes = append(changes, rowChange{Kind: "initiative", ID: id, Name: p.Initiatives[i].Name, Before: r.doc, After: docs[id], BeforePos: r.pos, AfterPos: i})
			checks = append(checks, verCheck{id, r.ver})
		}
	}
	for id, r := range l.rows {
		if _, still := docs[id]; !still {
			changes = append(changes, rowChange{Kind: "initiative", ID: id, Name: r.in.Name, Before: r.doc, BeforePos: r.pos})
			checks = append(checks, verCheck{id, r.ver})
		}
	}
	return meta, metaChanged, changes, checks, nil
}

// Apply runs edit on the named portfolio and saves what it changed as one
// action labelled label, with optimistic concurrency on the rows' versions.
// It returns the saved portfolio. An edit that fails validation, or a row
// someone else changed since it was loaded (a *ConflictError), writes
// nothing.
func (s *Store) Apply(name, label string, edit func(p *model.Portfolio) error) (*model.Portfolio, error) {
	if s.readOnly {
		return nil, ErrReadOnly
	}
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	l, err := s.refresh(ctx, name)
	if err != nil {
		return nil, err
	}
	p := l.editable()
	if err := edit(p); err != nil {
		return nil, err
	}
	if p.Name != name {
		return nil, fmt.Errorf("an edit cannot rename the portfolio (use Rename)")
	}
	// Only what the edit changed is validated and marshalled (the rest
	// was valid, and is stored as loaded).
	e := model.Diff(l.p, p)
	if e.Empty() {
		return p, nil
	}
	if err := p.ValidateEdit(l.p, e); err != nil {
		return nil, err
	}
	meta, metaChanged, changes, checks, err := l.diffRows(p, &e)
	if err != nil {
		return nil, err
	}
	if len(changes) == 0 {
		return p, nil
	}
	// The state this action leaves (when nothing else is written
	// meanwhile), with its spare copy for the next Apply, is made while
	// the transaction waits for the database.
	var next *loaded
	nextReady := make(chan struct{})
	go func() {
		defer close(nextReady)
		n, err := l.after(name, changes, 0)
		if err == nil {
			n.prepare()
			next = n
		}
	}()
	// stateBefore is the portfolio row's state token as the transaction
	// found it locked, stateAfter the one it set.
	stateBefore, stateAfter := int64(0), int64(0)
	ids := make([]string, len(checks))
	for i, c := range checks {
		ids[i] = c.id
	}
	// The portfolio row and the rows to check, locked, in the round trip
	// of the advisory locks, after them.
	queue := func(b *pgx.Batch) {
		b.Queue(`SELECT version, state, updated_by, updated_at FROM portfolios WHERE name = $1 FOR UPDATE`, name)
		if len(ids) > 0 {
			b.Queue(`SELECT id, version, updated_by, updated_at FROM initiatives WHERE portfolio = $1 AND id = ANY($2) FOR UPDATE`, name, ids)
		}
	}
	err = s.actPiped([]string{name}, name, label, queue, func(ctx context.Context, tx pgx.Tx, br pgx.BatchResults) ([]rowChange, string, error) {
		type locked struct {
			ver int64
			by  string
			at  time.Time
		}
		var head locked
		var state int64
		have := make(map[string]locked, len(ids))
		err := br.QueryRow().Scan(&head.ver, &state, &head.by, &head.at)
		found := err == nil
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			_ = br.Close()
			return nil, "", err
		}
		if len(ids) > 0 {
			rows, err := br.Query()
			if err != nil {
				_ = br.Close()
				return nil, "", err
			}
			for rows.Next() {
				var id string
				var r locked
				if err := rows.Scan(&id, &r.ver, &r.by, &r.at); err != nil {
					rows.Close()
					_ = br.Close()
					return nil, "", err
				}
				have[id] = r
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				_ = br.Close()
				return nil, "", err
			}
		}
		if err := br.Close(); err != nil {
			return nil, "", err
		}
		if metaChanged {
			if !found {
				return nil, "", fmt.Errorf("%w: %q", ErrNotFound, name)
			}
			if head.ver != l.metaVer {
				var theirs []byte
				_ = tx.QueryRow(ctx, `SELECT meta FROM portfolios WHERE name = $1`, name).Scan(&theirs)
				return nil, "", &ConflictError{Who: head.by, When: head.at, What: metaConflict(l.meta, theirs, meta), Label: label}
			}
		}
		for _, c := range checks {
			r, ok := have[c.id]
			if !ok {
				return nil, "", &ConflictError{Who: "someone", When: time.Now(), What: l.rows[c.id].in.Name + " (deleted)", Label: label}
			}
			if r.ver != c.ver {
				return nil, "", &ConflictError{Who: r.by, When: r.at, What: l.rows[c.id].in.Name, Label: label}
			}
		}
		after, err := s.forward(ctx, tx, name, changes)
		if err != nil {
			var ce *ConflictError
			if errors.As(err, &ce) {
				ce.Label = label
			}
			return nil, "", err
		}
		if found {
			stateBefore, stateAfter = state, after
		}
		return changes, "", nil
	})
	if err != nil {
		// The cached state stays: a commit that failed may still have
		// committed, and then its token tells refresh to read again.
		return nil, err
	}
	// Nothing else was written since l (the token l holds was on the row,
	// locked): the state now is l with what this action wrote, and no
	// row needs reading again.
	<-nextReady
	if stateBefore == l.state && stateAfter != 0 && next != nil {
		next.state = stateAfter // not shared yet
		s.install(name, l, next)
	}
	return p, nil
}

// jsonEqual compares two JSON documents by value (jsonb reorders keys).
func jsonEqual(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	xb, _ := json.Marshal(x)
	yb, _ := json.Marshal(y)
	return string(xb) == string(yb)
}

// Rename renames a portfolio (one action).
func (s *Store) Rename(old, new string) error {
	if strings.TrimSpace(new) == "" || strings.IndexByte(new, 0) >= 0 || len(new) > model.MaxNameLen {
		return fmt.Errorf("the new name must be 1 to %d bytes without NUL", model.MaxNameLen)
	}
	return s.act([]string{old, new}, new, "Rename "+old+" to "+new, func(ctx context.Context, tx pgx.Tx) ([]rowChange, string, error) {
		var meta []byte
		if err := tx.QueryRow(ctx, `SELECT meta FROM portfolios WHERE name = $1 FOR UPDATE`, old).Scan(&meta); errors.Is(err, pgx.ErrNoRows) {
			return nil, "", fmt.Errorf("%w: %q", ErrNotFound, old)
		} else if err != nil {
			return nil, "", err
		}
		var exists bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM portfolios WHERE name = $1)`, new).Scan(&exists); err != nil {
			return nil, "", err
		}
		if exists {
			return nil, "", fmt.Errorf("%w: %q", store.ErrExists, new)
		}
		if err := s.renameRows(ctx, tx, old, new, meta); err != nil {
			return nil, "", err
		}
		return []rowChange{{Kind: "rename", Before: jsonString(old), After: jsonString(new)}}, new, nil
	})
}

// renameRows renames portfolio from to to (its row, the name in its meta
// JSON, and its actions) in tx.
func (s *Store) renameRows(ctx context.Context, tx pgx.Tx, from, to string, meta []byte) error {
	var m map[string]any
	if err := json.Unmarshal(meta, &m); err != nil {
		return err
	}
	m["name"] = to
	after, err := json.Marshal(m)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE portfolios SET name = $2, meta = $3, version = version + 1, state = $5, updated_by = $4, updated_at = now() WHERE name = $1`, from, to, after, s.user, newState()); err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `UPDATE actions SET portfolio = $2 WHERE portfolio = $1`, from, to)
	return err
}

func jsonString(s string) json.RawMessage {
	b, _ := json.Marshal(s)
	return b
}

// Duplicate copies a portfolio under a new name (one action).
func (s *Store) Duplicate(name, newName string) error {
	p, err := s.Load(name)
	if err != nil {
		return err
	}
	p.Name = newName
	return s.Create(p)
}

// Delete removes a portfolio (one action; Undo brings it back).
func (s *Store) Delete(name string) error {
	return s.act([]string{name}, name, "Delete "+name, func(ctx context.Context, tx pgx.Tx) ([]rowChange, string, error) {
		l, err := s.load(ctx, tx, name)
		if err != nil {
			return nil, "", err
		}
		var changes []rowChange
		for i, in := range l.p.Initiatives {
			changes = append(changes, rowChange{Kind: "initiative", ID: in.ID, Name: in.Name, Before: l.rows[in.ID].doc, BeforePos: i})
		}
		changes = append(changes, rowChange{Kind: "meta", Before: l.meta})
		_, err = s.forward(ctx, tx, name, changes)
		return changes, "", err
	})
}

// Action is one entry of the history.
type Action struct {
	Seq       int64     `json:"seq"`
	Portfolio string    `json:"portfolio"`
	Label     string    `json:"label"`
	Actor     string    `json:"actor"`
	At        time.Time `json:"at"`
	Undone    bool      `json:"undone"`
}

// History returns the newest actions on a portfolio (all portfolios when
// name is ""), newest first, at most n.
func (s *Store) History(name string, n int) ([]Action, error) {
	var out []Action
	err := s.each(`SELECT seq, portfolio, label, actor, at, undone FROM actions WHERE $1 = '' OR portfolio = $1 ORDER BY seq DESC LIMIT $2`, []any{name, n},
		func(rows pgx.Rows) error {
			var a Action
			if err := rows.Scan(&a.Seq, &a.Portfolio, &a.Label, &a.Actor, &a.At, &a.Undone); err != nil {
				return err
			}
			out = append(out, a)
			return nil
		})
	return out, err
}

// DecisionActors returns, for each decision of the named portfolio, the
// action that recorded it (who, when, its label): the first action still
// in effect whose portfolio settings gained the decision's ID. A decision
// that came with a create (an import, a copy) has the create's actor.
func (s *Store) DecisionActors(name string) (map[string]Action, error) {
	out := map[string]Action{}
	err := s.each(`SELECT DISTINCT ON (d->>'id') d->>'id', a.seq, a.label, a.actor, a.at
		FROM actions a
		CROSS JOIN LATERAL jsonb_array_elements(a.changes->'rows') r
		CROSS JOIN LATERAL jsonb_array_elements(coalesce(r->'after'->'decisions', '[]'::jsonb)) d
		WHERE a.portfolio = $1 AND NOT a.undone AND r->>'kind' = 'meta'
		  AND NOT coalesce(r->'before'->'decisions', '[]'::jsonb) @> jsonb_build_array(jsonb_build_object('id', d->'id'))
		ORDER BY d->>'id', a.seq`, []any{name},
		func(rows pgx.Rows) error {
			var id string
			a := Action{Portfolio: name}
			if err := rows.Scan(&id, &a.Seq, &a.Label, &a.Actor, &a.At); err != nil {
				return err
			}
			out[id] = a
			return nil
		})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// CanUndo returns the label of the actor's action Undo would undo.
func (s *Store) CanUndo() (string, bool) {
	st, ok := s.peekStep(false)
	return st.Label, ok
}

// CanRedo returns the label of the action Redo would redo.
func (s *Store) CanRedo() (string, bool) {
	st, ok := s.peekStep(true)
	return st.Label, ok
}

// nextStepMode runs nextStep planned for the user at hand: a plan cached
// for any user (pgx prepares statements) walks the whole history by seq
// when the user has few actions among many (7.7 ms at 20,000 actions,
// against 0.02 ms by the index actions_by_user).
const nextStepMode = pgx.QueryExecModeExec

// nextStep is the query of the action Undo (redo false) or Redo takes
// next: the actor's newest action not undone, or the oldest undone one
// (a new action drops the undone ones, so they are always the newest).
// Run it with nextStepMode.
func nextStep(redo bool, cols string) string {
	order := "DESC"
	if redo {
		order = "ASC"
	}
	return `SELECT ` + cols + ` FROM actions WHERE actor = $1 AND undone = $2 ORDER BY seq ` + order + ` LIMIT 1`
}

// Undo undoes the actor's own last action and returns its label. If anyone
// changed the same rows since, it is refused with a *ConflictError.
func (s *Store) Undo() (string, error) { return s.step(false, nil) }

// Redo redoes the actor's last undone action.
func (s *Store) Redo() (string, error) { return s.step(true, nil) }

// UndoStep undoes the actor's last action if it is still want (from
// PeekUndo: the same Seq, or with Seq 0 the same label), and returns its
// label. When another window or process of the same user has undone,
// redone or added an action since, it changes nothing and returns an
// error that is store.ErrStepChanged, naming both steps: the check and
// the step are one transaction, on the action's row locked.
func (s *Store) UndoStep(want Step) (string, error) { return s.step(false, &want) }

// RedoStep redoes the actor's last undone action if it is still want
// (from PeekRedo), as UndoStep.
func (s *Store) RedoStep(want Step) (string, error) { return s.step(true, &want) }

// stepChanged is the error of a conditional step that found another
// step (label now; found false: none) than want.
func stepChanged(redo bool, want Step, seq int64, now string, found bool) error {
	verb := "undo"
	if redo {
		verb = "redo"
	}
	switch {
	case !found:
		return fmt.Errorf("%w: %s %q was shown, and now there is nothing to %s", store.ErrStepChanged, verb, want.Label, verb)
	case now != want.Label:
		return fmt.Errorf("%w: %s %q was shown, and now the step to %s is %q", store.ErrStepChanged, verb, want.Label, verb, now)
	case want.Seq != 0 && seq != want.Seq:
		return fmt.Errorf("%w: %s %q was shown, and now the step to %s is another action of that name", store.ErrStepChanged, verb, want.Label, verb)
	}
	return nil
}

// errNothing is the file store's error, so that callers test one.
var errNothing = store.ErrNothingToUndo

func (s *Store) step(redo bool, want *Step) (string, error) {
	if s.readOnly {
		return "", ErrReadOnly
	}
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	for range 5 {
		label, err := s.stepOnce(ctx, redo, want)
		if !errors.Is(err, errRenamedMeanwhile) {
			return label, err
		}
	}
	return "", fmt.Errorf("the portfolio of the step was renamed again and again by others while undoing or redoing; nothing was changed, try again")
}

// stepOnce is one try of step: in one transaction, under the actor's lock
// (see serialise), it reads the step to take, takes its portfolio's lock
// (both names' for a rename) and takes the step, or returns
// errRenamedMeanwhile when the action's portfolio was renamed before its
// lock was had (then nothing was written).
func (s *Store) stepOnce(ctx context.Context, redo bool, want *Step) (string, error) {
	var label string
	var cached map[string]map[string][]byte
	// The rows the step wrote, as an action forward (their After side is
	// what they hold now), on stepped, with the tokens around the write.
	var stepped string
	var wrote []rowChange
	var tok tokens
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		stepped, wrote = "", nil
		if err := s.serialise(ctx, tx, true); err != nil {
			return err
		}
		var seq int64
		var portfolio string
		var cj []byte
		err := tx.QueryRow(ctx, nextStep(redo, "seq, portfolio, label, changes")+" FOR UPDATE", nextStepMode, s.user, redo).Scan(&seq, &portfolio, &label, &cj)
		if want != nil && (err == nil || errors.Is(err, pgx.ErrNoRows)) {
			// A row another transaction undid or redid meanwhile is
			// dropped by the lock's recheck once that commits, and the
			// next row is returned (the lock is taken below the LIMIT):
			// another step, or none (TestUndoWaitsForTheTopStep).
			if err := stepChanged(redo, *want, seq, label, err == nil); err != nil {
				return err
			}
		}
		if errors.Is(err, pgx.ErrNoRows) {
			if redo {
				return store.ErrNothingToRedo
			}
			return errNothing
		}
		if err != nil {
			return err
		}
		var ch struct {
			Rows    []rowChange `json:"rows"`
			Renamed string      `json:"renamed"`
		}
		if err := json.Unmarshal(cj, &ch); err != nil {
			return err
		}
		locks := []string{portfolio}
		if len(ch.Rows) == 1 && ch.Rows[0].Kind == "rename" {
			var from, to string
			_ = json.Unmarshal(ch.Rows[0].Before, &from)
			_ = json.Unmarshal(ch.Rows[0].After, &to)
			locks = append(locks, from, to)
		}
		if err := s.serialise(ctx, tx, false, locks...); err != nil {
			return err
		}
		var now string
		if err := tx.QueryRow(ctx, `SELECT portfolio FROM actions WHERE seq = $1`, seq).Scan(&now); err != nil {
			return err
		}
		if now != portfolio {
			return errRenamedMeanwhile
		}
		if len(ch.Rows) == 1 && ch.Rows[0].Kind == "rename" {
			var from, to string
			_ = json.Unmarshal(ch.Rows[0].Before, &from)
			_ = json.Unmarshal(ch.Rows[0].After, &to)
			if !redo {
				from, to = to, from
			}
			var meta []byte
			if err := tx.QueryRow(ctx, `SELECT meta FROM portfolios WHERE name = $1 FOR UPDATE`, from).Scan(&meta); err != nil {
				return &ConflictError{Who: "someone", When: time.Now(), What: "portfolio " + from, Label: label}
			}
			if err := s.renameRows(ctx, tx, from, to, meta); err != nil {
				return err
			}
			portfolio = to
		} else if tok, err = s.write(ctx, tx, portfolio, ch.Rows, !redo); err != nil {
			var ce *ConflictError
			if errors.As(err, &ce) {
				ce.Label = map[bool]string{false: "undo ", true: "redo "}[redo] + label
			}
			return err
		} else {
			stepped, wrote = portfolio, ch.Rows
			if !redo {
				wrote = make([]rowChange, len(ch.Rows))
				for i, c := range ch.Rows {
					c.Before, c.After, c.BeforePos, c.AfterPos = c.After, c.Before, c.AfterPos, c.BeforePos
					wrote[i] = c
				}
			}
		}
		if _, err := tx.Exec(ctx, `UPDATE actions SET undone = $2 WHERE seq = $1`, seq, !redo); err != nil {
			return err
		}
		verb := "Undo "
		if redo {
			verb = "Redo "
		}
		if err := notify(ctx, tx, Change{Portfolio: portfolio, Label: verb + label, Actor: s.user, Seq: seq, At: time.Now()}); err != nil {
			return err
		}
		cached, _ = s.writeCache(ctx, tx) // never fails the step
		return nil
	})
	if err == nil {
		s.forgetCache(cached)
		s.stepped(stepped, wrote, tok)
	}
	return label, s.wrap(err)
}

// stepped keeps, as Apply does, the state a committed undo or redo left
// on the cached portfolio name (none: "") when the step's transaction
// found the cached state's token on the row, locked: then the cached rows
// were the database's, and the rows written (changes, forward) are the
// only ones that moved, each by one version. Otherwise the next read
// refreshes.
func (s *Store) stepped(name string, changes []rowChange, t tokens) {
	if name == "" || !t.found || t.after == 0 {
		return
	}
	l := s.cached(name)
	if l == nil || l.state != t.before {
		return
	}
	if n, err := l.after(name, changes, t.after); err == nil {
		n.prepare()
		s.install(name, l, n)
	}
}

// ErrNothingToUndo reports an Undo with nothing to undo.
func ErrNothingToUndo(err error) bool { return errors.Is(err, errNothing) }

// Reconnected is the Label of the Change that Watch reports when it has
// listened again after a lost connection: changes made meanwhile were not
// heard, so the caller should reload.
const Reconnected = "reconnected to the database"

// Watch calls fn for every change to the named portfolio (every portfolio
// when name is "") until ctx ends. When the connection is lost it calls
// lost (if not nil), reconnects, reports a Change labelled Reconnected and
// goes on.
func (s *Store) Watch(ctx context.Context, name string, fn func(Change), lost func(error)) error {
	return s.WatchReady(ctx, name, nil, fn, lost)
}

// WatchReady is Watch that calls ready (if not nil) once it listens for
// the first time: changes committed from then on are reported.
func (s *Store) WatchReady(ctx context.Context, name string, ready func(), fn func(Change), lost func(error)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		select {
		case <-s.closing.Done():
			cancel()
		case <-ctx.Done():
		}
	}()
	wasLost := false
	for {
		err := s.listen(ctx, name, fn, func() {
			if ready != nil {
				ready()
				ready = nil
			}
			if wasLost {
				// Changes made while the connection was down were not
				// heard: say so, so that the caller reloads.
				wasLost = false
				fn(Change{Portfolio: name, Label: Reconnected, At: time.Now()})
			}
		})
		if ctx.Err() != nil {
			return nil
		}
		wasLost = true
		if lost != nil {
			lost(err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(500 * time.Millisecond):
		}
	}
}

func (s *Store) listen(ctx context.Context, name string, fn func(Change), listening func()) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return s.wrap(err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "LISTEN "+Channel); err != nil {
		conn.Conn().Close(context.Background()) //nolint:errcheck // dropped from the pool
		return s.wrap(err)
	}
	listening()
	defer func() {
		c, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_, _ = conn.Exec(c, "UNLISTEN "+Channel)
	}()
	for {
		n, err := conn.Conn().WaitForNotification(ctx)
		if err != nil {
			conn.Conn().Close(context.Background()) //nolint:errcheck // dropped from the pool
			return s.wrap(err)
		}
		var c Change
		if json.Unmarshal([]byte(n.Payload), &c) != nil {
			continue
		}
		if name == "" || c.Portfolio == name || c.Renamed == name {
			fn(c)
		}
	}
}

// Describe returns a one-line description of a change for a notice.
func (c Change) Describe() string {
	return c.At.Local().Format("15:04:05") + " " + c.Actor + ": " + c.Label + " (" + c.Portfolio + ", #" + strconv.FormatInt(c.Seq, 10) + ")"
}

// Step describes an action Undo or Redo would take: its label, actor and
// time, and the whole portfolios taking it would remove (name → number of
// initiatives), so that the app can ask first.
type Step struct {
	// Seq is the action's number in the history (UndoStep and RedoStep
	// take the step only while it is still the one shown).
	Seq     int64
	Label   string
	Actor   string
	At      time.Time
	Removes map[string]int
}

// PeekUndo describes the action Undo would revert.
func (s *Store) PeekUndo() (Step, bool) { return s.peekStep(false) }

// PeekRedo describes the action Redo would re-apply.
func (s *Store) PeekRedo() (Step, bool) { return s.peekStep(true) }

func (s *Store) peekStep(redo bool) (Step, bool) {
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	var st Step
	var portfolio string
	var cj []byte
	err := s.pool.QueryRow(ctx, nextStep(redo, "seq, portfolio, label, actor, at, changes"), nextStepMode, s.user, redo).
		Scan(&st.Seq, &portfolio, &st.Label, &st.Actor, &st.At, &cj)
	if err != nil {
		return Step{}, false
	}
	var ch struct {
		Rows []rowChange `json:"rows"`
	}
	if json.Unmarshal(cj, &ch) != nil {
		return st, true
	}
	n := 0
	removes := false
	for _, r := range ch.Rows {
		switch {
		case r.Kind == "initiative":
			n++
		case r.Kind == "meta" && !redo && r.Before == nil: // undoing a create
			removes = true
		case r.Kind == "meta" && redo && r.After == nil: // redoing a delete
			removes = true
		}
	}
	if removes {
		st.Removes = map[string]int{portfolio: n}
	}
	return st, true
}
