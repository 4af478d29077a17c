/**
 * A copy or import into our SQLite store in one write transaction (BackendEditing.transaction). The store's
 * own calls may run on store threads, and a transaction cannot span messages to them, so this opens a
 * connection of its own in this thread and holds one BulkSession on it, as a file import does
 * (transfer/import-records.ts): commit at the end, roll back on an error or a cancel.
 */
import type { BulkWriteReport } from '../../store/bulk-writes.js';
import { createSqliteStore } from '../../store/index.js';
import type { TransactionWriting } from '../backend.js';

export async function sqliteTransaction<T>(path: string, work: (tx: TransactionWriting) => Promise<T>): Promise<T> {
  const store = createSqliteStore({ path });
  try {
    await store.init();
    const bulk = store.beginBulk();
    try {
      const result = await work({
        createTable: async (namespace) => bulk.ensureNamespace(namespace),
        writeMany: async (namespace, records, policy) => {
          const before: BulkWriteReport = { ...bulk.report };
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
  } finally {
    await store.close();
  }
}
