/**
 * Metadata, values and delete (docs/store-semantics.md §5 and §8): plain JSON metadata round-trips and anything else is
 * refused before anything is written; values are bytes of any length; records are copies both ways;
 * a second write replaces everything; delete takes one exact key and never fails for a missing one.
 */
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../electron/store/index.js';
import { createClock } from '../helpers/clock.js';
import { memoryStore, text } from '../helpers/store.js';

describe('metadata', () => {
  it('round-trips nested JSON: strings, unicode, integers up to 2^53, floats, booleans, null, arrays', async () => {
    const store = memoryStore();
    const metadata = {
      string: 'text',
      empty: '',
      unicode: 'héllo 😀 \u0000 \uFFFF \u2028',
      'ключ 😀': 'unicode key',
      'a.b/c "quoted"': 'odd key',
      int: 42,
      negative: -7,
      zero: 0,
      float: 0.1 + 0.2,
      maxSafe: Number.MAX_SAFE_INTEGER,
      twoTo53: 2 ** 53,
      minusTwoTo53: -(2 ** 53),
      tiny: 5e-324,
      huge: 1.7976931348623157e308,
      yes: true,
      no: false,
      nothing: null,
      list: [1, 'two', null, true, { deep: [[], {}] }],
      nested: { a: { b: { c: { d: 'deep', n: [2 ** 53] } } } },
      emptyObject: {},
      emptyList: [],
    };
    await store.write({ key: 'k', value: 'v', metadata });
    const [got] = await store.read('k');
    expect(got?.metadata).toStrictEqual(metadata);
    expect(Object.keys(got!.metadata)).toEqual(Object.keys(metadata));
  });

  it('is {} when none was given or {} was given, on exact and prefix reads', async () => {
    const store = memoryStore();
    await store.write({ key: 'k1', value: 'v' });
    await store.write({ key: 'k2', value: 'v', metadata: {} });
    for (const record of await store.read('k', { prefix: true })) expect(record.metadata).toStrictEqual({});
    expect((await store.read('k1'))[0]?.metadata).toStrictEqual({});
  });

  it('drops object properties whose value is undefined, as JSON.stringify does', async () => {
    const store = memoryStore();
    await store.write({ key: 'k', value: 'v', metadata: { a: 1, b: undefined, nested: { c: undefined, d: 2 } } });
    const [got] = await store.read('k');
    expect(got?.metadata).toStrictEqual({ a: 1, nested: { d: 2 } });
    expect('b' in got!.metadata).toBe(false);
  });

  const holes: unknown[] = [];
  holes[0] = 1;
  holes[2] = 3;
  const cycle: Record<string, unknown> = { name: 'loop' };
  cycle.self = cycle;
  const deepCycle: Record<string, unknown> = { list: [] };
  (deepCycle.list as unknown[]).push({ back: deepCycle });

  const REJECTED: [string, unknown][] = [
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['a BigInt', 10n],
    ['a Date', new Date(0)],
    ['a Map', new Map([['a', 1]])],
    ['a Set', new Set([1])],
    ['a function', () => 1],
    ['a symbol', Symbol('s')],
    ['undefined inside an array', [1, undefined, 3]],
    ['an array with a hole', holes],
    ['a cycle', cycle],
    ['a cycle through an array', deepCycle],
    ['NaN deep inside', { a: { b: [1, { c: Number.NaN }] } }],
  ];

  it.each(REJECTED)('rejects %s with an error about metadata, and writes nothing', async (_name, bad) => {
    const store = memoryStore();
    await expect(store.write({ key: 'new', value: 'v', metadata: { field: bad } })).rejects.toThrow(/metadata/i);
    await expect(store.read('new')).rejects.toBeInstanceOf(NotFoundError);
    await store.write({ key: 'old', value: 'kept', metadata: { good: true } });
    await expect(store.write({ key: 'old', value: 'replaced', metadata: { field: bad } })).rejects.toThrow(/metadata/i);
    const [got] = await store.read('old');
    expect(text(got)).toBe('kept');
    expect(got?.metadata).toStrictEqual({ good: true });
    expect(await store.list()).toEqual(['old']);
  });
});

