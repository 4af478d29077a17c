import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newScanProgress, scanSortedKeys, scanTableKeys } from '../../electron/backends/redis/redis-key-scan.js';
import { expiryArgs, readRecords, writeRedisRecord } from '../../electron/backends/redis/redis-records.js';
import { SnapshotCache } from '../../electron/backends/redis/redis-snapshots.js';
import { commonPrefixes } from '../../electron/backends/redis/redis-table-suggestions.js';
import { RefusedError } from '../../electron/common/backend-refusals.js';
import { compareKeys } from '../../electron/store/key-order.js';
import { randomTable, rawClient, removeTable } from './redis-fixture.js';
import { REDIS, serverAvailable } from './server-available.js';

const reachable = await serverAvailable(REDIS);

describe('Redis TTL arguments, as go-redis Set sends them', () => {
  it('sends EX for whole seconds, PX otherwise (at least 1 ms), nothing for 0', () => {
    expect(expiryArgs(30_000)).toEqual({ unit: 'EX', ttl: 30 });
    expect(expiryArgs(1_500)).toEqual({ unit: 'PX', ttl: 1_500 });
    expect(expiryArgs(0.4)).toEqual({ unit: 'PX', ttl: 1 });
    expect(expiryArgs(0)).toEqual({ unit: '', ttl: 0 });
    expect(expiryArgs(-1)).toEqual({ unit: '', ttl: 0 });
  });

  it('suggests the prefixes that many sampled keys share', () => {
    const keys = ['microuser/1', 'microuser/2', 'microorder/1', 'cache:a', 'cache:b', 'lonely'].sort();
    const prefixes = commonPrefixes(keys, 5).map(({ prefix }) => prefix);
    expect(prefixes.slice(0, 2)).toEqual(['micro', 'cache:']);
    expect(prefixes).toContain('microuser/');
  });
});

describe('Redis key snapshots', () => {
  it('keeps changes heard while the SCAN ran, and pages use the older snapshot while a renewal runs', async () => {
    let release: (keys: string[]) => void = () => undefined;
    let now = 0;
    const cache = new SnapshotCache(
      () =>
        new Promise<string[]>((resolve) => {
          release = resolve;
        }),
      () => now,
    );
    const first = cache.get('t');
    await Promise.resolve();
    cache.apply('t', 'new', true);
    cache.apply('t', 'gone', false);
    release(['a', 'gone', 'z']);
    const snapshot = await first;
    expect([0, 1, 2].map((index) => snapshot.at(index))).toEqual(['a', 'new', 'z']);
    cache.markStale('t');
    now = 10_000;
    expect(await cache.get('t')).toBe(snapshot);
    release(['b']);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await cache.get('t')).at(0)).toBe('b');
  });

  it('stops splicing a burst of new keys and renews instead', async () => {
    const cache = new SnapshotCache(
      async () => [],
      () => 0,
    );
    const snapshot = await cache.get('t');
    for (let index = 0; index < 600; index++) cache.apply('t', `k${index}`, true);
    expect(snapshot.size).toBe(500);
  });
});

describe.skipIf(!reachable)("Redis in go-micro's layout (the raw pieces)", () => {
  let client: Redis;
  let table: string;

  beforeAll(() => {
    client = rawClient();
  });
  afterAll(async () => {
    await client?.quit();
  });
  beforeEach(() => {
    table = randomTable();
  });
  afterEach(async () => {
    await removeTable(client, table);
  });

  it("reads back exactly what go-micro's Write stored: raw bytes, the key's TTL", async () => {
    const binary = Buffer.from([0, 255, 10, 128]);
    // go-redis Set(key, value, 30*time.Second) sends EX 30; Set(…, 0) no expiry.
    await client.set(`${table}user/1`, binary, 'EX', 30);
    await client.set(`${table}user/ü`, 'plain');
    await client.set(`other${table}user/2`, 'not ours');
    const keys = await scanSortedKeys(client, table).finally(() => client.del(`other${table}user/2`));
    expect(keys).toEqual(['user/1', 'user/ü']);
    const records = await readRecords(client, table, keys);
    expect(records[0]?.value).toEqual(new Uint8Array(binary));
    expect(records[0]?.expiry).toBeGreaterThan(20_000);
    expect(records[1]).toEqual({ key: 'user/ü', value: new Uint8Array(Buffer.from('plain')), metadata: {}, expiry: 0 });
  });

  it('writes what go-micro reads: SET <table><key> with EX/PX, and refuses metadata with its reason', async () => {
    await writeRedisRecord(client, table, { key: 'k', value: new Uint8Array([1, 2]), expiry: 1_500 });
    await writeRedisRecord(client, table, { key: 's', value: 'v', expiry: 60_000 });
    await writeRedisRecord(client, table, { key: 'n', value: 'v' });
    expect(await client.getBuffer(`${table}k`)).toEqual(Buffer.from([1, 2]));
    const pttl = await client.pttl(`${table}k`);
    expect(pttl).toBeGreaterThan(1_000);
    expect(pttl).toBeLessThanOrEqual(1_500);
    expect(await client.ttl(`${table}s`)).toBe(60);
    expect(await client.pttl(`${table}n`)).toBe(-1);
    const refused = writeRedisRecord(client, table, { key: 'm', value: 'v', metadata: { a: 1 } });
    await expect(refused).rejects.toBeInstanceOf(RefusedError);
    await expect(refused).rejects.toThrow('Redis keeps no metadata: nothing was written');
    expect(await client.exists(`${table}m`)).toBe(0);
  });

  it('wakes whoever waits on a running SCAN at each step, with the keys of that step already in', async () => {
    for (let index = 0; index < 30; index++) await client.set(`${table}k${index}`, 'v');
    const progress = newScanProgress();
    const seen: number[] = [];
    const watching = (async () => {
      while (progress.share < 1) {
        await progress.nextStep();
        seen.push(progress.runs.listed);
      }
    })();
    const keys = await scanTableKeys(client, table, '', progress);
    await watching;
    expect(keys).toHaveLength(30);
    expect(seen.length).toBe(progress.steps);
    expect(seen.at(-1)).toBeGreaterThanOrEqual(30);
  });

  it('holds its further steps while a page of the keys listed so far is read, then lists the rest', async () => {
    const pipeline = client.pipeline();
    for (let index = 0; index < 3_000; index++) pipeline.set(`${table}k${index}`, 'v');
    await pipeline.exec();
    const progress = newScanProgress();
    const scanning = scanTableKeys(client, table, '', progress);
    await progress.nextStep();
    const stepsAtHold = progress.steps;
    let release: () => void = () => undefined;
    const page = progress.holding(() => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The page's reply would otherwise queue behind the SCAN's next answers (docs/backend-redis.md).
    expect(progress.steps).toBe(stepsAtHold);
    release();
    await page;
    expect(await scanning).toHaveLength(3_000);
    expect(progress.steps).toBeGreaterThan(stepsAtHold);
  });

  it('scans in Go byte order, a prefix meaning itself', async () => {
    const keys = ['b', 'B', 'a', 'a*', 'a?', 'é', 'e', 'z', '😀', '\uffff', 'Z', '~'];
    for (const key of keys) await writeRedisRecord(client, table, { key, value: key });
    expect(await scanSortedKeys(client, table)).toEqual([...keys].sort(compareKeys));
    expect(await scanSortedKeys(client, table, 'a*')).toEqual(['a*']);
  });
});
