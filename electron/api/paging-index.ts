import { type Backend, canEdit } from '../backends/backend.js';
import type { Namespace } from '../store/namespaces.js';
import { StoreInputError } from '../store/types.js';
import { refusedError } from './store-session.js';

/** A table's paging index as the user is offered it, and the one way to add it. */
interface PagingIndex {
  /** What adds the index, exactly as `add` runs it; null: pages read an index already. */
  statement: string | null;
  /** Whether the store, as it is open, can add it (written to, and its backend builds one). */
  canAdd: boolean;
  /**
   * Runs `statement` (nothing where it is null: `{added: false, ms: 0}`); refused where the store cannot add
   * it, and, given the statement the user was `shown`, where the table now needs another one.
   */
  add(shown?: string): Promise<{ added: boolean; ms: number }>;
}

/**
 * The opt-in index that lets a server table page in key byte order (docs/backends.md, "Paging index"): the
 * plan, the checks and the timed build that the command line's `index` and the API's `table.pagingIndex` and
 * `table.addPagingIndex` share, so that each keeps only how it tells the user. It changes a service's schema,
 * so it runs only on the user's say-so.
 */
export async function pagingIndexOf(backend: Backend, namespace: Namespace): Promise<PagingIndex> {
  const plan = await backend.reading.pagingIndex?.(namespace);
  const statement = plan?.statement ?? null;
  const editing = canEdit(backend) ? backend.editing : undefined;
  return {
    statement,
    canAdd: editing?.indexForPaging !== undefined,
    add: async (shown) => {
      if (statement === null) return { added: false, ms: 0 };
      if (editing?.indexForPaging === undefined) {
        throw refusedError(backend, 'editing');
      }
      // What the user approved is what runs: a table that changed since needs them to look again.
      if (shown !== undefined && shown !== statement) {
        throw new StoreInputError('the index this table needs is not the one shown: look at the statement again');
      }
      const started = performance.now();
      const added = await editing.indexForPaging(namespace);
      return { added, ms: Math.round(performance.now() - started) };
    },
  };
}
