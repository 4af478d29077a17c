/**
 * Exports: limited to what the user is looking at (prefix, suffix, filter, selection), live records only, in
 * key order, with the time left; a consistent snapshot while another connection writes; and an export
 * cancelled through the app's TransferTasks leaves no file behind.
 */
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { CancelledError, TransferTasks } from '../../electron/api/transfer-tasks.js';
import type { RecordFilter } from '../../electron/store/index.js';
import { exportRecords } from '../../electron/transfer/export-records.js';
import { runBin, runInProcess } from '../helpers/cli.js';
import { listDir } from '../helpers/files.js';
import { goDecodeArray, goDecodeLines } from '../records-json/go-rules-decoder.js';
import { exportFile, MICRO, openStore, seed, thrown, workspace } from './helpers.js';

const OTHER = { database: 'micro', table: 'other' };

async function seedFilterable(path: string): Promise<void> {
  await seed(path, [
    {
      namespace: MICRO,
      records: [
        { key: 'user/1', value: 'u1', metadata: { kind: 'vip', n: 1 } },
        { key: 'user/2', value: 'u2', metadata: { kind: 'basic' }, expiry: 3_600_000 },
        { key: 'user/10.json', value: '{}', metadata: { kind: 'vip' } },
        { key: 'order/1.json', value: '{"o":1}' },
        { key: 'order/2', value: Buffer.from([0, 255]) },
        { key: 'users', value: 'not under user/' },
      ],
    },
    { namespace: OTHER, records: [{ key: 'user/3', value: 'other table' }] },
  ]);
  await seed(
    path,
    [{ namespace: MICRO, records: [{ key: 'user/expired', value: 'gone', expiry: 1 }] }],
    () => Date.now() - 10_000,
  );
}

const keysOf = (records: { key: string }[]) => records.map((record) => record.key);

describe('export limited to what the user is looking at', () => {
  it.each([
    [
      'no filter: every live record of the table',
      {},
      ['order/1.json', 'order/2', 'user/1', 'user/10.json', 'user/2', 'users'],
    ],
    ['a prefix', { prefix: 'user/' }, ['user/1', 'user/10.json', 'user/2']],
    ['a suffix', { suffix: '.json' }, ['order/1.json', 'user/10.json']],
    ['a prefix and a suffix', { prefix: 'user/', suffix: '.json' }, ['user/10.json']],
    ['a key substring', { contains: '/1' }, ['order/1.json', 'user/1', 'user/10.json']],
    ['a metadata field', { metadata: [{ field: 'kind', value: 'vip' }] }, ['user/1', 'user/10.json']],
    ['expiring records only', { expiry: 'has-ttl' }, ['user/2']],
  ] satisfies [string, RecordFilter, string[]][])('%s', async (_, filter, expected) => {
    const ws = workspace();
    await seedFilterable(ws.store);
    const { report, text } = await exportFile(ws.store, join(ws.dir, 'out.ndjson'), {
      scope: { kind: 'table', namespace: MICRO, filter },
      format: 'lines',
    });
    expect(keysOf(goDecodeLines(text))).toEqual(expected);
    expect(report.records).toBe(expected.length);
  });

  it('a selection: the chosen live keys, in key order, once each; missing and expired keys left out', async () => {
    const ws = workspace();
    await seedFilterable(ws.store);
    const { report, text } = await exportFile(ws.store, join(ws.dir, 'out.json'), {
      scope: { kind: 'selection', namespace: MICRO, keys: ['user/2', 'order/2', 'missing', 'user/expired', 'user/2'] },
      format: 'array',
    });
    const records = goDecodeArray(text);
    expect(keysOf(records)).toEqual(['order/2', 'user/2']);
    expect(report.records).toBe(2);
    expect(Buffer.from(records[0]!.value)).toEqual(Buffer.from([0, 255]));
    expect(records[1]!.metadata).toEqual({ kind: 'basic' });
    expect(records[1]!.expiryNs).toBeGreaterThan(3_590_000_000_000n);
    expect(records[1]!.expiryNs).toBeLessThanOrEqual(3_600_000_000_000n);
  });

  it('a table that is empty or does not exist exports as [] (array) and nothing (lines)', async () => {
    const ws = workspace();
    await seed(ws.store, [{ namespace: { database: 'd', table: 'empty' }, records: [] }]);
    for (const namespace of [
      { database: 'd', table: 'empty' },
      { database: 'no', table: 'such' },
    ]) {
      const array = await exportFile(ws.store, join(ws.dir, 'a.json'), {
        scope: { kind: 'table', namespace },
        format: 'array',
      });
      expect(array.text).toBe('[]');
      const lines = await exportFile(ws.store, join(ws.dir, 'l.ndjson'), {
        scope: { kind: 'table', namespace },
        format: 'lines',
      });
      expect(lines.text).toBe('');
      expect(lines.report).toMatchObject({ records: 0, bytes: 0 });
    }
  });

  it('store-inspector export --prefix/--suffix to a file and to standard output (the real binary)', {
    timeout: 60_000,
  }, async () => {
    const ws = workspace();
    await seedFilterable(ws.store);
    const out = join(ws.dir, 'users.ndjson');
    const toFile = await runInProcess([
      'export',
      '--store',
      ws.store,
      '--format',
      'ndjson',
      '--prefix',
      'user/',
      '--out',
      out,
    ]);
    expect(toFile.status).toBe(0);
    expect(toFile.stdout).toBe('');
    const bytes = readFileSync(out).length;
    expect(toFile.stderr).toMatch(new RegExp(`^exported 3 records \\(${bytes} bytes\\) to ${out} in \\d+ ms\\n$`));
    expect(keysOf(goDecodeLines(readFileSync(out, 'utf8')))).toEqual(['user/1', 'user/10.json', 'user/2']);
    expect(listDir(ws.dir).filter((name) => name.includes('.partial-'))).toEqual([]);

    const [stdout, other] = await Promise.all([
      runBin(['export', '--store', ws.store, '--suffix', '.json']),
      runBin(['export', '--store', ws.store, '-t', 'other', '--format', 'json', '--out', '-']),
    ]);
    expect(stdout.status).toBe(0);
    expect(stdout.stdout).toBe(
      `[{"key":"order/1.json","value":"${Buffer.from('{"o":1}').toString('base64')}","metadata":{}},{"key":"user/10.json","value":"e30=","metadata":{"kind":"vip"}}]\n`,
    );
    expect(stdout.stderr).toMatch(/^exported 2 records \(\d+ bytes\) to standard output in \d+ ms\n$/);
    expect(goDecodeArray(other.stdout).map((record) => record.key)).toEqual(['user/3']);
  });

  it('store-inspector export: usage errors exit 2 with the message and where the usage is', async () => {
    const ws = workspace();
    await seedFilterable(ws.store);
    const badFormat = await runInProcess(['export', '--store', ws.store, '--format', 'xml']);
    expect(badFormat.status).toBe(2);
    expect(badFormat.stderr).toMatch(
      /^export: --format must be json, ndjson or dump \(see store-inspector export --help\)\n$/,
    );
    const extra = await runInProcess(['export', 'what', '--store', ws.store]);
    expect(extra.status).toBe(2);
    expect(extra.stderr).toMatch(/^export: expected 0 arguments, got 1 \(see store-inspector export --help\)\n$/);
    const unknownFlag = await runInProcess(['export', '--store', ws.store, '--limit', '5']);
    expect(unknownFlag.status).toBe(2);
  });

  it('store-inspector export from a store that does not exist: exit 1, and no file at all is left (the real binary)', {
    timeout: 60_000,
  }, async () => {
    const ws = workspace();
    const missingStore = await runBin(['export', '--store', join(ws.dir, 'none.db'), '--out', join(ws.dir, 'x.json')]);
    expect(missingStore.status).toBe(1);
    expect(missingStore.stderr).toBe(
      `${join(ws.dir, 'none.db')} does not exist (a read-only store is never created)\n`,
    );
    expect(listDir(ws.dir)).toEqual([]);
  });
});

