import type { DatabaseInfoDto } from '../../../electron/api/contract/schemas.js';
import { SEARCH_HIT_LIMIT } from '../../../electron/api/contract/search-schemas.js';
import type { ApiClient } from '../api/api-client.js';
import type { Namespace } from '../ui/namespace.js';

/** One table's hits for the store search: keys and values that contain the text, ignoring ASCII case. */
export interface TableHits extends Namespace {
  keys: number;
  values: number;
}

/**
 * Every listed table's hits, in one call (`store.search`: main counts a few tables at a time and reports
 * progress for `taskId`), leaving out the tables with none. `task.cancel` with the same id stops it.
 */
export async function searchStore(
  client: ApiClient,
  databases: readonly DatabaseInfoDto[],
  text: string,
  taskId: string,
): Promise<TableHits[]> {
  const tables = databases.flatMap(({ database, tables }) => tables.map(({ table }) => ({ database, table })));
  if (tables.length === 0) return [];
  return (await client.call('store.search', { taskId, text, tables, limit: SEARCH_HIT_LIMIT })).tables;
}

/** How many tables the search will count: what its progress is out of. */
export function tableCount(databases: readonly DatabaseInfoDto[]): number {
  return databases.reduce((sum, { tables }) => sum + tables.length, 0);
}

export function countText(count: number): string {
  return count >= SEARCH_HIT_LIMIT ? `${SEARCH_HIT_LIMIT.toLocaleString('en-US')}+` : count.toLocaleString('en-US');
}
