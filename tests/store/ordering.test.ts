/**
 * Order and paging (docs/store-semantics.md §3 and §8): ascending by UTF-8 bytes, as Go's string comparison and SQLite's
 * BINARY collation give; filter, then sort, then skip `offset`, then take `limit`.
 */

import { describe, expect, it } from 'vitest';
import { compareKeys } from '../../electron/common/key-order.js';
import { keys, memoryStore, type SqliteStore } from '../helpers/store.js';

// Written in byte order on purpose; the test writes them shuffled.
const BYTE_ORDER = [
  'Z', // 5A
  'a', // 61
  'a\u0000b', // 61 00 62: NUL sorts first
  'a\uFFFF', // 61 EF BF BF
  'a😀', // 61 F0 9F 98 80
  'z', // 7A
  '~', // 7E
  'é', // C3 A9
  '\uE000', // EE 80 80 (private use area)
  '\uFFFF', // EF BF BF
  '😀', // F0 9F 98 80 (U+1F600, outside the BMP: a surrogate pair in UTF-16)
];

async function writeAll(store: SqliteStore, list: string[]): Promise<void> {
  const shuffled = [...list].reverse();
  shuffled.push(...shuffled.splice(0, 3));
  for (const key of shuffled) await store.write({ key, value: key });
}

describe('order', () => {
  it('the expected order is UTF-8 byte order, and JavaScript sort() would give another one', () => {
    expect([...BYTE_ORDER].sort(compareKeys)).toEqual(BYTE_ORDER);
    // UTF-16 code units put U+1F600 (D83D DE00) before U+E000 and U+FFFF: the trap docs/store-semantics.md §3 warns about.
    const jsOrder = [...BYTE_ORDER].sort();
    expect(jsOrder).not.toEqual(BYTE_ORDER);
    expect(jsOrder.indexOf('😀')).toBeLessThan(jsOrder.indexOf('\uE000'));
  });

  it('list() returns keys ascending by UTF-8 bytes', async () => {
    const store = memoryStore();
    await writeAll(store, BYTE_ORDER);
    expect(await store.list()).toEqual(BYTE_ORDER);
  });

  it('read with prefix or suffix returns records ascending by UTF-8 bytes', async () => {
    const store = memoryStore();
    await writeAll(store, BYTE_ORDER);
    expect(keys(await store.read('', { prefix: true }))).toEqual(BYTE_ORDER);
    expect(keys(await store.read('a', { prefix: true }))).toEqual(['a', 'a\u0000b', 'a\uFFFF', 'a😀']);
    const ends = ['x\uE000', 'x😀', 'y😀', '😀', 'x\uFFFF'];
    for (const key of ends) await store.write({ key, value: 'v' });
    expect(await store.list({ prefix: 'x' })).toEqual(['x\uE000', 'x\uFFFF', 'x😀']);
    expect(keys(await store.read('😀', { suffix: true }))).toEqual(['a😀', 'x😀', 'y😀', '😀']);
  });

  it('many random unicode keys come back in byte order, also page by page', async () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pool = ['a', 'B', '0', '/', 'é', 'ß', '中', '\uD7FF', '\uE000', '\uFFFD', '\uFFFF', '😀', '𝄞', '\u0000'];
    const all = new Set<string>();
    while (all.size < 400) {
      let key = '';
      const length = 1 + Math.floor(random() * 4);
      for (let i = 0; i < length; i++) key += pool[Math.floor(random() * pool.length)];
      all.add(key);
    }
    const expected = [...all].sort(compareKeys);
    const store = memoryStore();
    for (const key of all) await store.write({ key, value: '' });
    expect(await store.list()).toEqual(expected);
    const pages: string[] = [];
    for (let offset = 0; offset < expected.length; offset += 37) {
      pages.push(...(await store.list({ offset, limit: 37 })));
    }
    expect(pages).toEqual(expected);
  });
});

