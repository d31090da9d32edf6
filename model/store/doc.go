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
// at all, and undo and redo survive a restart.
//
// # Safety
//
// The file is opened with a lock timeout (Options.Timeout, 2 s by default):
// a second app or CLI on the same file gets ErrLocked instead of hanging.
// A file that is not a bbolt database, or is truncated or damaged, gives a
// *DamagedError that names the file and the newest backup; a panic of
// bbolt on a damaged page becomes one too. On every writable open of a
// file that holds portfolios, the file is first copied (a hot backup with
// tx.CopyFile, written beside and renamed into place) to PATH.backup-1, the
// older backups shifting up to Options.Backups.
// Before a migration the file is copied to PATH.pre-migration-vN.
// Migrations run one step per schema version on a writable open; a
// read-only open of an older file gets ErrOldSchema, and a file written by a
// newer schema is refused with ErrNewerSchema. New files are created with mode
// 0600.
package store
