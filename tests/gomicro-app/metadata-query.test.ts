/**
 * Metadata queries and the key contains case switch on go-micro file stores: the shared cases on a bbolt
 * table, and the Go-written fixture through the API (so the contract's filter schema is crossed too).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RecordSummaryDto } from '../../electron/api/contract/schemas.js';
import { createGoMicroInspector, type GoMicroInspector } from '../../electron/gomicro/gomicro-inspector.js';
import type { RecordFilter } from '../../electron/store/record-filter.js';
import { writeGoMicroTable } from '../gomicro/bbolt-writer.js';
import { makeTempDir, removeDir } from '../helpers/files.js';
import { CASE_CASES, CASE_KEYS, QUERY_CASES, QUERY_RECORDS, queryFilter } from '../helpers/metadata-query-cases.js';
import { VALUE_CASES, VALUE_RECORDS, valueFilter } from '../helpers/value-search-cases.js';
import { expectedFor, fixtureCopy, type TestApi, testApi } from './fixture-store.js';

const NS = { database: 'micro', table: 'micro' };
const CASES = { database: 'micro', table: 'cases' };
const VALUES = { database: 'micro', table: 'values' };

let dir: string;
let store: GoMicroInspector;

beforeAll(async () => {
  dir = makeTempDir('si-gomicro-query-');
  mkdirSync(join(dir, NS.database));
  const records = QUERY_RECORDS.map(({ key, metadata }) => ({ key, value: '', metadata }));
  writeFileSync(join(dir, 'micro', 'micro.db'), writeGoMicroTable(records, { maxLeafElements: 2 }).bytes);
  const keys = CASE_KEYS.map((key) => ({ key, value: '' }));
  writeFileSync(join(dir, 'micro', 'cases.db'), writeGoMicroTable(keys, { maxLeafElements: 2 }).bytes);
  writeFileSync(join(dir, 'micro', 'values.db'), writeGoMicroTable(VALUE_RECORDS, { maxLeafElements: 2 }).bytes);
  store = createGoMicroInspector({ path: dir });
  await store.init();
});

afterAll(async () => {
  await store.close();
  removeDir(dir);
});

async function keysOf(namespace: typeof NS, filter: RecordFilter) {
  const page = await store.page(namespace, { filter, order: 'asc', limit: 100 });
  return { keys: page.records.map((record) => record.key), count: await store.count(namespace, filter) };
}

describe('metadata queries on a go-micro file table', () => {
  it.each(QUERY_CASES)('%s', async (query, expected) => {
    expect(await keysOf(NS, queryFilter(query))).toEqual({ keys: expected, count: expected.length });
  });
});

describe('key contains with a case switch on a go-micro file table', () => {
  it.each(CASE_CASES)('%s (%s)', async (needle, containsCase, expected) => {
    expect(await keysOf(CASES, { contains: needle, containsCase })).toEqual({ keys: expected, count: expected.length });
  });
});

describe('value contains on a go-micro file table', () => {
  it.each(VALUE_CASES)('%s (%s)', async (needle, mode, expected) => {
    expect(await keysOf(VALUES, valueFilter(needle, mode))).toEqual({ keys: expected, count: expected.length });
  });

  it('combines with key and expiry filters', async () => {
    const filter = { prefix: 'v/j', valueContains: 'order', valueCase: 'insensitive' } as const;
    expect(await keysOf(VALUES, filter)).toEqual({ keys: ['v/json'], count: 1 });
    expect(await keysOf(VALUES, { ...filter, expiry: 'expired' })).toEqual({ keys: [], count: 0 });
  });
});

describe('the Go-written fixture through the API', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = testApi();
    await api.value('store.open', { file: api.file(fixtureCopy(), 'store') });
    return () => api.session.close();
  });

  async function keys(database: string, table: string, filter: object): Promise<string[]> {
    const page = await api.value<{ records: RecordSummaryDto[] }>('records.page', {
      database,
      table,
      filter,
      limit: 1000,
    });
    return page.records.map((record) => record.key);
  }

  it('finds nested, compared, present and matched fields, old and new shapes alike', async () => {
    expect(await keys('micro', 'users', { metadata: [{ path: ['nested', 'a'], op: 'exists' }] })).toEqual(['ключ/😀']);
    expect(await keys('micro', 'users', { metadata: [{ path: ['v'], op: 'ge', value: '1' }] })).toEqual(['user/1']);
    expect(await keys('micro', 'users', { metadata: [{ field: 'owner', value: 'auth' }] })).toEqual(['user/1']);
    expect(await keys('micro', 'users', { contains: 'USER', containsCase: 'insensitive' })).toEqual([
      'user/1',
      'user/2',
    ]);
    const orders = expectedFor('service', 'orders', 'live');
    const wanted = orders
      .filter(({ metadata }) => (metadata.i as number) >= 2900 && /^(eu|ap)$/.test(metadata.region as string))
      .map((record) => record.key);
    expect(wanted.length).toBeGreaterThan(10);
    const filter = {
      metadata: [
        { path: ['i'], op: 'ge', value: '2900' },
        { path: ['region'], op: 'regex', value: '/^(eu|ap)$/' },
      ],
    };
    expect(await keys('service', 'orders', filter)).toEqual(wanted);
  });

  it('refuses a condition the parser would not make, with the reason', async () => {
    const call = api.call('records.page', {
      database: 'micro',
      table: 'users',
      filter: { metadata: [{ path: ['v'], op: 'gt', value: 'many' }] },
    });
    await expect(call).resolves.toMatchObject({ ok: false, error: { message: expect.stringMatching(/number/) } });
  });
});
