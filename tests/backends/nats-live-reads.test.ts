/**
 * Reads of a NATS bucket while its keys change: a page or count still fetching records (a metadata filter
 * reads every candidate, a batch of gets at a time) when another read brings the key snapshot up to date
 * answers from the snapshot it started with, never from one shifted under it. Each test has its own bucket.
 */
import { randomBytes } from 'node:crypto';
import { type KV, Kvm } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConnectionString, type ServerTarget } from '../../electron/backends/connection-string.js';
import { type NatsBackend, openNatsBackend } from '../../electron/backends/nats/nats-backend.js';
import { NATS, serverAvailable } from './server-available.js';

const reachable = await serverAvailable(NATS);

function target(): ServerTarget {
  const parsed = parseConnectionString('nats://127.0.0.1:4222?keys=plain', {});
  if (parsed.kind === 'path') throw new Error('expected a server');
  return parsed;
}

const envelope = (key: string, metadata: string) =>
  `{"key":${JSON.stringify(key)},"data":"${Buffer.from(key).toString('base64')}","metadata":${metadata}}`;
const keyAt = (i: number) => `k${String(i).padStart(4, '0')}`;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!reachable)('NATS reads while the bucket’s keys change', () => {
  let nc: NatsConnection;
  let kv: KV;
  let bucket: string;
  let backend: NatsBackend | undefined;

  beforeEach(async () => {
    nc = await connect({ servers: '127.0.0.1:4222' });
    bucket = `si_test_${randomBytes(6).toString('hex')}`;
    kv = await new Kvm(nc).create(bucket, { history: 1 });
  });
  afterEach(async () => {
    await backend?.close();
    backend = undefined;
    await kv.destroy();
    await nc.close();
  });

  it('a metadata-filtered page in flight is not shifted by keys another read settles meanwhile', async () => {
    const total = 1_500;
    await Promise.all(
      Array.from({ length: total }, (_, i) => kv.put(`users_${keyAt(i)}`, envelope(keyAt(i), '{"v":1}'))),
    );
    backend = await openNatsBackend(target());
    const users = { database: bucket, table: 'users' };
    const early = { database: bucket, table: 'early' };
    expect(await backend.reading.count(users, {})).toBe(total);
    const heard: string[] = [];
    const stop = backend.watching.subscribe(early, (change) => heard.push(change.key));
    await delay(100);
    // Batches of gets, one after another: the page is still reading when the keys below arrive.
    const page = backend.reading.page(users, {
      filter: { metadata: [{ path: ['v'], op: 'eq', value: '1' }] },
      order: 'asc',
      limit: total,
    });
    // Another service's burst of keys that sort before the table's, in the snapshot's index range.
    await Promise.all(Array.from({ length: 40 }, (_, i) => kv.put(`early_${keyAt(i)}`, envelope(keyAt(i), '{}'))));
    for (let tries = 0; heard.length < 40 && tries < 200; tries++) await delay(10);
    expect(heard.length).toBe(40);
    // A read of the other table brings the snapshot up to date while the page is still reading.
    expect(await backend.reading.count(early, {})).toBe(40);
    const keys = (await page).records.map((record) => record.key);
    stop();
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(Array.from({ length: total }, (_, i) => keyAt(i)));
  });

  it('a read while a new table’s envelopes are still being read waits for them', async () => {
    await kv.put('plain', envelope('plain', '{}'));
    backend = await openNatsBackend(target());
    const fresh = { database: bucket, table: 'fresh' };
    const defaults = { database: bucket, table: '' };
    expect(await backend.reading.count(defaults, {})).toBe(1);
    const heard: string[] = [];
    const stop = backend.watching.subscribe(fresh, (change) => heard.push(change.key));
    await delay(100);
    await Promise.all(Array.from({ length: 20 }, (_, i) => kv.put(`fresh_${keyAt(i)}`, envelope(keyAt(i), '{}'))));
    for (let tries = 0; heard.length < 20 && tries < 200; tries++) await delay(10);
    stop();
    // Both at once: the first reads the new keys' envelope to learn their table; the second comes meanwhile.
    const [inFresh, inDefault, databases] = await Promise.all([
      backend.reading.count(fresh, {}),
      backend.reading.count(defaults, {}),
      backend.reading.databases(),
    ]);
    expect([inFresh, inDefault]).toEqual([20, 1]);
    expect(databases.find((d) => d.database === bucket)?.tables.map((t) => [t.table, t.count])).toEqual([
      ['', 1],
      ['fresh', 20],
    ]);
  });
});
