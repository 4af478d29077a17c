/** InspectorStore.duplicate: an exact copy of a stored record under a new key (issue 11, item 1). */
import { describe, expect, it } from 'vitest';
import { createSqliteStore, NotFoundError, StoreInputError } from '../../electron/store/index.js';

const NS = { database: 'micro', table: 'micro' };

async function storeWith() {
  const store = createSqliteStore({ path: ':memory:' });
  await store.init();
  return store;
}

describe('duplicate', () => {
  it('copies a 5 MB value, its metadata and its expiry instant exactly', async () => {
    const store = await storeWith();
    const value = Buffer.alloc(5 * 1024 * 1024, 0xab);
    value.write('{"name":"User 4","age":24}');
    await store.write({ key: 'big', value, metadata: { owner: 'ops', n: 3 } }, { ttl: 60_000 });
    await store.duplicate(NS, 'big', 'big-copy');
    const original = await store.inspect(NS, 'big', 0);
    const copy = await store.inspect(NS, 'big-copy', 0);
    expect(copy.expiresAt).toBe(original.expiresAt);
    expect(copy.metadata).toEqual({ owner: 'ops', n: 3 });
    expect(copy.size).toBe(value.length);
    const [read] = await store.read('big-copy');
    expect(Buffer.from(read?.value ?? []).equals(value)).toBe(true);
    expect(await store.count(NS, {})).toBe(2);
  });

  it('never overwrites a live record and says which key is taken', async () => {
    const store = await storeWith();
    await store.write({ key: 'a', value: 'one' });
    await store.write({ key: 'b', value: 'two' });
    await expect(store.duplicate(NS, 'a', 'b')).rejects.toThrow(StoreInputError);
    await expect(store.duplicate(NS, 'a', 'b')).rejects.toThrow('"b" already exists');
    await expect(store.duplicate(NS, 'a', 'a')).rejects.toThrow(StoreInputError);
    expect(Buffer.from((await store.read('b'))[0]?.value ?? []).toString()).toBe('two');
  });

  it('takes a key held only by an expired record, and refuses a missing source or an empty key', async () => {
    const store = await storeWith();
    await store.write({ key: 'a', value: 'one' });
    await store.write({ key: 'stale', value: 'old', expiry: -1 });
    await store.duplicate(NS, 'a', 'stale');
    expect(Buffer.from((await store.read('stale'))[0]?.value ?? []).toString()).toBe('one');
    await expect(store.duplicate(NS, 'missing', 'x')).rejects.toThrow(NotFoundError);
    await expect(store.duplicate({ database: 'no', table: 'such' }, 'a', 'x')).rejects.toThrow(NotFoundError);
    await expect(store.duplicate(NS, 'a', '')).rejects.toThrow('key must not be empty');
  });

  it('keeps keys with control characters exactly', async () => {
    const store = await storeWith();
    await store.write({ key: 'multi\nline\tkey ', value: 'v' });
    await store.duplicate(NS, 'multi\nline\tkey ', ' multi\nline\tkey -copy');
    expect(await store.list()).toEqual([' multi\nline\tkey -copy', 'multi\nline\tkey ']);
  });
});
