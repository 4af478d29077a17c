/**
 * Import and Export as the app calls them (import.preview, import.run, export.run through dispatch, files by
 * grant) while the open store is a server: Postgres, Redis, NATS KV and MySQL in go-micro's layouts. Each
 * file goes in, is read back raw with the server's own client, and comes out again whole. A suite is skipped
 * with a printed reason where its server is not running (failed instead under CI=true).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kvm } from '@nats-io/kv';
import { connect as natsConnect } from '@nats-io/transport-node';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../electron/api/contract/results.js';
import { createDispatch } from '../../electron/api/dispatch.js';
import { FileGrants } from '../../electron/api/file-grants.js';
import { createHandlers } from '../../electron/api/handlers.js';
import { StoreSession } from '../../electron/api/store-session.js';
import { randomTable, rawClient, removeTable } from '../backends/redis-fixture.js';
import { MYSQL, NATS, POSTGRES, REDIS, serverAvailable } from '../backends/server-available.js';
import { tempDirForTest } from '../helpers/files.js';

const reachable = {
  postgres: await serverAvailable(POSTGRES),
  redis: await serverAvailable(REDIS),
  nats: await serverAvailable(NATS),
  mysql: await serverAvailable(MYSQL),
};
const cleanups: (() => Promise<unknown>)[] = [];
/**
 * Opening a server counts every record it holds (store.info), and scanning Redis for a table's prefix walks
 * the whole key space: on a shared server holding millions of keys (benchmarks) that takes a minute.
 */
const FULL_SERVER_MS = 120_000;
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Line {
  key: string;
  value: string;
  metadata?: Record<string, unknown>;
  expiry?: number;
}

/** The app's side: one session, its handlers, files granted as main grants them after a dialog. */
function app() {
  const session = new StoreSession();
  const grants = new FileGrants();
  const dispatch = createDispatch(createHandlers(session, { grants, env: {} }));
  cleanups.push(() => session.close());
  const value = async <T>(name: string, arg: unknown): Promise<T> => {
    const result: Result<unknown> = await dispatch(name, arg);
    if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
    return result.value as T;
  };
  return { value, grant: (path: string, access: 'read' | 'write') => grants.grant(path, access).id };
}

