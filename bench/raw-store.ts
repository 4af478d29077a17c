import { MIGRATIONS } from '../electron/store/schema.js';
import { type Database, openDatabase } from '../electron/store/sqlite-driver.js';
import { CACHE_KIB } from '../electron/store/store-file.js';

/**
 * The yardstick every benchmark compares with: raw better-sqlite3 on the same schema, pragmas and
 * indexes as a store, with one namespace (id 1, micro/micro) ready.
 */
export function openRaw(path: string): Database {
  const db = openDatabase(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`cache_size = ${CACHE_KIB}`);
  db.exec(MIGRATIONS[0] ?? '');
  db.prepare("INSERT INTO namespaces (database, \"table\", created_at) VALUES ('micro', 'micro', 0)").run();
  return db;
}
