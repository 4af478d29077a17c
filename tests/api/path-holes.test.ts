/**
 * The holes of issue #16 item 3: calls that took a path wrote or opened whatever the page named (a shell profile,
 * the open store itself). Each call is sent as a page could send it, with a path of its own making; nothing may
 * be written, opened or replaced. These tests use only the raw dispatch, so they run against any version.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreSession } from '../../electron/api/store-session.js';
import { createSqliteStore } from '../../electron/store/index.js';
import { type ApiClient, apiClient } from '../helpers/api-client.js';
import { sha256File, tempDirForTest } from '../helpers/files.js';

const sessions: StoreSession[] = [];
afterEach(async () => {
  for (const session of sessions.splice(0)) await session.close();
});

/** Every file under `dir` with its hash: what "nothing was written" means. */
function snapshot(dir: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    try {
      hashes[name] = sha256File(join(dir, name));
    } catch {
      hashes[name] = 'folder';
    }
  }
  return hashes;
}

/** A writable store holding a key that runs a command if a shell ever reads the export, and a shell profile. */
async function setup(readOnly = false): Promise<{ api: ApiClient; dir: string; storePath: string; profile: string }> {
  const dir = tempDirForTest();
  const storePath = join(dir, 'store.db');
  const seed = createSqliteStore({ path: storePath });
  await seed.write({ key: '$(touch pwned)', value: 'x' });
  await seed.close();
  const profile = join(dir, '.bashrc');
  writeFileSync(profile, 'export PATH=$HOME/bin:$PATH\n');
  const session = new StoreSession(readOnly);
  sessions.push(session);
  await session.open(storePath, false);
  return { api: apiClient(session), dir, storePath, profile };
}

const exportTo = (path: string) => ({ taskId: 'x', path, format: 'lines', scope: { kind: 'dump' } });

describe('a path the page made up', () => {
  it('export.run writes neither a shell profile nor the open store, its -wal or its -shm', async () => {
    const { api, dir, storePath, profile } = await setup();
    const before = snapshot(dir);
    for (const target of [profile, storePath, `${storePath}-wal`, `${storePath}-shm`, join(dir, 'new.ndjson')]) {
      const result = await api.raw('export.run', exportTo(target));
      expect(result, target).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    }
    expect(snapshot(dir)).toEqual(before);
    expect(await api.raw('records.count', { database: 'micro', table: 'micro' })).toEqual({ ok: true, value: 1 });
  });

  it('store.open, store.create, store.copyToSqlite, store.copyTo, import.preview and import.run refuse it and touch nothing', async () => {
    const { api, dir, storePath, profile } = await setup();
    const other = join(dir, 'other.db');
    const before = snapshot(dir);
    const namespace = { database: 'micro', table: 'micro' };
    const calls: [string, Record<string, unknown>][] = [
      ['store.open', { path: other }],
      ['store.open', { path: profile }],
      ['store.create', { path: other }],
      ['store.copyToSqlite', { taskId: 'c', path: other }],
      // A server URL is the only thing copyTo's `url` names: a path there would be a file the user never chose.
      ['store.copyTo', { taskId: 'c2', to: { url: other }, scope: { kind: 'all' } }],
      ['store.copyTo', { taskId: 'c3', to: { url: profile }, scope: { kind: 'all' } }],
      ['import.preview', { ...namespace, taskId: 'p', path: profile }],
      ['import.run', { ...namespace, taskId: 'i', path: profile }],
    ];
    for (const [name, arg] of calls) {
      const result = await api.raw(name, arg);
      expect(result, name).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    }
    expect(snapshot(dir)).toEqual(before);
    expect(await api.raw('store.info', {})).toMatchObject({ ok: true, value: { path: storePath } });
  });

  it('a read-only session writes no file of any name', async () => {
    const { api, dir, profile } = await setup(true);
    const before = snapshot(dir);
    for (const target of [profile, join(dir, 'out.ndjson')]) {
      expect((await api.raw('export.run', exportTo(target))).ok, target).toBe(false);
    }
    expect((await api.raw('store.create', { path: join(dir, 'new.db') })).ok).toBe(false);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a path with a lone surrogate creates no file with a mangled name', async () => {
    const { api, dir } = await setup();
    const before = snapshot(dir);
    expect((await api.raw('store.create', { path: join(dir, 'lone\ud800.db') })).ok).toBe(false);
    expect((await api.raw('export.run', exportTo(join(dir, 'lone\udc00.ndjson')))).ok).toBe(false);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a store path with a lone surrogate from the command line (serve --store, the desktop) is refused', async () => {
    const dir = tempDirForTest();
    const session = new StoreSession();
    sessions.push(session);
    await expect(session.open(join(dir, 'x\ud800.db'), false)).rejects.toThrow(/surrogate/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
