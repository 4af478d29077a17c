import { existsSync, rmSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createGoMicroInspector, type GoMicroInspector } from '../gomicro/gomicro-inspector.js';
import { type BulkSession, createSqliteStore, StoreStateError } from '../store/index.js';
import type { DatabaseInfo } from '../store/namespace-counts.js';

const BATCH = 1_000;

export interface CopyOptions {
  /** The go-micro store folder or table file. */
  sourcePath: string;
  /** The new SQLite store file; it must not exist yet. */
  path: string;
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
}

export interface CopyReport {
  path: string;
  databases: number;
  tables: number;
  /** Live records copied. */
  records: number;
  /** Expired records left behind (go-micro never purged them; a copy has no use for them). */
  skippedExpired: number;
  ms: number;
}

/**
 * Copies every database, table and live record of a go-micro store into a new SQLite store, in one
 * transaction: a failure or a cancel leaves no file at all. Both stores read one frozen clock, so a record's
 * expiry is carried over to the millisecond and a record expiring mid-copy is either copied or counted as
 * skipped, never half of each.
 */
export async function copyGoMicroToSqlite(options: CopyOptions): Promise<CopyReport> {
  const started = performance.now();
  if (existsSync(options.path)) {
    throw new StoreStateError(`${options.path} already exists: choose a new file for the copy`, 'foreign-file');
  }
  const now = Date.now();
  const source = createGoMicroInspector({ path: options.sourcePath, now: () => now });
  const target = createSqliteStore({ path: options.path, now: () => now });
  let committed = false;
  try {
    await source.init();
    await target.init();
    const databases = await source.databases();
    const bulk = target.beginBulk();
    try {
      const records = await copyTables(source, bulk, databases, options);
      bulk.commit();
      committed = true;
      return { path: options.path, ...totals(databases), records, ms: Math.round(performance.now() - started) };
    } catch (error) {
      bulk.rollback();
      throw error;
    }
  } finally {
    await target.close();
    await source.close();
    if (!committed) removeStoreFile(options.path);
  }
}

async function copyTables(
  source: GoMicroInspector,
  bulk: BulkSession,
  databases: DatabaseInfo[],
  options: CopyOptions,
): Promise<number> {
  const total = totals(databases).records;
  let done = 0;
  for (const { database, tables } of databases) {
    for (const { table } of tables) {
      const namespace = { database, table };
      // An empty table is copied too, so the copy shows what the service's folder shows.
      bulk.ensureNamespace(namespace);
      for (let after: string | undefined; ; ) {
        // Between batches the event loop runs, so a task.cancel call gets in.
        await nextTurn();
        options.signal?.throwIfAborted();
        const batch = await source.recordBatch(namespace, {}, after, BATCH);
        bulk.write(namespace, batch, 'overwrite');
        done += batch.length;
        options.onProgress?.(done, total);
        if (batch.length < BATCH) break;
        after = batch.at(-1)?.key;
      }
    }
  }
  return done;
}

function totals(databases: DatabaseInfo[]) {
  const tables = databases.flatMap((database) => database.tables);
  return {
    databases: databases.length,
    tables: tables.length,
    records: tables.reduce((sum, table) => sum + table.count, 0),
    skippedExpired: tables.reduce((sum, table) => sum + table.expired, 0),
  };
}

/** A copy that did not commit leaves nothing: the file and SQLite's companions. */
function removeStoreFile(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}
