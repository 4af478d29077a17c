import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../../electron/store/index.js';
import { INITIAL_SCHEMA } from '../../../electron/store/migrations/001-initial.js';
import { CHANGE_LOG_LIMIT } from '../../../electron/store/migrations/002-bounded-bookkeeping.js';
import { SCHEMA_VERSION } from '../../../electron/store/schema.js';
import { openDatabase } from '../../../electron/store/sqlite-driver.js';
import { tempDirForTest } from '../../helpers/files.js';

/** A file exactly as version 1 of the app left it: records in two tables, an expired one, a long change log. */
function versionOneFile(path: string) {
  const db = openDatabase(path);
  db.pragma('journal_mode = WAL');
  db.exec(INITIAL_SCHEMA);
  db.prepare("INSERT INTO store_inspector (name, value) VALUES ('format', 'store-inspector')").run();
  db.pragma('user_version = 1');
  const namespace = db.prepare('INSERT INTO namespaces (database, "table", created_at) VALUES (?, ?, 0)');
  namespace.run('micro', 'micro');
  namespace.run('shop', 'orders');
  namespace.run('empty', 'table');
  const insert = db.prepare(
    'INSERT INTO records (ns, key, value, metadata, expires_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (let index = 0; index < 30; index++) {
      insert.run(1, `k/${index}`, Buffer.from([index]), JSON.stringify({ n: index }), null, 1_000);
    }
    insert.run(2, 'order/1', Buffer.from('o'), null, null, 1_000);
    insert.run(2, 'order/old', Buffer.from('x'), null, 1, 1_000);
  })();
  // More changes than the version-2 log keeps: overwrites logged by the version-1 trigger.
  const update = db.prepare('UPDATE records SET updated_at = updated_at + 1 WHERE ns = 1');
  db.transaction(() => {
    for (let round = 0; round < Math.ceil(CHANGE_LOG_LIMIT / 30) + 5; round++) update.run();
  })();
  const latest = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'changes'").pluck().get() as number;
  db.close();
  return { latest };
}

describe('migration 002: bounded bookkeeping', () => {
  it('opens a version-1 file, migrates it, and loses no record, count or recent change', async () => {
    const path = join(tempDirForTest(), 'v1.db');
    const { latest } = versionOneFile(path);
    const store = createSqliteStore({ path });
    expect((await store.info()).schemaVersion).toBe(SCHEMA_VERSION);
    expect(await store.databases()).toEqual([
      { database: 'empty', tables: [{ table: 'table', count: 0, expired: 0 }] },
      { database: 'micro', tables: [{ table: 'micro', count: 30, expired: 0 }] },
      { database: 'shop', tables: [{ table: 'orders', count: 1, expired: 1 }] },
    ]);
    const records = await store.read('k/', { prefix: true });
    expect(records).toHaveLength(30);
    expect(records.find((record) => record.key === 'k/7')).toMatchObject({
      value: Buffer.from([7]),
      metadata: { n: 7 },
    });
    // The change log keeps its newest entries, and numbering goes on from where it was.
    expect(await store.latestChange()).toBe(latest);
    const kept = await store.changes(0, CHANGE_LOG_LIMIT * 2);
    expect(kept.length).toBe(CHANGE_LOG_LIMIT);
    expect(kept.at(-1)?.seq).toBe(latest);
    // The kept counts go on from the migrated ones.
    await store.write({ key: 'k/new', value: '' });
    await store.delete('k/0');
    await store.writeMany({ database: 'shop', table: 'orders' }, [{ key: 'order/2', value: '' }]);
    expect(await store.count({ database: 'micro', table: 'micro' }, {})).toBe(30);
    expect(await store.count({ database: 'shop', table: 'orders' }, {})).toBe(2);
    await store.close();
  });

  it('leaves nothing behind that a version-1 reader relied on wrongly: the old count column is gone', async () => {
    const path = join(tempDirForTest(), 'v1.db');
    versionOneFile(path);
    await createSqliteStore({ path }).close();
    const store = createSqliteStore({ path });
    await store.write({ key: 'x', value: '' });
    await store.close();
    const db = openDatabase(path, { readonly: true });
    const columns = db.prepare("SELECT name FROM pragma_table_info('namespaces')").pluck().all();
    db.close();
    expect(columns).not.toContain('record_count');
  });

  it('reads a version-1 file opened read-only from an upgraded copy, leaving the file as it was', async () => {
    const path = join(tempDirForTest(), 'v1.db');
    versionOneFile(path);
    const hash = () => createHash('sha256').update(readFileSync(path)).digest('hex');
    const before = hash();
    const store = createSqliteStore({ path, readOnly: true });
    expect(await store.read('k/', { prefix: true })).toHaveLength(30);
    expect(await store.count({ database: 'shop', table: 'orders' }, {})).toBe(1);
    const info = await store.info();
    expect(info).toMatchObject({ readOnly: true, schemaVersion: SCHEMA_VERSION });
    expect(info.readOnlyReason).toMatch(/older store format.*open it once for writing/);
    await expect(store.write({ key: 'x', value: '' })).rejects.toMatchObject({ code: 'read-only' });
    await store.close();
    expect(hash()).toBe(before);
  });
});
