/**
 * go-micro's unified store suite (store/test/store_test.go, go-micro #1952; copied into micro v3's
 * service/store/test), ported step by step: see docs/store-semantics.md §10.1.
 *
 * Upstream sleeps; here the store's injected clock is moved instead. A real `time.Sleep(d)` always lasts
 * longer than d, and the writes before it took time too, so `sleep(d)` advances the clock by d + 1 ms:
 * at exactly d the record would still be live (docs/store-semantics.md §4: expired only when now > expiresAt).
 *
 * Two variants: the suite as last shipped, and the version before go-micro 1ae825032, which also had the
 * WriteExpiry/WriteTTL cases (E7-E10, and R1' where TTL wins over WriteExpiry).
 * Each runs on a fresh store per namespace configuration, on ':memory:' and on a temp file.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteStore, NotFoundError } from '../../electron/store/index.js';
import { createClock, type ManualClock } from '../helpers/clock.js';
import { makeTempDir, removeDir } from '../helpers/files.js';
import { BACKINGS, keys, NAMESPACE_CONFIGS, type SqliteStore, text } from '../helpers/store.js';

const VARIANTS = [
  { name: 'as last shipped', withWriteOptions: false },
  { name: 'with the removed WriteExpiry/WriteTTL cases', withWriteOptions: true },
];

describe.each(BACKINGS)('unified suite on %s', (backing) => {
  describe.each(VARIANTS)('$name', ({ withWriteOptions }) => {
    describe.each(NAMESPACE_CONFIGS)('store options: $name', ({ options }) => {
      let clock: ManualClock;
      let store: SqliteStore;
      let dir: string | undefined;
      const sleep = (ms: number) => clock.advance(ms + 1);

      beforeAll(() => {
        clock = createClock();
        dir = backing === 'file' ? makeTempDir() : undefined;
        const path = dir ? join(dir, 'store.db') : ':memory:';
        store = createSqliteStore({ ...options, path, now: clock.now });
      });

      afterAll(async () => {
        await store.close();
        if (dir) removeDir(dir);
      });

      // Tests below run in order against the same store: state carries over as upstream.

      it('expiryTests', async () => {
        // E1
        await store.write({ key: 'Hello', value: 'World', expiry: 150 });
        // E2
        const got = await store.read('Hello');
        expect(got).toHaveLength(1);
        expect(got[0]?.key).toBe('Hello');
        expect(text(got[0])).toBe('World');
        // E3
        sleep(200);
        await expect(store.read('Hello')).rejects.toBeInstanceOf(NotFoundError);
        // E4
        for (const key of ['aaa', 'aaaa', 'aaaaa']) await store.write({ key, value: 'bbb', expiry: 1000 });
        // E5
        expect(await store.read('a', { prefix: true })).toHaveLength(3);
        // E6
        sleep(1000);
        expect(await store.read('a', { prefix: true })).toHaveLength(0);

        if (!withWriteOptions) return;
        // E7
        for (const key of ['bbb', 'bbbb', 'bbbbb']) {
          await store.write({ key, value: 'bbb' }, { expiry: new Date(clock.now() + 1000) });
        }
        expect(await store.read('b', { prefix: true })).toHaveLength(3);
        // E8
        sleep(1000);
        expect(await store.read('b', { prefix: true })).toHaveLength(0);
        // E9
        for (const key of ['ccc', 'cccc', 'ccccc']) await store.write({ key, value: 'bbb' }, { ttl: 1000 });
        expect(await store.read('c', { prefix: true })).toHaveLength(3);
        // E10
        sleep(1000);
        expect(await store.read('c', { prefix: true })).toHaveLength(0);
      });

      it('suffixPrefixExpiryTests', async () => {
        // P1
        await store.write({ key: 'foo', value: 'foofoo' });
        await store.write({ key: 'foobar', value: 'foobarfoobar', expiry: 1000 });
        // P2
        expect(await store.read('foo', { prefix: true })).toHaveLength(2);
        // P3
        sleep(1000);
        expect(await store.read('foo', { prefix: true })).toHaveLength(1);
        // P4
        await expect(store.delete('foo')).resolves.toBeUndefined();
        // P5
        await expect(store.read('foo')).rejects.toBeInstanceOf(NotFoundError);
        // P6
        await store.write({ key: 'foo', value: 'foofoo' });
        await store.write({ key: 'barfoo', value: 'barfoobarfoo', expiry: 1000 });
        await store.write({ key: 'bazbarfoo', value: 'bazbarfoobazbarfoo', expiry: 2000 });
        // P7
        expect(await store.read('foo', { suffix: true })).toHaveLength(3);
        // P8
        sleep(1000);
        expect(await store.read('foo', { suffix: true })).toHaveLength(2);
        // P9
        sleep(1000);
        expect(await store.read('foo', { suffix: true })).toHaveLength(1);
        // P10: no error, no records
        await store.delete('foo');
        await expect(store.read('foo', { suffix: true })).resolves.toEqual([]);
      });

      it('readTests', async () => {
        if (withWriteOptions) {
          // R1': "TTL has higher precedence" than WriteExpiry for barbar
          await store.write({ key: 'foofoobarbar', value: 'something' }, { ttl: 100 });
          await store.write({ key: 'foofoo', value: 'something' }, { expiry: new Date(clock.now() + 100) });
          await store.write(
            { key: 'barbar', value: 'something' },
            { expiry: new Date(clock.now() + 60 * 60 * 1000), ttl: 100 },
          );
        } else {
          // R1
          for (const key of ['foofoobarbar', 'foofoo', 'barbar']) {
            await store.write({ key, value: 'something', expiry: 100 });
          }
        }
        // R2
        const both = await store.read('foo', { prefix: true, suffix: true });
        expect(keys(both)).toEqual(['foofoo']);
        // R3: every key written so far has expired or been deleted
        sleep(100);
        expect(await store.list()).toHaveLength(0);
        // R4
        for (let i = 0; i < 10; i++) await store.write({ key: `a${i}`, value: '' });
        // R5
        const first5 = await store.read('a', { limit: 5, prefix: true });
        expect(first5).toHaveLength(5);
        expect(first5[0]?.key.startsWith('a')).toBe(true);
        // R6
        expect(await store.read('a', { limit: 30, offset: 5, prefix: true })).toHaveLength(5);
      });

      it('listTests', async () => {
        // L1
        for (let i = 0; i < 10; i++) await store.write({ key: `List${i}`, value: 'bar' });
        // L2
        expect(await store.list({ prefix: 'List' })).toHaveLength(10);
        // L3
        expect(await store.list({ prefix: 'List', limit: 5 })).toHaveLength(5);
        // L4 (go-micro v2.9-v3 memory and file panic here; HEAD memory returns 0)
        expect(await store.list({ prefix: 'List', offset: 6 })).toHaveLength(4);
        // L5
        expect(await store.list({ prefix: 'List', offset: 6, limit: 2 })).toHaveLength(2);
        // L6
        for (let i = 0; i < 10; i++) await store.write({ key: `ListOffset${i}`, value: 'bar' });
        // L7
        expect(await store.list({ prefix: 'ListOffset', offset: 6 })).toHaveLength(4);
      });

      it('kept every record in the configured namespace and nowhere else', async () => {
        const resolved = store.options();
        expect(resolved.database).toBe(options.database ?? 'micro');
        expect(resolved.table).toBe(options.table ?? 'micro');
        const live = await store.list({ database: resolved.database, table: resolved.table });
        expect(live).toHaveLength(30); // a0-a9, List0-List9, ListOffset0-ListOffset9
        if (options.database || options.table) {
          expect(await store.list({ database: 'micro', table: 'micro' })).toEqual([]);
        }
      });
    });
  });

  it('TestStoreReInit: Init(Table("bbb")) after NewStore(Table("aaa")) gives table "bbb"', async () => {
    const dir = backing === 'file' ? makeTempDir() : undefined;
    const store = createSqliteStore({ table: 'aaa', path: dir ? join(dir, 'store.db') : ':memory:' });
    try {
      await store.init({ table: 'bbb' });
      expect(store.options().table).toBe('bbb');
    } finally {
      await store.close();
      if (dir) removeDir(dir);
    }
  });
});
