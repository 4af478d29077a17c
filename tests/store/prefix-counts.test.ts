import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../electron/store/index.js';
import { narrowToPrefix } from '../../electron/store/prefix-counts.js';
import { createClock } from '../helpers/clock.js';

const NS = { database: 'app', table: 'keys' };

describe('counting the key tree branches in one call', () => {
  async function seeded() {
    const clock = createClock(Date.UTC(2026, 0, 1));
    const store = createSqliteStore({ now: clock.now });
    const keys = ['user/1', 'user/2', 'user/2/a', 'users', 'order/1', 'order/2', 'ü/1', '😀/1', 'zz'];
    await store.writeMany(
      NS,
      keys.map((key) => ({ key, value: '', ...(key === 'order/2' ? { expiry: 1_000 } : {}) })),
    );
    return { clock, store };
  }

  it('gives one count per prefix, in the order asked, each what records.count would say', async () => {
    const { store } = await seeded();
    const prefixes = ['user/', 'order/', 'ü/', '😀/', 'none/', 'user/2/'];
    const counts = await store.countPrefixes(NS, prefixes, {});
    expect(counts).toEqual([3, 2, 1, 1, 0, 1]);
    const one = await Promise.all(prefixes.map((prefix) => store.count(NS, { prefix })));
    expect(counts).toEqual(one);
  });

  it('leaves out records that expired since, and keeps the rest of the filter', async () => {
    const { clock, store } = await seeded();
    clock.advance(1_001);
    expect(await store.countPrefixes(NS, ['order/'], {})).toEqual([1]);
    expect(await store.countPrefixes(NS, ['order/'], { expiry: 'all' })).toEqual([2]);
    expect(await store.countPrefixes(NS, ['user/', 'order/'], { suffix: '1' })).toEqual([1, 1]);
  });

  it("within the filter's own prefix: the longer prefix counts, one that excludes it counts nothing", async () => {
    const { store } = await seeded();
    expect(await store.countPrefixes(NS, ['user/', 'order/', 'u'], { prefix: 'user/2' })).toEqual([2, 0, 2]);
  });

  it('answers zeros for a table that does not exist and nothing for no prefixes', async () => {
    const { store } = await seeded();
    expect(await store.countPrefixes({ database: 'app', table: 'none' }, ['user/'], {})).toEqual([0]);
    expect(await store.countPrefixes(NS, [], {})).toEqual([]);
  });
});

describe('narrowToPrefix', () => {
  it('keeps the longer of two prefixes when one extends the other, and nothing when they differ', () => {
    expect(narrowToPrefix({ suffix: 'x' }, 'a/')).toEqual({ suffix: 'x', prefix: 'a/' });
    expect(narrowToPrefix({ prefix: 'a/' }, 'a/b/')).toEqual({ prefix: 'a/b/' });
    expect(narrowToPrefix({ prefix: 'a/b/' }, 'a/')).toEqual({ prefix: 'a/b/' });
    expect(narrowToPrefix({ prefix: 'a/' }, 'b/')).toBeUndefined();
  });
});
