import type { CallResult, ValidArg } from './contract/calls.js';
import { pagingIndexOf } from './paging-index.js';
import type { StoreSession } from './store-session.js';

/**
 * `table.pagingIndex` and `table.addPagingIndex`: the opt-in index that lets a server table page in key
 * byte order (paging-index.ts). It changes a service's schema, so it is only ever run by name, with the
 * statement the user saw.
 */
export function pagingIndexHandlers(session: StoreSession) {
  return {
    'table.pagingIndex': async ({
      database,
      table,
    }: ValidArg<'table.pagingIndex'>): Promise<CallResult<'table.pagingIndex'>> => {
      const { statement, canAdd } = await pagingIndexOf(session.requireBackend(), { database, table });
      return { statement, canAdd };
    },
    'table.addPagingIndex': async ({
      database,
      table,
      statement,
    }: ValidArg<'table.addPagingIndex'>): Promise<CallResult<'table.addPagingIndex'>> =>
      (await pagingIndexOf(session.requireBackend(), { database, table })).add(statement),
  };
}
