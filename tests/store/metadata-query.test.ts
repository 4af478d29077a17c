import { describe, expect, it } from 'vitest';
import type { RecordFilter } from '../../electron/store/record-filter.js';
import { CASE_CASES, CASE_KEYS, QUERY_CASES, QUERY_RECORDS, queryFilter } from '../helpers/metadata-query-cases.js';
import { fileStore, type SqliteStore } from '../helpers/store.js';

const NS = { database: 'micro', table: 'micro' };

async function keysOf(store: SqliteStore, filter: RecordFilter): Promise<{ keys: string[]; count: number }> {
  const page = await store.page(NS, { filter, order: 'asc', limit: 100 });
  return { keys: page.records.map((record) => record.key), count: await store.count(NS, filter) };
}

describe('metadata queries on a SQLite store file', () => {
  it.each(QUERY_CASES)('%s', async (query, expected) => {
    const { store } = fileStore();
    await store.writeMany(
      NS,
      QUERY_RECORDS.map(({ key, metadata }) => ({ key, value: '', metadata })),
    );
    expect(await keysOf(store, queryFilter(query))).toEqual({ keys: expected, count: expected.length });
  });

  it('gives the same answers with an index on the field an equality reads', async () => {
    const { store } = fileStore();
    await store.writeMany(
      NS,
      QUERY_RECORDS.map(({ key, metadata }) => ({ key, value: '', metadata })),
    );
    await store.indexMetadata('owner');
    await store.indexMetadata('v');
    for (const [query, expected] of QUERY_CASES)
      expect((await keysOf(store, queryFilter(query))).keys, query).toEqual(expected);
  });

  it('still reads the old {field, value} shape', async () => {
    const { store } = fileStore();
    await store.writeMany(
      NS,
      QUERY_RECORDS.map(({ key, metadata }) => ({ key, value: '', metadata })),
    );
    expect((await keysOf(store, { metadata: [{ field: 'v', value: '7' }] })).keys).toEqual(['rec/c']);
    expect((await keysOf(store, { metadata: [{ field: 'a.b', value: '1' }] })).keys).toEqual(['rec/d']);
  });

  it('deletes exactly what a nested query matches', async () => {
    const { store } = fileStore();
    await store.writeMany(
      NS,
      QUERY_RECORDS.map(({ key, metadata }) => ({ key, value: '', metadata })),
    );
    await store.deleteMatching(NS, queryFilter('owner.team=auth'));
    expect(await store.list()).toEqual(['rec/b', 'rec/c', 'rec/d', 'rec/f', 'rec/g']);
  });
});

describe('key contains, with a case switch', () => {
  it.each(CASE_CASES)('%s (%s)', async (needle, containsCase, expected) => {
    const { store } = fileStore();
    await store.writeMany(
      NS,
      CASE_KEYS.map((key) => ({ key, value: '' })),
    );
    expect(await keysOf(store, { contains: needle, containsCase })).toEqual({ keys: expected, count: expected.length });
    // Through the trigram index too (it is case-sensitive, so an insensitive search must not use it).
    await store.indexKeys();
    expect(await keysOf(store, { contains: needle, containsCase })).toEqual({ keys: expected, count: expected.length });
  });

  it('ignores ASCII case in a key holding NUL', async () => {
    const { store } = fileStore();
    await store.write({ key: 'a\0B/Mixed', value: '' });
    expect((await keysOf(store, { contains: 'b/mixed', containsCase: 'insensitive' })).keys).toEqual(['a\0B/Mixed']);
  });
});
