/**
 * The go-micro fixture folder through the API as the app calls it (createDispatch over a StoreSession, every
 * payload structuredClone'd): every record of expected.json reads back equal, by record.get and by paging in
 * both orders, expired ones flagged; filters and counts agree with expected.json; nothing is ever written.
 */

import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RecordDetailDto, RecordSummaryDto } from '../../electron/api/contract/schemas.js';
import { compareKeys } from '../../electron/common/key-order.js';
import {
  type Expected,
  expected,
  expectedFor,
  fixtureCopy,
  hashTree,
  TABLES,
  type TestApi,
  testApi,
} from './fixture-store.js';

interface Page {
  records: RecordSummaryDto[];
  next: string | null;
}

let api: TestApi;
let root: string;
let before: Record<string, string>;

beforeEach(async () => {
  root = fixtureCopy();
  before = hashTree(root);
  api = testApi();
  await api.value('store.open', { file: api.file(root, 'store') });
  return async () => {
    await api.session.close();
    // Whatever a test did, the go-micro files are byte for byte what they were.
    expect(hashTree(root)).toEqual(before);
  };
});

/** Every page of a table, `limit` at a time, following `next`. */
async function allPages(database: string, table: string, filter: object, order: 'asc' | 'desc', limit: number) {
  const records: RecordSummaryDto[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 10_000; pages++) {
    const page = await api.value<Page>('records.page', { database, table, filter, order, limit, after });
    records.push(...page.records);
    if (page.next === null) return records;
    expect(page.records).toHaveLength(limit);
    after = page.next;
  }
  throw new Error('paging did not end');
}

const msOf = (expires: string | undefined) => (expires === undefined ? null : Date.parse(expires));

function expectSummary(got: RecordSummaryDto, want: Expected): void {
  const value = Buffer.from(want.value, 'base64');
  expect(got.key).toBe(want.key);
  expect(got.size).toBe(value.length);
  expect(Buffer.from(got.preview, 'base64')).toEqual(value.subarray(0, 256));
  expect(got.metadata).toEqual(want.metadata);
  expect(got.expired).toBe(want.expired);
  // go-micro keeps nanoseconds; the ms part is exact.
  expect(got.expiresAt === null ? null : Math.floor(got.expiresAt)).toBe(msOf(want.expires));
}

describe('store.open on a go-micro folder', () => {
  it('reports kind gomicro, read-only, with the fixture counts', async () => {
    const info = await api.value('store.info');
    const live = expected.filter((record) => !record.expired).length;
    expect(info).toMatchObject({ kind: 'gomicro', path: root, readOnly: true, databases: 2, tables: 4, records: live });
    expect(api.session.readOnly).toBe(true);
  });

  it('store.databases lists databases and tables in byte order with live and expired counts', async () => {
    const databases = await api.value('store.databases');
    const count = (database: string, table: string, which: 'live' | 'expired') =>
      expectedFor(database, table, which).length;
    expect(databases).toEqual([
      {
        database: 'micro',
        tables: ['empty', 'legacy', 'users'].map((table) => ({
          table,
          count: count('micro', table, 'live'),
          expired: count('micro', table, 'expired'),
        })),
      },
      {
        database: 'service',
        tables: [{ table: 'orders', count: count('service', 'orders', 'live'), expired: 118 }],
      },
    ]);
  });

  it('a single .db file opens as its own database and table', async () => {
    const info = await api.value('store.open', { file: api.file(join(root, 'micro', 'users.db'), 'store') });
    expect(info).toMatchObject({ kind: 'gomicro', readOnly: true, databases: 1, tables: 1, records: 6 });
    expect(await api.value('store.databases')).toEqual([
      { database: 'micro', tables: [{ table: 'users', count: 6, expired: 1 }] },
    ]);
  });

  it('a folder that is not a go-micro store is refused with a clear message; the open store stays open', async () => {
    const result = await api.call('store.open', { file: api.file(join(root, 'micro', '..', '..'), 'store') });
    expect(result).toMatchObject({ ok: false, error: { code: 'foreign-file' } });
    if (!result.ok) expect(result.error.message).toMatch(/is a folder, but not a go-micro file store/);
    expect(await api.value('store.info')).toMatchObject({ kind: 'gomicro', path: root });
  });

  it('a SQLite store opened afterwards reports kind sqlite', async () => {
    const path = join(root, '..', 'other.db');
    expect(await api.value('store.create', { file: api.file(path, 'write') })).toMatchObject({
      kind: 'sqlite',
      readOnly: false,
    });
    expect(await api.value('store.info')).toMatchObject({ kind: 'sqlite' });
  });
});

