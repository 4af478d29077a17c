/**
 * Export from a go-micro store: export.run on the open fixture folder (a dump, a filtered table, a
 * selection) and exportRecords on a single .db file decode back to exactly the live records.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type DecodedRecord, readAllRecords } from '../../electron/records-json/index.js';
import { exportRecords } from '../../electron/transfer/export-records.js';
import { tempDirForTest } from '../helpers/files.js';
import { type Expected, expected, expectedFor, fixtureCopy, hashTree, TABLES, testApi } from './fixture-store.js';

function expectRecords(got: DecodedRecord[], want: Expected[]): void {
  expect(got.map((record) => record.key)).toEqual(want.map((record) => record.key));
  got.forEach((record, index) => {
    const wanted = want[index] as Expected;
    expect(record.value.toString('base64')).toBe(wanted.value);
    expect(record.metadata).toEqual(wanted.metadata);
    if (wanted.expires === undefined) expect(record.expiryNs).toBeNull();
    else expect(record.expiryNs !== null && record.expiryNs > 0n).toBe(true);
  });
}

async function exported(path: string): Promise<DecodedRecord[]> {
  return readAllRecords(createReadStream(path));
}

describe('export.run on an open go-micro folder', () => {
  it('a dump holds every database and table with exactly the live records', async () => {
    const root = fixtureCopy();
    const before = hashTree(root);
    const api = testApi();
    await api.value('store.open', { file: api.file(root, 'store') });
    const path = join(tempDirForTest(), 'all.dump');
    const report = await api.value('export.run', {
      taskId: 'e1',
      file: api.file(path, 'write'),
      format: 'dump',
      scope: { kind: 'dump' },
    });
    const live = expected.filter((record) => !record.expired);
    expect(report).toMatchObject({ name: 'all.dump', records: live.length, download: null });
    const records = await exported(path);
    for (const [database, table] of TABLES) {
      const mine = records.filter((record) => record.database === database && record.table === table);
      expectRecords(mine, expectedFor(database, table, 'live'));
    }
    expect(records).toHaveLength(live.length);
    expect(hashTree(root)).toEqual(before);
  });

  it('a filtered table and a selection (an expired key in it is left out) as a record array', async () => {
    const root = fixtureCopy();
    const api = testApi();
    await api.value('store.open', { file: api.file(root, 'store') });
    const dir = tempDirForTest();
    const table = { kind: 'table', database: 'service', table: 'orders', filter: { prefix: 'order/00001' } };
    await api.value('export.run', {
      taskId: 'e2',
      file: api.file(join(dir, 't.json'), 'write'),
      format: 'array',
      scope: table,
    });
    const want = expectedFor('service', 'orders', 'live').filter((record) => record.key.startsWith('order/00001'));
    expectRecords(await exported(join(dir, 't.json')), want);

    const keys = ['user/2', 'ttl/past', 'bin', 'missing'];
    const selection = { kind: 'selection', database: 'micro', table: 'users', keys };
    await api.value('export.run', {
      taskId: 'e3',
      file: api.file(join(dir, 's.ndjson'), 'write'),
      format: 'lines',
      scope: selection,
    });
    const picked = expectedFor('micro', 'users', 'live').filter((record) => keys.includes(record.key));
    expectRecords(await exported(join(dir, 's.ndjson')), picked);
  });
});

describe('exportRecords on a single bbolt file', () => {
  it('opens the file with the go-micro reader and writes its live records', async () => {
    const root = fixtureCopy();
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const report = await exportRecords({
      storePath: join(root, 'micro', 'users.db'),
      scope: { kind: 'table', namespace: { database: 'micro', table: 'users' } },
      format: 'lines',
      out,
    });
    expect(report.records).toBe(6);
    const records = await readAllRecords(Readable.from([Buffer.concat(chunks)]));
    expectRecords(records, expectedFor('micro', 'users', 'live'));
  });
});
