/**
 * store.copyTo: the open store into another store, as a task. What the page relies on: progress events, a
 * cancel that leaves a transaction target untouched, refusals as data with their counts, and the open store
 * left as it was.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
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
    expect(report).toMatchObject({ records: 10, written: 10, atomic: true, tables: 1 });
    const other = testApi();
    sessions.push(other.session);
    await other.value('store.open', { file: other.file(path, 'store') });
    expect(await other.value('records.count', { database: 'micro', table: 'some', filter: {} })).toBe(10);
  });

  it('refuses to write into the open store file itself', async () => {
    const { api, dir } = await openedStore(3);
    const result = await api.call('store.copyTo', {
      taskId: 'c2',
      to: { url: join(dir, 'open.db') },
      scope: { kind: 'all' },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'foreign-file' } });
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
    expect(done).toMatchObject({ records: 20_000, written: 20_000, atomic: true });
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