describe('every record of expected.json', () => {
  it('reads back equal through record.get, expired ones included and flagged', async () => {
    for (const want of expected) {
      const got = await api.value<RecordDetailDto>('record.get', {
        database: want.database,
        table: want.table,
        key: want.key,
      });
      expect(got.value).toBe(want.value);
      expect(got.complete).toBe(true);
      expect(got.size).toBe(Buffer.from(want.value, 'base64').length);
      expect(got.metadata).toEqual(want.metadata);
      expect(got.expired).toBe(want.expired);
      expect(got.expiresAt === null ? null : Math.floor(got.expiresAt)).toBe(msOf(want.expires));
      expect(got.revision).toMatch(/^gm\.[0-9a-f]{16}$/);
    }
  });

  it.each(TABLES)(
    '%s/%s pages in byte order, both ways, with expiry all, live and expired',
    async (database, table) => {
      for (const which of ['all', 'live', 'expired'] as const) {
        const want = expectedFor(database, table, which);
        const ascending = await allPages(database, table, { expiry: which }, 'asc', 7);
        expect(ascending.map((record) => record.key)).toEqual(want.map((record) => record.key));
        ascending.forEach((got, index) => {
          expectSummary(got, want[index] as Expected);
        });
        const descending = await allPages(database, table, { expiry: which }, 'desc', 9);
        expect(descending.map((record) => record.key)).toEqual([...want].reverse().map((record) => record.key));
        expect(await api.value('records.count', { database, table, filter: { expiry: which } })).toBe(want.length);
      }
    },
  );

  it('a large page and a page of one agree with the small pages', async () => {
    const want = expectedFor('service', 'orders', 'live').map((record) => record.key);
    const big = await allPages('service', 'orders', {}, 'asc', 1000);
    expect(big.map((record) => record.key)).toEqual(want);
    const ones = await allPages('micro', 'users', {}, 'desc', 1);
    expect(ones.map((record) => record.key)).toEqual(
      expectedFor('micro', 'users', 'live')
        .map((record) => record.key)
        .reverse(),
    );
  });

  it('the largest value reads back whole through record.valueChunk, a chunk at a time', async () => {
    const largest = [...expected].sort((a, b) => b.value.length - a.value.length)[0] as Expected;
    const whole = Buffer.from(largest.value, 'base64');
    const { database, table, key } = largest;
    const head = await api.value<RecordDetailDto>('record.get', { database, table, key, maxBytes: 100 });
    expect(head).toMatchObject({ complete: false, size: whole.length });
    expect(Buffer.from(head.value, 'base64')).toEqual(whole.subarray(0, 100));
    const chunks: Buffer[] = [];
    for (let offset = 0; offset < whole.length; offset += 4096) {
      const chunk = await api.value<{ value: string }>('record.valueChunk', {
        database,
        table,
        key,
        offset,
        length: 4096,
      });
      chunks.push(Buffer.from(chunk.value, 'base64'));
    }
    expect(Buffer.concat(chunks)).toEqual(whole);
  });

  it('a missing key, table or database is not-found; an empty or missing table pages empty', async () => {
    for (const arg of [
      { database: 'micro', table: 'users', key: 'nope' },
      { database: 'micro', table: 'nope', key: 'user/1' },
      { database: 'nope', table: 'users', key: 'user/1' },
      { database: '..', table: 'users', key: 'user/1' },
    ]) {
      expect(await api.call('record.get', arg)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    }
    for (const [database, table] of [
      ['micro', 'empty'],
      ['micro', 'nope'],
    ]) {
      expect(await api.value('records.page', { database, table })).toEqual({ records: [], next: null });
      expect(await api.value('records.count', { database, table, filter: { expiry: 'all' } })).toBe(0);
    }
  });
});

describe('filters on the fixtures', () => {
  const orders = () => expectedFor('service', 'orders', 'all');
  const keysOf = (records: { key: string }[]) => records.map((record) => record.key);

  async function check(filter: Record<string, unknown>, keep: (record: Expected) => boolean) {
    const want = keysOf(orders().filter(keep));
    expect(want.length).toBeGreaterThan(0);
    for (const order of ['asc', 'desc'] as const) {
      const got = keysOf(await allPages('service', 'orders', filter, order, 50));
      expect(got).toEqual(order === 'asc' ? want : [...want].reverse());
    }
    expect(await api.value('records.count', { database: 'service', table: 'orders', filter })).toBe(want.length);
  }

  it('prefix, suffix and contains match key bytes', async () => {
    await check({ prefix: 'order/000001' }, (r) => !r.expired && r.key.startsWith('order/000001'));
    await check({ suffix: 'a', expiry: 'all' }, (r) => r.key.endsWith('a'));
    await check({ contains: 'ff' }, (r) => !r.expired && r.key.includes('ff'));
  });

  it('metadata field=value: typed text as JSON or as a string, several conditions combined', async () => {
    const i = (r: Expected) => r.metadata.i;
    const sample = orders().find((r) => !r.expired) as Expected;
    await check({ metadata: [{ field: 'region', value: 'eu' }] }, (r) => !r.expired && r.metadata.region === 'eu');
    await check({ metadata: [{ field: 'region', value: '"eu"' }] }, (r) => !r.expired && r.metadata.region === 'eu');
    await check({ metadata: [{ field: 'i', value: String(i(sample)) }] }, (r) => !r.expired && i(r) === i(sample));
    await check(
      { expiry: 'all', metadata: [{ field: 'region', value: 'us' }], prefix: 'order/0000' },
      (r) => r.metadata.region === 'us' && r.key.startsWith('order/0000'),
    );
    // Typed "1037" (quoted) asks for the string, and the fixtures hold numbers only.
    expect(
      await api.value('records.count', {
        database: 'service',
        table: 'orders',
        filter: { metadata: [{ field: 'i', value: `"${String(i(sample))}"` }] },
      }),
    ).toBe(0);
  });

  it('expiry states: has-ttl, no-ttl, expired, and expiring within a window', async () => {
    await check({ expiry: 'has-ttl' }, (r) => !r.expired && r.expires !== undefined);
    await check({ expiry: 'no-ttl' }, (r) => r.expires === undefined);
    await check({ expiry: 'expired' }, (r) => r.expired);
    const window = Date.parse('2100-01-01T00:00:00Z') - Date.now();
    await check({ expiry: 'has-ttl', expiringWithinMs: window }, (r) => !r.expired && r.expires !== undefined);
    expect(
      await api.value('records.count', {
        database: 'service',
        table: 'orders',
        filter: { expiry: 'live', expiringWithinMs: 1000 },
      }),
    ).toBe(0);
  });

  it('keyset paging from any key, both ways, never repeats or skips a record', async () => {
    const want = keysOf(orders().filter((r) => !r.expired));
    const from = want[1234] as string;
    const up = await api.value<Page>('records.page', { ...ORDERS, after: from, limit: 5 });
    expect(keysOf(up.records)).toEqual(want.slice(1235, 1240));
    const down = await api.value<Page>('records.page', { ...ORDERS, after: from, order: 'desc', limit: 5 });
    expect(keysOf(down.records)).toEqual(want.slice(1229, 1234).reverse());
    // A cursor that is not a key (between two keys) works too.
    const between = await api.value<Page>('records.page', { ...ORDERS, after: `${from}~`, order: 'desc', limit: 1 });
    expect(keysOf(between.records)).toEqual([from]);
  });
});

const ORDERS = { database: 'service', table: 'orders' };

describe('writing calls', () => {
  const ns = { database: 'micro', table: 'users' };
  const writes: [string, Record<string, unknown>][] = [
    ['record.write', { ...ns, key: 'user/1', value: '', expectedRevision: null }],
    ['record.write', { ...ns, key: 'new', value: 'eA==', expectedRevision: null }],
    ['records.delete', { ...ns, keys: ['user/1'] }],
    ['records.deleteMatching', { ...ns, filter: { prefix: 'user/' } }],
    ['records.setExpiry', { ...ns, keys: ['user/1'], expiry: { kind: 'ttl', ms: 1000 } }],
    ['record.rename', { ...ns, from: 'user/1', to: 'user/9' }],
    ['record.duplicate', { ...ns, from: 'user/1', to: 'user/9' }],
    ['records.setExpiryMatching', { ...ns, taskId: 't', filter: {}, expiry: { kind: 'ttl', ms: 1000 } }],
    ['records.purgeExpired', {}],
    ['table.create', { database: 'micro', table: 'fresh' }],
    ['import.run', { ...ns, taskId: 't1', file: 'nothing.json' }],
    ['import.preview', { ...ns, taskId: 't2', file: 'nothing.json' }],
  ];

  it.each(writes)('%s is refused with code read-only, saying why and what to do', async (name, arg) => {
    const file = typeof arg.file === 'string' ? { file: api.file(join(import.meta.dirname, arg.file), 'read') } : {};
    const result = await api.call(name, { ...arg, ...file });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('read-only');
    expect(result.error.message).toContain("go-micro's file store is read-only");
    expect(result.error.message).toContain('copy it into a Store Inspector store');
  });

  it('changes.since answers an empty log: bbolt keeps none', async () => {
    expect(await api.value('changes.since', { seq: 0 })).toEqual({ changes: [], latest: 0 });
  });

  it('sorted keys: the fixture order is byte order, not UTF-16 order', () => {
    const keys = expectedFor('micro', 'users').map((record) => record.key);
    expect(keys).toEqual([...keys].sort(compareKeys));
  });
});
