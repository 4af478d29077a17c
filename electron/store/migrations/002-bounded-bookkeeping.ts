/**
 * Version 2: bookkeeping a writer can afford and a file can hold for weeks (docs/file-format.md,
 * "Bookkeeping"). Measured on single writes, each page a commit touches beyond the record's own
 * costs about as much as the record: so the per-table counts move into `sqlite_sequence` (the page
 * every insert already writes for the AUTOINCREMENT id), the change log is written only while an
 * inspector watches (a lease in `watchers`), and the log caps itself at CHANGE_LOG_LIMIT rows.
 */

/** Rows the change log keeps; the writer that logs trims it, every CHANGE_LOG_TRIM_EVERY changes. */
export const CHANGE_LOG_LIMIT = 10_000;
export const CHANGE_LOG_TRIM_EVERY = 256;
/** The `sqlite_sequence` row that holds a namespace's record count: this prefix and the namespace id. */
export const COUNT_ROW_PREFIX = 'record_count:';

const NOW_MS = "CAST(unixepoch('subsec') * 1000 AS INTEGER)";
const WATCHED = (at: string) => `EXISTS (SELECT 1 FROM watchers WHERE until >= ${at})`;
const COUNT_ROW = (ns: string) => `name = '${COUNT_ROW_PREFIX}' || ${ns}`;

export const BOUNDED_BOOKKEEPING = `
  CREATE TABLE watchers (
    id    TEXT PRIMARY KEY,
    until INTEGER NOT NULL
  ) WITHOUT ROWID;

  DROP TRIGGER records_after_insert;
  DROP TRIGGER records_after_update;
  DROP TRIGGER records_after_delete;

  INSERT INTO sqlite_sequence (name, seq) SELECT '${COUNT_ROW_PREFIX}' || id, record_count FROM namespaces;
  ALTER TABLE namespaces DROP COLUMN record_count;

  CREATE TRIGGER namespaces_after_insert AFTER INSERT ON namespaces BEGIN
    INSERT INTO sqlite_sequence (name, seq) VALUES ('${COUNT_ROW_PREFIX}' || new.id, 0);
  END;

  CREATE TRIGGER namespaces_after_delete AFTER DELETE ON namespaces BEGIN
    DELETE FROM sqlite_sequence WHERE ${COUNT_ROW('old.id')};
  END;

  CREATE TRIGGER records_after_insert AFTER INSERT ON records
  WHEN NOT EXISTS (SELECT 1 FROM bulk_writes) BEGIN
    UPDATE sqlite_sequence SET seq = seq + 1 WHERE ${COUNT_ROW('new.ns')};
  END;

  -- Logging is a trigger of its own, so an unwatched write runs no INSERT into changes at all.
  CREATE TRIGGER records_log_insert AFTER INSERT ON records
  WHEN ${WATCHED('new.updated_at')} AND NOT EXISTS (SELECT 1 FROM bulk_writes) BEGIN
    INSERT INTO changes (ns, key, kind, at) VALUES (new.ns, new.key, 'create', new.updated_at);
  END;

  CREATE TRIGGER records_log_update AFTER UPDATE ON records WHEN ${WATCHED('new.updated_at')} BEGIN
    INSERT INTO changes (ns, key, kind, at) VALUES (new.ns, new.key, 'update', new.updated_at);
  END;

  CREATE TRIGGER records_after_delete AFTER DELETE ON records BEGIN
    UPDATE sqlite_sequence SET seq = seq - 1 WHERE ${COUNT_ROW('old.ns')};
  END;

  CREATE TRIGGER records_log_delete AFTER DELETE ON records WHEN ${WATCHED(NOW_MS)} BEGIN
    INSERT INTO changes (ns, key, kind, at) VALUES (
      old.ns, old.key, CASE WHEN old.expires_at < ${NOW_MS} THEN 'expired' ELSE 'delete' END, ${NOW_MS}
    );
  END;

  CREATE TRIGGER changes_after_insert AFTER INSERT ON changes
  WHEN new.seq % ${CHANGE_LOG_TRIM_EVERY} = 0 BEGIN
    DELETE FROM changes WHERE seq <= new.seq - ${CHANGE_LOG_LIMIT};
  END;

  DELETE FROM changes WHERE seq <= (SELECT max(seq) FROM changes) - ${CHANGE_LOG_LIMIT};
`;
