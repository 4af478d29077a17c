import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../electron/store/index.js';
import { createClock } from '../helpers/clock.js';

const NS = { database: 'micro', table: 'micro' };

describe('counting for the grid', () => {
  async function seeded() {
    const clock = createClock(Date.UTC(2026, 0, 1));
    const store = createSqliteStore({ now: clock.now });
    const keys = Array.from({ length: 50 }, (_, index) => `k/${String(index).padStart(2, '0')}`);
    await store.writeMany(
      NS,
      keys.map((key, index) => ({ key, value: '', ...(index % 10 === 0 ? { expiry: 1_000 } : {}) })),
    );
    return { clock, store, keys };
  }

  it('counts the whole table from the kept counts, less the records that expired since', async () => {
    const { clock, store } = await seeded();
    expect(await store.count(NS, {})).toBe(50);
    clock.advance(1_001);
    expect(await store.count(NS, {})).toBe(45);
    expect(await store.count(NS, { expiry: 'expired' })).toBe(5);
    expect(await store.count(NS, { expiry: 'all' })).toBe(50);
  });

  it('stops at a limit, exact below it', async () => {
    const { store } = await seeded();
    expect(await store.count(NS, {}, { limit: 20 })).toBe(20);
    expect(await store.count(NS, { prefix: 'k/4' }, { limit: 20 })).toBe(10);
    expect(await store.count(NS, { prefix: 'k/' }, { limit: 7 })).toBe(7);
  });

  it('counts the matching keys before a key: a row position after a jump', async () => {
    const { clock, store, keys } = await seeded();
    expect(await store.count(NS, {}, { before: 'k/25' })).toBe(25);
    clock.advance(1_001);
    // k/00, k/10 and k/20 expired: three fewer rows come before k/25.
    expect(await store.count(NS, {}, { before: 'k/25' })).toBe(22);
    expect(await store.count(NS, { suffix: '5' }, { before: keys[35] })).toBe(3);
  });
});
