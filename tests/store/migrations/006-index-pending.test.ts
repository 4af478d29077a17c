/**
 * Version 6 folds the two pending tables into one row per changed record. A version-5 file with notes in
 * both is migrated without losing a record or a note, and at version 6 one overwrite that changes an indexed
 * record's value and metadata writes one note; the store (a later version) reads through them and clears them.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../../electron/store/index.js';
import { INDEX_PENDING } from '../../../electron/store/migrations/006-index-pending.js';
import { SCHEMA_VERSION } from '../../../electron/store/schema.js';
import { type Database, openDatabase } from '../../../electron/store/sqlite-driver.js';
import { tempDirForTest } from '../../helpers/files.js';
import { indexedFile, key } from './indexed-file.js';

const NS = { database: 'micro', table: 'micro' };

/**
 * A version-5 file whose indexes cover its 30 records, then changed by another program: version 5's triggers
 * note ids 1 and 2 in metadata_pending, 2 and 3 in value_pending.
 */
function version5File(path: string) {
  const db = indexedFile(path, 5);
  db.exec(`
    UPDATE records SET metadata = '{"kind":"odd"}' WHERE id = 1;
    UPDATE records SET metadata = '{"kind":"even"}', value = X'00' WHERE id = 2;
    UPDATE records SET value = 'red 2' WHERE id = 3;`);
  db.close();
}

function pendingOf(db: Database) {
  return db.prepare('SELECT id, metadata, value FROM index_pending ORDER BY id').all();
}

describe('migration 006: one pending note per record', () => {
  it('keeps the notes of a version-5 file, then notes a changed record once for both indexes', async () => {
    const path = join(tempDirForTest(), 'v5.db');
    version5File(path);

    // Version 6 itself, as the migration runner applies it.
    const db = openDatabase(path);
    db.transaction(() => db.exec(INDEX_PENDING))();
    expect(pendingOf(db)).toEqual([
      { id: 1, metadata: 1, value: 0 },
      { id: 2, metadata: 1, value: 1 },
      { id: 3, metadata: 0, value: 1 },
    ]);
    expect(db.prepare('SELECT id FROM metadata_pending ORDER BY id').pluck().all()).toEqual([1, 2]);
    expect(db.prepare('SELECT id FROM value_pending ORDER BY id').pluck().all()).toEqual([2, 3]);
    // One overwrite changing both: one note with both flags; again (the version-3 failure): still one.
    db.prepare(`UPDATE records SET value = CAST('red' AS BLOB), metadata = '{"kind":"even"}' WHERE id = 5`).run();
    db.prepare(
      `UPDATE records SET value = CAST('green' AS BLOB), metadata = '{"kind":"even","n":1}' WHERE id = 5`,
    ).run();
    // Same value and metadata: no note.
    db.prepare(`UPDATE records SET value = value, metadata = metadata WHERE id = 11`).run();
    db.prepare('DELETE FROM records WHERE id = 13').run();
    expect(pendingOf(db)).toEqual([
      { id: 1, metadata: 1, value: 0 },
      { id: 2, metadata: 1, value: 1 },
      { id: 3, metadata: 0, value: 1 },
      { id: 5, metadata: 1, value: 1 },
      { id: 13, metadata: 1, value: 0 },
    ]);
    db.pragma('user_version = 6');
    db.close();

    // Opened by the store (migrated on to the current version): filters read through the notes, and the
    // upkeep clears them and covers every record.
    const store = createSqliteStore({ path });
    expect((await store.info()).schemaVersion).toBe(SCHEMA_VERSION);
    expect(await store.count(NS, {})).toBe(29);
    expect(await store.read(key(7), NS)).toMatchObject([{ value: Buffer.from('blue 7'), metadata: { kind: 'odd' } }]);
    const even = { metadata: [{ field: 'kind', value: 'even' }] };
    const evenKeys = [1, 2, 4, 6, 8, 10, 14, 16, 18, 20, 22, 24, 26, 28].map(key);
    const page = async () =>
      (await store.page(NS, { filter: even, order: 'asc', limit: 50 })).records.map((r) => r.key);
    expect(await page()).toEqual(evenKeys);
    expect(await store.count(NS, even)).toBe(evenKeys.length);
    expect(await store.count(NS, { valueContains: 'red' })).toBe(1);
    expect(await store.count(NS, { valueContains: 'green' })).toBe(1);
    while ((await store.indexKeys(2)) > 0);
    const after = openDatabase(path, { readonly: true });
    expect(pendingOf(after)).toEqual([]);
    after.close();
    expect(await page()).toEqual(evenKeys);
    expect(await store.count(NS, even)).toBe(evenKeys.length);
    expect(await store.count(NS, { valueContains: 'red' })).toBe(1);
    expect(await store.count(NS, { valueContains: 'green' })).toBe(1);
    await store.close();
  });
});
