/**
 * Value contains on the server backends: the shared cases (bytes compared, ASCII letters folded only when
 * asked) on Postgres (SQL on bytea), MySQL (LOCATE on the BLOB), Redis and NATS (values read page by page).
 */
import { randomBytes } from 'node:crypto';
import { Kvm } from '@nats-io/kv';
import { connect } from '@nats-io/transport-node';
import mysql from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backends/backend.js';
import { parseConnectionString, type ServerTarget } from '../../electron/backends/connection-string.js';
import { openMysqlBackend } from '../../electron/backends/mysql/mysql-backend.js';
import { openNatsBackend } from '../../electron/backends/nats/nats-backend.js';
import { openPgPool } from '../../electron/backends/postgres/pg-connection.js';
import { pgTableOf, qualified } from '../../electron/backends/postgres/pg-names.js';
import { countMatching, readPage } from '../../electron/backends/postgres/pg-reading.js';
import { openRedisBackend } from '../../electron/backends/redis/redis-backend.js';
import type { Namespace } from '../../electron/store/namespaces.js';
import type { RecordFilter } from '../../electron/store/record-filter.js';
import { VALUE_CASES, VALUE_RECORDS, valueFilter } from '../helpers/value-search-cases.js';
import { REDIS_URL, rawClient, removeTable } from './redis-fixture.js';
import { MYSQL, NATS, POSTGRES, REDIS, serverAvailable } from './server-available.js';

const server = (url: string) => parseConnectionString(url, {}) as ServerTarget;
const suffix = () => randomBytes(5).toString('hex');

/** Every case against one backend's reading: page keys and count. */
async function checkCases(find: (filter: RecordFilter) => Promise<{ keys: string[]; count: number }>) {
  for (const [needle, mode, expected] of VALUE_CASES) {
    expect(await find(valueFilter(needle, mode)), `${needle} (${mode})`).toEqual({
      keys: expected,
      count: expected.length,
    });
  }
  expect(await find({ prefix: 'v/j', valueContains: 'ORDER', valueCase: 'insensitive' })).toEqual({
    keys: ['v/json'],
    count: 1,
  });
}

function backendFind(backend: Backend, ns: Namespace) {
  return async (filter: RecordFilter) => {
    const page = await backend.reading.page(ns, { filter, order: 'asc', limit: 100 });
    return { keys: page.records.map((row) => row.key), count: await backend.reading.count(ns, filter) };
  };
}

describe.skipIf(!(await serverAvailable(POSTGRES)))('value contains on Postgres', () => {
  it('answers the shared cases with SQL on the bytea values', async () => {
    const pool = openPgPool(server('postgres://root@127.0.0.1:5432/test?sslmode=disable'));
    const target = pgTableOf({ database: `si_value_${suffix()}`, table: 'values' });
    await pool.query(`CREATE SCHEMA "${target.schema}"`);
    try {
      await pool.query(`CREATE TABLE ${qualified(target)} (key text NOT NULL PRIMARY KEY, value bytea, metadata JSONB,
        expiry timestamp with time zone)`);
      for (const { key, value } of [...VALUE_RECORDS, { key: 'v/escape', value: Buffer.from([0xca, 0x61]) }])
        await pool.query(`INSERT INTO ${qualified(target)} (key, value, metadata) VALUES ($1, $2, '{}')`, [key, value]);
      const find = async (filter: RecordFilter) => {
        const page = await readPage(pool, target, { filter, order: 'asc', limit: 100 }, Date.now());
        return {
          keys: page.records.map((row) => row.key),
          count: await countMatching(pool, target, filter, Date.now()),
        };
      };
      await checkCases(find);
      // 0xCA is escaped as \312: "12a" must not be found inside the escape.
      expect((await find(valueFilter('12a', 'insensitive'))).keys).toEqual([]);
      expect((await find(valueFilter('\\', 'insensitive'))).keys).toEqual([]);
    } finally {
      await pool.query(`DROP SCHEMA IF EXISTS "${target.schema}" CASCADE`);
      await pool.end();
    }
  });
});

describe.skipIf(!(await serverAvailable(MYSQL)))('value contains on MySQL', () => {
  it('answers the shared cases with LOCATE on the BLOB', async () => {
    const raw = await mysql.createConnection({ host: '127.0.0.1', user: 'root', charset: 'utf8mb4' });
    const ns = { database: `sivalue${suffix().replace(/[^a-f]/g, 'x')}`, table: 'micro' };
    await raw.query(`CREATE DATABASE ${ns.database}`);
    await raw.query(
      `CREATE TABLE ${ns.database}.micro (\`key\` varchar(255) primary key, value blob null, expiry timestamp not null)`,
    );
    const backend = await openMysqlBackend(server('mysql://root@127.0.0.1:3306/test'));
    try {
      await backend.editing.writeMany(ns, VALUE_RECORDS);
      await checkCases(backendFind(backend, ns));
    } finally {
      await backend.close();
      await raw.query(`DROP DATABASE ${ns.database}`);
      await raw.end();
    }
  });
});

describe.skipIf(!(await serverAvailable(REDIS)))('value contains on Redis', () => {
  it('answers the shared cases by reading the values of the key snapshot page by page', async () => {
    const client = rawClient();
    const table = `sivalue${suffix()}`;
    const backend = await openRedisBackend(server(REDIS_URL));
    try {
      await backend.editing.writeMany({ database: 'micro', table }, VALUE_RECORDS);
      await checkCases(backendFind(backend, { database: 'micro', table }));
      // Export and delete by filter honour the value condition too.
      const exported = await backend.reading.recordBatch(
        { database: 'micro', table },
        valueFilter('order', 'insensitive'),
        undefined,
        100,
      );
      expect(exported.map((record) => record.key)).toEqual(['v/binary', 'v/json', 'v/upper']);
      const page = await backend.reading.page(
        { database: 'micro', table },
        { filter: valueFilter('Alpha', 'sensitive'), order: 'asc', limit: 5 },
      );
      expect(page.records[0]?.size).toBe(VALUE_RECORDS[2]?.value.length);
    } finally {
      await backend.close();
      await removeTable(client, table);
      await client.quit();
    }
  });
});

describe.skipIf(!(await serverAvailable(NATS)))('value contains on NATS', () => {
  it('answers the shared cases by reading the values of the key snapshot page by page', async () => {
    const nc = await connect({ servers: '127.0.0.1:4222' });
    const bucket = `si_value_${suffix()}`;
    const kv = await new Kvm(nc).create(bucket, { history: 1 });
    const backend = await openNatsBackend(server('nats://127.0.0.1:4222'));
    try {
      await backend.editing.writeMany({ database: bucket, table: 'v' }, VALUE_RECORDS);
      await checkCases(backendFind(backend, { database: bucket, table: 'v' }));
      expect(
        await backend.editing.deleteMatching({ database: bucket, table: 'v' }, valueFilter('ORDER', 'sensitive')),
      ).toBe(1);
      expect((await backendFind(backend, { database: bucket, table: 'v' })({})).count).toBe(VALUE_RECORDS.length - 1);
    } finally {
      await backend.close();
      await kv.destroy();
      await nc.close();
    }
  });
});
