/**
 * The indexes a sorted page reads in order (docs/file-format.md, "Sort indexes"), built on demand: each
 * costs every writer one more index entry per record (the sort bench measured batched writes at 0.39 of
 * format 3 with all of them), and a service that writes a store nobody sorts should not pay for them. The
 * first page sorted by a column asks for its index; until it exists, that page is sorted by SQLite.
 */
import type { Database } from 'better-sqlite3';
import type { SortColumn } from '../common/sort-columns.js';
import { indexExists } from './index-exists.js';
import type { StatementCache } from './statement-cache.js';

export type SortedColumn = Exclude<SortColumn, 'key'>;

/** Spelled exactly as in the index, so SQLite reads the index in order and stops after a page. */
export const SIZE_SORT_SQL = 'length(value)';

/** Per column, the index it reads beside records_expiry (which every store has, for expiry filters). */
const SORT_INDEXES: Readonly<Record<SortedColumn, { name: string; sql: string }>> = {
  size: { name: 'records_by_size', sql: `CREATE INDEX records_by_size ON records (ns, ${SIZE_SORT_SQL}, key)` },
  updated: { name: 'records_by_updated', sql: 'CREATE INDEX records_by_updated ON records (ns, updated_at, key)' },
  expiry: {
    name: 'records_never_expire',
    sql: 'CREATE INDEX records_never_expire ON records (ns, key) WHERE expires_at IS NULL',
  },
};

export function sortIndexName(column: SortedColumn): string {
  return SORT_INDEXES[column].name;
}

export function hasSortIndex(statements: StatementCache, column: SortedColumn): boolean {
  return indexExists(statements, sortIndexName(column));
}

/** Builds the column's index; false when it was there already. Holds the write lock while it builds. */
export function createSortIndex(db: Database, statements: StatementCache, column: SortedColumn): boolean {
  if (hasSortIndex(statements, column)) return false;
  db.exec(SORT_INDEXES[column].sql);
  return true;
}
