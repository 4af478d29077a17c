/**
 * Prefix and suffix matching (docs/store-semantics.md §2, §3, §8): keys are exact strings, so matching is case-sensitive,
 * `%`, `_`, `*`, `/` and `\` are literal, and prefix+suffix together means both must hold.
 */

import { describe, expect, it } from 'vitest';
import { compareKeys } from '../../electron/common/key-order.js';
import { NotFoundError } from '../../electron/store/index.js';
import { keys, memoryStore, type SqliteStore } from '../helpers/store.js';

async function storeWith(list: string[]): Promise<SqliteStore> {
  const store = memoryStore();
  for (const key of list) await store.write({ key, value: `value of ${key}` });
  return store;
}

describe('prefix and suffix', () => {
  it('prefix and suffix together match a key equal to the search term (unlike LIKE "foo%foo")', async () => {
    const store = await storeWith(['foo', 'foofoo', 'foobar', 'barfoo', 'fo', 'oo']);
    expect(keys(await store.read('foo', { prefix: true, suffix: true }))).toEqual(['foo', 'foofoo']);
    expect(await store.list({ prefix: 'foo', suffix: 'foo' })).toEqual(['foo', 'foofoo']);
  });

  it('list with a prefix and a different suffix needs both to hold', async () => {
    const store = await storeWith(['user/1/name', 'user/1/mail', 'user/2/name', 'admin/1/name', 'user/name']);
    // 'user/name' holds both too: prefix and suffix may overlap (they share its '/')
    expect(await store.list({ prefix: 'user/', suffix: '/name' })).toEqual(['user/1/name', 'user/2/name', 'user/name']);
    expect(await store.list({ prefix: 'user/n', suffix: 'r/name' })).toEqual(['user/name']);
    expect(await store.list({ prefix: 'user/na', suffix: 'user/name' })).toEqual(['user/name']);
    expect(await store.list({ prefix: 'user/name', suffix: 'user/name!' })).toEqual([]);
  });

  it("read('', {prefix}) and read('', {suffix}) match every key; no match is [] not NotFoundError", async () => {
    const store = await storeWith(['a', 'b/c', 'Z']);
    expect(keys(await store.read('', { prefix: true }))).toEqual(['Z', 'a', 'b/c']);
    expect(keys(await store.read('', { suffix: true }))).toEqual(['Z', 'a', 'b/c']);
    expect(keys(await store.read('', { prefix: true, suffix: true }))).toEqual(['Z', 'a', 'b/c']);
    expect(await store.list({ prefix: '', suffix: '' })).toEqual(['Z', 'a', 'b/c']);
    await expect(store.read('nothing', { prefix: true })).resolves.toEqual([]);
    await expect(store.read('nothing', { suffix: true })).resolves.toEqual([]);
  });

  it('prefix read returns full records', async () => {
    const store = await storeWith(['k1', 'k2']);
    const got = await store.read('k', { prefix: true });
    expect(got.map((r) => [r.key, Buffer.from(r.value).toString('utf8'), r.metadata, r.expiry])).toEqual([
      ['k1', 'value of k1', {}, 0],
      ['k2', 'value of k2', {}, 0],
    ]);
  });
});

describe('keys are literal', () => {
  const LITERALS = ['a%c', 'a_c', 'a*c', 'a\\c', 'a/c', 'a.c', 'a?c', 'a[c]', "a'c", 'a"c'];

  it.each(['%', '_', '*', '\\', '?', '['])('"%s" in a prefix or suffix matches only itself', async (ch) => {
    const store = await storeWith([...LITERALS, 'abc', 'aXc', 'ac', 'a%%c', 'a', 'c']);
    const withChar = [...LITERALS, 'a%%c'].filter((k) => k.startsWith(`a${ch}`)).sort(compareKeys);
    expect(withChar.length).toBeGreaterThan(0);
    expect(await store.list({ prefix: `a${ch}` })).toEqual(withChar);
    expect(keys(await store.read(`a${ch}`, { prefix: true }))).toEqual(withChar);
    const endingWith = [...LITERALS, 'a%%c'].filter((k) => k.endsWith(`${ch}c`)).sort(compareKeys);
    expect(await store.list({ suffix: `${ch}c` })).toEqual(endingWith);
    expect(keys(await store.read(`${ch}c`, { suffix: true }))).toEqual(endingWith);
  });

  it('exact reads take %, _ and * literally', async () => {
    const store = await storeWith(['abc', 'aXc']);
    await expect(store.read('a_c')).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.read('a%')).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.read('a*')).rejects.toBeInstanceOf(NotFoundError);
    await store.write({ key: 'a_c', value: 'underscore' });
    expect(keys(await store.read('a_c'))).toEqual(['a_c']);
    await store.delete('a_c');
    expect(await store.list()).toEqual(['aXc', 'abc']);
  });

  it('matching is case-sensitive', async () => {
    const store = await storeWith(['Key', 'key', 'KEY', 'kEy/x']);
    expect(keys(await store.read('key'))).toEqual(['key']);
    await expect(store.read('KEy')).rejects.toBeInstanceOf(NotFoundError);
    expect(await store.list({ prefix: 'k' })).toEqual(['kEy/x', 'key']);
    expect(await store.list({ prefix: 'K' })).toEqual(['KEY', 'Key']);
    expect(await store.list({ suffix: 'Y' })).toEqual(['KEY']);
    await store.delete('KEY');
    expect(await store.list()).toEqual(['Key', 'kEy/x', 'key']);
  });

  it('no path cleaning: x, /x, x/ and ./x are different keys', async () => {
    const store = memoryStore();
    for (const key of ['x', '/x', 'x/', './x', 'x//y', 'x/y']) await store.write({ key, value: key });
    for (const key of ['x', '/x', 'x/', './x', 'x//y', 'x/y']) {
      const got = await store.read(key);
      expect(got.map((r) => [r.key, Buffer.from(r.value).toString()])).toEqual([[key, key]]);
    }
    expect(await store.list({ prefix: 'x/' })).toEqual(['x/', 'x//y', 'x/y']);
  });
});