describe('values', () => {
  it('binary values with zero bytes and invalid UTF-8 round-trip byte for byte', async () => {
    const store = memoryStore();
    const invalid = [0x00, 0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xed, 0xa0, 0x80, 0xf8, 0x00, 0x00];
    const allBytes = Array.from({ length: 256 }, (_, i) => i);
    await store.write({ key: 'invalid', value: new Uint8Array(invalid) });
    await store.write({ key: 'all', value: Buffer.from(allBytes) });
    await store.write({ key: 'zeros', value: new Uint8Array(1000) });
    const [a] = await store.read('invalid');
    expect(a?.value).toBeInstanceOf(Uint8Array);
    expect([...a!.value]).toEqual(invalid);
    expect([...(await store.read('all'))[0]!.value]).toEqual(allBytes);
    expect([...(await store.read('zeros'))[0]!.value]).toEqual(new Array(1000).fill(0));
  });

  it('stores only the bytes a Uint8Array view covers, not its whole buffer', async () => {
    const store = memoryStore();
    const backing = new Uint8Array([9, 9, 1, 2, 3, 9, 9]);
    await store.write({ key: 'view', value: new Uint8Array(backing.buffer, 2, 3) });
    expect([...(await store.read('view'))[0]!.value]).toEqual([1, 2, 3]);
  });

  it('an empty value (string or bytes) is a real record of length 0', async () => {
    const store = memoryStore();
    await store.write({ key: 'empty-string', value: '' });
    await store.write({ key: 'empty-bytes', value: new Uint8Array(0) });
    for (const key of ['empty-string', 'empty-bytes']) {
      const got = await store.read(key);
      expect(got).toHaveLength(1);
      expect(got[0]?.value).toBeInstanceOf(Uint8Array);
      expect(got[0]?.value.length).toBe(0);
    }
  });

  it('a string value is stored as its UTF-8 bytes', async () => {
    const store = memoryStore();
    const value = 'héllo 😀 \u0000 \uFFFF 中文';
    await store.write({ key: 'k', value });
    const [got] = await store.read('k');
    expect([...got!.value]).toEqual([...Buffer.from(value, 'utf8')]);
    expect(got?.value.length).toBe(Buffer.byteLength(value, 'utf8'));
  });

  it('a large value (4 MiB) round-trips', async () => {
    const store = memoryStore();
    const big = new Uint8Array(4 * 1024 * 1024);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31) & 0xff;
    await store.write({ key: 'big', value: big });
    const [got] = await store.read('big');
    expect(Buffer.from(got!.value).equals(Buffer.from(big))).toBe(true);
  });
});

describe('records are copies', () => {
  it('mutating a returned record changes nothing stored', async () => {
    const store = memoryStore({ now: createClock().now });
    await store.write({ key: 'k', value: 'abc', metadata: { a: 1, nested: { list: [1] } }, expiry: 5000 });
    const [first] = await store.read('k');
    first!.value[0] = 0x7a;
    first!.metadata.a = 2;
    (first!.metadata.nested as { list: number[] }).list.push(2);
    first!.key = 'other';
    first!.expiry = 0;
    const [prefixRead] = await store.read('k', { prefix: true });
    prefixRead!.value[1] = 0x7a;
    prefixRead!.metadata.added = true;
    const [again] = await store.read('k');
    expect(again).not.toBe(first);
    expect([again!.key, text(again), again!.metadata, again!.expiry]).toStrictEqual([
      'k',
      'abc',
      { a: 1, nested: { list: [1] } },
      5000,
    ]);
  });

  it("changing the caller's value bytes or metadata after write changes nothing stored", async () => {
    const store = memoryStore();
    const value = new Uint8Array([1, 2, 3]);
    const metadata: Record<string, unknown> = { a: 1, nested: { b: 2 } };
    await store.write({ key: 'k', value, metadata });
    value[0] = 99;
    metadata.a = 100;
    (metadata.nested as Record<string, unknown>).b = 200;
    const [got] = await store.read('k');
    expect([...got!.value]).toEqual([1, 2, 3]);
    expect(got?.metadata).toStrictEqual({ a: 1, nested: { b: 2 } });
  });
});

describe('second write', () => {
  it('replaces value, metadata and expiry entirely (no merging)', async () => {
    const clock = createClock();
    const store = memoryStore({ now: clock.now });
    await store.write({ key: 'k', value: 'first value, longer', metadata: { a: 1, b: { c: 1 } }, expiry: 1000 });
    await store.write({ key: 'k', value: 'two', metadata: { b: { d: 2 } } });
    let [got] = await store.read('k');
    expect([text(got), got?.metadata, got?.expiry]).toStrictEqual(['two', { b: { d: 2 } }, 0]);
    await store.write({ key: 'k', value: new Uint8Array([0]), expiry: 50 });
    [got] = await store.read('k');
    expect([[...got!.value], got?.metadata, got?.expiry]).toStrictEqual([[0], {}, 50]);
    expect(await store.list()).toEqual(['k']);
  });
});

describe('delete', () => {
  it('a missing key resolves without error, also twice', async () => {
    const store = memoryStore();
    await expect(store.delete('missing')).resolves.toBeUndefined();
    await store.write({ key: 'k', value: 'v' });
    await expect(store.delete('k')).resolves.toBeUndefined();
    await expect(store.delete('k')).resolves.toBeUndefined();
    await expect(store.read('k')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('removes exactly one key: not its prefix matches, not other cases', async () => {
    const store = memoryStore();
    for (const key of ['foo', 'foobar', 'foo/', 'Foo', 'xfoo', 'fo']) await store.write({ key, value: 'v' });
    await store.delete('foo');
    expect(await store.list()).toEqual(['Foo', 'fo', 'foo/', 'foobar', 'xfoo']);
    await store.delete('fo%');
    await store.delete('fo_');
    expect(await store.list()).toHaveLength(5);
  });
});
