/** InspectorStore.setExpiryMatching: a TTL for every record a filter matches, at any size (issue 11, item 8). */
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../electron/store/index.js';

const NS = { database: 'micro', table: 'micro' };

async function storeWith(count: number, prefix = 'tmp/') {
  const store = createSqliteStore({ path: ':memory:' });
  await store.init();
  const records = Array.from({ length: count }, (_, i) => ({
    key: `${prefix}${String(i).padStart(6, '0')}`,
    value: 'x',
  }));
  await store.writeMany(NS, records);
  await store.writeMany(NS, [{ key: 'keep/a', value: 'a' }]);
  return store;
}

describe('setExpiryMatching', () => {
  it('sets one expiry instant on 125,000 matching records in batches, reporting progress', async () => {
    const store = await storeWith(125_000);
    const progress: [number, number][] = [];
    const before = Date.now();
    const updated = await store.setExpiryMatching(
      NS,
      { prefix: 'tmp/' },
      { ttl: 3_600_000 },
      { onProgress: (done, total) => progress.push([done, total]), batchSize: 20_000 },
    );
    expect(updated).toBe(125_000);
    expect(progress.map(([done]) => done)).toEqual([20_000, 40_000, 60_000, 80_000, 100_000, 120_000, 125_000]);
    expect(progress.every(([, total]) => total === 125_000)).toBe(true);
    expect(await store.count(NS, { prefix: 'tmp/', expiry: 'no-ttl' })).toBe(0);
    const first = await store.inspect(NS, 'tmp/000000', 0);
    const last = await store.inspect(NS, 'tmp/124999', 0);
    expect(first.expiresAt).toBe(last.expiresAt);
    expect(first.expiresAt).toBeGreaterThanOrEqual(before + 3_600_000);
    expect((await store.inspect(NS, 'keep/a', 0)).expiresAt).toBeNull();
  });

  it('a filter the new expiry no longer matches neither skips nor repeats records', async () => {
    const store = await storeWith(2_500);
    const updated = await store.setExpiryMatching(NS, { expiry: 'no-ttl' }, { ttl: 60_000 }, { batchSize: 1_000 });
    expect(updated).toBe(2_501);
    expect(await store.count(NS, { expiry: 'no-ttl' })).toBe(0);
  });

  it('removes expiry too, and answers 0 for a table that does not exist', async () => {
    const store = await storeWith(10);
    await store.setExpiryMatching(NS, {}, { ttl: 60_000 });
    expect(await store.setExpiryMatching(NS, { prefix: 'tmp/' }, { none: true })).toBe(10);
    expect(await store.count(NS, { expiry: 'has-ttl' })).toBe(1);
    expect(await store.setExpiryMatching({ database: 'no', table: 'such' }, {}, { none: true })).toBe(0);
  });
});
