/**
 * Expiry (docs/store-semantics.md §4 and §8), on an injected clock: absolute expiry from `now`, WriteOptions precedence
 * (Date, then ttl; ttl wins), already-expired writes, strict `now > expiresAt`, time left on read.
 */
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../electron/store/index.js';
import { createClock } from '../helpers/clock.js';
import { keys, memoryStore } from '../helpers/store.js';

function setup() {
  const clock = createClock();
  const store = memoryStore({ now: clock.now });
  const expiryOf = async (key: string) => {
    const got = await store.read(key);
    expect(got).toHaveLength(1);
    return got[0]!.expiry;
  };
  const isGone = async (key: string) => {
    await expect(store.read(key)).rejects.toBeInstanceOf(NotFoundError);
    expect(await store.list()).not.toContain(key);
    expect(keys(await store.read('', { prefix: true }))).not.toContain(key);
    expect(keys(await store.read(key, { suffix: true }))).not.toContain(key);
  };
  return { clock, store, expiryOf, isGone };
}

const YEAR = 365 * 24 * 3600 * 1000;

describe('time left', () => {
  it('a record written without expiry, or with expiry 0, never expires and reports 0', async () => {
    const { clock, store, expiryOf } = setup();
    await store.write({ key: 'none', value: 'v' });
    await store.write({ key: 'zero', value: 'v', expiry: 0 });
    clock.advance(50 * YEAR);
    expect(await expiryOf('none')).toBe(0);
    expect(await expiryOf('zero')).toBe(0);
  });

  it('reports the time left at the moment of the read: it shrinks and never exceeds what was written', async () => {
    const { clock, store, expiryOf } = setup();
    await store.write({ key: 'k', value: 'v', expiry: 10_000 });
    expect(await expiryOf('k')).toBe(10_000);
    let previous = 10_000;
    for (const step of [1, 999, 2500, 3000, 3499]) {
      clock.advance(step);
      const left = await expiryOf('k');
      expect(left).toBeLessThan(previous);
      expect(left).toBeLessThanOrEqual(10_000);
      previous = left;
    }
    expect(previous).toBe(10_000 - 9999);
  });

  it('is still live at exactly its expiry time (reporting 1 ms) and gone 1 ms later', async () => {
    const { clock, store, expiryOf, isGone } = setup();
    await store.write({ key: 'k', value: 'v', expiry: 100 });
    clock.advance(100);
    expect(await expiryOf('k')).toBe(1);
    expect(await store.list()).toEqual(['k']);
    expect(keys(await store.read('k', { prefix: true }))).toEqual(['k']);
    clock.advance(1);
    await isGone('k');
  });

  it('reports whole milliseconds, never 0 for a live record, on a clock with fractions of a ms', async () => {
    const start = Date.UTC(2025, 0, 1);
    const clock = createClock(start + 0.25);
    const store = memoryStore({ now: clock.now });
    await store.write({ key: 'k', value: 'v', expiry: 100 });
    for (const at of [0.5, 50.7, 97.5, 99.6]) {
      clock.set(start + at);
      const left = (await store.read('k'))[0]!.expiry;
      expect(Number.isInteger(left)).toBe(true);
      expect(left).toBeGreaterThanOrEqual(Math.max(1, Math.floor(100.25 - at)));
      expect(left).toBeLessThanOrEqual(Math.min(100, Math.ceil(100.25 - at) + 1));
    }
    clock.set(start + 102);
    await expect(store.read('k')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('prefix reads and list hide expired records and report time left per record', async () => {
    const { clock, store } = setup();
    await store.write({ key: 'p1', value: 'v', expiry: 100 });
    await store.write({ key: 'p2', value: 'v', expiry: 300 });
    await store.write({ key: 'p3', value: 'v' });
    clock.advance(150);
    const got = await store.read('p', { prefix: true });
    expect(got.map((r) => [r.key, r.expiry])).toEqual([
      ['p2', 150],
      ['p3', 0],
    ]);
    expect(await store.list({ prefix: 'p' })).toEqual(['p2', 'p3']);
  });
});

describe('already expired writes', () => {
  it.each([-1, -1000, -YEAR])('a record expiry of %s ms stores an already expired record', async (expiry) => {
    const { store, isGone } = setup();
    await expect(store.write({ key: 'k', value: 'v', expiry })).resolves.toBeUndefined();
    await isGone('k');
  });

  it('a negative ttl stores an already expired record, whatever the record says', async () => {
    const { store, isGone } = setup();
    await store.write({ key: 'k', value: 'v', expiry: 5000 }, { ttl: -1 });
    await isGone('k');
  });

  it('an expiry Date in the past stores an already expired record', async () => {
    const { clock, store, isGone } = setup();
    await store.write({ key: 'k', value: 'v' }, { expiry: new Date(clock.now() - 1) });
    await isGone('k');
  });

  it('new Date(0) counts as given: 1970, already expired, even over a record expiry', async () => {
    const { store, isGone } = setup();
    await store.write({ key: 'k', value: 'v' }, { expiry: new Date(0) });
    await store.write({ key: 'k2', value: 'v', expiry: 5000 }, { expiry: new Date(0) });
    await isGone('k');
    await isGone('k2');
  });

  it('writing an already expired record over a live one hides it', async () => {
    const { store, isGone } = setup();
    await store.write({ key: 'k', value: 'old' });
    await store.write({ key: 'k', value: 'new', expiry: -1 });
    await isGone('k');
  });
});

describe('write options', () => {
  it('an expiry Date replaces the record expiry: the record expires then', async () => {
    const { clock, store, expiryOf, isGone } = setup();
    await store.write({ key: 'k', value: 'v', expiry: 100 }, { expiry: new Date(clock.now() + 5000) });
    expect(await expiryOf('k')).toBe(5000);
    clock.advance(5000);
    expect(await expiryOf('k')).toBe(1);
    clock.advance(1);
    await isGone('k');
  });

  it('a ttl replaces the record expiry', async () => {
    const { clock, store, expiryOf, isGone } = setup();
    await store.write({ key: 'k', value: 'v', expiry: 100 }, { ttl: 2000 });
    await store.write({ key: 'never', value: 'v' }, { ttl: 2000 });
    expect(await expiryOf('k')).toBe(2000);
    expect(await expiryOf('never')).toBe(2000);
    clock.advance(2001);
    await isGone('k');
    await isGone('never');
  });

  it('ttl wins over an expiry Date, whether shorter or longer', async () => {
    const { clock, store, expiryOf } = setup();
    await store.write({ key: 'shorter', value: 'v' }, { expiry: new Date(clock.now() + 3_600_000), ttl: 100 });
    await store.write({ key: 'longer', value: 'v' }, { expiry: new Date(clock.now() + 100), ttl: 3_600_000 });
    await store.write({ key: 'past', value: 'v' }, { expiry: new Date(0), ttl: 500 });
    expect(await expiryOf('shorter')).toBe(100);
    expect(await expiryOf('longer')).toBe(3_600_000);
    expect(await expiryOf('past')).toBe(500);
  });

  it('ttl 0 counts as not given: the Date, or else the record expiry, applies', async () => {
    const { clock, store, expiryOf } = setup();
    await store.write({ key: 'record', value: 'v', expiry: 700 }, { ttl: 0 });
    await store.write({ key: 'date', value: 'v', expiry: 700 }, { ttl: 0, expiry: new Date(clock.now() + 900) });
    await store.write({ key: 'none', value: 'v' }, { ttl: 0 });
    expect(await expiryOf('record')).toBe(700);
    expect(await expiryOf('date')).toBe(900);
    expect(await expiryOf('none')).toBe(0);
  });

  it('options that set no expiry leave the record expiry in charge', async () => {
    const { store, expiryOf } = setup();
    await store.write({ key: 'a', value: 'v', expiry: 300 }, {});
    await store.write({ key: 'b', value: 'v', expiry: 300 }, { table: 'micro' });
    await store.write({ key: 'c', value: 'v', expiry: 300 }, { expiry: undefined, ttl: undefined });
    expect(await expiryOf('a')).toBe(300);
    expect(await expiryOf('b')).toBe(300);
    expect(await expiryOf('c')).toBe(300);
  });

  it("never mutates the caller's record, metadata, value, options or Date", async () => {
    const { clock, store, expiryOf } = setup();
    const date = new Date(clock.now() + 60_000);
    const value = new Uint8Array([1, 2, 3]);
    const metadata = Object.freeze({ nested: Object.freeze({ list: Object.freeze([1, 2]) }) });
    const record = Object.freeze({ key: 'k', value, metadata, expiry: 5000 });
    const options = Object.freeze({ expiry: date, ttl: 100, table: 't' });
    // Frozen objects make any assignment throw (ESM is strict); the checks below cover the rest.
    await store.write(record, options);
    await store.write(Object.freeze({ key: 'k2', value: 'text' }), Object.freeze({ ttl: 100 }));
    expect(record.expiry).toBe(5000);
    expect(Object.keys(record)).toEqual(['key', 'value', 'metadata', 'expiry']);
    expect([...value]).toEqual([1, 2, 3]);
    expect(date.getTime()).toBe(clock.now() + 60_000);
    expect(options).toEqual({ expiry: date, ttl: 100, table: 't' });
    expect(metadata).toEqual({ nested: { list: [1, 2] } });
    const readOptions = Object.freeze({ table: 't', prefix: true, limit: 1, offset: 0 });
    expect(keys(await store.read('k', readOptions))).toEqual(['k']);
    expect(await store.list(Object.freeze({ table: 't', prefix: 'k', limit: 5 }))).toEqual(['k']);
    expect(await expiryOf('k2')).toBe(100);
  });
});

describe('rewrites', () => {
  it('a second write replaces the expiry: none after some, some after none', async () => {
    const { clock, store, expiryOf, isGone } = setup();
    await store.write({ key: 'k', value: 'v', expiry: 100 });
    await store.write({ key: 'k', value: 'v' });
    await store.write({ key: 'j', value: 'v' });
    await store.write({ key: 'j', value: 'v', expiry: 100 });
    expect(await expiryOf('k')).toBe(0);
    expect(await expiryOf('j')).toBe(100);
    clock.advance(101);
    expect(await expiryOf('k')).toBe(0);
    await isGone('j');
  });

  it('writing a key that has expired gives a fresh live record', async () => {
    const { clock, store } = setup();
    await store.write({ key: 'k', value: 'old', metadata: { old: true }, expiry: 10 });
    clock.advance(11);
    await store.write({ key: 'k', value: 'new' });
    const got = await store.read('k');
    expect(got.map((r) => [Buffer.from(r.value).toString(), r.metadata, r.expiry])).toEqual([['new', {}, 0]]);
  });

  it('deleting an expired key succeeds', async () => {
    const { clock, store } = setup();
    await store.write({ key: 'k', value: 'v', expiry: 10 });
    clock.advance(11);
    await expect(store.delete('k')).resolves.toBeUndefined();
    await expect(store.read('k')).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.delete('never-written')).resolves.toBeUndefined();
  });
});
