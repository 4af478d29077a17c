/**
 * A copy or import into our SQLite store in one write transaction (BackendEditing.transaction). The store's
 * own calls may run on store threads, and a transaction cannot span messages to them, so this opens a
 * connection of its own in this thread and holds one BulkSession on it, as a file import does
 * (transfer/import-records.ts): commit at the end, roll back on an error or a cancel.
 */
import { createSqliteStore, type InspectorStore } from '../../store/index.js';
import type { TransactionWriting } from '../backend.js';

export async function sqliteTransaction<T>(path: string, work: (tx: TransactionWriting) => Promise<T>): Promise<T> {
  const store = createSqliteStore({ path });
  try {
    await store.init();
    return await bulkTransaction(store, work);
  } finally {
    await store.close();
  }
}

/** `work` inside one BulkSession on `store`, a connection the caller keeps for this alone. */
export async function bulkTransaction<T>(
  store: InspectorStore,
  work: (tx: TransactionWriting) => Promise<T>,
): Promise<T> {
  const bulk = store.beginBulk();
  try {
    const result = await work({
      // An empty table is made too, so a copy shows every table its source has.
      createTable: async (namespace) => bulk.ensureNamespace(namespace),
      writeMany: async (namespace, records, policy) => {
        const before = { ...bulk.report };
        bulk.write(namespace, records, policy);
        return {
          written: bulk.report.written - before.written,
          overwritten: bulk.report.overwritten - before.overwritten,
          skipped: bulk.report.skipped - before.skipped,
        };
      },
    });
    bulk.commit();
    return result;
  } catch (error) {
    bulk.rollback();
    throw error;
  }
}
