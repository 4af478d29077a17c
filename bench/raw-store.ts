import { MIGRATIONS } from '../electron/store/schema.js';
import { type Database, openDatabase } from '../electron/store/sqlite-driver.js';
import { CACHE_KIB } from '../electron/store/store-file.js';

/**
 * Raw better-sqlite3 on the same schema, pragmas and indexes as a store (triggers included), with
 * one namespace (id 1, micro/micro) ready: what a program writing the documented tables does.
 */
export function openRaw(path: string): Database {
  const db = openTuned(path);
  for (const migration of MIGRATIONS) db.exec(migration);
  db.prepare("INSERT INTO namespaces (database, \"table\", created_at) VALUES ('micro', 'micro', 0)").run();
  return db;
}

/**
 * The yardstick a user compares with: the plain table they would write instead of using the Store
 * (key, value, metadata, expiry; the key its primary key; WAL, synchronous NORMAL), nothing more.
 */
export function openPlain(path: string): Database {
  const db = openTuned(path);
  db.exec('CREATE TABLE kv (key TEXT PRIMARY KEY, value BLOB NOT NULL, metadata TEXT, expiry INTEGER)');
  return db;
}

/** Upserts one record into the plain table: key, value, metadata (JSON text), expiry (ms or null). */
export const PLAIN_UPSERT = `INSERT INTO kv (key, value, metadata, expiry) VALUES (?, ?, ?, ?)
  ON CONFLICT (key) DO UPDATE SET value = excluded.value, metadata = excluded.metadata, expiry = excluded.expiry`;

function openTuned(path: string): Database {
  const db = openDatabase(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`cache_size = ${CACHE_KIB}`);
  return db;
}
