-- Option Space on PostgreSQL, schema version 2: the user's own actions by
-- undone state and sequence, so that a new action's "drop my undone
-- actions", Undo's and Redo's next step and CanUndo/CanRedo read an index
-- range instead of the whole history.
CREATE INDEX IF NOT EXISTS actions_by_user ON actions (actor, undone, seq);
