import { MIGRATIONS } from '../../../electron/store/schema.js';
import { type Database, openDatabase } from '../../../electron/store/sqlite-driver.js';

export const key = (index: number) => `k/${String(index).padStart(2, '0')}`;

/**
 * A file of `version` (5 or later) holding 30 records (kind even/odd by index, value "blue <index>") whose
 * metadata values and value indexes cover them all, filled in SQL as the upkeep fills them. Left open, for the
 * caller's changes; the caller closes it.
 */
export function indexedFile(path: string, version: number): Database {
  const db = openDatabase(path);
  db.pragma('journal_mode = WAL');
  for (const migration of MIGRATIONS.slice(0, version)) db.exec(migration);
  db.prepare("INSERT INTO store_inspector (name, value) VALUES ('format', 'store-inspector')").run();
  db.prepare('INSERT INTO namespaces (database, "table", created_at) VALUES (?, ?, 0)').run('micro', 'micro');
  const insert = db.prepare('INSERT INTO records (ns, key, value, metadata, updated_at) VALUES (1, ?, ?, ?, 1000)');
  db.transaction(() => {
    for (let index = 0; index < 30; index++) {
      insert.run(key(index), Buffer.from(`blue ${index}`), JSON.stringify({ kind: index % 2 === 0 ? 'even' : 'odd' }));
    }
  })();
  db.exec(`
    INSERT INTO metadata_values (id, field, ns, value, key)
      SELECT records.id, field.key, records.ns, field.value, records.key FROM records, json_each(records.metadata) AS field;
    INSERT INTO records_value_trigrams (rowid, value) SELECT id, CAST(value AS TEXT) FROM records;
    UPDATE store_inspector SET value = '30' WHERE name IN ('metadata_index_watermark', 'value_index_watermark');`);
  db.pragma(`user_version = ${version}`);
  return db;
}
