/**
 * Version 5: a trigram index of record values, filled behind the writers (docs/file-format.md,
 * "Value index"), so "value contains" reads a few candidates instead of every value. Like the key
 * index it covers the records up to a watermark id and no writer ever writes it. Values change in
 * place, so an overwrite of an indexed record notes its id in `value_pending` (only when the value
 * changed): that record is scanned until the upkeep re-indexes it. Inserts and deletes cost nothing
 * (an index entry of a deleted id lingers and never joins a record: ids are never reused).
 */

import { METADATA_WATERMARK } from './003-metadata-values.js';

/** The `store_inspector` row holding the newest record id the value index covers. */
export const VALUE_WATERMARK = 'value_index_watermark';

const WATERMARK = `(SELECT CAST(value AS INTEGER) FROM store_inspector WHERE name = '${VALUE_WATERMARK}')`;
const METADATA_MARK = `(SELECT CAST(value AS INTEGER) FROM store_inspector WHERE name = '${METADATA_WATERMARK}')`;

export const VALUE_INDEX = `
  -- Contentless (trigrams and ids only, never the values); case folded, which finds a superset of
  -- both case modes' matches: the exact test on the record decides. No positions (detail none):
  -- measured, they tripled the index and sped up no search (docs/benchmarks.md, "value-search").
  CREATE VIRTUAL TABLE records_value_trigrams USING fts5 (
    value, content = '', contentless_delete = 1, tokenize = 'trigram', detail = 'none'
  );

  -- Covered records whose value is not in the index (not UTF-8 text, or too long): always scanned.
  CREATE TABLE value_unindexed (id INTEGER PRIMARY KEY);

  -- Covered records whose value changed since it was indexed: scanned until re-indexed.
  CREATE TABLE value_pending (id INTEGER PRIMARY KEY);

  -- NOT EXISTS rather than INSERT OR IGNORE: an upsert's own conflict handling overrides a trigger's
  -- OR IGNORE, so a second overwrite in a batch would fail on the id already noted.
  CREATE TRIGGER records_value_changed AFTER UPDATE OF value ON records
  WHEN new.id <= ${WATERMARK} AND old.value IS NOT new.value
    AND NOT EXISTS (SELECT 1 FROM value_pending WHERE id = new.id) BEGIN
    INSERT INTO value_pending (id) VALUES (new.id);
  END;

  -- Version 3's trigger had the same OR IGNORE, so a batch's second metadata change of an indexed
  -- record before the upkeep failed the whole batch: it is replaced by one that cannot.
  DROP TRIGGER records_metadata_changed;
  CREATE TRIGGER records_metadata_changed AFTER UPDATE OF metadata ON records
  WHEN old.metadata IS NOT new.metadata AND new.id <= ${METADATA_MARK}
    AND NOT EXISTS (SELECT 1 FROM metadata_pending WHERE id = new.id) BEGIN
    INSERT INTO metadata_pending (id) VALUES (new.id);
  END;

  INSERT INTO store_inspector (name, value) VALUES ('${VALUE_WATERMARK}', '0');
`;
