/**
 * go-micro's file store test `fileTest` in its two forms (docs/store-semantics.md §10.3):
 * - old: go-micro v2.9.1 store/file/file_test.go (same in the plugins' v3-v5 and go-micro v5.6.0);
 * - new: go-micro HEAD store/file_test.go, de-flaked: longer times, and F6 writes `barfoo` with a negative
 *   expiry (already expired) instead of sleeping.
 * Run on a fresh temp file per namespace configuration. The clock is injected: `sleep(d)` advances
 * d + 1 ms, because a real sleep lasts longer than d and at exactly d a record is still live (docs/store-semantics.md §4).
 */
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../electron/store/index.js';
import { createClock, type ManualClock } from '../helpers/clock.js';
import { fileStore, keys, NAMESPACE_CONFIGS, type SqliteStore, text } from '../helpers/store.js';

type Form = 'old' | 'new';

async function fileTest(store: SqliteStore, clock: ManualClock, form: Form): Promise<void> {
  const sleep = (ms: number) => clock.advance(ms + 1);
  const t = (oldMs: number, newMs: number) => (form === 'old' ? oldMs : newMs);

  // F1
  await store.write({ key: 'Hello', value: 'World', expiry: t(150, 1000) });
  const hello = await store.read('Hello');
  expect(hello).toHaveLength(1);
  expect(hello[0]?.key).toBe('Hello');
  expect(text(hello[0])).toBe('World');
  // F2
  sleep(t(200, 2000));
  await expect(store.read('Hello')).rejects.toBeInstanceOf(NotFoundError);
  // F3
  await store.write({ key: 'foo', value: 'foofoo' });
  await store.write({ key: 'foobar', value: 'foobarfoobar', expiry: t(100, 1000) });
  expect(await store.read('foo', { prefix: true })).toHaveLength(2);
  // F4
  sleep(t(200, 2000));
  expect(await store.read('foo', { prefix: true })).toHaveLength(1);
  // F5
  await store.delete('foo');
  await expect(store.read('foo')).rejects.toBeInstanceOf(NotFoundError);
  // F6
  if (form === 'old') {
    await store.write({ key: 'foo', value: 'foofoo' });
    await store.write({ key: 'barfoo', value: 'barfoobarfoo', expiry: 100 });
    await store.write({ key: 'bazbarfoo', value: 'bazbarfoobazbarfoo', expiry: 200 });
    expect(await store.read('foo', { suffix: true })).toHaveLength(3);
    sleep(100);
    expect(await store.read('foo', { suffix: true })).toHaveLength(2);
    sleep(100);
    expect(await store.read('foo', { suffix: true })).toHaveLength(1);
    await store.delete('foo');
    expect(await store.read('foo', { suffix: true })).toHaveLength(0);
  } else {
    await store.write({ key: 'foo', value: 'foofoo' });
    await store.write({ key: 'barfoo', value: 'barfoobarfoo', expiry: -1000 });
    await store.write({ key: 'bazbarfoo', value: 'bazbarfoobazbarfoo' });
    expect(keys(await store.read('foo', { suffix: true }))).toEqual(['bazbarfoo', 'foo']);
    await store.delete('bazbarfoo');
    expect(await store.read('foo', { suffix: true })).toHaveLength(1);
    await store.delete('foo');
    expect(await store.read('foo', { suffix: true })).toHaveLength(0);
  }
  // F7
  const life = t(100, 1000);
  await store.write({ key: 'foofoobarbar', value: 'something' }, { ttl: life });
  await store.write({ key: 'foofoo', value: 'something' }, { expiry: new Date(clock.now() + life) });
  await store.write({ key: 'barbar', value: 'something' }, { expiry: new Date(clock.now() + 3_600_000), ttl: life });
  expect(await store.read('foo', { prefix: true, suffix: true })).toHaveLength(1);
  sleep(t(100, 2000));
  expect(await store.list()).toHaveLength(0);
  // F8
  for (let i = 0; i < 10; i++) await store.write({ key: `a${i}`, value: '' });
  const first5 = await store.read('a', { limit: 5, prefix: true });
  expect(first5).toHaveLength(5);
  expect(first5[0]?.key.startsWith('a')).toBe(true);
  // F9
  expect(await store.read('a', { limit: 30, offset: 5, prefix: true })).toHaveLength(5);
}

describe.each(['old', 'new'] as const)('go-micro file store fileTest (%s form)', (form) => {
  describe.each(NAMESPACE_CONFIGS)('store options: $name', ({ options }) => {
    it('passes fileTest on a fresh store file', async () => {
      const clock = createClock();
      const { store } = fileStore({ ...options, now: clock.now });
      await fileTest(store, clock, form);
    });
  });
});

it('TestFileStoreReInit: Init(Table("bbb")) after NewStore(Table("aaa")) gives table "bbb"', async () => {
  const { store } = fileStore({ table: 'aaa' });
  await store.init({ table: 'bbb' });
  expect(store.options().table).toBe('bbb');
});
