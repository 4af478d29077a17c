import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../electron/store/index.js';
import { openDatabase } from '../../electron/store/sqlite-driver.js';
import { importRecords } from '../../electron/transfer/import-records.js';
import { tempDirForTest } from '../helpers/files.js';

const NS = { database: 'micro', table: 'micro' };

function lines(keys: string[]): Readable {
  return Readable.from([keys.map((key) => `{"key":${JSON.stringify(key)},"value":"QQ=="}\n`).join('')]);
}

describe('an import keeps the counts and the change log as the triggers would', () => {
  it('counts every new record, logs each create, and leaves other writers logged as usual', async () => {
    const path = join(tempDirForTest(), 'books.db');
    // An inspector watching: while it does, every writer (the import too) logs its changes.
    const store = createSqliteStore({ path, watchChanges: true });
    await store.writeMany(
      NS,
      ['k/01', 'k/02', 'k/03'].map((key) => ({ key, value: 'old' })),
    );
    const before = await store.latestChange();
    const keys = Array.from({ length: 30 }, (_, index) => `k/${String(index).padStart(2, '0')}`);
    const report = await importRecords({ storePath: path, input: lines(keys), namespace: NS });
    expect(report).toMatchObject({ written: 27, overwritten: 3 });
    expect((await store.databases())[0]?.tables[0]).toMatchObject({ table: 'micro', count: 30 });
    const logged = await store.changes(before, 1_000);
    expect(logged.filter((change) => change.kind === 'create').map((change) => change.key)).toEqual(
      keys.filter((key) => !['k/01', 'k/02', 'k/03'].includes(key)),
    );
    expect(
      logged
        .filter((change) => change.kind === 'update')
        .map((change) => change.key)
        .sort(),
    ).toEqual(['k/01', 'k/02', 'k/03']);
    await store.write({ key: 'after', value: '' });
    expect((await store.changes((await store.latestChange()) - 1, 10)).map((change) => change.key)).toEqual(['after']);
    expect(await store.count(NS, {})).toBe(31);
    await store.close();
  });

  it('leaves no trace of its bookkeeping when it fails', async () => {
    const dir = tempDirForTest();
    const path = join(dir, 'failed.db');
    const bad = join(dir, 'bad.ndjson');
    writeFileSync(bad, '{"key":"a","value":"QQ=="}\n{"key":"","value":"QQ=="}\n');
    const store = createSqliteStore({ path });
    await store.init();
    await expect(importRecords({ storePath: path, input: lines([]), namespace: NS })).rejects.toThrow();
    const { createReadStream } = await import('node:fs');
    await expect(importRecords({ storePath: path, input: createReadStream(bad), namespace: NS })).rejects.toThrow(
      /record 2/,
    );
    await store.write({ key: 'b', value: '' });
    const db = openDatabase(path, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM bulk_writes').pluck().get()).toBe(0);
    db.close();
    expect(await store.count(NS, {})).toBe(1);
    await store.close();
  });
});
