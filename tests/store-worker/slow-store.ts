import { join } from 'node:path';
import { createSqliteStore } from '../../electron/store/index.js';
import { type Database, openDatabase } from '../../electron/store/sqlite-driver.js';

export const TABLE = { database: 'micro', table: 'micro' };

/** A store file with `count` small records, each with metadata, so a metadata count takes a while. */
export async function seededStore(dir: string, count: number): Promise<string> {
  const path = join(dir, 'store.db');
  const store = createSqliteStore({ path });
  const value = Buffer.alloc(100, 'v');
  for (let start = 0; start < count; start += 10_000) {
    const records = Array.from({ length: Math.min(10_000, count - start) }, (_, i) => ({
      key: `key/${String(start + i).padStart(8, '0')}`,
      value,
      metadata: { n: start + i },
    }));
    await store.writeMany(TABLE, records);
  }
  await store.close();
  return path;
}

/** A filter no record matches that must parse every record's metadata: about 2.5 µs a record. */
export const SLOW_FILTER = { metadata: [{ field: 'n', value: '-1' }] };

/** Another connection holding the write lock, as another process's import would. */
export function holdWriteLock(path: string): Database {
  const db = openDatabase(path);
  db.exec('BEGIN IMMEDIATE');
  return db;
}

export function releaseWriteLock(db: Database): void {
  if (db.inTransaction) db.exec('ROLLBACK');
  db.close();
}
