/**
 * Version 4: records_expiry gains the key, so a page sorted by expiry reads it in (expires_at, key) order
 * with keyset paging (docs/file-format.md, "Sort indexes"). It holds the same records as before (those
 * with an expiry), so writers pay nothing more. The other sort indexes cost every writer and are built on
 * demand, when someone first sorts by their column (sort-indexes.ts).
 */

export const SORT_INDEXES = `
  DROP INDEX records_expiry;
  CREATE INDEX records_expiry ON records (ns, expires_at, key) WHERE expires_at IS NOT NULL;
`;
