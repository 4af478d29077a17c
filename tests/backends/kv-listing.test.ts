/**
 * A first page while a key-value server still lists a table's keys (Redis SCAN, a NATS KV watch;
 * docs/backends.md, "Key order on key-value servers"): the pieces that keep what is listed so far in order,
 * and the pages read from a partial listing against the real servers, each test with its own keys.
 */
import { randomBytes } from 'node:crypto';
import { type KV, Kvm } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FirstKeys } from '../../electron/backends/first-keys.js';
import { listedTables, readListingPage as natsListingPage } from '../../electron/backends/nats/nats-listing-page.js';
import { SortedKeys } from '../../electron/backends/nats/nats-sorted-keys.js';
import { newScanProgress, scanShare } from '../../electron/backends/redis/redis-key-scan.js';
import { listedCandidates, readListingPage as redisListingPage } from '../../electron/backends/redis/redis-reading.js';
import { SortedRuns } from '../../electron/backends/redis/redis-sorted-runs.js';
import type { PageQuery } from '../../electron/store/record-page.js';
import { randomTable, rawClient, removeTable } from './redis-fixture.js';
import { NATS, REDIS, serverAvailable } from './server-available.js';

const byBytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('keeping a running listing in order', () => {
  it('merges SCAN batches into one sorted run, each key once', async () => {
    const runs = new SortedRuns();
    const all: string[] = [];
    for (let batch = 0; batch < 40; batch++) {
      const keys = Array.from({ length: 25 }, (_, i) => `k${(batch * 37 + i * 11) % 700}`);
      all.push(...keys);
      await runs.add(keys);
      for (const run of runs.runs()) expect(run).toEqual([...new Set(run)].sort());
    }
    expect(runs.listed).toBe(all.length);
    expect(await runs.sorted()).toEqual([...new Set(all)].sort());
  });

  it('keeps the first keys offered in either order, once each', () => {
    const ascending = new FirstKeys(3, 'asc', byBytes);
    const descending = new FirstKeys(3, 'desc', byBytes);
    for (const key of ['m', 'c', 'x', 'c', 'a', 'q', 'b']) {
      ascending.offer(key);
      descending.offer(key);
    }
    expect(ascending.ascending()).toEqual(['a', 'b', 'c']);
    expect(descending.ascending()).toEqual(['m', 'q', 'x']);
  });

  it('keeps a NATS bucket’s snapshot in byte order through single changes and a burst of them', () => {
    // Two NATS keys can decode to one key: it is kept once.
    const keys = new SortedKeys(['m', 'c', 'x', 'c', 'a']);
    expect(keys.keys()).toEqual(['a', 'c', 'm', 'x']);
    expect([keys.add('b'), keys.add('c'), keys.remove('x'), keys.remove('zz')]).toEqual([true, false, true, false]);
    expect([keys.has('b'), keys.has('x'), keys.has('m'), keys.size]).toEqual([true, false, true, 4]);
    expect(keys.keys()).toEqual(['a', 'b', 'c', 'm']);
    // Past the splicing limit the changes are merged by one sort: a removed key put back counts once.
    for (let i = 0; i < 100; i++) keys.add(`k${String(i).padStart(3, '0')}`);
    keys.remove('a');
    keys.remove('k050');
    keys.add('k050');
    expect(keys.size).toBe(103);
    expect(keys.keys()).toEqual([...keys.keys()].sort(byBytes));
    expect(keys.keys().slice(0, 4)).toEqual(['b', 'c', 'k000', 'k001']);
    expect(keys.has('k050') && !keys.has('a')).toBe(true);
  });

  it('reads how much of the keyspace a SCAN cursor has walked from its reversed bits', () => {
    expect(scanShare('0')).toBe(0);
    expect(scanShare('1')).toBe(0.5);
    expect(scanShare('3')).toBe(0.75);
    expect(scanShare(String(2n ** 63n))).toBe(2 ** -64);
  });
});

