// Package store keeps Option Space's portfolios in one local bbolt file.
//
// # Layout (schema version 2)
//
//	meta                      schema = "2"
//	portfolios/<name>/head    the portfolio without its collections (JSON)
//	portfolios/<name>/initiatives/<000000..>   one initiative per key, in order
//	portfolios/<name>/drivers/<...>, links/, decisions/, learning/, snapshots/
//	undo/<seq>, redo/<seq>    the last 100 actions, each the before and after
//	                          images of every key it changed
//
// Values are the JSON of the model types. Every user action is one
// read-write transaction that writes only the keys whose bytes changed and
// pushes one undo record, so an action is either wholly in the file or not
// at all, and undo and redo survive a restart. A portfolio's buckets are
// deleted bottom-up, each nested bucket by name: bbolt's recursive
// DeleteBucket skips every second nested bucket of a bucket modified in
// the same transaction and leaks its pages (see TestBboltDeleteBucketAfterEmptyingChildren).
//
// # Several processes on one file
//
// A Store does not keep the file open: each operation opens it, runs one
// bbolt transaction and closes it again, so bbolt's file lock is held only
// for the length of a transaction (milliseconds). The desktop app and any
// number of CLI commands can therefore use one database at once: reads run
// beside each other, a write waits for the one in progress (up to
// Options.Timeout, 5 s) and then runs on the latest state — Apply loads
// the portfolio inside its own transaction, so nobody's change is lost. A
// write that cannot get the lock in time changes nothing and returns
// ErrLocked, naming the file. Undo and redo are the file's: the newest
// action is undone whichever process made it. Changed and Watch tell a
// process that another one wrote (from the meta pages' transaction id),
// and the app reloads then.
//
// # Damage
//
// Open walks every page reachable from the newest meta page with plain
// reads, before bbolt maps the file (walkFile): page ids, types and
// overflow within the file, element tables, keys and values within their
// page, keys in order, nested and inline buckets, no page used twice, the
// freelist. bbolt trusts all of these, and a flipped byte in one made it
// fault outside its mapping and kill the process. Then bbolt's tx.Check
// runs. Whatever fails gives a *DamagedError naming the file and the
// newest backup that passes the same checks (VerifyFile); a record whose
// JSON does not decode gives one too, with its position but none of its
// bytes. A damaged meta page (bbolt then opens the file at the commit
// before) is reported by Warning. An empty file is refused when backups
// exist, a folder or a file too small to be a database says so.
//
// # Backups and restore
//
// A writable open of a file that holds portfolios, when PATH.backup-1 does
// not already hold its current state, and the first write to a file
// without a valid backup, make a new PATH.backup-1: the copy is written to
// a temporary file beside it (model/atomicfile) and verified; only then do
// the older backups shift up (PATH.backup-2 ... Options.Backups, the
// oldest dropped) and the copy is renamed into place, and the folder is
// synced. A kill or a full disk at any point costs at most the oldest
// backup. A damaged file is never backed up (Open refuses it first).
// Before a migration the file is copied to PATH.pre-migration-vN.
// Restore puts the newest valid backup (or a chosen one) back, keeping the
// replaced file as PATH.damaged-TIME; it is never overwritten or deleted.
//
// Migrations run one step per schema version on a writable open; a
// read-only open of an older file gets ErrOldSchema, and a file written by
// a newer schema is refused with ErrNewerSchema. New files are created
// with mode 0600.
package store
