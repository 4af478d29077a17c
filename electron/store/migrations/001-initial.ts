/**
 * Version 1: the tables, the key index and the triggers of the first file format. Never edit a
 * migration once released: files in the field were made by it. Change the format in a new one.
 */
export const INITIAL_SCHEMA = `
  CREATE TABLE store_inspector (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE namespaces (
    id           INTEGER PRIMARY KEY,
    database     TEXT NOT NULL,
    "table"      TEXT NOT NULL,
    record_count INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL,
    UNIQUE (database, "table")
  );

  CREATE TABLE records (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    ns         INTEGER NOT NULL REFERENCES namespaces (id) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    value      BLOB NOT NULL,
    metadata   TEXT,
    expires_at INTEGER,
    updated_at INTEGER NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    UNIQUE (ns, key)
  );

  CREATE INDEX records_expiry ON records (ns, expires_at) WHERE expires_at IS NOT NULL;

  CREATE VIRTUAL TABLE records_key_trigrams USING fts5 (
    key, content = '', tokenize = 'trigram case_sensitive 1', detail = 'none', columnsize = 0
  );

  CREATE TABLE changes (
    seq  INTEGER PRIMARY KEY AUTOINCREMENT,
    ns   INTEGER NOT NULL,
    key  TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('create', 'update', 'delete', 'expired')),
    at   INTEGER NOT NULL
  );

  -- Holds one row only inside a bulk import's own transaction (never committed): while it is there,
  -- the import keeps the counts and the change log itself, set-based, at the end.
  CREATE TABLE bulk_writes (one INTEGER PRIMARY KEY CHECK (one = 1));

  CREATE TRIGGER records_after_insert AFTER INSERT ON records
  WHEN NOT EXISTS (SELECT 1 FROM bulk_writes) BEGIN
    UPDATE namespaces SET record_count = record_count + 1 WHERE id = new.ns;
    INSERT INTO changes (ns, key, kind, at) VALUES (new.ns, new.key, 'create', new.updated_at);
  END;

  CREATE TRIGGER records_after_update AFTER UPDATE ON records BEGIN
    INSERT INTO changes (ns, key, kind, at) VALUES (new.ns, new.key, 'update', new.updated_at);
  END;

  -- The key index never re-reads a row it has indexed, so a key is never changed in place:
  -- a rename inserts the record under its new key (a new id) and deletes the old one.
  CREATE TRIGGER records_keep_keys BEFORE UPDATE OF key, ns ON records BEGIN
    SELECT RAISE(ABORT, 'a record''s key and namespace never change in place: insert the new key, delete the old');
  END;

  CREATE TRIGGER records_after_delete AFTER DELETE ON records BEGIN
    UPDATE namespaces SET record_count = record_count - 1 WHERE id = old.ns;
    INSERT INTO changes (ns, key, kind, at) VALUES (
      old.ns, old.key,
      CASE WHEN old.expires_at < CAST(unixepoch('subsec') * 1000 AS INTEGER) THEN 'expired' ELSE 'delete' END,
      CAST(unixepoch('subsec') * 1000 AS INTEGER)
    );
  END;

  INSERT INTO store_inspector (name, value) VALUES ('key_index_watermark', '0');
`;