describe('export while another connection writes', () => {
  it('is one consistent snapshot from its first read, and does not block the writer', async () => {
    const ws = workspace();
    const RECORDS = 20_000;
    const keyOf = (i: number) => `k/${String(i).padStart(5, '0')}`;
    await seed(ws.store, [
      {
        namespace: MICRO,
        records: Array.from({ length: RECORDS }, (_, i) => ({ key: keyOf(i), value: 'gen 0' })),
      },
    ]);
    const writer = openStore(ws.store);
    // Each generation is one transaction: every 50th record gets the new generation, and a key is added.
    let generation = 0;
    let exporting = true;
    const writes = (async () => {
      while (exporting) {
        const next = generation + 1;
        const records = Array.from({ length: RECORDS / 50 }, (_, i) => ({ key: keyOf(i * 50), value: `gen ${next}` }));
        records.push({ key: `k/zzz/${String(next).padStart(4, '0')}`, value: `gen ${next}` });
        await writer.writeMany(MICRO, records);
        generation = next;
        await sleep(5);
      }
    })();
    // A slow destination: the export takes a while, and the writer commits many times meanwhile.
    const chunks: Buffer[] = [];
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        setTimeout(callback, 15);
      },
    });
    let atFirstProgress = -1;
    const report = await exportRecords({
      storePath: ws.store,
      scope: { kind: 'table', namespace: MICRO },
      format: 'lines',
      out: slow,
      onProgress: () => {
        if (atFirstProgress === -1) atFirstProgress = generation;
      },
    });
    const atEnd = generation;
    exporting = false;
    await writes;

    const records = goDecodeLines(Buffer.concat(chunks).toString('utf8'));
    const sampled = records.filter(
      (record) => !record.key.startsWith('k/zzz/') && Number(record.key.slice(2)) % 50 === 0,
    );
    const generations = new Set(sampled.map((record) => Buffer.from(record.value).toString()));
    expect(generations.size, `generations seen in one export: ${[...generations].join(', ')}`).toBe(1);
    const seen = Number([...generations][0]?.slice(4));
    expect(seen).toBeLessThanOrEqual(atFirstProgress);
    const added = records.filter((record) => record.key.startsWith('k/zzz/')).map((record) => record.key);
    expect(added).toEqual(Array.from({ length: seen }, (_, i) => `k/zzz/${String(i + 1).padStart(4, '0')}`));
    expect(report.records).toBe(RECORDS + seen);
    // The writer was not blocked: it committed several generations while the export ran.
    expect(atEnd - atFirstProgress).toBeGreaterThanOrEqual(3);
    expect(Buffer.from((await writer.read(keyOf(0)))[0]!.value).toString()).toBe(`gen ${generation}`);
  });
});

