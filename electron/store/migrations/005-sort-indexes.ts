/**
 * Version 5 (numbered after 004, value search, which another branch adds): the indexes that let a page
 * be sorted by size, expiry or updated time with keyset paging (docs/file-format.md, "Sort indexes").
 * Each leads with (ns, sort value) and ends with the key, so the first page of any sort, either way,
 * reads its rows in order and stops. Writers keep nothing themselves: size is an expression index.
 *
 * Expiry is two partial indexes over disjoint records, so each record is in one of them: those with an
 * expiry by (expires_at, key) (records_expiry, widened: the live counts use it as before) and those
 * without by key. Measured against one index on ifnull(expires_at, ...) beside the old records_expiry,
 * it costs a writer one index entry per record instead of up to two (docs/benchmarks.md, "Sorting").
 */

export const SIZE_SORT_SQL = 'length(value)';

export const SORT_INDEXES = `
  DROP INDEX records_expiry;
  CREATE INDEX records_expiry ON records (ns, expires_at, key) WHERE expires_at IS NOT NULL;
  CREATE INDEX records_never_expire ON records (ns, key) WHERE expires_at IS NULL;
  CREATE INDEX records_by_size ON records (ns, ${SIZE_SORT_SQL}, key);
  CREATE INDEX records_by_updated ON records (ns, updated_at, key);
`;
