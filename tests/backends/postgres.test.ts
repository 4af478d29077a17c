import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BackendUnavailableError } from '../../electron/backends/backend-errors.js';
import { parseConnectionString, type ServerTarget } from '../../electron/backends/connection-string.js';
import { explained, openPgPool } from '../../electron/backends/postgres/pg-connection.js';
import { listDatabases } from '../../electron/backends/postgres/pg-databases.js';
import { createTable, upsertRecord, writeIfUnchanged } from '../../electron/backends/postgres/pg-editing.js';
import { filterConditions, Params, whereClause } from '../../electron/backends/postgres/pg-filter.js';
import { keySortsByBytes } from '../../electron/backends/postgres/pg-key-order.js';
import { type PgTable, pgTableOf, qualified } from '../../electron/backends/postgres/pg-names.js';
import {
  countMatching,
  inspectRecord,
  readPage,
  recordBatch,
  recordsByKey,
} from '../../electron/backends/postgres/pg-reading.js';
import { findShapedTables } from '../../electron/backends/postgres/pg-shape.js';
import { compareKeys } from '../../electron/store/key-order.js';
import { ConflictError } from '../../electron/store/record-detail.js';
import type { RecordFilter } from '../../electron/store/record-filter.js';
import { POSTGRES, serverAvailable } from './server-available.js';

const URL_TEXT = 'postgres://root@127.0.0.1:5432/test?sslmode=disable';
const reachable = await serverAvailable(POSTGRES);

function serverTarget(text: string): ServerTarget {
  const target = parseConnectionString(text, {});
  if (target.kind === 'path') throw new Error('expected a server URL');
  return target;
}

/** go-micro v5 store/postgres initDB, as a go-micro service would have run it (unquoted names). */
async function goMicroCreates(db: pg.Pool, schema: string, table: string): Promise<void> {
  await db.query(`CREATE SCHEMA IF NOT EXISTS ${schema};`);
  await db.query(`CREATE TABLE IF NOT EXISTS ${schema}.${table}
  (
    key text NOT NULL,
    value bytea,
    metadata JSONB,
    expiry timestamp with time zone,
    CONSTRAINT ${table}_pkey PRIMARY KEY (key)
  );`);
  await db.query(`CREATE INDEX IF NOT EXISTS "key_index_${table}" ON ${schema}.${table} USING btree ("key");`);
  await db.query(`CREATE INDEX IF NOT EXISTS "metadata_index_${table}" ON ${schema}.${table} USING GIN ("metadata");`);
}

/** go-micro's `write` statement with the parameters its Write passes. */
async function goMicroWrites(
  db: pg.Pool,
  where: PgTable,
  key: string,
  value: Uint8Array,
  metadata: Record<string, unknown>,
  ttlMs: number,
): Promise<void> {
  await db.query(
    `INSERT INTO ${where.schema}.${where.table}(key, value, metadata, expiry) VALUES ($1, $2::bytea, $3, $4) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, metadata = EXCLUDED.metadata, expiry = EXCLUDED.expiry;`,
    [key, Buffer.from(value), JSON.stringify(metadata), ttlMs === 0 ? null : new Date(Date.now() + ttlMs)],
  );
}

const LIVE: RecordFilter = {};

