import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { createSqliteStore } from '../../electron/store/index.js';
import type { StoreOptions, StoreRecord } from '../../electron/store/types.js';
import { tempDirForTest } from './files.js';

export type SqliteStoreOptions = NonNullable<Parameters<typeof createSqliteStore>[0]>;
export type SqliteStore = ReturnType<typeof createSqliteStore>;

/** The four namespace configurations go-micro's suites run under (TestStoreBasic/Table/Database/DatabaseTable). */
export const NAMESPACE_CONFIGS: { name: string; options: StoreOptions }[] = [
  { name: 'defaults', options: {} },
  { name: 'a table', options: { table: 'testTable' } },
  { name: 'a database', options: { database: 'testdb' } },
  { name: 'a database and a table', options: { database: 'testdb', table: 'testTable' } },
];

/** Where a suite's store lives: SQLite's in-memory database or a fresh temp file. */
export const BACKINGS = ['memory', 'file'] as const;

/** A store on ':memory:' (unless `path` is given), closed when the current test finishes. Call inside a test. */
export function memoryStore(options: SqliteStoreOptions = {}): SqliteStore {
  const store = createSqliteStore({ path: ':memory:', ...options });
  onTestFinished(() => store.close());
  return store;
}

/** A store on a new file in a fresh temp dir; both closed/removed when the current test finishes. */
export function fileStore(options: SqliteStoreOptions = {}): { store: SqliteStore; path: string; dir: string } {
  const dir = tempDirForTest();
  const path = join(dir, 'store.db');
  const store = createSqliteStore({ ...options, path });
  onTestFinished(() => store.close());
  return { store, path, dir };
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** A record's value as text (the values these tests write are valid UTF-8). */
export function text(record: StoreRecord | undefined): string {
  if (!record) throw new Error('no record');
  return decoder.decode(record.value);
}

/** The keys of records, in the order returned. */
export function keys(records: StoreRecord[]): string[] {
  return records.map((r) => r.key);
}
