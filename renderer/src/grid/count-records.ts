import type { ApiClient } from '../api/api-client.js';
import type { RecordQuery } from './record-query.js';

/**
 * How many records a query matches; with `limit`, counting stops there (the answer is exact below
 * it). The whole table's count is kept by the store and costs nothing; a filter visits every
 * matching row (two seconds for a million), hence the cap for counts that are asked often.
 */
export function countRecords(client: ApiClient, query: RecordQuery, limit?: number): Promise<number> {
  const { database, table, filter } = query;
  return client.call('records.count', { database, table, filter, limit });
}

/** The position of `key` among the query's records, in the query's order (`total`: how many match). */
export async function positionOf(client: ApiClient, query: RecordQuery, key: string, total: number): Promise<number> {
  const { database, table, filter } = query;
  const before = await client.call('records.count', { database, table, filter, before: key });
  return query.order === 'asc' ? before : Math.max(0, total - 1 - before);
}
