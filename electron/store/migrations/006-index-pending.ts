/**
 * Version 6: one pending note per changed record instead of one per index (docs/file-format.md, "Pending
 * notes"). In version 5 an overwrite that changed both the value and the metadata of an indexed record
 * noted its id in `metadata_pending` and in `value_pending`: two more b-trees, so two more pages in the
 * commit beside the record's own (measured: such an overwrite ran at half the plain table's speed). The
 * notes now share one row of `index_pending`, with a flag per index, written by one trigger. The old
 * names stayed as views (with INSTEAD OF triggers) for the readers of the time; version 7 drops them, and
 * the trigger, for marks on the records' own rows (007-stale-marks.ts).
 */

import { METADATA_WATERMARK } from './003-metadata-values.js';
import { VALUE_WATERMARK } from './005-value-index.js';

const MARK = (name: string) => `(SELECT CAST(value AS INTEGER) FROM store_inspector WHERE name = '${name}')`;
const METADATA_CHANGED = `(old.metadata IS NOT new.metadata AND new.id <= ${MARK(METADATA_WATERMARK)})`;
const VALUE_CHANGED = `(old.value IS NOT new.value AND new.id <= ${MARK(VALUE_WATERMARK)})`;

/**
 * Notes `id` with the two flags, keeping flags already set. An UPDATE, then an INSERT guarded by NOT
 * EXISTS, not an upsert or OR IGNORE: the conflict handling of the statement that fires the trigger
 * (a batch's upsert) would override the trigger's own (see migration 5).
 */
const note = (id: string, metadata: string, value: string) => `
    UPDATE index_pending SET metadata = metadata OR ${metadata}, value = value OR ${value} WHERE id = ${id};
    INSERT INTO index_pending (id, metadata, value) SELECT ${id}, ${metadata}, ${value}
      WHERE NOT EXISTS (SELECT 1 FROM index_pending WHERE id = ${id});`;

/** The view `name` of the ids whose `flag` is set: deleting from it clears the flag, inserting sets it. */
const pendingView = (name: string, flag: 'metadata' | 'value', other: 'metadata' | 'value') => `
  CREATE VIEW ${name} (id) AS SELECT id FROM index_pending WHERE ${flag};

  CREATE TRIGGER ${name}_delete INSTEAD OF DELETE ON ${name} BEGIN
    DELETE FROM index_pending WHERE id = old.id AND NOT ${other};
    UPDATE index_pending SET ${flag} = 0 WHERE id = old.id;
  END;

  CREATE TRIGGER ${name}_insert INSTEAD OF INSERT ON ${name} BEGIN
    ${note('new.id', flag === 'metadata' ? '1' : '0', flag === 'value' ? '1' : '0')}
  END;`;

export const INDEX_PENDING = `
  CREATE TABLE index_pending (
    id       INTEGER PRIMARY KEY,
    metadata INTEGER NOT NULL DEFAULT 0,
    value    INTEGER NOT NULL DEFAULT 0
  );

  INSERT INTO index_pending (id, metadata, value)
    SELECT id, max(metadata), max(value) FROM (
      SELECT id, 1 AS metadata, 0 AS value FROM metadata_pending
      UNION ALL SELECT id, 0, 1 FROM value_pending
    ) GROUP BY id;

  DROP TRIGGER records_metadata_changed;
  DROP TRIGGER records_value_changed;
  DROP TRIGGER records_metadata_deleted;
  DROP TABLE metadata_pending;
  DROP TABLE value_pending;

  ${pendingView('metadata_pending', 'metadata', 'value')}
  ${pendingView('value_pending', 'value', 'metadata')}

  -- One trigger for both indexes: our writers set value and metadata together, so one note, one page.
  CREATE TRIGGER records_content_changed AFTER UPDATE OF value, metadata ON records
  WHEN ${METADATA_CHANGED} OR ${VALUE_CHANGED} BEGIN
    ${note('new.id', METADATA_CHANGED, VALUE_CHANGED)}
  END;

  -- A deleted record's metadata entries must go; its value entry lingers harmlessly (ids are never reused).
  CREATE TRIGGER records_metadata_deleted AFTER DELETE ON records
  WHEN old.metadata IS NOT NULL AND old.id <= ${MARK(METADATA_WATERMARK)} BEGIN
    ${note('old.id', '1', '0')}
  END;
`;
