import { canEdit } from '../backends/backend.js';
import { RefusedError } from '../common/backend-refusals.js';
import { StoreInputError } from '../store/types.js';
import type { CallResult, ValidArg } from './contract/calls.js';
import { refusalsOf, type StoreSession } from './store-session.js';

/**
 * `table.pagingIndex` and `table.addPagingIndex`: the opt-in index that lets a server table page in key
 * byte order (backends/backend.ts `reading.pagingIndex`, `editing.indexForPaging`). It changes a service's
 * schema, so it is only ever run by name, with the statement the user saw.
 */
export function pagingIndexHandlers(session: StoreSession) {
  return {
    'table.pagingIndex': async ({ database, table }: ValidArg<'table.pagingIndex'>) => {
      const open = session.requireBackend();
      const plan = await open.reading.pagingIndex?.({ database, table });
      const result: CallResult<'table.pagingIndex'> = {
        statement: plan?.statement ?? null,
        canAdd: canEdit(open) && open.editing.indexForPaging !== undefined,
      };
      return result;
    },
    'table.addPagingIndex': async ({
      database,
      table,
      statement,
    }: ValidArg<'table.addPagingIndex'>): Promise<CallResult<'table.addPagingIndex'>> => {
      const open = session.requireBackend();
      const plan = await open.reading.pagingIndex?.({ database, table });
      if (plan?.statement == null) return { added: false, ms: 0 };
      if (!canEdit(open) || open.editing.indexForPaging === undefined) {
        throw new RefusedError('editing', refusalsOf(open).editing ?? 'the open store is read-only');
      }
      if (plan.statement !== statement) {
        throw new StoreInputError('the index this table needs is not the one shown: look at the statement again');
      }
      const started = performance.now();
      const added = await open.editing.indexForPaging({ database, table });
      return { added, ms: Math.round(performance.now() - started) };
    },
  };
}
