/**
 * Postgres pages sorted by size and expiry (pg-sorted-page.ts): both ways, ties by key, records without an
 * expiry last ascending, a (value, key) cursor through every page, filters still applied; and no updated sort
 * (go-micro's table keeps no write time), which the backend does not list in capabilities.sortable.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConnectionString, type ServerTarget } from '../../electron/backends/connection-string.js';
import { openPgPool } from '../../electron/backends/postgres/pg-connection.js';
import { createTable, upsertRecord } from '../../electron/backends/postgres/pg-editing.js';
import { type PgTable, pgTableOf } from '../../electron/backends/postgres/pg-names.js';
import { readPage } from '../../electron/backends/postgres/pg-reading.js';
import { PostgresBackend } from '../../electron/backends/postgres/postgres-backend.js';
import { compareKeys } from '../../electron/common/key-order.js';
import type { PageQuery, RecordSummary } from '../../electron/store/record-page.js';
import { POSTGRES, serverAvailable } from './server-available.js';

const reachable = await serverAvailable(POSTGRES);
const URL_TEXT = 'postgres://root@127.0.0.1:5432/test?sslmode=disable';

describe.skipIf(!reachable)('Postgres sorted pages', () => {
  const target = parseConnectionString(URL_TEXT, {}) as ServerTarget;
  let pool: pg.Pool;
  let where: PgTable;
  beforeAll(() => {
    pool = openPgPool(target);
  });
  afterAll(async () => {
    await pool?.end();
  });
  beforeEach(async () => {
    where = pgTableOf({ database: `si_sort_${randomBytes(6).toString('hex')}`, table: 'micro' });
    await createTable(pool, where);
    const now = Date.now();
    for (let index = 0; index < 40; index++) {
      const record = {
        key: `k/${(index * 13) % 40}`,
        value: new Uint8Array(index % 6),
        metadata: { even: index % 2 === 0 },
        expiry: index % 3 === 0 ? 0 : 60_000 * (1 + (index % 4)) + 0.5,
      };
      await upsertRecord(pool, where, record, now);
    }
  });
  afterEach(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${where.schema}" CASCADE`);
  });

  async function allPages(query: Omit<PageQuery, 'limit'>): Promise<RecordSummary[]> {
    const records: RecordSummary[] = [];
    let cursor: Pick<PageQuery, 'after' | 'afterSort'> = {};
    for (;;) {
      const page = await readPage(pool, where, { ...query, ...cursor, limit: 6 }, Date.now());
      records.push(...page.records);
      if (page.next === null) return records;
      cursor = { after: page.next, afterSort: page.nextSort ?? null };
    }
  }

  for (const sort of ['size', 'expiry'] as const) {
    for (const order of ['asc', 'desc'] as const) {
      it(`by ${sort} ${order}: every record once, in (${sort}, key) order`, async () => {
        const byKey = await allPages({ filter: {}, order: 'asc' });
        const value = (r: RecordSummary) => (sort === 'size' ? r.size : (r.expiresAt ?? Number.POSITIVE_INFINITY));
        const expected = [...byKey].sort((a, b) => value(a) - value(b) || compareKeys(a.key, b.key)).map((r) => r.key);
        const sorted = await allPages({ filter: {}, order, sort });
        expect(sorted.map((r) => r.key)).toEqual(order === 'asc' ? expected : expected.reverse());
      });
    }
  }

  it('keeps filters, and lists key, size and expiry as its sorts', async () => {
    const even = await allPages({
      filter: { metadata: [{ field: 'even', value: 'true' }] },
      order: 'desc',
      sort: 'size',
    });
    expect(even).toHaveLength(20);
    expect(even.every((r) => r.metadata.even === true)).toBe(true);
    expect(new PostgresBackend(target).capabilities.sortable).toEqual(['key', 'size', 'expiry']);
  });
});
