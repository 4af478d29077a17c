import { type Backend, canEdit } from '../backends/backend.js';
import type { ImportTarget } from '../transfer/import-to-backend.js';
import { refusalsOf, refusedError } from './store-session.js';

/**
 * An open backend as an import's target: its reading answers a preview (which keys exist), its editing the
 * import itself, and its refusals say what it cannot keep. A read-only backend previews, and refuses to write.
 */
export function importTargetOf(backend: Backend): ImportTarget {
  const refusals = refusalsOf(backend);
  const editing = () => {
    if (!canEdit(backend)) throw refusedError(backend, 'editing');
    return backend.editing;
  };
  // Where the server has one, the import's writing pass is one transaction: a failure leaves nothing.
  const transaction = backend.editing?.transaction?.bind(backend.editing);
  const oversize = backend.editing?.oversize?.bind(backend.editing);
  const unheldKeys = backend.editing?.unheldKeys?.bind(backend.editing);
  return {
    refusals: {
      ...(refusals.metadata === undefined ? {} : { metadata: refusals.metadata }),
      ...(refusals.perRecordExpiry === undefined ? {} : { perRecordExpiry: refusals.perRecordExpiry }),
    },
    recordsByKey: (namespace, keys) => backend.reading.recordsByKey(namespace, keys),
    writeMany: (namespace, records, policy) => editing().writeMany(namespace, records, policy),
    createTable: (namespace) => editing().createTable(namespace),
    // Only where the backend has them: the check pass then skips building each record to ask no one.
    ...(oversize === undefined ? {} : { oversize }),
    ...(unheldKeys === undefined ? {} : { unheldKeys }),
    ...(transaction === undefined ? {} : { transaction }),
    hasTable: async ({ database, table }) =>
      (await backend.reading.databases()).some(
        (each) => each.database === database && each.tables.some((candidate) => candidate.table === table),
      ),
  };
}
