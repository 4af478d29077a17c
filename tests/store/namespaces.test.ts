/**
 * Namespaces and options (docs/store-semantics.md §2 and §8): defaults micro/micro, per-call option over store option over
 * default, '' counts as not given, init merges, names are data and never collide.
 */
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../electron/store/index.js';
import { memoryStore, text } from '../helpers/store.js';

describe('options()', () => {
  it("defaults to database 'micro' and table 'micro', and toString() is 'sqlite'", () => {
    const store = memoryStore();
    expect(store.options()).toMatchObject({ database: 'micro', table: 'micro' });
    expect(store.toString()).toBe('sqlite');
    expect(String(store)).toBe('sqlite');
  });

  it('echoes nodes when they were given', async () => {
    const store = memoryStore({ nodes: ['/tmp/a', 'b:1234'] });
    expect(store.options().nodes).toEqual(['/tmp/a', 'b:1234']);
    await store.init({ table: 't' });
    expect(store.options().nodes).toEqual(['/tmp/a', 'b:1234']);
    const other = memoryStore();
    await other.init({ nodes: ['n1'] });
    expect(other.options().nodes).toEqual(['n1']);
  });

  it("treats '' as not given when the store is created", () => {
    const store = memoryStore({ database: '', table: '' });
    expect(store.options()).toMatchObject({ database: 'micro', table: 'micro' });
  });
});

describe('init()', () => {
  it('merges into the current options instead of resetting them', async () => {
    const store = memoryStore({ database: 'd', table: 'aaa' });
    await store.init({ table: 'bbb' });
    expect(store.options()).toMatchObject({ database: 'd', table: 'bbb' });
    await store.init({});
    await store.init();
    expect(store.options()).toMatchObject({ database: 'd', table: 'bbb' });
    await store.init({ database: 'e' });
    expect(store.options()).toMatchObject({ database: 'e', table: 'bbb' });
  });

  it("init({ table: '' }) and init({ database: '' }) leave the names as they were (docs/store-semantics.md §8)", async () => {
    // go-micro's TestMemoryReInit expects Table "" after Init(Table("")); docs/store-semantics.md §8 settles it otherwise.
    const store = memoryStore({ database: 'd', table: 'aaa' });
    await store.init({ table: '', database: '' });
    expect(store.options()).toMatchObject({ database: 'd', table: 'aaa' });
  });

  it('the new namespace applies to the calls after it', async () => {
    const store = memoryStore({ table: 'aaa' });
    await store.write({ key: 'k', value: 'in aaa' });
    await store.init({ table: 'bbb' });
    await expect(store.read('k')).rejects.toBeInstanceOf(NotFoundError);
    await store.write({ key: 'k', value: 'in bbb' });
    expect(text((await store.read('k'))[0])).toBe('in bbb');
    expect(text((await store.read('k', { table: 'aaa' }))[0])).toBe('in aaa');
  });
});

