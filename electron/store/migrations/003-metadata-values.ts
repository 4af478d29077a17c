/**
 * Version 3: every record's top-level metadata values, indexed behind the writers (docs/file-format.md,
 * "Metadata values"), so an equality filter on any field reads an index without anyone asking for one.
 * Writers never write the index: it covers the records up to a watermark id, like the key index. What
 * a writer does to an indexed record (a metadata change, a delete) only notes its id in
 * `metadata_pending`, and only when the metadata changed: an overwrite with the same metadata, and
 * every insert, costs nothing more.
 */

/** The `store_inspector` row holding the newest record id whose metadata values are indexed. */
export const METADATA_WATERMARK = 'metadata_index_watermark';
/** Strings longer than this are not indexed (a filter on such a value reads the records instead). */
export const MAX_INDEXED_TEXT = 200;

const WATERMARK = `(SELECT CAST(value AS INTEGER) FROM store_inspector WHERE name = '${METADATA_WATERMARK}')`;

export const METADATA_VALUES = `
  -- value has no declared type (no affinity): a text "3" stays a text, apart from the number 3.
  CREATE TABLE metadata_values (
    id    INTEGER NOT NULL,
    field TEXT NOT NULL,
    ns    INTEGER NOT NULL,
    value,
    key   TEXT NOT NULL,
    PRIMARY KEY (id, field)
  ) WITHOUT ROWID;

  CREATE INDEX metadata_values_lookup ON metadata_values (ns, field, value, key);

  CREATE TABLE metadata_pending (id INTEGER PRIMARY KEY);

  CREATE TRIGGER records_metadata_changed AFTER UPDATE OF metadata ON records
  WHEN old.metadata IS NOT new.metadata AND new.id <= ${WATERMARK} BEGIN
    INSERT OR IGNORE INTO metadata_pending (id) VALUES (new.id);
  END;

  CREATE TRIGGER records_metadata_deleted AFTER DELETE ON records
  WHEN old.metadata IS NOT NULL AND old.id <= ${WATERMARK} BEGIN
    INSERT OR IGNORE INTO metadata_pending (id) VALUES (old.id);
  END;

  INSERT INTO store_inspector (name, value) VALUES ('${METADATA_WATERMARK}', '0');
`;
