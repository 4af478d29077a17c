/**
 * A large batch drops the insert triggers inside its own transaction and does their work set-based
 * (docs/file-format.md, "bulk_writes"). Nobody may see the difference: counts, the change log, the
 * triggers themselves after the batch, and a failed batch that leaves everything as it was.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteStore, RecordInputError } from '../../electron/store/index.js';
import { SUSPEND_TRIGGERS_FROM } from '../../electron/store/set-based-books.js';
import { type Database, openDatabase } from '../../electron/store/sqlite-driver.js';
import { tempDirForTest } from '../helpers/files.js';

const NS = { database: 'micro', table: 'micro' };
const LARGE = SUSPEND_TRIGGERS_FROM + 500;

function triggers(db: Database): string[] {
  return db
    .prepare<[], string>("SELECT name || ': ' || sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name")
    .pluck()
    .all();
}

const schemaVersion = (db: Database) => Number(db.pragma('schema_version', { simple: true }));

function records(from: number, count: number, value = 'v') {
  return Array.from({ length: count }, (_, index) => ({ key: `k/${String(from + index).padStart(5, '0')}`, value }));
}

describe('a batch large enough to suspend the insert triggers', () => {
  it('counts and logs as the triggers would, and leaves them as they were for the next writer', async () => {
    const path = join(tempDirForTest(), 'large-batch.db');
    const inspector = createSqliteStore({ path, watchChanges: true });
    await inspector.writeMany(NS, records(0, 300, 'old'));
    const other = openDatabase(path);
    const before = triggers(other);
    const start = await inspector.latestChange();

    const report = await inspector.writeMany(NS, records(100, LARGE));
    expect(report).toMatchObject({ written: LARGE - 200, overwritten: 200 });
    expect(await inspector.count(NS, {})).toBe(LARGE + 100);
    expect((await inspector.databases())[0]?.tables[0]?.count).toBe(LARGE + 100);
    const logged = await inspector.changes(start, 10 * LARGE);
    expect(logged.filter((change) => change.kind === 'create')).toHaveLength(LARGE - 200);
    expect(logged.filter((change) => change.kind === 'update')).toHaveLength(200);

    // The triggers are back, word for word: another program's insert is counted and logged again.
    expect(triggers(other)).toEqual(before);
    const afterBatch = await inspector.latestChange();
    other
      .prepare('INSERT INTO records (ns, key, value, metadata, expires_at, updated_at) VALUES (1, ?, ?, NULL, NULL, ?)')
      .run('foreign', Buffer.from('x'), Date.now());
    expect(await inspector.count(NS, {})).toBe(LARGE + 101);
    expect((await inspector.changes(afterBatch, 10)).map((change) => [change.key, change.kind])).toEqual([
      ['foreign', 'create'],
    ]);
    other.close();
    await inspector.close();
  });

  it('leaves the triggers, the counts and the records as they were when it is refused', async () => {
    const path = join(tempDirForTest(), 'refused-batch.db');
    const store = createSqliteStore({ path });
    await store.writeMany(NS, records(0, 10));
    const other = openDatabase(path);
    const before = triggers(other);
    const batch = [...records(10, LARGE), { key: '', value: 'no key' }];
    const error = await store.writeMany(NS, batch).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RecordInputError);
    expect(triggers(other)).toEqual(before);
    expect(other.prepare('SELECT count(*) FROM bulk_writes').pluck().get()).toBe(0);
    expect(await store.count(NS, {})).toBe(10);
    // The next single write is counted by the trigger, as before.
    await store.write({ key: 'single', value: '' });
    expect((await store.databases())[0]?.tables[0]?.count).toBe(11);
    other.close();
    await store.close();
  });

  it('drops them only from SUSPEND_TRIGGERS_FROM records on: a smaller batch leaves the schema alone', async () => {
    const path = join(tempDirForTest(), 'threshold.db');
    const store = createSqliteStore({ path });
    await store.writeMany(NS, records(0, 10));
    const other = openDatabase(path);
    const start = schemaVersion(other);
    await store.writeMany(NS, records(10, SUSPEND_TRIGGERS_FROM - 1));
    expect(schemaVersion(other)).toBe(start);
    await store.writeMany(NS, records(10_000, SUSPEND_TRIGGERS_FROM));
    expect(schemaVersion(other)).toBeGreaterThan(start);
    expect(await store.count(NS, {})).toBe(10 + 2 * SUSPEND_TRIGGERS_FROM - 1);
    other.close();
    await store.close();
  });

  it('an import drops them at its first batch of that size, not for a few records', async () => {
    const path = join(tempDirForTest(), 'import-threshold.db');
    const store = createSqliteStore({ path });
    await store.writeMany(NS, records(0, 10));
    const other = openDatabase(path);
    const start = schemaVersion(other);
    const small = store.beginBulk();
    small.write(NS, records(10, 3), 'overwrite');
    small.commit();
    expect(schemaVersion(other)).toBe(start);
    const large = store.beginBulk();
    large.write(NS, records(100, 5), 'overwrite');
    large.write(NS, records(1_000, SUSPEND_TRIGGERS_FROM), 'overwrite');
    large.commit();
    expect(schemaVersion(other)).toBeGreaterThan(start);
    expect(await store.count(NS, {})).toBe(10 + 3 + 5 + SUSPEND_TRIGGERS_FROM);
    expect((await store.databases())[0]?.tables[0]?.count).toBe(10 + 3 + 5 + SUSPEND_TRIGGERS_FROM);
    other.close();
    await store.close();
  });

  it("keeps another connection's prepared statements working after the schema changed", async () => {
    const path = join(tempDirForTest(), 'read-during.db');
    const store = createSqliteStore({ path });
    await store.writeMany(NS, records(0, 50));
    const reader = createSqliteStore({ path, readOnly: true });
    expect(await reader.count(NS, {})).toBe(50);
    await store.writeMany(NS, records(50, LARGE));
    // The reader's statements were prepared before the schema changed twice: SQLite prepares them again.
    expect(await reader.count(NS, {})).toBe(LARGE + 50);
    expect((await reader.read('k/00049'))[0]?.value.toString()).toBe('v');
    await reader.close();
    await store.close();
  });
});
