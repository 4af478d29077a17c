/**
 * Version 5 (numbered after 004, value search, which another branch adds): the indexes that let a page
 * be sorted by size, expiry or updated time with keyset paging (docs/file-format.md, "Sort indexes").
 * Each is on (ns, sort value, key), so the first page of any sort, either way, reads its rows in order
 * and stops. Size and expiry are expressions (no stored column): writers keep nothing themselves, and
 * a query must spell the expression exactly as here for SQLite to use the index (record-sort.ts does).
 */

/** A record without an expiry sorts as this (common/sort-columns.ts NEVER_EXPIRES): last ascending. */
export const EXPIRY_SORT_SQL = 'ifnull(expires_at, 9223372036854775807)';
export const SIZE_SORT_SQL = 'length(value)';

export const SORT_INDEXES = `
  CREATE INDEX records_by_size ON records (ns, ${SIZE_SORT_SQL}, key);
  CREATE INDEX records_by_expiry ON records (ns, ${EXPIRY_SORT_SQL}, key);
  CREATE INDEX records_by_updated ON records (ns, updated_at, key);
`;
