/**
 * Copying between stores against the real servers: each test its own schema, bucket or key prefix, removed
 * after. What a user relies on: everything arrives, a transaction target keeps nothing of a failed or
 * cancelled copy, and what a target cannot keep is refused (counted) or dropped on request (counted).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Kvm } from '@nats-io/kv';
import { connect } from '@nats-io/transport-node';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { importTargetOf } from '../../electron/api/import-target.js';
import { openBackend } from '../../electron/api/open-backend.js';
import type { Backend } from '../../electron/backends/backend.js';
import { BackendUnavailableError } from '../../electron/backends/backend-errors.js';
import { parseConnectionString } from '../../electron/backends/connection-string.js';
import { RefusedError } from '../../electron/common/backend-refusals.js';
import type { Namespace } from '../../electron/store/namespaces.js';
import type { RecordInput } from '../../electron/store/types.js';
import { type CopyWriting, copyBetween } from '../../electron/transfer/copy-between.js';
import { exportRecords } from '../../electron/transfer/export-records.js';
import { importIntoBackend } from '../../electron/transfer/import-to-backend.js';
import { randomTable, rawClient, removeTable } from '../backends/redis-fixture.js';
import { MYSQL, NATS, POSTGRES, REDIS, serverAvailable } from '../backends/server-available.js';
import { tempDirForTest } from '../helpers/files.js';

const PG_URL = 'postgresql://root@127.0.0.1/test';
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'gomicro-file-store');
const hasPostgres = await serverAvailable(POSTGRES);
const hasRedis = await serverAvailable(REDIS);
const hasNats = await serverAvailable(NATS);
const hasMysql = await serverAvailable(MYSQL);

const opened: Backend[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const backend of opened.splice(0)) await backend.close();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function open(text: string, readOnly = false): Promise<Backend> {
  const { backend } = await openBackend(parseConnectionString(text, {}), { threads: 'main', readOnly });
  opened.push(backend);
  return backend;
}

/** A SQLite store holding `count` records in micro/micro (every third with metadata, every fifth a TTL). */
async function sqliteSource(count: number, extra: RecordInput[] = []): Promise<Backend> {
  const backend = await open(join(tempDirForTest(), 'source.db'));
  const records: RecordInput[] = Array.from({ length: count }, (_, i) => ({
    key: `key-${String(i).padStart(6, '0')}`,
    value: `value ${i}`,
    ...(i % 3 === 0 ? { metadata: { n: i } } : {}),
    ...(i % 5 === 0 ? { expiry: 3_600_000 } : {}),
  }));
  await backend.editing?.writeMany(MICRO, [...records, ...extra]);
  return backend;
}

const MICRO: Namespace = { database: 'micro', table: 'micro' };

function pgSchema(): string {
  const schema = `si_copy_${randomBytes(5).toString('hex')}`;
  cleanups.push(() => pgQuery(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).then(() => undefined));
  return schema;
}

async function pgQuery<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

interface Transactional {
  editing?: { transaction?<T>(work: (tx: Writing) => Promise<T>): Promise<T> } & Writing;
  transaction?<T>(work: (tx: Writing) => Promise<T>): Promise<T>;
}
type Writing = Pick<CopyWriting, 'createTable' | 'writeMany'>;

/**
 * The target as it is, except that after `batches` writes inside its transaction a second client ends the
 * transaction's connection (pg_terminate_backend), as an administrator or a failover would, and waits for it.
 */
function killedAfter<T extends Transactional>(target: T, batches: number, schema: string): T {
  const inner = target.editing?.transaction?.bind(target.editing) ?? target.transaction?.bind(target);
  if (inner === undefined) throw new Error('the target has no transaction');
  let written = 0;
  const transaction = <R>(work: (tx: Writing) => Promise<R>) =>
    inner((tx) =>
      work({
        createTable: (ns) => tx.createTable(ns),
        writeMany: async (ns, records, policy) => {
          const report = await tx.writeMany(ns, records, policy);
          if (++written === batches) {
            await pgQuery(
              'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE $1 AND pid <> pg_backend_pid()',
              [`%${schema}%`],
            );
          }
          return report;
        },
      }),
    );
  if (target.editing !== undefined) return { ...target, editing: { ...target.editing, transaction } };
  return { ...target, transaction };
}

