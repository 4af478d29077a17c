import type { Filter } from '../../../electron/api/contract/schemas.js';

export type SortOrder = 'asc' | 'desc';

/** What the grid shows: one table's records through a filter, in one order. */
export interface RecordQuery {
  database: string;
  table: string;
  filter: Filter;
  order: SortOrder;
}

export function queryKey(query: RecordQuery): string {
  return JSON.stringify([query.database, query.table, query.filter, query.order]);
}

/** Whether records that expire while shown should leave the grid (they stay when expired ones are asked for). */
export function hidesExpired(filter: Filter): boolean {
  return filter.expiry !== 'expired' && filter.expiry !== 'all';
}