describe('per-call namespace options', () => {
  it('override the store options, one name at a time, for write, read, list and delete', async () => {
    const store = memoryStore({ database: 'd1', table: 't1' });
    await store.write({ key: 'k', value: 'd1/t2' }, { table: 't2' });
    await store.write({ key: 'k', value: 'd2/t1' }, { database: 'd2' });
    await store.write({ key: 'k', value: 'd2/t2' }, { database: 'd2', table: 't2' });
    await expect(store.read('k')).rejects.toBeInstanceOf(NotFoundError);
    expect(text((await store.read('k', { table: 't2' }))[0])).toBe('d1/t2');
    expect(text((await store.read('k', { database: 'd1', table: 't2' }))[0])).toBe('d1/t2');
    expect(text((await store.read('k', { database: 'd2' }))[0])).toBe('d2/t1');
    expect(text((await store.read('k', { database: 'd2', table: 't2' }))[0])).toBe('d2/t2');
    expect(text((await store.read('k', { database: 'd2', prefix: true }))[0])).toBe('d2/t1');
    await expect(store.read('k', { database: 'micro', table: 't2' })).rejects.toBeInstanceOf(NotFoundError);
    expect(await store.list()).toEqual([]);
    expect(await store.list({ table: 't2' })).toEqual(['k']);
    await store.delete('k', { table: 't2' });
    expect(await store.list({ table: 't2' })).toEqual([]);
    expect(await store.list({ database: 'd2', table: 't2' })).toEqual(['k']);
    expect(await store.list({ database: 'd2' })).toEqual(['k']);
  });

  it("'' in a call counts as not given: the store's names apply", async () => {
    const store = memoryStore({ database: 'd', table: 't' });
    await store.write({ key: 'k', value: 'v' }, { database: '', table: '' });
    expect(await store.list({ database: 'd', table: 't' })).toEqual(['k']);
    expect((await store.read('k', { table: '' })).map((r) => r.key)).toEqual(['k']);
    expect(await store.list({ database: '', table: '' })).toEqual(['k']);
    await store.delete('k', { database: '' });
    expect(await store.list()).toEqual([]);
  });

  it('the defaults fill in whatever neither the call nor the store names', async () => {
    const store = memoryStore({ table: 't' });
    await store.write({ key: 'k', value: 'v' });
    expect(await store.list({ database: 'micro', table: 't' })).toEqual(['k']);
    await store.write({ key: 'j', value: 'v' }, { database: 'd' });
    expect(await store.list({ database: 'd', table: 't' })).toEqual(['j']);
    const plain = memoryStore();
    await plain.write({ key: 'k', value: 'v' });
    expect(await plain.list({ database: 'micro', table: 'micro' })).toEqual(['k']);
  });
});

describe('names are data', () => {
  const NAMES = [
    'a/b',
    'a.b',
    "it's",
    'say "hi"',
    'with space',
    ' leading',
    'trailing ',
    'ünïcødé 😀',
    '中文',
    'semi;colon',
    "'; DROP TABLE records; --",
    'back\\slash',
    'per%cent_under',
    'tab\there',
    'new\nline',
    'nul\u0000byte',
    '[brackets]',
    'MICRO',
  ];

  it('any string is a database or table name, and every namespace keeps its own records', async () => {
    const store = memoryStore();
    const pairs = NAMES.flatMap((database) => NAMES.map((table) => ({ database, table })));
    for (const { database, table } of pairs) {
      await store.write({ key: 'k', value: `${database}|${table}` }, { database, table });
    }
    for (const { database, table } of pairs) {
      const got = await store.read('k', { database, table });
      expect(text(got[0])).toBe(`${database}|${table}`);
      expect(await store.list({ database, table })).toEqual(['k']);
    }
    expect(await store.list()).toEqual([]);
  });

  it.each([
    [
      { database: 'a/b', table: 'c' },
      { database: 'a', table: 'b/c' },
    ],
    [
      { database: 'a.b', table: 'c' },
      { database: 'a', table: 'b.c' },
    ],
    [
      { database: 'a:b', table: 'c' },
      { database: 'a', table: 'b:c' },
    ],
    [
      { database: 'a|b', table: 'c' },
      { database: 'a', table: 'b|c' },
    ],
    [
      { database: 'a\u0000b', table: 'c' },
      { database: 'a', table: 'b\u0000c' },
    ],
    [
      { database: 'a', table: 'b' },
      { database: 'b', table: 'a' },
    ],
    [
      { database: 'micro', table: 'Micro' },
      { database: 'micro', table: 'micro' },
    ],
  ])('%o and %o never collide', async (first, second) => {
    const store = memoryStore();
    await store.write({ key: 'k', value: 'first' }, first);
    await store.write({ key: 'k2', value: 'first only' }, first);
    await store.write({ key: 'k', value: 'second' }, second);
    expect(text((await store.read('k', first))[0])).toBe('first');
    expect(text((await store.read('k', second))[0])).toBe('second');
    expect(await store.list(first)).toEqual(['k', 'k2']);
    expect(await store.list(second)).toEqual(['k']);
    await store.delete('k', second);
    expect(text((await store.read('k', first))[0])).toBe('first');
  });
});