/** How many times `method` of `object` is called from now on (it still runs). */
function countedCalls<K extends string, O extends Record<K, (...args: never[]) => unknown>>(object: O, method: K) {
  let calls = 0;
  const original = object[method].bind(object);
  object[method] = ((...args: never[]) => {
    calls++;
    return original(...args);
  }) as O[K];
  return () => calls;
}

async function allKeys(backend: Backend, namespace: Namespace): Promise<string[]> {
  const keys: string[] = [];
  for (let after: string | undefined; ; ) {
    const batch = await backend.reading.recordBatch(namespace, {}, after, 1_000);
    keys.push(...batch.map((record) => record.key));
    if (batch.length < 1_000) return keys;
    after = batch.at(-1)?.key;
  }
}

describe.skipIf(!hasPostgres)('copy into and out of Postgres', () => {
  it('copies SQLite into Postgres in one transaction: values, metadata and TTLs, expired left behind', async () => {
    const source = await sqliteSource(2_500, [{ key: 'gone', value: 'x', expiry: 1 }]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const target = await open(PG_URL);
    const schema = pgSchema();
    const progress: [number, number | null][] = [];
    const report = await copyBetween({
      source,
      target,
      scope: { kind: 'all' },
      to: { database: schema },
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(report).toMatchObject({ records: 2_500, written: 2_500, skippedExpired: 1, atomic: true, tables: 1 });
    expect(progress.at(-1)).toEqual([2_500, 2_500]);
    const [copied] = await target.reading.recordsByKey({ database: schema, table: 'micro' }, ['key-000015']);
    expect(copied?.metadata).toEqual({ n: 15 });
    expect(copied?.expiry).toBeGreaterThan(3_500_000);
    expect(Buffer.from(copied?.value ?? []).toString()).toBe('value 15');
  });

  it('leaves nothing in Postgres when its connection is killed mid-copy', async () => {
    const source = await sqliteSource(3_000);
    const target = await open(PG_URL);
    const schema = pgSchema();
    const copy = copyBetween({
      source,
      target: killedAfter(target, 5, schema),
      scope: { kind: 'table', namespace: MICRO },
      to: { database: schema },
      batchSize: 200,
    });
    await expect(copy).rejects.toBeInstanceOf(BackendUnavailableError);
    await expect(copy).rejects.toThrow(/dropped the connection/);
    const tables = await pgQuery(`SELECT 1 FROM pg_tables WHERE schemaname = $1`, [schema]);
    expect(tables).toEqual([]);
  });

  it('copies Postgres into a new SQLite store', async () => {
    const schema = pgSchema();
    const server = await open(PG_URL);
    const ns = { database: schema, table: 'orders' };
    await server.editing?.createTable(ns);
    await server.editing?.writeMany(ns, [
      { key: 'a', value: Buffer.from([0, 255, 1]), metadata: { kind: 'bin' } },
      { key: 'b', value: 'text', expiry: 60_000 },
    ]);
    const target = await open(join(tempDirForTest(), 'copy.db'));
    const report = await copyBetween({ source: server, target, scope: { kind: 'database', database: schema } });
    expect(report).toMatchObject({ records: 2, written: 2, atomic: true });
    const [a, b] = await target.reading.recordsByKey(ns, ['a', 'b']);
    expect([...(a?.value ?? [])]).toEqual([0, 255, 1]);
    expect(a?.metadata).toEqual({ kind: 'bin' });
    expect(b?.expiry).toBeGreaterThan(50_000);
  });

  it('copies the go-micro file store fixture into Postgres, every table', async () => {
    const source = await open(FIXTURES, true);
    const target = await open(PG_URL);
    const micro = pgSchema();
    const service = pgSchema();
    const one = await copyBetween({
      source,
      target,
      scope: { kind: 'database', database: 'micro' },
      to: { database: micro },
    });
    const two = await copyBetween({
      source,
      target,
      scope: { kind: 'database', database: 'service' },
      to: { database: service },
    });
    const databases = await source.reading.databases();
    const live = (name: string) =>
      databases.find((db) => db.database === name)?.tables.reduce((sum, table) => sum + table.count, 0);
    expect(one.records).toBe(live('micro'));
    expect(two.records).toBe(live('service'));
    expect(two.skippedExpired).toBeGreaterThan(0);
    expect(await allKeys(target, { database: service, table: 'orders' })).toEqual(
      await allKeys(source, { database: 'service', table: 'orders' }),
    );
    // The empty table is made too, so the copy shows what the folder shows.
    expect(
      await pgQuery(`SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = 'empty'`, [micro]),
    ).toHaveLength(1);
  });

  it('rolls back a cancelled copy and refuses a fail conflict before writing', async () => {
    const source = await sqliteSource(3_000);
    const target = await open(PG_URL);
    const schema = pgSchema();
    const controller = new AbortController();
    const copy = copyBetween({
      source,
      target,
      scope: { kind: 'all' },
      to: { database: schema },
      batchSize: 250,
      signal: controller.signal,
      onProgress: (done) => done >= 1_000 && controller.abort(new Error('stopped by the user')),
    });
    await expect(copy).rejects.toThrow('stopped by the user');
    expect(await pgQuery(`SELECT 1 FROM pg_tables WHERE schemaname = $1`, [schema])).toEqual([]);
    const ns = { database: schema, table: 'micro' };
    await target.editing?.createTable(ns);
    await target.editing?.writeMany(ns, [{ key: 'key-000007', value: 'theirs' }]);
    const fail = copyBetween({ source, target, scope: { kind: 'all' }, to: { database: schema }, policy: 'fail' });
    await expect(fail).rejects.toThrow(/already exists/);
    expect(await allKeys(target, ns)).toEqual(['key-000007']);
    const skip = await copyBetween({
      source,
      target,
      scope: { kind: 'all' },
      to: { database: schema },
      policy: 'skip',
    });
    expect(skip).toMatchObject({ written: 2_999, skippedExisting: 1 });
  });
});

describe.skipIf(!hasPostgres)('a file import into Postgres is one transaction too', () => {
  it('leaves nothing when the connection is killed during the writing pass', async () => {
    const source = await sqliteSource(5_000);
    const file = join(tempDirForTest(), 'records.ndjson');
    await exportRecords({
      reader: source.reading,
      scope: { kind: 'table', namespace: MICRO },
      format: 'lines',
      out: createWriteStream(file),
    });
    const target = await open(PG_URL);
    const schema = pgSchema();
    const imported = importIntoBackend({
      path: file,
      namespace: { database: schema, table: 'micro' },
      target: killedAfter(importTargetOf(target), 2, schema),
    });
    await expect(imported).rejects.toBeInstanceOf(BackendUnavailableError);
    // A write was in flight: only then does the sentence say what became of it.
    await expect(imported).rejects.toThrow(/dropped the connection.*; nothing of the unfinished write was kept$/);
    expect(await pgQuery('SELECT 1 FROM pg_tables WHERE schemaname = $1', [schema])).toEqual([]);
  });
});

describe.skipIf(!hasRedis)('copy into Redis (no metadata, no transaction)', () => {
  it('refuses records with metadata, counted, writing nothing; --drop-metadata copies them without it', async () => {
    const source = await sqliteSource(30);
    const target = await open('redis://127.0.0.1:6379/0');
    const table = randomTable();
    const client = rawClient();
    cleanups.push(async () => {
      await removeTable(client, table);
      await client.quit();
    });
    const to = { database: 'micro', table };
    const refused = copyBetween({ source, target, scope: { kind: 'table', namespace: MICRO }, to });
    await expect(refused).rejects.toBeInstanceOf(RefusedError);
    await expect(refused).rejects.toThrow('Redis keeps no metadata (10 record(s) carry some');
    expect(await allKeys(target, to)).toEqual([]);
    const report = await copyBetween({
      source,
      target,
      scope: { kind: 'table', namespace: MICRO },
      to,
      dropMetadata: true,
      batchSize: 7,
    });
    // The report of a copy that dropped something still says how many records carried it.
    expect(report).toMatchObject({
      records: 30,
      written: 30,
      atomic: false,
      batches: 5,
      cannotKeep: { metadata: 10, ttl: 0 },
      dropped: { metadata: 10, ttl: 0 },
    });
    const [kept] = await target.reading.recordsByKey(to, ['key-000005']);
    expect(kept?.expiry).toBeGreaterThan(3_500_000);
  });

  it('says how many records were written when a copy without a transaction is cancelled', async () => {
    const source = await sqliteSource(100);
    const target = await open('redis://127.0.0.1:6379/0');
    const table = randomTable();
    const client = rawClient();
    cleanups.push(async () => {
      await removeTable(client, table);
      await client.quit();
    });
    const controller = new AbortController();
    const copy = copyBetween({
      source,
      target,
      scope: { kind: 'table', namespace: MICRO },
      to: { database: 'micro', table },
      dropMetadata: true,
      batchSize: 20,
      signal: controller.signal,
      onProgress: (done) => done >= 40 && controller.abort(new Error('stopped')),
    });
    await expect(copy).rejects.toThrow(
      'stopped (not atomic: 40 record(s) were written whole before it stopped, none in part)',
    );
    expect(await allKeys(target, { database: 'micro', table })).toHaveLength(40);
  });
});

/** An empty bucket of our own (an empty bucket's keys are plain unless the URL says otherwise), removed after. */
async function natsBucket(): Promise<string> {
  const nc = await connect({ servers: '127.0.0.1:4222' });
  const bucket = `si_copy_${randomBytes(5).toString('hex')}`;
  const kv = await new Kvm(nc).create(bucket, { history: 1 });
  cleanups.push(async () => {
    await kv.destroy();
    await nc.close();
  });
  return bucket;
}

describe.skipIf(!hasNats)('copy into NATS KV (no per-record TTL)', () => {
  it('refuses records with their own TTL, counted; --drop-ttl copies them without it', async () => {
    const bucket = await natsBucket();
    const source = await sqliteSource(25);
    const target = await open('nats://127.0.0.1:4222');
    const to = { database: bucket, table: 'micro' };
    const refused = copyBetween({ source, target, scope: { kind: 'table', namespace: MICRO }, to });
    await expect(refused).rejects.toThrow('NATS KV has no per-record TTL (5 record(s) carry their own expiry');
    expect(await allKeys(target, to)).toEqual([]);
    const dry = await copyBetween({ source, target, scope: { kind: 'all' }, to: { database: bucket }, dryRun: true });
    expect(dry).toMatchObject({ records: 25, cannotKeep: { ttl: 5 }, written: 0 });
    const copy = { source, target, scope: { kind: 'all' }, to: { database: bucket }, dropTtl: true } as const;
    const report = await copyBetween(copy);
    expect(report).toMatchObject({ records: 25, written: 25, dropped: { ttl: 5, metadata: 0 } });
    // Copied again over itself: checking every value's size first fetches none of the records there (only a dry
    // run, or a `fail` policy without a transaction, asks which keys exist).
    const fetched = countedCalls(target.reading, 'recordsByKey');
    expect(await copyBetween(copy)).toMatchObject({ records: 25, overwritten: 25 });
    expect(fetched()).toBe(0);
    const [was] = await target.reading.recordsByKey(to, ['key-000000']);
    expect(was?.expiry).toBe(0);
    expect(was?.metadata).toEqual({ n: 0 });
  });
});

describe.skipIf(!hasNats)('copy and import into NATS KV with plain keys', () => {
  const spaced = [
    { key: 'k with space', value: 'a' },
    { key: 'another space', value: 'b' },
  ];

  it('tells the keys it cannot hold in the first refusal, beside the TTLs, and again after dropping them', async () => {
    const bucket = await natsBucket();
    const source = await sqliteSource(10, spaced);
    const target = await open('nats://127.0.0.1:4222?keys=plain');
    const to = { database: bucket, table: 'orders' };
    const copy = { source, target, scope: { kind: 'table', namespace: MICRO }, to } as const;
    const first = copyBetween(copy);
    await expect(first).rejects.toBeInstanceOf(RefusedError);
    await expect(first).rejects.toThrow(
      /carry their own expiry.*; besides, 2 record\(s\) have a key the target cannot hold, the first: key "orders_another space" cannot be a plain NATS KV key/,
    );
    const dropped = copyBetween({ ...copy, dropTtl: true });
    await expect(dropped).rejects.toThrow(
      /^2 record\(s\) have a key the target cannot hold, the first: key "orders_another space" .*: nothing was written$/,
    );
    await expect(copyBetween({ ...copy, dryRun: true })).rejects.toThrow('2 record(s) have a key the target cannot');
    expect(await allKeys(target, to)).toEqual([]);
  });

  it('refuses a file import holding such keys before writing any record', async () => {
    const bucket = await natsBucket();
    const source = await sqliteSource(0, [...spaced, { key: 'fine', value: 'c' }]);
    const file = join(tempDirForTest(), 'records.jsonl');
    await exportRecords({
      reader: source.reading,
      scope: { kind: 'table', namespace: MICRO },
      format: 'lines',
      out: createWriteStream(file),
    });
    const target = await open('nats://127.0.0.1:4222?keys=plain');
    const namespace = { database: bucket, table: '' };
    const imported = importIntoBackend({ path: file, namespace, target: importTargetOf(target) });
    await expect(imported).rejects.toThrow(
      '2 record(s) of the file have a key the target cannot hold, the first: key "another space"',
    );
    // Dropping what the target cannot keep never drops a key: it still refuses, writing nothing.
    await expect(
      importIntoBackend({ path: file, namespace, target: importTargetOf(target), dropUnkept: true }),
    ).rejects.toThrow(/^2 record\(s\) of the file have a key the target cannot hold, .*: nothing was written$/);
    expect(await allKeys(target, namespace)).toEqual([]);
  });
});

describe.skipIf(!hasMysql)('copy into MySQL (one transaction, no metadata)', () => {
  it('rolls back a cancelled copy and commits a whole one, metadata dropped on request', async () => {
    // go-micro's MySQL database names are letters only.
    const database = `sicopy${[...randomBytes(8)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('')}`;
    cleanups.push(async () => {
      const raw = await mysql.createConnection({ host: '127.0.0.1', user: 'root' });
      await raw.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await raw.end();
    });
    const source = await sqliteSource(2_000);
    const target = await open('mysql://root@127.0.0.1:3306/test');
    const controller = new AbortController();
    const options = { source, target, scope: { kind: 'all' } as const, to: { database }, dropMetadata: true };
    const cancelled = copyBetween({
      ...options,
      batchSize: 300,
      signal: controller.signal,
      onProgress: (done) => done >= 900 && controller.abort(new Error('stopped')),
    });
    await expect(cancelled).rejects.toThrow('stopped');
    // MySQL commits DDL by itself: the table may be there, but not one row of the cancelled copy.
    expect(await allKeys(target, { database, table: 'micro' })).toEqual([]);
    const report = await copyBetween(options);
    expect(report).toMatchObject({ records: 2_000, written: 2_000, atomic: true, dropped: { metadata: 667 } });
  });
});

describe('copy between SQLite stores', () => {
  it('counts whole tables from their listing, not again, live and expired alike', async () => {
    const source = await sqliteSource(40, [{ key: 'gone', value: 'x', expiry: 1 }]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const target = await open(join(tempDirForTest(), 'target.db'));
    const counts = countedCalls(source.reading, 'count');
    const totals: (number | null)[] = [];
    const report = await copyBetween({
      source,
      target,
      scope: { kind: 'all' },
      batchSize: 10,
      onProgress: (_done, total) => totals.push(total),
    });
    expect(report).toMatchObject({ records: 40, written: 40, skippedExpired: 1 });
    expect(new Set(totals)).toEqual(new Set([40]));
    expect(counts()).toBe(0);
  });
});

describe('copy refuses what it cannot do', () => {
  it('refuses a go-micro file store as the target, and a table onto itself', async () => {
    const source = await sqliteSource(3);
    const gomicro = await open(FIXTURES, true);
    await expect(copyBetween({ source, target: gomicro, scope: { kind: 'all' } })).rejects.toThrow(
      /go-micro's file store is read-only/,
    );
    await expect(copyBetween({ source, target: source, scope: { kind: 'all' } })).rejects.toThrow(/onto itself/);
    const into = copyBetween({ source, target: source, scope: { kind: 'all' }, to: { database: 'copy' } });
    await expect(into).resolves.toMatchObject({ records: 3, written: 3, atomic: true });
  });
});
