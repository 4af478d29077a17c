/**
 * What an import does with keys that already exist (overwrite, skip, fail) and what it reports; a dry run
 * reads and checks the whole file, reports what an import would do, and leaves the store file byte for byte
 * as it was.
 */
import { describe, expect, it } from 'vitest';
import { TransferTasks } from '../../electron/api/transfer-tasks.js';
import { StoreInputError } from '../../electron/store/index.js';
import { runInProcess } from '../helpers/cli.js';
import { listDir, sha256File } from '../helpers/files.js';
import { goLine, importFile, MICRO, openStore, seedTypical, snapshot, thrown, workspace } from './helpers.js';

/** New, existing, existing, new, already expired: in that order. */
const MIXED = [
  goLine('rec/000100', 'new one'),
  goLine('rec/000001', 'replaced'),
  goLine('rec/000002', 'replaced'),
  goLine('new/1', 'new two'),
  goLine('neg', 'expired in the file', ',"expiry":-1'),
].join('\n');

const storedValue = async (path: string, key: string) => {
  const store = openStore(path);
  const [record] = await store.read(key);
  await store.close();
  return Buffer.from(record?.value ?? []).toString();
};

describe('conflict policies', () => {
  it('overwrite (the default) replaces existing records and counts them', async () => {
    const ws = workspace();
    await seedTypical(ws.store);
    const report = await importFile(ws.store, ws.file('mixed.ndjson', MIXED));
    expect(report).toMatchObject({
      format: 'lines',
      records: 5,
      written: 2,
      overwritten: 2,
      existing: 2,
      skippedExisting: 0,
      skippedExpired: 1,
      tables: 1,
      dryRun: false,
    });
    expect(report.ms).toBeGreaterThanOrEqual(0);
    expect(await storedValue(ws.store, 'rec/000001')).toBe('replaced');
    expect(await storedValue(ws.store, 'rec/000100')).toBe('new one');
    const store = openStore(ws.store);
    // Replaced entirely: the old metadata and expiry are gone.
    const replaced = await store.inspect(MICRO, 'rec/000002', 100);
    expect(replaced.metadata).toEqual({});
    expect(replaced.expiresAt).toBeNull();
    await expect(store.read('neg')).rejects.toThrow('not found');
  });

  it('skip keeps existing records as they were and counts them', async () => {
    const ws = workspace();
    await seedTypical(ws.store);
    const report = await importFile(ws.store, ws.file('mixed.ndjson', MIXED), { policy: 'skip' });
    expect(report).toMatchObject({
      records: 5,
      written: 2,
      overwritten: 0,
      existing: 2,
      skippedExisting: 2,
      skippedExpired: 1,
    });
    expect(await storedValue(ws.store, 'rec/000001')).toBe('before 1');
    expect(await storedValue(ws.store, 'new/1')).toBe('new two');
  });

  it('fail refuses the whole file at the first existing key, naming it; nothing is written', async () => {
    const ws = workspace();
    await seedTypical(ws.store);
    const before = snapshot(ws.store);
    const error = await thrown(() => importFile(ws.store, ws.file('mixed.ndjson', MIXED), { policy: 'fail' }));
    expect(error).toBeInstanceOf(StoreInputError);
    expect(error.message).toBe('record 2 ("rec/000001"): key "rec/000001" already exists; nothing was written');
    // The file's record, as fields: 0-based as the decoder numbers records, with its key.
    expect(error).toMatchObject({ recordIndex: 1, key: 'rec/000001' });
    expect(snapshot(ws.store)).toEqual(before);
  });

  it('fail imports a file whose keys are all new', async () => {
    const ws = workspace();
    await seedTypical(ws.store);
    const report = await importFile(ws.store, ws.file('new.ndjson', `${goLine('a', '1')}\n${goLine('b', '2')}\n`), {
      policy: 'fail',
    });
    expect(report).toMatchObject({ written: 2, overwritten: 0, existing: 0, skippedExisting: 0 });
  });

  // An expired record is gone for every reader (docs/store-semantics.md §3: "invisible to read and list") even before it is
  // purged; a key whose record has expired does not "already exist".
  describe('a key whose record expired but is not purged yet', () => {
    const FILE = `${goLine('rec/expired', 'fresh')}\n`;

    it('skip writes the new record (the old one is invisible)', async () => {
      const ws = workspace();
      await seedTypical(ws.store);
      const report = await importFile(ws.store, ws.file('one.ndjson', FILE), { policy: 'skip' });
      expect({ written: report.written, skippedExisting: report.skippedExisting }).toEqual({
        written: 1,
        skippedExisting: 0,
      });
      expect(await storedValue(ws.store, 'rec/expired')).toBe('fresh');
    });

    it('fail does not refuse the file', async () => {
      const ws = workspace();
      await seedTypical(ws.store);
      const outcome = await importFile(ws.store, ws.file('one.ndjson', FILE), { policy: 'fail' }).then(
        (report) => `written ${report.written}`,
        (error: Error) => `refused: ${error.message}`,
      );
      expect(outcome).toBe('written 1');
    });
  });

  it('store-inspector import --on-conflict: one-line reports, and exit 1 naming the key for fail', async () => {
    const ws = workspace();
    await seedTypical(ws.store);
    const path = ws.file('mixed.ndjson', MIXED);
    const failed = await runInProcess(['import', path, '--store', ws.store, '--on-conflict', 'fail']);
    expect(failed).toEqual({
      status: 1,
      stdout: '',
      stderr: 'record 2 ("rec/000001"): key "rec/000001" already exists; nothing was written\n',
    });
    const skipped = await runInProcess(['import', path, '--store', ws.store, '--on-conflict', 'skip']);
    expect(skipped.status).toBe(0);
    expect(skipped.stderr).toBe('');
    expect(skipped.stdout).toMatch(
      /^imported 2 new, 0 overwritten, 2 skipped \(existing\), 1 skipped \(already expired\); 1 table\(s\), lines format, \d+ ms \(\d+ records\/s\)\n$/,
    );
    const overwritten = await runInProcess(['import', path, '--store', ws.store]);
    expect(overwritten.stdout).toMatch(
      /^imported 0 new, 4 overwritten, 0 skipped \(existing\), 1 skipped \(already expired\); 1 table\(s\), lines format, /,
    );
  });
});