/** Records lines a Go service would write: 30 records, with metadata and a TTL only where asked. */
function recordsFile(
  dir: string,
  { metadata, ttl }: { metadata: boolean; ttl: boolean },
): { path: string; lines: Line[] } {
  const lines: Line[] = Array.from({ length: 30 }, (_, i) => ({
    key: `item-${String(i).padStart(3, '0')}`,
    value: Buffer.from(`value ${i}`).toString('base64'),
    ...(metadata ? { metadata: { n: i } } : {}),
    ...(ttl && i % 2 === 0 ? { expiry: 3_600 * 1e9 } : {}),
  }));
  const path = join(dir, 'in.ndjson');
  writeFileSync(path, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
  return { path, lines };
}

/** Connects, previews, imports, exports: what the Import and Export dialogs call, in that order. */
async function importAndExport(
  url: string,
  namespace: { database: string; table: string },
  options: { metadata: boolean; ttl: boolean },
) {
  const { value, grant } = app();
  const dir = tempDirForTest();
  const { path, lines } = recordsFile(dir, options);
  const opened = await value<{ readOnly: boolean }>('store.connect', { url, readOnly: false });
  expect(opened.readOnly).toBe(false);
  const file = grant(path, 'read');
  const preview = await value<{ records: number; cannotKeep?: unknown }>('import.preview', {
    taskId: 'p1',
    file,
    ...namespace,
  });
  expect(preview.records).toBe(30);
  const imported = await value<{ written: number; overwritten: number }>('import.run', {
    taskId: 'i1',
    file,
    ...namespace,
  });
  expect(imported.written + imported.overwritten).toBe(30);
  const out = join(dir, 'out.ndjson');
  const exported = await value<{ records: number }>('export.run', {
    taskId: 'e1',
    file: grant(out, 'write'),
    format: 'lines',
    scope: { kind: 'table', ...namespace },
  });
  expect(exported.records).toBe(30);
  const back = readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .map((text) => JSON.parse(text) as Line);
  expect(back.map(({ key, value: bytes, metadata }) => ({ key, value: bytes, metadata: metadata ?? {} }))).toEqual(
    lines.map(({ key, value: bytes, metadata }) => ({ key, value: bytes, metadata: metadata ?? {} })),
  );
  // A TTL comes back as the time left: a little under the hour it was given.
  for (const [index, line] of back.entries()) {
    if (options.ttl && index % 2 === 0) expect(line.expiry).toBeGreaterThan(3_500 * 1e9);
    else expect(line.expiry).toBeUndefined();
  }
  return lines;
}

const hex = () => randomBytes(5).toString('hex');

describe.skipIf(!reachable.postgres)('on a Postgres store', () => {
  it('a file imports into go-micro’s table and the table exports whole', async () => {
    const url = 'postgresql://root@127.0.0.1/test';
    const schema = `si_io_${hex()}`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    cleanups.push(async () => {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    });
    await importAndExport(url, { database: schema, table: 'micro' }, { metadata: true, ttl: true });
    const { rows } = await client.query(
      `SELECT convert_from(value, 'UTF8') AS v, metadata, expiry IS NOT NULL AS expires FROM ${schema}.micro WHERE key = 'item-004'`,
    );
    expect(rows).toEqual([{ v: 'value 4', metadata: { n: 4 }, expires: true }]);
  });
});

/** A Redis client and a table prefix of the test's own, removed after it. */
function redisTable() {
  const client = rawClient();
  const table = randomTable();
  cleanups.push(async () => {
    await removeTable(client, table);
    await client.quit();
  });
  return { client, table };
}

describe.skipIf(!reachable.redis)('on a Redis store', () => {
  it('a file without metadata imports under the table’s prefix and exports whole', {
    timeout: FULL_SERVER_MS,
  }, async () => {
    const { client, table } = redisTable();
    await importAndExport('redis://127.0.0.1:6379/0', { database: 'micro', table }, { metadata: false, ttl: true });
    expect(await client.get(`${table}item-004`)).toBe('value 4');
    expect(await client.pttl(`${table}item-004`)).toBeGreaterThan(3_500_000);
    expect(await client.pttl(`${table}item-005`)).toBe(-1);
  });
});

describe.skipIf(!reachable.redis)('importing what Redis cannot keep', () => {
  it('the preview says what the import would stop on, and the import can go on without it', {
    timeout: FULL_SERVER_MS,
  }, async () => {
    const { client, table } = redisTable();
    const { value, grant } = app();
    await value('store.connect', { url: 'redis://127.0.0.1:6379/0', readOnly: false });
    const file = grant(recordsFile(tempDirForTest(), { metadata: true, ttl: true }).path, 'read');
    const namespace = { database: 'micro', table };
    const preview = await value<{ unkept?: string[] }>('import.preview', { taskId: 'p1', file, ...namespace });
    expect(preview.unkept).toHaveLength(1);
    expect(preview.unkept?.[0]).toMatch(/metadata .*\(30 record\(s\) of the file carry some\)$/);
    await expect(value('import.run', { taskId: 'i1', file, ...namespace })).rejects.toThrow(/30 record\(s\)/);
    expect(await client.get(`${table}item-004`)).toBeNull();
    const imported = await value<{ written: number }>('import.run', {
      taskId: 'i2',
      file,
      ...namespace,
      dropUnkept: true,
    });
    expect(imported.written).toBe(30);
    expect(await client.get(`${table}item-004`)).toBe('value 4');
    expect(await client.pttl(`${table}item-004`)).toBeGreaterThan(3_500_000);
  });
});

describe.skipIf(!reachable.nats)('on a NATS KV store', () => {
  it('a file without a TTL per record imports into the bucket and exports whole', {
    timeout: FULL_SERVER_MS,
  }, async () => {
    const nc = await natsConnect({ servers: '127.0.0.1:4222' });
    const bucket = `si_io_${hex()}`;
    const kv = await new Kvm(nc).create(bucket, { history: 1 });
    cleanups.push(async () => {
      await kv.destroy();
      await nc.close();
    });
    await importAndExport(
      'nats://127.0.0.1:4222',
      { database: bucket, table: 'micro' },
      { metadata: true, ttl: false },
    );
    const entry = await kv.get('micro_item-004');
    // go-micro's NATS store keeps the record as JSON: its value as base64 in `data`, its metadata beside it.
    expect(JSON.parse(entry?.string() ?? 'null')).toMatchObject({ data: Buffer.from('value 4').toString('base64') });
  });
});

describe.skipIf(!reachable.mysql)('on a MySQL store', () => {
  it('a file without metadata imports into go-micro’s table and exports whole', async () => {
    const client = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
    // go-micro's MySQL store allows letters only in a database's name.
    const database = `siio${[...randomBytes(8)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('')}`;
    await client.query(`CREATE DATABASE ${database}`);
    cleanups.push(async () => {
      await client.query(`DROP DATABASE IF EXISTS ${database}`);
      await client.end();
    });
    await importAndExport(
      'mysql://root@127.0.0.1:3306/test',
      { database, table: 'micro' },
      { metadata: false, ttl: true },
    );
    const [rows] = await client.query(
      `SELECT CAST(value AS CHAR) AS v FROM ${database}.micro WHERE \`key\` = 'item-004'`,
    );
    expect(rows).toEqual([{ v: 'value 4' }]);
  });
});
