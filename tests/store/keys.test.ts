/**
 * What a key may be (docs/store-semantics.md §2 and §8): any Unicode string, NUL included, but not empty and not a string
 * with a lone surrogate. The empty key: write rejects, exact read is NotFoundError, delete does nothing.
 */
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../electron/store/index.js';
import { keys, memoryStore } from '../helpers/store.js';

describe('the empty key', () => {
  it('write rejects it with an error about the key, and writes nothing', async () => {
    const store = memoryStore();
    await expect(store.write({ key: '', value: 'x' })).rejects.toThrow(/key/i);
    await expect(store.write({ key: '', value: 'x' }, { ttl: 1000 })).rejects.toThrow(/key/i);
    expect(await store.list()).toEqual([]);
    expect(await store.read('', { prefix: true })).toEqual([]);
  });

  it("an exact read('') rejects with NotFoundError", async () => {
    const store = memoryStore();
    await store.write({ key: 'a', value: 'x' });
    const failure = store.read('');
    await expect(failure).rejects.toBeInstanceOf(NotFoundError);
    await expect(failure).rejects.toThrow('not found');
  });

  it("delete('') resolves and deletes nothing", async () => {
    const store = memoryStore();
    await store.write({ key: 'a', value: 'x' });
    await store.write({ key: 'b', value: 'y' });
    await expect(store.delete('')).resolves.toBeUndefined();
    expect(await store.list()).toEqual(['a', 'b']);
  });
});

describe('unicode keys', () => {
  it.each([
    ['a lone high surrogate', '\uD83D'],
    ['a lone low surrogate', 'x\uDE00y'],
    ['a reversed pair', '\uDE00\uD83D'],
    ['a pair cut at the end', 'key\uD83D'],
  ])('a key with %s is rejected and nothing is written', async (_name, key) => {
    const store = memoryStore();
    await expect(store.write({ key, value: 'x' })).rejects.toThrow(/key|surrogate|unicode/i);
    expect(await store.list()).toEqual([]);
  });

  it('a key containing NUL is a key of its own, not cut at the NUL', async () => {
    const store = memoryStore();
    await store.write({ key: 'a\u0000b', value: 'with nul' });
    await store.write({ key: 'a', value: 'plain' });
    await store.write({ key: '\u0000', value: 'only nul' });
    const got = await store.read('a\u0000b');
    expect(got.map((r) => [r.key, Buffer.from(r.value).toString()])).toEqual([['a\u0000b', 'with nul']]);
    expect(await store.list()).toEqual(['\u0000', 'a', 'a\u0000b']);
    expect(await store.list({ suffix: '\u0000b' })).toEqual(['a\u0000b']);
    await store.delete('a');
    expect(await store.list()).toEqual(['\u0000', 'a\u0000b']);
  });

  it('keys outside the BMP, combining marks and long keys round-trip exactly', async () => {
    const store = memoryStore();
    const long = `k${'é😀'.repeat(5000)}`;
    const list = ['😀', '𝄞music', 'e\u0301', '\u00e9', 'ﬁ', long];
    for (const key of list) await store.write({ key, value: key });
    for (const key of list) expect(keys(await store.read(key))).toEqual([key]);
    // no Unicode normalisation: e + combining acute and precomposed é stay two keys
    expect((await store.list({ prefix: 'e' })).length + (await store.list({ prefix: '\u00e9' })).length).toBe(2);
  });
});
