-- Grains run on Orleans now: its reminder service replaces grain_reminders (see the Orleans
-- clustering and reminder tables in the next migration), and the journal keeps what each write
-- changed instead of the whole state (621 valuations on one patent made 7 MB of journal).
DROP TABLE grain_reminders;
ALTER TABLE grain_journal RENAME COLUMN state TO changes;
COMMENT ON COLUMN grain_journal.changes IS 'Top-level state properties the write set, with their new values; the whole state for version 1.';
COMMENT ON COLUMN grain_state.grain_type IS 'The grain''s [PersistentState] name (unique per grain class).';
