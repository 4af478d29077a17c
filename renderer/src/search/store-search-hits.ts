import type { DatabaseInfoDto } from '../../../electron/api/contract/schemas.js';
import type { ApiClient } from '../api/api-client.js';
import type { Namespace } from '../ui/namespace.js';

/** Counts stop here: enough to tell a few hits from many without reading every record of a big table. */
export const HIT_COUNT_LIMIT = 1_000;

/** One table's hits for the store search: keys and values that contain the text, ignoring ASCII case. */
export interface TableHits extends Namespace {
  keys: number;
  values: number;
}

/**
 * Every table's hits, table by table (one count at a time, so a big store never queues a burst of scans),
 * leaving out the tables with none. `cancelled` stops between tables once the text has changed.
 */
export async function searchStore(
  client: ApiClient,
  databases: readonly DatabaseInfoDto[],
  text: string,
  cancelled: () => boolean,
): Promise<TableHits[]> {
  const hits: TableHits[] = [];
  for (const { database, tables } of databases) {
    for (const { table } of tables) {
      if (cancelled()) return hits;
      const count = (filter: object) =>
        client.call('records.count', { database, table, filter, limit: HIT_COUNT_LIMIT });
      const keys = await count({ contains: text, containsCase: 'insensitive' });
      const values = await count({ valueContains: text, valueCase: 'insensitive' }).catch(() => 0);
      if (keys + values > 0) hits.push({ database, table, keys, values });
    }
  }
  return hits;
}

export function countText(count: number): string {
  return count >= HIT_COUNT_LIMIT ? `${HIT_COUNT_LIMIT.toLocaleString('en-US')}+` : count.toLocaleString('en-US');
}
