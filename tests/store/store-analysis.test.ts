import { describe, expect, it } from 'vitest';
import { AnalysisCancelledError, SAMPLE_ABOVE } from '../../electron/store/store-analysis.js';
import { createClock } from '../helpers/clock.js';
import { fileStore } from '../helpers/store.js';

const NS = { database: 'app', table: 'things' };
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

async function seeded() {
  const clock = createClock(Date.UTC(2026, 0, 1));
  const { store } = fileStore({ now: clock.now });
  await store.writeMany(NS, [
    { key: 'user/1', value: 'a'.repeat(10) },
    { key: 'user/2', value: 'b'.repeat(100), expiry: 30_000 },
    { key: 'user/2/avatar', value: Buffer.alloc(5_000), expiry: 2 * HOUR },
    { key: 'order/1', value: '', expiry: 30 * MINUTE },
    { key: 'order/2', value: 'c'.repeat(20), expiry: 3 * DAY },
    { key: 'ü/1', value: 'd' },
    { key: 'flat', value: 'e'.repeat(300) },
    { key: 'gone/1', value: 'f', expiry: 1 },
  ]);
  clock.advance(2);
  return { clock, store };
}

describe('analysing a table', () => {
  it('breaks the key space into the parts of one level, biggest first, with their records and bytes', async () => {
    const { store } = await seeded();
    const { keySpace, records, bytes } = await store.analyse(NS, { filter: {} });
    expect(records).toBe(7);
    expect(bytes).toBe(10 + 100 + 5_000 + 0 + 20 + 1 + 300);
    expect(keySpace.parts).toEqual([
      { prefix: 'user/', records: 3, bytes: 5_110 },
      { prefix: 'order/', records: 2, bytes: 20 },
      { prefix: null, records: 1, bytes: 300 },
      { prefix: 'ü/', records: 1, bytes: 1 },
    ]);
    expect(keySpace.others).toBeNull();
  });

  it('drills one level down, and honours another delimiter', async () => {
    const { store } = await seeded();
    const down = await store.analyse(NS, { filter: {}, level: 'user/' });
    expect(down.keySpace.parts).toEqual([
      { prefix: null, records: 2, bytes: 110 },
      { prefix: 'user/2/', records: 1, bytes: 5_000 },
    ]);
    const colon = await store.analyse(NS, { filter: {}, delimiter: '2/' });
    expect(colon.keySpace.parts[0]).toEqual({ prefix: null, records: 6, bytes: 431 });
    expect(colon.keySpace.parts[1]).toEqual({ prefix: 'user/2/', records: 1, bytes: 5_000 });
  });

  it('counts value sizes into buckets whose bounds a reader can check', async () => {
    const { store } = await seeded();
    const { sizes } = await store.analyse(NS, { filter: {} });
    const nonEmpty = sizes.filter((bucket) => bucket.records > 0);
    expect(nonEmpty).toEqual([
      { from: 0, to: 1, records: 1, bytes: 0 },
      { from: 1, to: 16, records: 2, bytes: 11 },
      { from: 16, to: 64, records: 1, bytes: 20 },
      { from: 64, to: 256, records: 1, bytes: 100 },
      { from: 256, to: 1024, records: 1, bytes: 300 },
      { from: 4096, to: 16_384, records: 1, bytes: 5_000 },
    ]);
    expect(sizes.at(-1)?.to).toBeNull();
  });

  it('tells how many records expire within a minute, an hour, a day, later and never, from now', async () => {
    const { store, clock } = await seeded();
    const { expiry, now } = await store.analyse(NS, { filter: {} });
    expect(now).toBe(clock.now());
    expect(Object.fromEntries(expiry.map((bucket) => [bucket.bucket, bucket.records]))).toEqual({
      expired: 0,
      minute: 1,
      hour: 1,
      day: 1,
      later: 1,
      never: 3,
    });
    const withExpired = await store.analyse(NS, { filter: { expiry: 'all' } });
    expect(withExpired.expiry[0]).toEqual({ bucket: 'expired', records: 1 });
  });

  it('agrees with the grid: each expiry bucket up to a bound is what "expiring within" counts', async () => {
    const { store } = await seeded();
    const { expiry } = await store.analyse(NS, { filter: {} });
    let upTo = 0;
    for (const [index, ms] of [MINUTE, HOUR, DAY].entries()) {
      upTo += expiry[index + 1]?.records ?? 0;
      expect(await store.count(NS, { expiry: 'has-ttl', expiringWithinMs: ms })).toBe(upTo);
    }
    expect(await store.count(NS, { expiry: 'no-ttl' })).toBe(expiry.at(-1)?.records);
  });

  it('lists the biggest records first, and applies the filter to every figure', async () => {
    const { store } = await seeded();
    const whole = await store.analyse(NS, { filter: {}, biggest: 2 });
    expect(whole.biggest.map((record) => [record.key, record.size])).toEqual([
      ['user/2/avatar', 5_000],
      ['flat', 300],
    ]);
    const orders = await store.analyse(NS, { filter: { prefix: 'order/' } });
    expect(orders.records).toBe(2);
    expect(orders.keySpace.level).toBe('order/');
    expect(orders.keySpace.parts).toEqual([{ prefix: null, records: 2, bytes: 20 }]);
    expect(orders.biggest.map((record) => record.key)).toEqual(['order/2', 'order/1']);
  });

  it('answers an empty picture for a table that does not exist', async () => {
    const { store } = await seeded();
    const none = await store.analyse({ database: 'app', table: 'none' }, { filter: {} });
    expect(none.records).toBe(0);
    expect(none.keySpace.parts).toEqual([]);
    expect(none.sizes.every((bucket) => bucket.records === 0)).toBe(true);
  });

  it('samples above the threshold, says so, and keeps the shares of the whole', async () => {
    const clock = createClock(Date.UTC(2026, 0, 1));
    const { store } = fileStore({ now: clock.now });
    const records = Array.from({ length: 4_000 }, (_, index) => ({
      key: `${index % 4 === 0 ? 'a' : 'b'}/${index}`,
      value: 'x'.repeat(index % 2 === 0 ? 10 : 100),
    }));
    await store.writeMany(NS, records);
    const sampled = await store.analyse(NS, { filter: {}, sampleAbove: 1_000 });
    expect(sampled.sample).not.toBeNull();
    expect(sampled.sample?.records).toBe(sampled.records);
    expect(sampled.records).toBeGreaterThan(0);
    expect(sampled.records).toBeLessThanOrEqual(4_000);
    const [b, a] = sampled.keySpace.parts;
    expect(b?.prefix).toBe('b/');
    expect(a?.prefix).toBe('a/');
    expect((a?.records ?? 0) / sampled.records).toBeCloseTo(0.25, 1);
    const exact = await store.analyse(NS, { filter: {} });
    expect(exact.sample).toBeNull();
    // A million records are sampled by default (docs/analysis.md, "Sampling").
    expect(SAMPLE_ABOVE).toBeLessThan(1_000_000);
    expect(exact.records).toBe(4_000);
  });

  it('reports the records it has read as progress, ending with all of them', async () => {
    const { store } = await seeded();
    const reports: [number, number][] = [];
    await store.analyse(NS, { filter: {}, onProgress: (done, total) => reports.push([done, total]) });
    expect(reports.at(0)).toEqual([0, 7]);
    expect(reports.at(-1)).toEqual([7, 7]);
  });

  it('stops between phases once cancelled, reading nothing more', async () => {
    const { store } = await seeded();
    const signal = { aborted: false };
    const reports: number[] = [];
    const analysis = store.analyse(NS, {
      filter: {},
      signal,
      onProgress: (done) => {
        reports.push(done);
        signal.aborted = true;
      },
    });
    await expect(analysis).rejects.toThrow(AnalysisCancelledError);
    expect(reports).toEqual([0]);
    // Cancelled before it starts: not even the first phase.
    await expect(store.analyse(NS, { filter: {}, signal })).rejects.toThrow('the analysis was cancelled');
  });

  it('stops part-way through its pass once cancelled, within a few thousand records', async () => {
    const { store } = fileStore();
    const records = Array.from({ length: 12_000 }, (_, index) => ({ key: `k/${index}`, value: 'v' }));
    await store.writeMany(NS, records);
    const signal = { aborted: false };
    const reports: number[] = [];
    const analysis = store.analyse(NS, {
      filter: {},
      signal,
      onProgress: (done) => {
        reports.push(done);
        if (done > 0) signal.aborted = true;
      },
    });
    await expect(analysis).rejects.toThrow(AnalysisCancelledError);
    expect(reports[0]).toBe(0);
    expect(reports.at(-1)).toBeGreaterThan(0);
    expect(reports.at(-1)).toBeLessThan(12_000);
  });

  it('says of how many records a whole table sample was drawn, exactly, and estimates a filtered one', async () => {
    const clock = createClock(Date.UTC(2026, 0, 1));
    const { store } = fileStore({ now: clock.now });
    const records = Array.from({ length: 3_000 }, (_, index) => ({
      key: `${index % 3 === 0 ? 'a' : 'b'}/${index}`,
      value: 'x',
      ...(index < 100 ? { expiry: 1 } : {}),
    }));
    await store.writeMany(NS, records);
    clock.advance(2);
    const whole = await store.analyse(NS, { filter: {}, sampleAbove: 1_000 });
    expect(whole.sample?.of).toBe(2_900);
    const withExpired = await store.analyse(NS, { filter: { expiry: 'all' }, sampleAbove: 1_000 });
    expect(withExpired.sample?.of).toBe(3_000);
    const filtered = await store.analyse(NS, { filter: { prefix: 'b/' }, sampleAbove: 1_000 });
    expect(filtered.sample?.of).toBeGreaterThan(1_000);
    expect(filtered.sample?.of).toBeLessThanOrEqual(3_000);
  });

  it('groups a level with more parts than it holds in SQL instead, with the same parts and others', async () => {
    const { store } = fileStore();
    const records = Array.from({ length: 150 }, (_, index) => ({
      key: `p${index % 75}/${index}`,
      value: 'x'.repeat(index % 7),
    }));
    records.push(...['1', '2', '3'].map((n) => ({ key: `p\u0000nul/${n}`, value: 'y' })), {
      key: 'ends-here',
      value: 'zz',
    });
    await store.writeMany(NS, records);
    const held = await store.analyse(NS, { filter: {} });
    const grouped = await store.analyse(NS, { filter: {}, partsInMemory: 10 });
    expect(held.keySpace.parts).toHaveLength(60);
    expect(held.keySpace.others).not.toBeNull();
    expect(grouped.keySpace).toEqual(held.keySpace);
    expect(grouped.keySpace.parts[0]).toEqual({ prefix: 'p\u0000nul/', records: 3, bytes: 3 });
  });
});
