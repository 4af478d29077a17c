/**
 * store.copyTo: the open store into another store, as a task. What the page relies on: progress events, a
 * cancel that leaves a transaction target untouched, refusals as data with their counts, and the open store
 * left as it was.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionBook } from '../../electron/api/connection-handlers.js';
import { createDispatch } from '../../electron/api/dispatch.js';
import { FileGrants } from '../../electron/api/file-grants.js';
import { createHandlers } from '../../electron/api/handlers.js';
import { StoreSession } from '../../electron/api/store-session.js';
import { POSTGRES, REDIS, serverAvailable } from '../backends/server-available.js';
import { testApi } from '../gomicro-app/fixture-store.js';
import { tempDirForTest } from '../helpers/files.js';

const PG_URL = 'postgresql://root@127.0.0.1/test';
const hasPostgres = await serverAvailable(POSTGRES);
const hasRedis = await serverAvailable(REDIS);
const schemas: string[] = [];
const sessions: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const session of sessions.splice(0)) await session.close();
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  for (const schema of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
});

/** A new SQLite store open in the API, with `count` records in micro/micro (every other one with metadata). */
async function openedStore(count: number) {
  const api = testApi();
  sessions.push(api.session);
  const dir = tempDirForTest();
  await api.value('store.create', { file: api.file(join(dir, 'open.db'), 'write') });
  const records = Array.from({ length: count }, (_, i) => ({
    key: `k${String(i).padStart(5, '0')}`,
    value: `v${i}`,
    ...(i % 2 === 0 ? { metadata: { i } } : {}),
  }));
  await api.session.backend?.editing?.writeMany({ database: 'micro', table: 'micro' }, records);
  return { api, dir };
}

