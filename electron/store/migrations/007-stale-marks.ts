/**
 * Version 7: a changed record is marked on its own row instead of noted in `index_pending` (docs/file-format.md,
 * "Stale marks"). In version 6 an overwrite that changed an indexed record's metadata or value wrote a note,
 * a row in a b-tree of its own, so one more page per commit than the plain table writes (measured: such
 * overwrites ran at 0.54 of the plain table, other overwrites at 0.77). Now the writer's own UPDATE sets bits
 * in the record's new `stale` column (the page it writes anyway), and the app finds the marks from the change
 * log while it watches, or by a scan after changes nobody logged (one row in `store_inspector` says there were
 * some), and turns them into notes itself. Deletes still note (they write several pages anyway).
 */

/** The `store_inspector` row a writer adds when it changes a record while nobody logs changes. */
export const UNLOGGED_CHANGES = 'unlogged_changes';
/** The `store_inspector` row holding the last change-log seq whose marked records the app has noted. */
export const NOTED_SEQ = 'noted_change_seq';
/** The `store_inspector` row holding how far (records.id) the scan for marks has come, while one runs. */
export const MARK_SCAN = 'mark_scan_position';
/** The `stale` bits: the record's metadata, its value, changed since the indexes read it. */
export const STALE_METADATA = 1;
export const STALE_VALUE = 2;

const WATCHED = 'EXISTS (SELECT 1 FROM watchers WHERE until >= new.updated_at)';
const BITS = `(old.metadata IS NOT new.metadata) | ((old.value IS NOT new.value) << 1)`;

export const STALE_MARKS = `
  ALTER TABLE records ADD COLUMN stale INTEGER NOT NULL DEFAULT 0;

  -- The notes of version 6 stay (a delete still notes); the views and their INSTEAD OF triggers go with them.
  DROP TRIGGER records_content_changed;
  DROP VIEW metadata_pending;
  DROP VIEW value_pending;

  -- Only a change of the record is logged, not the app clearing a mark (an UPDATE of stale alone).
  DROP TRIGGER records_log_update;
  CREATE TRIGGER records_log_update AFTER UPDATE OF value, metadata, expires_at, updated_at, version ON records
  WHEN ${WATCHED} BEGIN
    INSERT INTO changes (ns, key, kind, at) VALUES (new.ns, new.key, 'update', new.updated_at);
  END;

  -- Our writers set the bits in their own UPDATE (the WHEN is then false); this marks the others' changes.
  CREATE TRIGGER records_mark_stale AFTER UPDATE OF value, metadata ON records
  WHEN (new.stale & 1 = 0 AND old.metadata IS NOT new.metadata) OR (new.stale & 2 = 0 AND old.value IS NOT new.value)
  BEGIN
    UPDATE records SET stale = stale | ${BITS} WHERE id = new.id;
  END;

  -- A change nobody logs can be found only by a scan for marks: the first one says so, once.
  CREATE TRIGGER records_unlogged_change AFTER UPDATE OF value, metadata ON records
  WHEN NOT EXISTS (SELECT 1 FROM store_inspector WHERE name = '${UNLOGGED_CHANGES}') AND NOT ${WATCHED} BEGIN
    INSERT INTO store_inspector (name, value) VALUES ('${UNLOGGED_CHANGES}', '1');
  END;

  -- Version 6's trigger noted every change logged so far: the notes are caught up with the whole log.
  INSERT INTO store_inspector (name, value)
    VALUES ('${NOTED_SEQ}', coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'changes'), 0));
`;
