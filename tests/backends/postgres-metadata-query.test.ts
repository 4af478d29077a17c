/**
 * Metadata queries and the key contains case switch on a go-micro Postgres table (JSONB metadata, go-micro's
 * GIN index): the shared cases every backend answers alike, in a schema of its own.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConnectionString } from '../../electron/backends/connection-string.js';
import { openPgPool } from '../../electron/backends/postgres/pg-connection.js';
import { filterConditions, Params, whereClause } from '../../electron/backends/postgres/pg-filter.js';
import { type PgTable, pgTableOf, qualified } from '../../electron/backends/postgres/pg-names.js';
import { countMatching, readPage } from '../../electron/backends/postgres/pg-reading.js';
import type { RecordFilter } from '../../electron/store/record-filter.js';
import { CASE_CASES, CASE_KEYS, QUERY_CASES, QUERY_RECORDS, queryFilter } from '../helpers/metadata-query-cases.js';
import { POSTGRES, serverAvailable } from './server-available.js';

const reachable = await serverAvailable(POSTGRES);

describe.skipIf(!reachable)('metadata queries on Postgres', () => {
  let pool: pg.Pool;
  let records: PgTable;
  let keys: PgTable;
  const database = `si_query_${randomBytes(6).toString('hex')}`;

  async function createTable(target: PgTable, rows: { key: string; metadata: Record<string, unknown> }[]) {
    const table = qualified(target);
    await pool.query(`CREATE TABLE ${table} (key text NOT NULL PRIMARY KEY, value bytea, metadata JSONB,
      expiry timestamp with time zone)`);
    await pool.query(`CREATE INDEX ON ${table} USING GIN (metadata)`);
    for (const { key, metadata } of rows)
      await pool.query(`INSERT INTO ${table} (key, value, metadata) VALUES ($1, '', $2)`, [
        key,
        JSON.stringify(metadata),
      ]);
  }

  beforeAll(async () => {
    const target = parseConnectionString('postgres://root@127.0.0.1:5432/test?sslmode=disable', {});
    if (target.kind === 'path') throw new Error('expected a server URL');
    pool = openPgPool(target);
    records = pgTableOf({ database, table: 'records' });
    keys = pgTableOf({ database, table: 'keys' });
    await pool.query(`CREATE SCHEMA "${records.schema}"`);
    await createTable(records, QUERY_RECORDS);
    await createTable(
      keys,
      CASE_KEYS.map((key) => ({ key, metadata: {} })),
    );
    return async () => {
      await pool.query(`DROP SCHEMA IF EXISTS "${records.schema}" CASCADE`);
      await pool.end();
    };
  });

  async function keysOf(target: PgTable, filter: RecordFilter) {
    const now = Date.now();
    const page = await readPage(pool, target, { filter, order: 'asc', limit: 100 }, now);
    return { keys: page.records.map((record) => record.key), count: await countMatching(pool, target, filter, now) };
  }

  it.each(QUERY_CASES)('%s', async (query, expected) => {
    expect(await keysOf(records, queryFilter(query))).toEqual({ keys: expected, count: expected.length });
  });

  it.each(CASE_CASES)('key contains %s (%s)', async (needle, containsCase, expected) => {
    expect(await keysOf(keys, { contains: needle, containsCase })).toEqual({ keys: expected, count: expected.length });
  });

  it('answers a nested equality from the GIN index', async () => {
    const params = new Params();
    const where = whereClause(filterConditions(queryFilter('owner.team=auth'), Date.now(), params, 'key'));
    const client = await pool.connect();
    try {
      await client.query('SET enable_seqscan = off');
      const plan = await client.query(`EXPLAIN SELECT key FROM ${qualified(records)} ${where}`, params.values);
      expect(plan.rows.map((row: Record<string, string>) => Object.values(row).join('')).join('\n')).toMatch(
        /Bitmap Index Scan/,
      );
    } finally {
      await client.query('RESET enable_seqscan');
      client.release();
    }
  });
});
