import { describe, expect, it } from 'vitest';
import { createSqliteStore, type RecordFilter } from '../../electron/store/index.js';
import { createClock } from '../helpers/clock.js';

const NS = { database: 'micro', table: 'micro' };

/** Metadata values that look alike as SQL values but are different JSON. */
const METADATA: Record<string, unknown>[] = [
  { kind: 'job' },
  { kind: 'job', n: 1 },
  { kind: 'user', n: true },
  { kind: 'Job' },
  { kind: 3 },
  { kind: '3' },
  { kind: 3.0 },
  { kind: 1 },
  { kind: true },
  { kind: false },
  { kind: 0 },
  { kind: null },
  { kind: { a: 1 } },
  { kind: '{"a":1}' },
  { kind: ['job'] },
  { other: 'job' },
  {},
];

const TYPED = ['job', 'Job', '3', '"3"', '1', 'true', 'false', '0', 'null', '{"a":1}', '"{\\"a\\":1}"', 'nothing'];

async function seeded() {
  const clock = createClock();
  const store = createSqliteStore({ now: clock.now });
  await store.writeMany(
    NS,
    Array.from({ length: METADATA.length * 6 }, (_, index) => ({
      key: `k/${String(index).padStart(3, '0')}`,
      value: '',
      metadata: METADATA[index % METADATA.length],
      ...(index % 5 === 0 ? { expiry: 1_000 } : {}),
    })),
  );
  clock.advance(1_001);
  return store;
}

async function everything(store: ReturnType<typeof createSqliteStore>, filter: RecordFilter) {
  const page = await store.page(NS, { filter, order: 'asc', limit: 1_000 });
  const descending = await store.page(NS, { filter, order: 'desc', limit: 1_000 });
  return {
    keys: page.records.map((record) => record.key),
    reversed: descending.records.map((record) => record.key).reverse(),
    count: await store.count(NS, filter),
    noTtl: await store.count(NS, { ...filter, expiry: 'no-ttl' }),
    expired: await store.count(NS, { ...filter, expiry: 'expired' }),
  };
}

describe('metadata indexes', () => {
  it('find, page and count exactly what a filter finds without one, for every kind of typed value', async () => {
    const store = await seeded();
    const before = new Map<string, unknown>();
    for (const value of TYPED) before.set(value, await everything(store, { metadata: [{ field: 'kind', value }] }));
    expect(await store.indexMetadata('kind')).toBe(true);
    expect(await store.indexMetadata('kind')).toBe(false);
    expect(await store.metadataIndexes()).toEqual(['kind']);
    for (const value of TYPED) {
      const after = await everything(store, { metadata: [{ field: 'kind', value }] });
      expect(after, `typed ${value}`).toEqual(before.get(value));
      expect(after.keys, `typed ${value}`).toEqual(after.reversed);
    }
    const job = (before.get('job') as { keys: string[]; count: number }).keys;
    expect(job.length).toBeGreaterThan(0);
    expect(await store.dropMetadataIndex('kind')).toBe(true);
    expect(await store.metadataIndexes()).toEqual([]);
    await store.close();
  });

  it('keeps an index right through writes, overwrites and deletes, and a field name with quotes works', async () => {
    const store = createSqliteStore();
    await store.indexMetadata("it's");
    await store.write({ key: 'a', value: '', metadata: { "it's": 'x' } });
    await store.write({ key: 'b', value: '', metadata: { "it's": 'x' } });
    await store.write({ key: 'a', value: '', metadata: { "it's": 'y' } });
    await store.delete('b');
    await store.write({ key: 'c', value: '', metadata: { "it's": 'x' } });
    const filter = { metadata: [{ field: "it's", value: 'x' }] };
    expect((await store.page(NS, { filter, order: 'asc', limit: 10 })).records.map((record) => record.key)).toEqual([
      'c',
    ]);
    expect(await store.count(NS, filter)).toBe(1);
    expect(await store.metadataIndexes()).toEqual(["it's"]);
    await store.close();
  });

  it('refuses an empty field name with a message', async () => {
    const store = createSqliteStore();
    await expect(store.indexMetadata('')).rejects.toThrow('a metadata field must be a non-empty string');
    await store.close();
  });
});

describe('counts after a filter', () => {
  it('equal what the page finds, for key filters and every expiry state', async () => {
    const store = await seeded();
    await store.indexKeys();
    const filters: RecordFilter[] = [
      {},
      { prefix: 'k/01' },
      { suffix: '5' },
      { contains: '/0' },
      { expiry: 'all' },
      { expiry: 'expired' },
      { expiry: 'no-ttl' },
      { expiry: 'has-ttl' },
      { prefix: 'k/0', expiry: 'no-ttl' },
      { contains: '1', expiry: 'expired' },
    ];
    for (const filter of filters) {
      const page = await store.page(NS, { filter, order: 'asc', limit: 1_000 });
      expect(await store.count(NS, filter), JSON.stringify(filter)).toBe(page.records.length);
    }
    await store.close();
  });

  it('stay exact when many records match, where the expired ones are found through the expiry index', async () => {
    const clock = createClock();
    const store = createSqliteStore({ now: clock.now });
    const keys = Array.from({ length: 12_000 }, (_, index) => `k/${String(index).padStart(5, '0')}`);
    await store.writeMany(
      NS,
      keys.map((key, index) => ({ key, value: '', ...(index % 7 === 0 ? { expiry: 1_000 } : {}) })),
    );
    clock.advance(1_001);
    const expired = (from: number, to: number) => keys.slice(from, to).filter((_, i) => (from + i) % 7 === 0).length;
    expect(await store.count(NS, { prefix: 'k/' })).toBe(12_000 - expired(0, 12_000));
    expect(await store.count(NS, { prefix: 'k/0' })).toBe(10_000 - expired(0, 10_000));
    expect(await store.count(NS, { prefix: 'k/01' })).toBe(1_000 - expired(1_000, 2_000));
    expect(await store.count(NS, { prefix: 'k/', expiry: 'no-ttl' })).toBe(12_000 - expired(0, 12_000));
    expect(await store.count(NS, { expiry: 'expired' })).toBe(expired(0, 12_000));
    await store.close();
  });
});
