/**
 * Sorting a page by a column other than the key: the SQL value each record sorts by, the cursor
 * condition that starts a page after the previous one's last (value, key), and the cursor of a page.
 * Each sort value is spelled exactly as its index in migrations/005-sort-indexes.ts, so SQLite reads
 * the index in order and stops after a page (docs/file-format.md, "Sort indexes").
 */
import { NEVER_EXPIRES, type SortColumn } from '../common/sort-columns.js';
import { EXPIRY_SORT_SQL, SIZE_SORT_SQL } from './migrations/005-sort-indexes.js';
import type { SqlCondition } from './record-filter.js';
import { StoreInputError } from './types.js';

const SORT_SQL: Record<Exclude<SortColumn, 'key'>, string> = {
  size: SIZE_SORT_SQL,
  expiry: EXPIRY_SORT_SQL,
  updated: 'updated_at',
};

/** The ORDER BY of a sorted page: the sort value, then the key, both the same way. */
export function sortOrderBy(sort: SortColumn, order: 'asc' | 'desc'): string {
  const way = order === 'asc' ? 'ASC' : 'DESC';
  return sort === 'key' ? `key ${way}` : `${SORT_SQL[sort]} ${way}, key ${way}`;
}

/**
 * The rows after a cursor (value, key), as one row-value comparison so SQLite seeks the index to it.
 * A missing `afterSort` on an expiry sort is the record without an expiry (null on the wire).
 */
export function sortCursorCondition(
  sort: Exclude<SortColumn, 'key'>,
  order: 'asc' | 'desc',
  afterSort: number | null | undefined,
  after: string,
): SqlCondition {
  const value = sortValueParam(sort, afterSort);
  return { sql: `(${SORT_SQL[sort]}, key) ${order === 'asc' ? '>' : '<'} (?, ?)`, params: [value, after] };
}

function sortValueParam(sort: Exclude<SortColumn, 'key'>, afterSort: number | null | undefined): number | bigint {
  if (afterSort === null || afterSort === undefined) {
    if (sort === 'expiry') return NEVER_EXPIRES;
    throw new StoreInputError(`a page sorted by ${sort} after a key needs the ${sort} it sorted after (afterSort)`);
  }
  if (!Number.isSafeInteger(afterSort)) throw new StoreInputError('afterSort must be an integer');
  return afterSort;
}

/** What a record sorts by, as the cursor carries it: null for a record without an expiry. */
export function sortValueOf(
  sort: Exclude<SortColumn, 'key'>,
  record: { size: number; expiresAt: number | null; updatedAt: number },
): number | null {
  if (sort === 'size') return record.size;
  if (sort === 'expiry') return record.expiresAt;
  return record.updatedAt;
}
