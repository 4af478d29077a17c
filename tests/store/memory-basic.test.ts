/**
 * go-micro v2.9.1 memory store's `basictest` (store/memory/memory_test.go; same in the plugins' v3-v5),
 * ported step by step: see docs/store-semantics.md §10.2. Clock injected instead of sleeps;
 * `sleep(d)` advances d + 1 ms because a real sleep always lasts longer than d (docs/store-semantics.md §4: a record is
 * still live at exactly its expiry time).
 *
 * B14 is upstream's `Close()`, which wipes the memory store. Our store never erases data on close
 * (docs/store-semantics.md §5), so B14 becomes "delete every key of the table", as docs/store-semantics.md §10.2 advises: otherwise
 * `a`, `aa` and `aaa` from B13 would still be there and B15/B16 could not hold.
 */
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../electron/store/index.js';
import { createClock } from '../helpers/clock.js';
import { keys, memoryStore, NAMESPACE_CONFIGS, type SqliteStore, text } from '../helpers/store.js';

async function basictest(store: SqliteStore, sleep: (ms: number) => void, now: () => number): Promise<void> {
  // B1
  await store.write({ key: 'Hello', value: 'World', expiry: 100 });
  const hello = await store.read('Hello');
  expect(hello).toHaveLength(1);
  expect(hello[0]?.key).toBe('Hello');
  expect(text(hello[0])).toBe('World');
  // B2
  sleep(200);
  await expect(store.read('Hello')).rejects.toBeInstanceOf(NotFoundError);
  // B3
  await store.write({ key: 'foo', value: 'foofoo' });
  await store.write({ key: 'foobar', value: 'foobarfoobar', expiry: 100 });
  await store.write({ key: 'foobarbaz', value: 'foobarbazfoobarbaz', expiry: 200 });
  // B4
  expect(await store.read('foo', { prefix: true })).toHaveLength(3);
  // B5
  sleep(100);
  expect(await store.read('foo', { prefix: true })).toHaveLength(2);
  // B6
  sleep(100);
  expect(await store.read('foo', { prefix: true })).toHaveLength(1);
  // B7: upstream passes a no-op custom DeleteOption; an options object that sets nothing is ours
  await expect(store.delete('foo', {})).resolves.toBeUndefined();
  // B8
  await expect(store.read('foo', { prefix: true })).resolves.toEqual([]);
  // B9
  await store.write({ key: 'foo', value: 'foofoo' });
  await store.write({ key: 'barfoo', value: 'barfoobarfoo', expiry: 100 });
  await store.write({ key: 'bazbarfoo', value: 'bazbarfoobazbarfoo', expiry: 200 });
  expect(await store.read('foo', { suffix: true })).toHaveLength(3);
  sleep(100);
  expect(await store.read('foo', { suffix: true })).toHaveLength(2);
  sleep(100);
  expect(await store.read('foo', { suffix: true })).toHaveLength(1);
  await store.delete('foo');
  await expect(store.read('foo', { suffix: true })).resolves.toEqual([]);
  // B10
  await store.write({ key: 'foofoobarbar', value: 'something' }, { ttl: 100 });
  await store.write({ key: 'foofoo', value: 'something' }, { expiry: new Date(now() + 100) });
  await store.write({ key: 'barbar', value: 'something' }, { expiry: new Date(now() + 60 * 60 * 1000), ttl: 100 });
  // B11
  expect(keys(await store.read('foo', { prefix: true, suffix: true }))).toEqual(['foofoo']);
  // B12: "Expiry options were not effective" otherwise
  sleep(100);
  expect(await store.list()).toHaveLength(0);
  // B13
  for (const key of ['a', 'aa', 'aaa']) await store.write({ key, value: 'a' });
  await expect(store.read('b', { prefix: true })).resolves.toEqual([]);
  // B14: Close() wiped the memory store upstream; here every key of the table is deleted
  for (const key of await store.list()) await store.delete(key);
  expect(await store.list()).toEqual([]);
  for (let i = 0; i < 10; i++) await store.write({ key: `a${i}`, value: '' });
  // B15: requires an ascending sort
  const first5 = await store.read('a', { limit: 5, prefix: true });
  expect(first5).toHaveLength(5);
  expect(first5[0]?.key).toBe('a0');
  expect(first5[4]?.key).toBe('a4');
  // B16
  expect(await store.read('a', { limit: 30, offset: 5, prefix: true })).toHaveLength(5);
}

describe('go-micro memory store basictest', () => {
  describe.each(NAMESPACE_CONFIGS)('store options: $name', ({ options }) => {
    it('passes basictest on a fresh store after Init()', async () => {
      const clock = createClock();
      const store = memoryStore({ ...options, now: clock.now });
      await store.init();
      await basictest(store, (ms) => clock.advance(ms + 1), clock.now);
    });
  });

  it('TestMemoryReInit: Init(Table("")) leaves the table as it was (docs/store-semantics.md §8, not upstream)', async () => {
    // Upstream expects Options().Table == "" here. docs/store-semantics.md §8 settles it the other way: an empty string
    // counts as "not given" everywhere, so init({ table: '' }) leaves 'aaa' in place.
    const store = memoryStore({ table: 'aaa' });
    await store.init({ table: '' });
    expect(store.options().table).toBe('aaa');
  });
});