/** Files under `dir` that this process still holds open (Linux: /proc/self/fd). */
function openFilesUnder(dir: string): string[] {
  if (!existsSync('/proc/self/fd')) return [];
  const open: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target.startsWith(dir) && !/store\.db(-wal|-shm)?$/.test(target)) open.push(target);
    } catch {
      // the fd closed while we looked
    }
  }
  return open;
}

describe('an export cancelled through TransferTasks.cancel', () => {
  async function cancelledExport(records: number) {
    const ws = workspace();
    await seed(ws.store, [
      {
        namespace: MICRO,
        records: Array.from({ length: records }, (_, i) => ({ key: `k/${i}`, value: 'x'.repeat(100) })),
      },
    ]);
    const target = join(ws.dir, 'export.json');
    const tasks: TransferTasks = new TransferTasks((event) => {
      if (event.type === 'progress') tasks.cancel('export-1');
    });
    const outcome = await tasks
      .runExport({
        taskId: 'export-1',
        storePath: ws.store,
        path: target,
        format: 'array',
        scope: { kind: 'table', namespace: MICRO },
      })
      .then(
        (report) => `completed: ${report.records} records`,
        (error: Error) => error,
      );
    await sleep(50);
    return { ws, target, outcome };
  }

  it('mid-export (5,000 records): CancelledError, no file at the target, no partial file left', async () => {
    const { ws, target, outcome } = await cancelledExport(5_000);
    expect(outcome).toBeInstanceOf(CancelledError);
    expect(existsSync(target)).toBe(false);
    expect(listDir(ws.dir).filter((name) => name.startsWith('export.json'))).toEqual([]);
  });

  it('mid-export: the temporary file is closed, not left open', async () => {
    const { ws, outcome } = await cancelledExport(5_000);
    expect(outcome).toBeInstanceOf(CancelledError);
    expect(openFilesUnder(ws.dir)).toEqual([]);
  });

  it('at the progress report of the only batch (500 records): cancelled, no file at the target', async () => {
    const { ws, target, outcome } = await cancelledExport(500);
    expect(outcome).toBeInstanceOf(CancelledError);
    expect(existsSync(target)).toBe(false);
    expect(listDir(ws.dir).filter((name) => name.startsWith('export.json'))).toEqual([]);
  });

  it('an export that is not cancelled is renamed into place whole, with no partial file left', async () => {
    const ws = workspace();
    await seedFilterable(ws.store);
    const target = join(ws.dir, 'dump.ndjson');
    const tasks = new TransferTasks(() => {});
    const report = await tasks.runExport({
      taskId: 'export-2',
      storePath: ws.store,
      path: target,
      format: 'dump',
      scope: { kind: 'dump' },
    });
    expect(report).toMatchObject({ path: target, records: 7 });
    expect(readFileSync(target, 'utf8').split('\n').at(-2)).toBe('{"end":{"records":7}}');
    expect(listDir(ws.dir).filter((name) => name.includes('.partial-'))).toEqual([]);
    const error = await thrown(() =>
      tasks.runExport({
        taskId: 'x',
        storePath: ws.store,
        path: join(ws.dir, 'no/such/dir/out.json'),
        format: 'array',
        scope: { kind: 'table', namespace: MICRO },
      }),
    );
    // The user's path and what to do; never the temporary file or a raw errno (#11.12).
    expect(error.message).toBe(
      `cannot write ${join(ws.dir, 'no/such/dir/out.json')}: the folder ${join(ws.dir, 'no/such/dir')} does not exist; create it first`,
    );
  });

  it('an export that fails before writing (the store does not exist) leaves no partial file and no open file', async () => {
    const ws = workspace();
    const tasks = new TransferTasks(() => {});
    const error = await thrown(() =>
      tasks.runExport({
        taskId: 'export-3',
        storePath: join(ws.dir, 'none.db'),
        path: join(ws.dir, 'out.json'),
        format: 'array',
        scope: { kind: 'table', namespace: MICRO },
      }),
    );
    expect(error.message).toBe(`${join(ws.dir, 'none.db')} does not exist (a read-only store is never created)`);
    await sleep(50);
    expect(listDir(ws.dir)).toEqual([]);
    expect(openFilesUnder(ws.dir)).toEqual([]);
  });
});