describe.skipIf(!reachable)("Postgres in go-micro's layout", () => {
  const target = serverTarget(URL_TEXT);
  let pool: pg.Pool;
  let where: PgTable;

  beforeAll(() => {
    pool = openPgPool(target);
  });
  afterAll(async () => {
    await pool?.end();
  });
  beforeEach(async () => {
    where = pgTableOf({ database: `si_test_${randomBytes(6).toString('hex')}`, table: 'micro' });
    await goMicroCreates(pool, where.schema, where.table);
  });
  afterEach(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${where.schema}" CASCADE`);
  });

  it("reads back exactly what go-micro's Write stored, expired rows hidden unless asked", async () => {
    const binary = new Uint8Array([0, 255, 1, 128, 10]);
    await goMicroWrites(pool, where, 'user/1', binary, { n: 3, tags: ['a', 'b'], s: 'x' }, 0);
    await goMicroWrites(pool, where, 'user/ü', Buffer.from('ünïcode'), {}, 60_000);
    await goMicroWrites(pool, where, 'user/gone', Buffer.from('old'), {}, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const now = Date.now();

    const records = await recordBatch(pool, where, LIVE, undefined, 10, now);
    expect(records.map((record) => record.key)).toEqual(['user/1', 'user/ü']);
    expect(records[0]).toEqual({
      key: 'user/1',
      value: binary,
      metadata: { n: 3, tags: ['a', 'b'], s: 'x' },
      expiry: 0,
    });
    expect(Buffer.from(records[1]?.value ?? []).toString()).toBe('ünïcode');
    expect(records[1]?.expiry).toBeGreaterThan(55_000);
    expect(records[1]?.expiry).toBeLessThanOrEqual(60_000);

    const expired = await readPage(pool, where, { filter: { expiry: 'expired' }, order: 'asc', limit: 10 }, now);
    expect(expired.records.map((row) => [row.key, row.expired])).toEqual([['user/gone', true]]);
    expect(await countMatching(pool, where, { expiry: 'all' }, now)).toBe(3);
    expect(await countMatching(pool, where, LIVE, now)).toBe(2);
    expect((await recordsByKey(pool, where, ['user/gone', 'user/1'], now)).map((r) => r.key)).toEqual(['user/1']);
    const detail = await inspectRecord(pool, where, 'user/gone', 100, now);
    expect([detail.expired, Buffer.from(detail.value).toString()]).toEqual([true, 'old']);
  });

  it('writes what go-micro reads: raw columns as its upsert leaves them', async () => {
    const before = Date.now();
    await upsertRecord(
      pool,
      where,
      { key: 'k', value: new Uint8Array([0, 1, 2]), metadata: { a: 1 }, expiry: 30_000 },
      before,
    );
    await upsertRecord(pool, where, { key: 'plain', value: 'text' }, before);
    const { rows } = await pool.query<{
      key: string;
      value: Buffer;
      metadata: unknown;
      meta_text: string;
      expiry: Date | null;
    }>(
      `SELECT key, value, metadata, metadata::text AS meta_text, expiry FROM ${qualified(where)} ORDER BY key COLLATE "C"`,
    );
    expect(rows[0]).toMatchObject({ key: 'k', value: Buffer.from([0, 1, 2]), metadata: { a: 1 } });
    expect(rows[0]?.expiry?.getTime()).toBe(before + 30_000);
    // go-micro marshals an empty map as {}; a NULL here would make its Scan fail.
    expect(rows[1]).toMatchObject({ key: 'plain', value: Buffer.from('text'), meta_text: '{}', expiry: null });

    await upsertRecord(pool, where, { key: 'k', value: 'new' }, Date.now());
    const { rows: replaced } = await pool.query(
      `SELECT value, metadata, expiry FROM ${qualified(where)} WHERE key = 'k'`,
    );
    expect(replaced[0]).toEqual({ value: Buffer.from('new'), metadata: {}, expiry: null });
  });

  it.each([
    ['the database default', undefined],
    // As in a database created with a language locale (most are): text sorts by dictionary rules there.
    ['a language collation', 'en-x-icu'],
  ])('pages by keyset in Go byte order of keys under %s, both ways', async (_, collation) => {
    if (collation !== undefined) {
      await pool.query(`ALTER TABLE ${qualified(where)} ALTER COLUMN key TYPE text COLLATE "${collation}"`);
    }
    const table = { ...where, keySortsByBytes: await keySortsByBytes(pool, where) };
    if (collation !== undefined) expect(table.keySortsByBytes).toBe(false);
    const keys = ['b', 'B', 'a', 'a_b', 'a%b', 'ab', 'é', 'e', 'z', 'ä', '😀', '\u{E000}', '\uFFFD', 'Z', 'a b', '~'];
    for (const key of keys) await upsertRecord(pool, table, { key, value: key }, Date.now());
    const goOrder = [...keys].sort(compareKeys);
    for (const order of ['asc', 'desc'] as const) {
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = await readPage(pool, table, { filter: LIVE, order, after, limit: 3 }, Date.now());
        seen.push(...page.records.map((row) => row.key));
        after = page.next ?? undefined;
      } while (after !== undefined);
      expect(seen).toEqual(order === 'asc' ? goOrder : [...goOrder].reverse());
    }
    expect(await countMatching(pool, table, LIVE, Date.now(), { before: 'é' })).toBe(goOrder.indexOf('é'));
    const prefixed = await readPage(pool, table, { filter: { prefix: 'a' }, order: 'asc', limit: 10 }, Date.now());
    expect(prefixed.records.map((row) => row.key)).toEqual(goOrder.filter((key) => key.startsWith('a')));
  });

  it('filters take the typed text literally: LIKE wildcards escaped', async () => {
    for (const key of ['a_1', 'ab1', 'a%2', 'ax2', 'q\\z', 'qz']) {
      await upsertRecord(pool, where, { key, value: 'v' }, Date.now());
    }
    const keysOf = async (filter: RecordFilter) =>
      (await readPage(pool, where, { filter, order: 'asc', limit: 100 }, Date.now())).records.map((row) => row.key);
    expect(await keysOf({ prefix: 'a_' })).toEqual(['a_1']);
    expect(await keysOf({ suffix: '%2' })).toEqual(['a%2']);
    expect(await keysOf({ contains: '_' })).toEqual(['a_1']);
    expect(await keysOf({ contains: '\\' })).toEqual(['q\\z']);
    expect(await countMatching(pool, where, { prefix: 'a' }, Date.now())).toBe(4);
  });

  it('matches metadata by equality through the JSONB column', async () => {
    const put = (key: string, metadata: Record<string, unknown>) =>
      upsertRecord(pool, where, { key, value: 'v', metadata }, Date.now());
    await put('num', { n: 3 });
    await put('str', { n: '3' });
    await put('arr', { n: [3] });
    await put('obj', { n: { m: 3 } });
    await put('other', { k: 3 });
    const keysOf = async (value: string) =>
      (
        await readPage(
          pool,
          where,
          { filter: { metadata: [{ field: 'n', value }] }, order: 'asc', limit: 10 },
          Date.now(),
        )
      ).records.map((row) => row.key);
    expect(await keysOf('3')).toEqual(['num', 'str']);
    expect(await keysOf('"3"')).toEqual(['str']);
  });

  it('refuses a write when the record changed since the editor saw it, in one transaction', async () => {
    const first = await upsertRecord(pool, where, { key: 'k', value: 'v1' }, Date.now());
    const second = await writeIfUnchanged(pool, where, { key: 'k', value: 'v2' }, first, Date.now());
    expect(second).not.toBe(first);
    // A service writes in between:
    await goMicroWrites(pool, where, 'k', Buffer.from('service'), {}, 0);
    const stale = writeIfUnchanged(pool, where, { key: 'k', value: 'mine' }, second, Date.now());
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(stale).rejects.toMatchObject({ current: { key: 'k' } });
    await expect(writeIfUnchanged(pool, where, { key: 'k', value: 'new' }, null, Date.now())).rejects.toBeInstanceOf(
      ConflictError,
    );
    const { rows } = await pool.query(`SELECT value FROM ${qualified(where)} WHERE key = 'k'`);
    expect(rows[0].value.toString()).toBe('service');

    await goMicroWrites(pool, where, 'dead', Buffer.from('x'), {}, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writeIfUnchanged(pool, where, { key: 'dead', value: 'reborn' }, null, Date.now());
    await expect(writeIfUnchanged(pool, where, { key: 'fresh', value: 'v' }, null, Date.now())).resolves.toMatch(
      /^\d+$/,
    );
  });

  it("creates a table with go-micro's DDL and names, found by shape beside foreign tables", async () => {
    const created = pgTableOf({ database: where.schema, table: 'Orders-2024' });
    expect(created.table).toBe('orders_2024');
    await createTable(pool, created);
    await pool.query(`CREATE TABLE "${where.schema}".notmicro (key text PRIMARY KEY, value bytea, metadata jsonb)`);
    const { rows } = await pool.query<{ name: string }>(
      `SELECT conname AS name FROM pg_constraint WHERE conrelid = $1::regclass
       UNION ALL SELECT indexname FROM pg_indexes WHERE schemaname = $2 AND tablename = 'orders_2024' ORDER BY 1`,
      [`"${where.schema}".orders_2024`, where.schema],
    );
    expect(rows.map((row) => row.name)).toEqual([
      'key_index_orders_2024',
      'metadata_index_orders_2024',
      'orders_2024_pkey',
      'orders_2024_pkey',
    ]);
    const shaped = (await findShapedTables(pool)).filter((found) => found.schema === where.schema);
    expect(shaped).toEqual([
      { schema: where.schema, table: 'micro' },
      { schema: where.schema, table: 'orders_2024' },
    ]);
  });

  it('lists every table with its estimate in one catalog query, then one count per table listed exactly', async () => {
    await goMicroCreates(pool, where.schema, 'second');
    await goMicroCreates(pool, where.schema, 'third');
    await goMicroWrites(pool, where, 'k', Buffer.from('v'), {}, 0);
    const queries = vi.spyOn(pool, 'query');
    try {
      const databases = await listDatabases(pool, Date.now());
      const exact = databases.flatMap((database) => database.tables).filter((table) => table.estimated !== true);
      expect(queries).toHaveBeenCalledTimes(1 + exact.length);
      expect(databases.find((database) => database.database === where.schema)?.tables).toEqual([
        { table: 'micro', count: 1, expired: 0 },
        { table: 'second', count: 0, expired: 0 },
        { table: 'third', count: 0, expired: 0 },
      ]);
    } finally {
      queries.mockRestore();
    }
  });

  it("creates a table indistinguishable in the catalog from the one go-micro's initDB makes", async () => {
    const ours = pgTableOf({ database: `${where.schema}_ours`, table: 'micro' });
    await createTable(pool, ours);
    try {
      const described = async (schema: string) => {
        const { rows } = await pool.query<{ line: string }>(
          `SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END AS line
             FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0
           UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = $1::regclass
           UNION ALL SELECT replace(indexdef, $2, 'S') FROM pg_indexes WHERE schemaname = $2`,
          [`"${schema}".micro`, schema],
        );
        return rows.map((row) => row.line).sort();
      };
      const goMicros = await described(where.schema);
      expect(await described(ours.schema)).toEqual(goMicros);
      expect(goMicros).toContain('CREATE INDEX metadata_index_micro ON S.micro USING gin (metadata)');
    } finally {
      await pool.query(`DROP SCHEMA IF EXISTS "${ours.schema}" CASCADE`);
    }
  });

  it('filters rows a go-micro service wrote: suffix, contains, prefix and metadata', async () => {
    await goMicroWrites(pool, where, 'order/1.json', Buffer.from('a'), { kind: 'order', n: 1 }, 0);
    await goMicroWrites(pool, where, 'order/2.txt', Buffer.from('b'), { kind: 'order', n: 2 }, 0);
    await goMicroWrites(pool, where, 'user/1.json', Buffer.from('c'), { kind: 'user', n: 1 }, 0);
    await goMicroWrites(pool, where, 'user/old.json', Buffer.from('d'), { kind: 'user', n: 1 }, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const keysOf = async (filter: RecordFilter) =>
      (await readPage(pool, where, { filter, order: 'asc', limit: 100 }, Date.now())).records.map((row) => row.key);
    expect(await keysOf({ suffix: '.json' })).toEqual(['order/1.json', 'user/1.json']);
    expect(await keysOf({ contains: '/1' })).toEqual(['order/1.json', 'user/1.json']);
    expect(await keysOf({ prefix: 'order/', metadata: [{ field: 'n', value: '2' }] })).toEqual(['order/2.txt']);
    expect(await keysOf({ metadata: [{ field: 'kind', value: 'user' }] })).toEqual(['user/1.json']);
    expect(await keysOf({ metadata: [{ field: 'kind', value: 'user' }], expiry: 'all' })).toEqual([
      'user/1.json',
      'user/old.json',
    ]);
  });

  it("asks for metadata in a form go-micro's GIN index answers", async () => {
    const params = new Params();
    const conditions = filterConditions({ metadata: [{ field: 'kind', value: 'user' }] }, Date.now(), params, 'key');
    const client = await pool.connect();
    try {
      // On a table this small the planner would scan; forbidding that shows whether the index can answer at all.
      await client.query('SET enable_seqscan = off');
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT key FROM ${qualified(where)} ${whereClause(conditions)}`,
        params.values,
      );
      expect(rows.map((row) => row['QUERY PLAN']).join('\n')).toMatch(/Bitmap Index Scan on metadata_index_micro/);
    } finally {
      await client.query('RESET enable_seqscan');
      client.release();
    }
  });

  it('pages a metadata filter exactly, whether matches cluster at the end of the key order or are spread', async () => {
    // 'a/…' rows have kind a, the last 1,000 'z/…' rows kind z; n cycles through 0-6 across both.
    await pool.query(
      `INSERT INTO ${qualified(where)} (key, value, metadata)
       SELECT k, 'v', jsonb_build_object('kind', left(k, 1), 'n', i % 7)
       FROM (SELECT i, CASE WHEN i < 4000 THEN 'a/' ELSE 'z/' END || lpad(i::text, 5, '0') AS k
             FROM generate_series(0, 4999) AS i) AS rows`,
    );
    const all = Array.from({ length: 5000 }, (_, i) => ({
      key: `${i < 4000 ? 'a/' : 'z/'}${String(i).padStart(5, '0')}`,
      kind: i < 4000 ? 'a' : 'z',
      n: i % 7,
    }));
    const cases: [RecordFilter, (row: (typeof all)[number]) => boolean][] = [
      [{ metadata: [{ field: 'kind', value: 'z' }] }, (row) => row.kind === 'z'],
      [{ metadata: [{ field: 'n', value: '3' }] }, (row) => row.n === 3],
      [{ prefix: 'a/', metadata: [{ field: 'n', value: '6' }] }, (row) => row.kind === 'a' && row.n === 6],
      [{ metadata: [{ field: 'kind', value: 'nothing' }] }, () => false],
    ];
    for (const [filter, wanted] of cases) {
      for (const order of ['asc', 'desc'] as const) {
        const seen: string[] = [];
        let after: string | undefined;
        do {
          const page = await readPage(pool, where, { filter, order, after, limit: 250 }, Date.now());
          seen.push(...page.records.map((row) => row.key));
          after = page.next ?? undefined;
        } while (after !== undefined);
        const keys = all.filter(wanted).map((row) => row.key);
        expect(seen).toEqual(order === 'asc' ? keys : keys.reverse());
      }
    }
  });

  it('reports a server that is not there by name, with what to do', async () => {
    const closed = serverTarget('postgres://root@127.0.0.1:1/test');
    const dead = openPgPool(closed);
    try {
      const failing = explained(closed, () =>
        readPage(dead, where, { filter: LIVE, order: 'asc', limit: 1 }, Date.now()),
      );
      await expect(failing).rejects.toBeInstanceOf(BackendUnavailableError);
      await expect(failing).rejects.toThrow(/Postgres at 127\.0\.0\.1:1 refused the connection: is the server running/);
    } finally {
      await dead.end();
    }
  });
});
