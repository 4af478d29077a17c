import type { Filter } from '../../../electron/api/contract/schemas.js';
import type { SortColumn } from '../../../electron/common/sort-columns.js';

export type { SortColumn };

export type SortOrder = 'asc' | 'desc';

/** What the grid shows: one table's records through a filter, in one order. */
export interface RecordQuery {
  database: string;
  table: string;
  filter: Filter;
  order: SortOrder;
  /** What the rows are sorted by; absent: the key. Ties sort by key the same way. */
  sort?: SortColumn;
}

export function queryKey(query: RecordQuery): string {
  return JSON.stringify([query.database, query.table, query.filter, query.order, query.sort ?? 'key']);
}

/** Whether records that expire while shown should leave the grid (they stay when expired ones are asked for). */
export function hidesExpired(filter: Filter): boolean {
  return filter.expiry !== 'expired' && filter.expiry !== 'all';
}