describe('paging', () => {
  async function storeWith(list: string[]): Promise<SqliteStore> {
    const store = memoryStore();
    await writeAll(store, list);
    return store;
  }

  it('every offset and limit gives the matching slice of the sorted, filtered keys (list and read)', async () => {
    const store = await storeWith([...BYTE_ORDER, 'other1', 'other2']);
    const everything = [...BYTE_ORDER, 'other1', 'other2'].sort(compareKeys);
    const startingWithA = ['a', 'a\u0000b', 'a\uFFFF', 'a😀'];
    const slice = (from: string[], offset: number, limit: number) =>
      limit === 0 ? from.slice(offset) : from.slice(offset, offset + limit);
    for (let offset = 0; offset <= everything.length + 1; offset++) {
      for (const limit of [0, 1, 2, 5]) {
        expect(await store.list({ offset, limit })).toEqual(slice(everything, offset, limit));
        expect(keys(await store.read('', { prefix: true, offset, limit }))).toEqual(slice(everything, offset, limit));
        expect(await store.list({ prefix: 'a', offset, limit })).toEqual(slice(startingWithA, offset, limit));
        expect(keys(await store.read('a', { prefix: true, offset, limit }))).toEqual(
          slice(startingWithA, offset, limit),
        );
      }
    }
  });

  it('filters before applying the limit (go-micro applies limit as an end index first)', async () => {
    const store = await storeWith(['a0', 'a1', 'a2', 'a3', 'b0', 'b1', 'b2', 'b3']);
    expect(await store.list({ prefix: 'b', limit: 2 })).toEqual(['b0', 'b1']);
    expect(await store.list({ suffix: '3', limit: 1, offset: 1 })).toEqual(['b3']);
    expect(keys(await store.read('b', { prefix: true, limit: 3, offset: 2 }))).toEqual(['b2', 'b3']);
  });

  it('an offset at or past the end gives an empty array', async () => {
    const store = await storeWith(['k1', 'k2', 'k3']);
    expect(await store.list({ offset: 3 })).toEqual([]);
    expect(await store.list({ offset: 4 })).toEqual([]);
    expect(await store.list({ offset: 1_000_000, limit: 10 })).toEqual([]);
    expect(await store.read('k', { prefix: true, offset: 3 })).toEqual([]);
    expect(await store.read('k', { suffix: false, prefix: true, offset: 99, limit: 1 })).toEqual([]);
  });

  it('an offset without a limit returns the rest', async () => {
    const store = await storeWith(['k1', 'k2', 'k3', 'k4']);
    expect(await store.list({ offset: 1 })).toEqual(['k2', 'k3', 'k4']);
    expect(keys(await store.read('k', { prefix: true, offset: 3 }))).toEqual(['k4']);
  });

  it('limit 0 or a limit above the count means no limit', async () => {
    const store = await storeWith(['k1', 'k2', 'k3']);
    expect(await store.list({ limit: 0 })).toEqual(['k1', 'k2', 'k3']);
    expect(await store.list({ limit: 0, offset: 1 })).toEqual(['k2', 'k3']);
    expect(await store.list({ limit: 100 })).toEqual(['k1', 'k2', 'k3']);
    expect(keys(await store.read('k', { prefix: true, limit: 0 }))).toEqual(['k1', 'k2', 'k3']);
  });

  const BAD_NUMBERS = [-1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1.5, -0.5];

  it.each(BAD_NUMBERS)('limit %s is rejected with an error naming the limit (list and read)', async (bad) => {
    const store = await storeWith(['k1']);
    await expect(store.list({ limit: bad })).rejects.toThrow(/limit/i);
    await expect(store.read('k', { prefix: true, limit: bad })).rejects.toThrow(/limit/i);
    await expect(store.read('1', { suffix: true, limit: bad })).rejects.toThrow(/limit/i);
  });

  it.each(BAD_NUMBERS)('offset %s is rejected with an error naming the offset (list and read)', async (bad) => {
    const store = await storeWith(['k1']);
    await expect(store.list({ offset: bad })).rejects.toThrow(/offset/i);
    await expect(store.read('k', { prefix: true, offset: bad })).rejects.toThrow(/offset/i);
    await expect(store.read('1', { suffix: true, offset: bad })).rejects.toThrow(/offset/i);
  });

  it('limit and offset are ignored on an exact read', async () => {
    const store = await storeWith(['k1', 'k2']);
    const got = await store.read('k2', { limit: 1, offset: 5 });
    expect(keys(got)).toEqual(['k2']);
    expect(keys(await store.read('k1', { offset: 1 }))).toEqual(['k1']);
  });
});
