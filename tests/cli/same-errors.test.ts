/**
 * The command line and the app describe a failure through one mapping (api/errors.ts): the same failure gives
 * the same message on the CLI's stderr (exit 1) as in the API's error, whichever way in the user took.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { CallArg, CallName } from '../../electron/api/contract/calls.js';
import type { ErrorCode } from '../../electron/api/contract/results.js';
import { StoreSession } from '../../electron/api/store-session.js';
import { openDatabase } from '../../electron/store/sqlite-driver.js';
import { apiClient, base64, expectCode } from '../helpers/api-client.js';
import { runInProcess } from '../helpers/cli.js';
import { tempDirForTest } from '../helpers/files.js';

const NS = { database: 'micro', table: 'micro' };

/** A store file with one record, `k`. */
async function storeWithRecord(dir: string): Promise<string> {
  const path = join(dir, 'store.db');
  expect((await runInProcess(['write', 'k', 'v', '--store', path])).status).toBe(0);
  return path;
}

/** The API's error for `name`, on a session that opened `storePath` (read-only when asked) first. */
async function apiFailure<N extends CallName>(
  storePath: string,
  name: N,
  arg: (file: (path: string, access: 'read' | 'store') => string) => CallArg<N>,
  options: { readOnly?: boolean; code: ErrorCode },
): Promise<string> {
  const session = new StoreSession();
  onTestFinished(() => session.close());
  const api = apiClient(session);
  const file = (path: string, access: 'read' | 'store') => api.file(path, access);
  if (name !== 'store.open') {
    await api.value('store.open', { file: file(storePath, 'store'), readOnly: options.readOnly ?? false });
  }
  return expectCode(await api.error(name, arg(file)), options.code).message;
}

/** The API's error for opening `path` as a store, as the Open dialog would. */
const openFailure = (path: string, code: ErrorCode) =>
  apiFailure(path, 'store.open', (file) => ({ file: file(path, 'store'), readOnly: false }), { code });

/** The CLI's failure: exit 1 and one line on stderr, which is returned. */
async function cliFailure(argv: string[]): Promise<string> {
  const run = await runInProcess(argv);
  expect(run, argv.join(' ')).toMatchObject({ status: 1, stdout: '' });
  expect(run.stderr.endsWith('\n') && !run.stderr.slice(0, -1).includes('\n'), run.stderr).toBe(true);
  return run.stderr.slice(0, -1);
}

describe('the CLI and the API say the same thing for the same failure', () => {
  it('a key that does not exist: "not found", as go-micro says it', async () => {
    const store = await storeWithRecord(tempDirForTest());
    const cli = await cliFailure(['read', 'missing', '--store', store]);
    const api = await apiFailure(store, 'record.get', () => ({ ...NS, key: 'missing' }), { code: 'not-found' });
    expect(cli).toBe('not found');
    expect(api).toBe(cli);
  });

  it('a file that is not a store', async () => {
    const notes = join(tempDirForTest(), 'notes.txt');
    writeFileSync(notes, 'these are notes\n');
    const cli = await cliFailure(['read', 'k', '--store', notes]);
    const api = await openFailure(notes, 'foreign-file');
    expect(cli).toContain('not a SQLite database');
    expect(api).toBe(cli);
  });

  it('a store written by a newer Store Inspector', async () => {
    const store = await storeWithRecord(tempDirForTest());
    const db = openDatabase(store);
    db.pragma('user_version = 99');
    db.close();
    const cli = await cliFailure(['list', '--store', store]);
    const api = await openFailure(store, 'newer-format');
    expect(cli).toContain('newer Store Inspector');
    expect(api).toBe(cli);
  });

  it('a write to a store opened read-only', async () => {
    const store = await storeWithRecord(tempDirForTest());
    const cli = await cliFailure(['write', 'k', 'new', '--read-only', '--store', store]);
    const write = { ...NS, key: 'k', value: base64('new'), expectedRevision: null };
    const api = await apiFailure(store, 'record.write', () => write, { readOnly: true, code: 'read-only' });
    expect(api).toBe(cli);
  });

  it('a records file with a bad record: the record and the place', async () => {
    const dir = tempDirForTest();
    const store = await storeWithRecord(dir);
    const bad = join(dir, 'bad.ndjson');
    writeFileSync(bad, `${JSON.stringify({ key: 'a', value: base64('x') })}\n{"key": 7}\n`);
    const cli = await cliFailure(['import', bad, '--store', store]);
    const arg = (file: (path: string, access: 'read') => string) => ({
      ...NS,
      taskId: 'import',
      file: file(bad, 'read'),
    });
    const api = await apiFailure(store, 'import.run', arg, { code: 'bad-file' });
    expect(cli).toMatch(/^record 2: key is a number/);
    expect(api).toBe(cli);
  });
});