describe('dry run', () => {
  it('reads the whole file, reports the keys that exist, and leaves the store file byte for byte unchanged', async () => {
    const ws = workspace();
    await seedTypical(ws.store);
    const path = ws.file('mixed.ndjson', MIXED);
    const files = listDir(ws.dir);
    const sha = sha256File(ws.store);
    const before = snapshot(ws.store);
    const report = await importFile(ws.store, path, { dryRun: true, sampleSize: 2 });
    expect(report).toMatchObject({
      format: 'lines',
      records: 5,
      written: 0,
      overwritten: 0,
      existing: 2,
      skippedExisting: 0,
      skippedExpired: 1,
      tables: 1,
      dryRun: true,
    });
    expect(report.sample.map((record) => [record.key, record.value.toString()])).toEqual([
      ['rec/000100', 'new one'],
      ['rec/000001', 'replaced'],
    ]);
    expect(sha256File(ws.store)).toBe(sha);
    expect(listDir(ws.dir)).toEqual(files);
    expect(snapshot(ws.store)).toEqual(before);
  });

  it('a dry run of a store dump creates none of its tables', async () => {
    const ws = workspace();
    await seedTypical(ws.store);
    const sha = sha256File(ws.store);
    const dump = [
      '{"format":"store-inspector-dump","version":1,"namespaces":[{"database":"micro","table":"micro"},{"database":"new","table":"empty"},{"database":"new","table":"full"}]}',
      '{"database":"new","table":"full","key":"rec/000001","value":"","metadata":null}',
      '{"database":"micro","table":"micro","key":"rec/000001","value":"","metadata":null}',
      '{"end":{"records":2}}',
      '',
    ].join('\n');
    const report = await importFile(ws.store, ws.file('d.ndjson', dump), { dryRun: true });
    expect(report).toMatchObject({ format: 'dump', records: 2, existing: 1, written: 0, tables: 3, dryRun: true });
    expect(sha256File(ws.store)).toBe(sha);
    const store = openStore(ws.store);
    expect((await store.databases()).map((db) => db.database)).toEqual(['micro', 'other']);
  });

  it('a dry run of a bad file fails as the import would, with the same message', async () => {
    const ws = workspace();
    await seedTypical(ws.store);
    const sha = sha256File(ws.store);
    const path = ws.file('bad.ndjson', `${MIXED}\n{"key":"x","expiry":"soon"}\n`);
    const dry = await thrown(() => importFile(ws.store, path, { dryRun: true }));
    const real = await thrown(() => importFile(ws.store, path));
    expect(dry.message).toBe(real.message);
    expect(dry.message).toMatch(/^record 6 \("x"\): expiry is a string, not an integer number of nanoseconds;/);
    expect(sha256File(ws.store)).toBe(sha);
  });

  it('store-inspector import --dry-run prints what an import would do and writes nothing', async () => {
    const ws = workspace();
    await seedTypical(ws.store);
    const sha = sha256File(ws.store);
    const run = await runInProcess(['import', ws.file('mixed.ndjson', MIXED), '--store', ws.store, '--dry-run']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^dry run: 5 records read, 2 keys exist, nothing written, 1 skipped \(already expired\); 1 table\(s\), lines format, \d+ ms \(\d+ records\/s\)\n$/,
    );
    expect(sha256File(ws.store)).toBe(sha);
  });

  it('the app’s dry run (TransferTasks.runImport) returns a preview of the first records', async () => {
    const ws = workspace();
    await seedTypical(ws.store);
    const sha = sha256File(ws.store);
    const tasks = new TransferTasks(() => {});
    const report = await tasks.runImport({
      taskId: 'preview',
      storePath: ws.store,
      path: ws.file('mixed.ndjson', MIXED),
      format: 'auto',
      namespace: MICRO,
      policy: 'overwrite',
      dryRun: true,
    });
    expect(report).toMatchObject({ dryRun: true, records: 5, existing: 2, written: 0 });
    expect(report.sample).toHaveLength(5);
    expect(report.sample[0]).toEqual({
      key: 'rec/000100',
      size: 7,
      preview: Buffer.from('new one').toString('base64'),
      metadata: {},
      expiryMs: 0,
    });
    expect(report.sample[4]).toMatchObject({ key: 'neg', size: 19 });
    expect(sha256File(ws.store)).toBe(sha);
  });

  it('the preview shows a sub-millisecond expiry as expiring or expired, never as 0 ("never expires")', async () => {
    const ws = workspace();
    const file = ws.file(
      'tiny.ndjson',
      `${goLine('tiny', 'x', ',"expiry":1')}\n${goLine('neg', 'x', ',"expiry":-1')}\n`,
    );
    const tasks = new TransferTasks(() => {});
    const report = await tasks.runImport({
      taskId: 'preview',
      storePath: ws.store,
      path: file,
      format: 'auto',
      namespace: MICRO,
      policy: 'overwrite',
      dryRun: true,
    });
    // The import itself stores the first with 1 ms to live and skips the second as already expired.
    expect(report).toMatchObject({ records: 2, skippedExpired: 1 });
    const [tiny, neg] = report.sample;
    expect({ tiny: Math.sign(tiny?.expiryMs ?? 0), neg: Math.sign(neg?.expiryMs ?? 0) }).toEqual({ tiny: 1, neg: -1 });
  });
});
