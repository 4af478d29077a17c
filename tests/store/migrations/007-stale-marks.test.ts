/**
 * Version 7 marks a changed record on its own row instead of noting it in `index_pending`. A version-1 file
 * and a version-6 file with notes are opened and migrated without losing a record or a note; filters on
 * metadata and values stay exact before the upkeep, during it and after it.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteStore, type InspectorStore } from '../../../electron/store/index.js';
import { INITIAL_SCHEMA } from '../../../electron/store/migrations/001-initial.js';
import { SCHEMA_VERSION } from '../../../electron/store/schema.js';
import { type Database, openDatabase } from '../../../electron/store/sqlite-driver.js';
import { tempDirForTest } from '../../helpers/files.js';
import { indexedFile, key } from './indexed-file.js';

const NS = { database: 'micro', table: 'micro' };
const EVEN = { metadata: [{ field: 'kind', value: 'even' }] };

async function expectFilters(store: InspectorStore, evenKeys: string[], counts: { red: number; blue: number }) {
  const page = await store.page(NS, { filter: EVEN, order: 'asc', limit: 50 });
  expect(page.records.map((record) => record.key)).toEqual(evenKeys);
  expect(await store.count(NS, EVEN)).toBe(evenKeys.length);
  expect(await store.count(NS, { valueContains: 'red' })).toBe(counts.red);
  expect(await store.count(NS, { valueContains: 'blue' })).toBe(counts.blue);
}

const columnsOf = (db: Database) => db.prepare("SELECT name FROM pragma_table_info('records')").pluck().all();

describe('migration 007: stale marks', () => {
  it('opens a version-1 file, migrates it, and filters it exactly before and after indexing', async () => {
    const path = join(tempDirForTest(), 'v1.db');
    const db = openDatabase(path);
    db.pragma('journal_mode = WAL');
    db.exec(INITIAL_SCHEMA);
    db.prepare("INSERT INTO store_inspector (name, value) VALUES ('format', 'store-inspector')").run();
    db.prepare('INSERT INTO namespaces (database, "table", created_at) VALUES (?, ?, 0)').run('micro', 'micro');
    const insert = db.prepare('INSERT INTO records (ns, key, value, metadata, updated_at) VALUES (1, ?, ?, ?, 1000)');
    for (let index = 0; index < 30; index++) {
      insert.run(key(index), Buffer.from(`blue ${index}`), JSON.stringify({ kind: index % 2 === 0 ? 'even' : 'odd' }));
    }
    db.pragma('user_version = 1');
    db.close();
    const store = createSqliteStore({ path });
    expect((await store.info()).schemaVersion).toBe(SCHEMA_VERSION);
    expect(await store.count(NS, {})).toBe(30);
    expect(await store.read(key(7), NS)).toMatchObject([{ value: Buffer.from('blue 7'), metadata: { kind: 'odd' } }]);
    const evenKeys = Array.from({ length: 15 }, (_, index) => key(index * 2));
    await expectFilters(store, evenKeys, { red: 0, blue: 30 });
    while ((await store.indexKeys(7)) > 0) await expectFilters(store, evenKeys, { red: 0, blue: 30 });
    // A change after indexing: marked on the row, no note, and found before the upkeep.
    await store.write({ key: key(3), value: 'red 3', metadata: { kind: 'even' } }, NS);
    const after = openDatabase(path, { readonly: true });
    expect(columnsOf(after)).toContain('stale');
    expect(after.prepare('SELECT stale FROM records WHERE key = ?').pluck().get(key(3))).toBe(3);
    expect(after.prepare('SELECT count(*) FROM index_pending').pluck().get()).toBe(0);
    after.close();
    const withThree = [...evenKeys, key(3)].sort();
    await expectFilters(store, withThree, { red: 1, blue: 29 });
    while ((await store.indexKeys(7)) > 0);
    await expectFilters(store, withThree, { red: 1, blue: 29 });
    await store.close();
  });

  it('keeps the notes of a version-6 file and reads through them until the upkeep clears them', async () => {
    const path = join(tempDirForTest(), 'v6.db');
    // Indexed as the upkeep leaves it, then changed by another program: version 6's triggers note ids 1 to 3 and 13.
    const db = indexedFile(path, 6);
    db.exec(`
      UPDATE records SET metadata = '{"kind":"odd"}' WHERE id = 1;
      UPDATE records SET metadata = '{"kind":"even"}', value = CAST('red 1' AS BLOB) WHERE id = 2;
      UPDATE records SET value = CAST('red 2' AS BLOB) WHERE id = 3;
      DELETE FROM records WHERE id = 13;`);
    const notes = db.prepare('SELECT id, metadata, value FROM index_pending ORDER BY id').all();
    expect(notes).toEqual([
      { id: 1, metadata: 1, value: 0 },
      { id: 2, metadata: 1, value: 1 },
      { id: 3, metadata: 0, value: 1 },
      { id: 13, metadata: 1, value: 0 },
    ]);
    db.close();

    const store = createSqliteStore({ path });
    expect((await store.info()).schemaVersion).toBe(SCHEMA_VERSION);
    expect(await store.count(NS, {})).toBe(29);
    const migrated = openDatabase(path, { readonly: true });
    expect(migrated.prepare('SELECT id, metadata, value FROM index_pending ORDER BY id').all()).toEqual(notes);
    // The views of version 6 (and their INSTEAD OF triggers) are gone; nothing reads them any more.
    expect(migrated.prepare("SELECT name FROM sqlite_schema WHERE type IN ('view', 'trigger')").pluck().all()).toEqual(
      expect.not.arrayContaining(['metadata_pending', 'value_pending', 'records_content_changed']),
    );
    const evenKeys = [1, 2, 4, 6, 8, 10, 14, 16, 18, 20, 22, 24, 26, 28].map(key);
    await expectFilters(store, evenKeys, { red: 2, blue: 27 });
    while ((await store.indexKeys(2)) > 0) await expectFilters(store, evenKeys, { red: 2, blue: 27 });
    expect(migrated.prepare('SELECT count(*) FROM index_pending').pluck().get()).toBe(0);
    expect(migrated.prepare("SELECT value FROM metadata_values WHERE id = 2 AND field = 'kind'").pluck().get()).toBe(
      'even',
    );
    migrated.close();
    await expectFilters(store, evenKeys, { red: 2, blue: 27 });
    await store.close();
  });
});
