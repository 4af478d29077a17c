import type { ApiClient } from '../api/client.js';
import type { RecordQuery } from './record-query.js';

/**
 * How many records a query matches. records.count visits every matching row (two seconds for an
 * unfiltered million); the table's live count, which the store keeps as it writes, answers the
 * unfiltered case at once.
 */
export async function countRecords(client: ApiClient, query: RecordQuery): Promise<number> {
  const { database, table, filter } = query;
  if (Object.keys(filter).length === 0) {
    const databases = await client.call('store.databases', {});
    const kept = databases.find((entry) => entry.database === database)?.tables.find((entry) => entry.table === table);
    if (kept !== undefined) return kept.count;
  }
  return client.call('records.count', { database, table, filter });
}