describe.skipIf(!(await serverAvailable(REDIS)))('Redis: a page from a partial SCAN', () => {
  const client = rawClient();
  const table = randomTable();

  beforeAll(async () => {
    for (const key of ['b', 'd', 'f', 'h', 'user/1', 'user/2', 'user/3'])
      await client.set(`${table}${key}`, `v-${key}`);
  });
  afterAll(async () => {
    await removeTable(client, table);
    await client.quit();
  });

  it('shows the first of the keys listed so far, in order, skipping one deleted since, marked keysLoading', async () => {
    const progress = newScanProgress();
    // As if SCAN had found these so far ("gone" was deleted since), half the keyspace walked.
    await progress.runs.add(['h', 'gone', 'd']);
    await progress.runs.add(['user/2', 'b']);
    progress.share = 0.5;
    progress.steps = 2;
    const view = { client, table, now: Date.now() };
    const read = async (query: PageQuery) => {
      const candidates = listedCandidates(progress, query);
      return candidates === undefined ? undefined : redisListingPage(view, progress, candidates, query);
    };
    const page = await read({ filter: {}, order: 'asc', limit: 3 });
    expect(page?.records.map((row) => row.key)).toEqual(['b', 'd', 'h']);
    expect(page?.next).toBeNull();
    expect(page?.keysLoading).toEqual({ listed: 5, estimated: 10 });
    const prefixed = await read({ filter: { prefix: 'user/' }, order: 'desc', limit: 5 });
    expect(prefixed?.records.map((row) => Buffer.from(row.preview).toString())).toEqual(['v-user/2']);
    // An expiry filter or a cursor waits for the whole listing.
    expect(listedCandidates(progress, { filter: { expiry: 'has-ttl' }, order: 'asc', limit: 3 })).toBeUndefined();
    expect(listedCandidates(progress, { filter: {}, order: 'asc', after: 'b', limit: 3 })).toBeUndefined();
  });
});

describe.skipIf(!(await serverAvailable(NATS)))('NATS KV: a page from a partial key listing', () => {
  let nc: NatsConnection;
  let kv: KV;
  const bucket = `si_test_${randomBytes(6).toString('hex')}`;
  const envelope = (key: string, value: string) =>
    `{"key":${JSON.stringify(key)},"data":"${Buffer.from(value).toString('base64')}","metadata":{"v":"${value}"}}`;

  beforeAll(async () => {
    nc = await connect({ servers: '127.0.0.1:4222' });
    kv = await new Kvm(nc).create(bucket, { history: 1 });
    await kv.put('users_c', envelope('c', 'C'));
    await kv.put('users_a', envelope('a', 'A'));
    await kv.put('users_b', envelope('b', 'B'));
    // Table users_x (its envelope key says where the table ends), and the default table.
    await kv.put('users_x_1', envelope('1', 'X'));
    await kv.put('config', envelope('config', 'cfg'));
    await kv.put('users_gone', envelope('gone', 'G'));
    await kv.delete('users_gone');
  });
  afterAll(async () => {
    await kv?.destroy();
    await nc?.close();
  });

  it('shows the table’s first keys among those listed so far, by their envelopes, marked keysLoading', async () => {
    const listing = {
      kv,
      keys: new Set(['users_x_1', 'users_c', 'users_gone', 'config', 'users_a']),
      estimated: 7,
      chosen: undefined,
    };
    const page = await natsListingPage(listing, 'users', { filter: {}, order: 'asc', limit: 10 });
    expect(page?.records.map((row) => row.key)).toEqual(['a', 'c']);
    expect(page?.records[0]?.metadata).toEqual({ v: 'A' });
    expect(page?.keysLoading).toEqual({ listed: 5, estimated: 7 });
    const other = await natsListingPage(listing, 'users_x', { filter: {}, order: 'asc', limit: 10 });
    expect(other?.records.map((row) => row.key)).toEqual(['1']);
    const fallback = await natsListingPage(listing, '', { filter: {}, order: 'desc', limit: 10 });
    expect(fallback?.records.map((row) => row.key)).toEqual(['config']);
    expect(
      await natsListingPage(listing, 'users', { filter: { metadata: [] }, order: 'asc', after: 'a', limit: 1 }),
    ).toBeUndefined();
  });

  it('counts the tables of a bucket still listing from the keys listed so far, scaled to the stream, as estimates', async () => {
    const listing = {
      kv,
      keys: new Set(['users_x_1', 'users_c', 'config', 'users_a']),
      estimated: 8,
      chosen: undefined,
    };
    // As the bucket's own discovery does, a table found covers the longer ones under it until their envelope
    // is read: users_x_1 counts in users here.
    // Estimates, shown as "~N" until the listing ends.
    expect(await listedTables(listing)).toEqual([
      { table: '', count: 2, expired: 0, estimated: true },
      { table: 'users', count: 6, expired: 0, estimated: true },
    ]);
  });
});
