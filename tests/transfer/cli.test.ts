/**
 * store-inspector import and export as a user runs them: one-line reports, exit status 0 (ok), 1 (an error,
 * with its message) and 2 (a wrong command line, with the usage). The many small cases run in this process
 * through runCli; a few go through the real binary.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin, runInProcess } from '../helpers/cli.js';
import { listDir } from '../helpers/files.js';
import { goDecodeArray, goDecodeLines } from '../records-json/go-rules-decoder.js';
import { goLine, openStore, seedTypical, snapshot, workspace } from './helpers.js';

const FILE = `[${[
  goLine('a', 'one'),
  goLine('b', Buffer.from([0, 1])),
  goLine('c', 'three', ',"expiry":60000000000'),
  goLine('d', 'expired', ',"expiry":-1000'),
].join(',')}]`;

const REPORT =
  /^imported (\d+) new, (\d+) overwritten, (\d+) skipped \(existing\), (\d+) skipped \(already expired\); (\d+) table\(s\), (array|lines|dump) format, \d+ ms \(\d+ records\/s\)\n$/;

describe('store-inspector import', () => {
  it('prints one line on stdout: new, overwritten, skipped, expired, tables, format, time and rate', async () => {
    const ws = workspace();
    const path = ws.file('records.json', FILE);
    const first = await runInProcess(['import', path, '--store', ws.store, '-d', 'app', '-t', 'users']);
    expect(first.status).toBe(0);
    expect(first.stderr).toBe('');
    expect(first.stdout.match(REPORT)?.slice(1)).toEqual(['3', '0', '0', '1', '1', 'array']);
    const again = await runInProcess([
      'import',
      path,
      '--store',
      ws.store,
      '-d',
      'app',
      '-t',
      'users',
      '--format',
      'json',
    ]);
    expect(again.stdout.match(REPORT)?.slice(1)).toEqual(['0', '3', '0', '1', '1', 'array']);

    const read = await runInProcess(['read', 'c', '--store', ws.store, '-d', 'app', '-t', 'users', '-v']);
    expect(read.stdout).toMatch(/^c\tthree\t\(expires: (59s|1m0s)\)\n$/);
    const store = openStore(ws.store);
    expect((await store.read('b', { database: 'app', table: 'users' }))[0]?.value).toEqual(Buffer.from([0, 1]));
    expect(await store.list({ database: 'micro', table: 'micro' })).toEqual([]);
  });

  it('--format ndjson and dump read those formats; a wrong forced format is an error (exit 1)', async () => {
    const ws = workspace();
    const lines = ws.file('records.ndjson', `${goLine('x', '1')}\n${goLine('y', '2')}\n`);
    const ok = await runInProcess(['import', lines, '--store', ws.store, '--format', 'ndjson']);
    expect(ok.stdout.match(REPORT)?.slice(1)).toEqual(['2', '0', '0', '0', '1', 'lines']);
    const wrong = await runInProcess(['import', lines, '--store', ws.store, '--format', 'dump']);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/^line 1, column 1 \(byte 0\): not a store dump: /);
  });

  it.each([
    ['an unknown --format', ['--format', 'xml'], 'import: --format must be auto, json, ndjson or dump'],
    ['an unknown --on-conflict', ['--on-conflict', 'merge'], 'import: --on-conflict must be overwrite, skip or fail'],
    ['an unknown flag', ['--frobnicate'], "import: Unknown option '--frobnicate'"],
    ['two files', ['other.json'], 'import: expected 1 argument, got 2'],
  ])('usage error, exit 2: %s; nothing is created or changed', async (_, extra, message) => {
    const ws = workspace();
    await seedTypical(ws.store);
    const before = snapshot(ws.store);
    const path = ws.file('records.json', FILE);
    const run = await runInProcess(['import', path, '--store', ws.store, ...extra]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.startsWith(`${message}`)).toBe(true);
    expect(run.stderr.endsWith(' (see store-inspector import --help)\n')).toBe(true);
    expect(snapshot(ws.store)).toEqual(before);
  });

  it('usage error, exit 2: no file given; no store is created', async () => {
    const ws = workspace();
    const run = await runInProcess(['import', '--store', ws.store]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('import: expected 1 argument, got 0 (see store-inspector import --help)\n');
    expect(existsSync(ws.store)).toBe(false);
  });

  it('--help prints the usage and exits 0', async () => {
    const run = await runInProcess(['import', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: store-inspector import FILE \[--format auto\|json\|ndjson\|dump\]/);
  });
});

describe('store-inspector export', () => {
  it('--format json and ndjson write Go records of one table; the report goes to stderr', async () => {
    const ws = workspace();
    await runInProcess(['import', ws.file('records.json', FILE), '--store', ws.store]);
    const json = join(ws.dir, 'out.json');
    const lines = join(ws.dir, 'out.ndjson');
    const a = await runInProcess(['export', '--store', ws.store, '--out', json]);
    const b = await runInProcess(['export', '--store', ws.store, '--out', lines, '--format', 'ndjson']);
    for (const [run, path] of [
      [a, json],
      [b, lines],
    ] as const) {
      expect(run.status).toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(new RegExp(`^exported 3 records \\(\\d+ bytes\\) to ${path} in \\d+ ms\\n$`));
    }
    for (const records of [goDecodeArray(readFileSync(json, 'utf8')), goDecodeLines(readFileSync(lines, 'utf8'))]) {
      expect(records.map((record) => [record.key, Buffer.from(record.value).toString('hex')])).toEqual([
        ['a', Buffer.from('one').toString('hex')],
        ['b', '0001'],
        ['c', Buffer.from('three').toString('hex')],
      ]);
      expect(records.map((record) => record.expiryNs > 0n)).toEqual([false, false, true]);
      expect(records[2]!.expiryNs).toBeGreaterThan(55_000_000_000n);
      expect(records[2]!.expiryNs).toBeLessThanOrEqual(60_000_000_000n);
    }
    expect(listDir(ws.dir).filter((name) => name.includes('.partial-'))).toEqual([]);
  });
});

describe('the real binary', { timeout: 60_000 }, () => {
  it('import (exit 0, one line), export to stdout (exit 0), usage error (exit 2), bad file (exit 1)', async () => {
    const ws = workspace();
    const path = ws.file('records.json', FILE);
    const imported = await runBin(['import', path, '--store', ws.store]);
    expect(imported.status).toBe(0);
    expect(imported.stderr).toBe('');
    expect(imported.stdout.match(REPORT)?.slice(1)).toEqual(['3', '0', '0', '1', '1', 'array']);
    const [exported, usage, bad] = await Promise.all([
      runBin(['export', '--store', ws.store, '--format', 'ndjson']),
      runBin(['import', path, '--store', ws.store, '--on-conflict', 'maybe']),
      runBin([
        'import',
        ws.file('bad.json', '[{"key":"a"},{"key":"b","value":7}]'),
        '--store',
        join(ws.dir, 'other.db'),
      ]),
    ]);
    expect(exported.status).toBe(0);
    expect(goDecodeLines(exported.stdout).map((record) => record.key)).toEqual(['a', 'b', 'c']);
    expect(exported.stderr).toMatch(/^exported 3 records \(\d+ bytes\) to standard output in \d+ ms\n$/);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(
      /^import: --on-conflict must be overwrite, skip or fail \(see store-inspector import --help\)\n$/,
    );
    expect(bad).toMatchObject({
      status: 1,
      stdout: '',
      stderr:
        'record 2 ("b"): value is a number, not a base64 string; the record starts at line 1, column 14 (byte 13)\n',
    });
  });
});
