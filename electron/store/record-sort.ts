/**
 * Sorting a page by a column other than the key: the parts of the order each read through one index,
 * the cursor condition that starts a page after the previous one's last (value, key), and a record's
 * sort value. Size is spelled exactly as its index in sort-indexes.ts, so SQLite reads the index in
 * order and stops after a page (docs/file-format.md, "Sort indexes").
 */

import type { SqlCondition } from './record-filter.js';
import { SIZE_SORT_SQL, type SortedColumn, sortIndexName } from './sort-indexes.js';
import { StoreInputError } from './types.js';

export type { SortedColumn };

type Order = 'asc' | 'desc';

/**
 * One run of the order read through one index: its own condition, its ORDER BY, and the condition
 * that continues it after a cursor (`skip` when the cursor lies beyond this run, none before it).
 */
export interface SortRun {
  /** The index that gives this run in order, when it exists (sort-indexes.ts). */
  index: string;
  condition?: SqlCondition;
  orderBy: string;
  after(afterSort: number | null, after: string): SqlCondition | 'skip' | undefined;
}

const way = (order: Order) => (order === 'asc' ? 'ASC' : 'DESC');
const beyond = (order: Order) => (order === 'asc' ? '>' : '<');

function valueRun(sql: string, index: string, order: Order, what: string): SortRun {
  return {
    index,
    orderBy: `${sql} ${way(order)}, key ${way(order)}`,
    after: (afterSort, after) => {
      if (afterSort === null) {
        throw new StoreInputError(`a page sorted by ${what} after a key needs the ${what} it sorted after (afterSort)`);
      }
      return { sql: `(${sql}, key) ${beyond(order)} (?, ?)`, params: [afterSort, after] };
    },
  };
}

/**
 * The runs of a sort in page order. Expiry is two: records with an expiry by (expires_at, key), then
 * those without by key, ascending; descending, the other way round. A cursor's null sort value
 * (a record without an expiry) places it in the second run ascending, the first descending.
 */
export function sortRuns(sort: SortedColumn, order: Order): SortRun[] {
  if (sort === 'size') return [valueRun(SIZE_SORT_SQL, sortIndexName('size'), order, 'size')];
  if (sort === 'updated') return [valueRun('updated_at', sortIndexName('updated'), order, 'updated time')];
  const timed: SortRun = {
    index: 'records_expiry',
    condition: { sql: 'expires_at IS NOT NULL', params: [] },
    orderBy: `expires_at ${way(order)}, key ${way(order)}`,
    after: (afterSort, after) => {
      if (afterSort !== null) return { sql: `(expires_at, key) ${beyond(order)} (?, ?)`, params: [afterSort, after] };
      return order === 'asc' ? 'skip' : undefined;
    },
  };
  const never: SortRun = {
    index: sortIndexName('expiry'),
    condition: { sql: 'expires_at IS NULL', params: [] },
    orderBy: `key ${way(order)}`,
    after: (afterSort, after) => {
      if (afterSort === null) return { sql: `key ${beyond(order)} ?`, params: [after] };
      return order === 'asc' ? undefined : 'skip';
    },
  };
  return order === 'asc' ? [timed, never] : [never, timed];
}

export function checkAfterSort(afterSort: number | null | undefined): number | null {
  if (afterSort === undefined || afterSort === null) return null;
  if (!Number.isSafeInteger(afterSort)) throw new StoreInputError('afterSort must be an integer');
  return afterSort;
}

/** What a record sorts by, as the cursor carries it: null for a record without an expiry. */
export function sortValueOf(
  sort: SortedColumn,
  record: { size: number; expiresAt: number | null; updatedAt: number },
): number | null {
  if (sort === 'size') return record.size;
  if (sort === 'expiry') return record.expiresAt;
  return record.updatedAt;
}