describe('store.copyTo', () => {
  it('copies a filtered table into a new SQLite file granted for writing', async () => {
    const { api, dir } = await openedStore(50);
    const path = join(dir, 'copy.db');
    const report = await api.value<{ records: number; atomic: boolean }>('store.copyTo', {
      taskId: 'c1',
      to: { file: api.file(path, 'write') },
      scope: { kind: 'table', database: 'micro', table: 'micro', filter: { prefix: 'k0001' } },
      toTable: 'some',
    });
    expect(report).toMatchObject({ records: 10, written: 10, atomic: true, tables: 1, targetKind: 'sqlite' });
    const other = testApi();
    sessions.push(other.session);
    await other.value('store.open', { file: other.file(path, 'store') });
    expect(await other.value('records.count', { database: 'micro', table: 'some', filter: {} })).toBe(10);
  });

  it('refuses to write into the open store file itself', async () => {
    const { api, dir } = await openedStore(3);
    const result = await api.call('store.copyTo', {
      taskId: 'c2',
      to: { file: api.file(join(dir, 'open.db'), 'write') },
      scope: { kind: 'all' },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'foreign-file' } });
  });

  it('refuses a path given as the URL: the page names a file by a grant only', async () => {
    const { api, dir } = await openedStore(3);
    const path = join(dir, 'named-by-the-page.db');
    const result = await api.call('store.copyTo', { taskId: 'c2b', to: { url: path }, scope: { kind: 'all' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(existsSync(path)).toBe(false);
  });

  it('answers a saved target as unsupported where the host keeps no saved connections (browser mode)', async () => {
    const { api } = await openedStore(3);
    const result = await api.call('store.copyTo', { taskId: 'c2c', to: { saved: 'x1' }, scope: { kind: 'all' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });

  it.skipIf(!hasPostgres)('copies into Postgres with progress; a cancel leaves nothing there', async () => {
    const { api } = await openedStore(20_000);
    const schema = `si_copyto_${randomBytes(5).toString('hex')}`;
    schemas.push(schema);
    const copying = api.call('store.copyTo', {
      taskId: 'c3',
      to: { url: PG_URL },
      scope: { kind: 'all' },
      toDatabase: schema,
    });
    for (let i = 0; i < 2_000 && !api.events.some((event) => event.type === 'progress'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(api.events.find((event) => event.type === 'progress')).toMatchObject({ task: 'c3', total: 20_000 });
    expect(await api.value('task.cancel', { taskId: 'c3' })).toEqual({ cancelled: true });
    expect(await copying).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    const { rows } = await client.query('SELECT 1 FROM pg_tables WHERE schemaname = $1', [schema]);
    await client.end();
    expect(rows).toEqual([]);
    const done = await api.value('store.copyTo', {
      taskId: 'c4',
      to: { url: PG_URL },
      scope: { kind: 'all' },
      toDatabase: schema,
    });
    expect(done).toMatchObject({ records: 20_000, written: 20_000, atomic: true, targetKind: 'postgres' });
  });

  it.skipIf(!hasRedis)('answers a copy into Redis of records with metadata as refused, with the count', async () => {
    const { api } = await openedStore(6);
    const result = await api.call('store.copyTo', {
      taskId: 'c5',
      to: { url: 'redis://127.0.0.1:6379/0' },
      scope: { kind: 'table', database: 'micro', table: 'micro' },
      toTable: `si_copyto_${randomBytes(4).toString('hex')}`,
    });
    // Refused before anything is written.
    expect(result).toMatchObject({ ok: false, error: { code: 'refused' } });
    if (!result.ok) expect(result.error.message).toMatch(/Redis keeps no metadata \(3 record\(s\) carry some/);
  });
});

describe('store.copyTo into a saved connection (the desktop)', () => {
  it.skipIf(!hasPostgres)('opens the target with the password the host keeps, never sent by the page', async () => {
    const unsealed: string[] = [];
    const entry = {
      id: 's1',
      name: 'staging',
      url: 'postgresql://root@127.0.0.1/test',
      display: 'postgresql://root@127.0.0.1/test',
      readOnly: false,
      hasPassword: true,
    };
    // A book as main keeps one (electron/main/saved-connections.ts), in memory: trust auth ignores the password.
    const book: ConnectionBook = {
      passwordsNotKept: async () => undefined,
      list: async () => [entry],
      save: async () => entry,
      forget: async () => undefined,
      unseal: async (id) => {
        unsealed.push(id);
        return id === entry.id ? { entry, password: 'sealed-secret' } : undefined;
      },
    };
    const session = new StoreSession();
    sessions.push(session);
    const dispatch = createDispatch(createHandlers(session, { grants: new FileGrants(), connections: book }));
    const schema = `si_copysaved_${randomBytes(5).toString('hex')}`;
    schemas.push(schema);
    // The open store is a Postgres schema made here; the copy goes to another table of the same server.
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`CREATE SCHEMA "${schema}"`);
    await client.query(
      `CREATE TABLE "${schema}".micro (key text NOT NULL, value bytea, metadata JSONB, expiry timestamp with time zone, CONSTRAINT micro_pkey PRIMARY KEY (key))`,
    );
    await client.query(`INSERT INTO "${schema}".micro VALUES ('a', 'one', '{"m":1}', NULL), ('b', 'two', '{}', NULL)`);
    expect(await dispatch('store.connect', { url: PG_URL, readOnly: true })).toMatchObject({ ok: true });
    const copied = await dispatch('store.copyTo', {
      taskId: 'saved1',
      to: { saved: 's1' },
      scope: { kind: 'table', database: schema, table: 'micro' },
      toTable: 'copied',
    });
    expect(copied).toMatchObject({ ok: true, value: { records: 2, written: 2, targetKind: 'postgres' } });
    expect(unsealed).toEqual(['s1']);
    const { rows } = await client.query(
      `SELECT key, convert_from(value, 'UTF8') AS v FROM "${schema}".copied ORDER BY key`,
    );
    await client.end();
    expect(rows).toEqual([
      { key: 'a', v: 'one' },
      { key: 'b', v: 'two' },
    ]);
    expect(
      await dispatch('store.copyTo', { taskId: 'saved2', to: { saved: 'gone' }, scope: { kind: 'all' } }),
    ).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('store.copyTo cancelled while the target is being reached', () => {
  it('answers cancelled, not the connection’s timeout, once the server never answers', {
    timeout: 30_000,
  }, async () => {
    // A server that takes the connection and never says a word: the connect waits out its timeout.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const { api } = await openedStore(3);
      const copying = api.call('store.copyTo', {
        taskId: 'slow',
        to: { url: `postgresql://root@127.0.0.1:${port}/test` },
        scope: { kind: 'all' },
      });
      // The task is known from the moment the call starts, before the target answers.
      let cancelled = false;
      for (let i = 0; i < 200 && !cancelled; i++) {
        cancelled = (await api.value<{ cancelled: boolean }>('task.cancel', { taskId: 'slow' })).cancelled;
        if (!cancelled) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(cancelled).toBe(true);
      expect(await copying).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    } finally {
      silent.close();
    }
  });
});
