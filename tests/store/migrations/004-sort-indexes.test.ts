import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../../electron/store/index.js';
import { INITIAL_SCHEMA } from '../../../electron/store/migrations/001-initial.js';
import { BOUNDED_BOOKKEEPING } from '../../../electron/store/migrations/002-bounded-bookkeeping.js';
import { METADATA_VALUES } from '../../../electron/store/migrations/003-metadata-values.js';
import { SCHEMA_VERSION } from '../../../electron/store/schema.js';
import { openDatabase } from '../../../electron/store/sqlite-driver.js';
import { tempDirForTest } from '../../helpers/files.js';

const NS = { database: 'micro', table: 'micro' };

/** A file as version 3 of the app left it: records of many sizes, some with an expiry, one expired. */
function versionThreeFile(path: string) {
  const db = openDatabase(path);
  db.pragma('journal_mode = WAL');
  db.exec(INITIAL_SCHEMA + BOUNDED_BOOKKEEPING + METADATA_VALUES);
  db.prepare("INSERT INTO store_inspector (name, value) VALUES ('format', 'store-inspector')").run();
  db.pragma('user_version = 3');
  db.prepare('INSERT INTO namespaces (database, "table", created_at) VALUES (?, ?, 0)').run('micro', 'micro');
  const insert = db.prepare(
    'INSERT INTO records (ns, key, value, metadata, expires_at, updated_at) VALUES (1, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (let index = 0; index < 30; index++) {
      const expiresAt = index % 2 === 0 ? null : 9_000_000_000_000 - index;
      insert.run(`k/${String(index).padStart(2, '0')}`, Buffer.alloc(30 - index), '{"n":1}', expiresAt, 1_000 + index);
    }
    insert.run('k/gone', Buffer.from('x'), null, 1, 1_000);
  })();
  db.close();
}

describe('migration 005: sort indexes', () => {
  it('opens a version-3 file, adds the indexes, loses nothing, and sorts through them', async () => {
    const path = join(tempDirForTest(), 'v3.db');
    versionThreeFile(path);
    const store = createSqliteStore({ path });
    expect((await store.info()).schemaVersion).toBe(SCHEMA_VERSION);
    expect(await store.count(NS, {})).toBe(30);
    expect(await store.count(NS, { expiry: 'all' })).toBe(31);
    expect(await store.read('k/07', NS)).toMatchObject([{ value: Buffer.alloc(23), metadata: { n: 1 } }]);
    const bySize = await store.page(NS, { filter: {}, order: 'asc', sort: 'size', limit: 3 });
    expect(bySize.records.map((record) => record.key)).toEqual(['k/29', 'k/28', 'k/27']);
    const byExpiry = await store.page(NS, { filter: {}, order: 'asc', sort: 'expiry', limit: 2 });
    expect(byExpiry.records.map((record) => record.key)).toEqual(['k/29', 'k/27']);
    const byUpdated = await store.page(NS, { filter: {}, order: 'desc', sort: 'updated', limit: 1 });
    expect(byUpdated).toMatchObject({ records: [{ key: 'k/29' }], next: 'k/29', nextSort: 1_029 });
    await store.close();
    const db = openDatabase(path);
    const names = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name LIKE 'records_%'").all();
    // Only records_expiry (widened with the key) comes with the migration: the others cost every writer and
    // are built when someone first sorts by their column.
    expect(names.map((row) => (row as { name: string }).name).sort()).toEqual(['records_expiry']);
    db.close();
  });
});
