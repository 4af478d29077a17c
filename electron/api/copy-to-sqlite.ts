import { existsSync, rmSync } from 'node:fs';
import { bulkTransaction } from '../backends/sqlite/sqlite-transaction.js';
import { createGoMicroInspector } from '../gomicro/gomicro-inspector.js';
import { createSqliteStore, type InspectorStore, StoreStateError } from '../store/index.js';
import type { DatabaseInfo } from '../store/namespace-counts.js';
import { type CopyTarget, copyBetween } from '../transfer/copy-between.js';

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
    const copied = await copyBetween({
      source: { display: options.sourcePath, capabilities: EVERYTHING, reading: source },
      target: sqliteCopyTarget(target, options.path),
      scope: { kind: 'all' },
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      onProgress: (done, total) => options.onProgress?.(done, total ?? 0),
    });
    committed = true;
    return {
      path: options.path,
      ...totals(databases),
      records: copied.records,
      ms: Math.round(performance.now() - started),
    };
  } finally {
    await target.close();
    await source.close();
    if (!committed) removeStoreFile(options.path);
  }
}

/** Both stores keep metadata and a record's own expiry, and list their tables. */
const EVERYTHING = { listsTables: true, perRecordExpiry: true, metadata: true };

/**
 * The new store as a copy's target: its one transaction is a BulkSession on this same connection, so the
 * frozen clock both stores share carries each expiry over to the millisecond.
 */
function sqliteCopyTarget(store: InspectorStore, path: string): CopyTarget {
  return {
    kind: 'sqlite',
    display: path,
    capabilities: EVERYTHING,
    reading: store,
    editing: {
      createTable: (namespace) => store.createTable(namespace),
      writeMany: (namespace, records, policy) => store.writeMany(namespace, records, policy),
      transaction: (work) => bulkTransaction(store, work),
    },
  };
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
