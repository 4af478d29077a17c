import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { type KV, Kvm } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canEdit } from '../../electron/backends/backend.js';
import { parseConnectionString, type ServerTarget } from '../../electron/backends/connection-string.js';
import { type NatsBackend, openNatsBackend } from '../../electron/backends/nats/nats-backend.js';
import { RefusedError } from '../../electron/common/backend-refusals.js';
import type { Change } from '../../electron/store/change-feed.js';
import { ConflictError } from '../../electron/store/record-detail.js';
import type { RecordPage } from '../../electron/store/record-page.js';
import { NotFoundError, StoreInputError } from '../../electron/store/types.js';
import { NATS, serverAvailable } from './server-available.js';

const reachable = await serverAvailable(NATS);

function target(query = ''): ServerTarget {
  const parsed = parseConnectionString(`nats://127.0.0.1:4222${query}`, {});
  if (parsed.kind === 'path') throw new Error('expected a server');
  return parsed;
}

/** A record as go-micro's Write stores it (store/nats-js-kv/nats.go): Go's json.Marshal of the envelope. */
function goMicroEnvelope(key: string, value: string, metadata: string): string {
  return `{"key":${JSON.stringify(key)},"data":"${Buffer.from(value).toString('base64')}","metadata":${metadata}}`;
}

const keyAt = (i: number) => `k${String(i).padStart(4, '0')}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function waitFor<T>(find: () => T | undefined, ms = 2_000): Promise<T> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      const found = find();
      if (found !== undefined) resolve(found);
      else if (Date.now() - started > ms) reject(new Error('timed out waiting'));
      else setTimeout(poll, 20);
    };
    poll();
  });
}

describe.skipIf(!reachable)('the NATS JetStream KV backend in go-micro’s layout', () => {
  let nc: NatsConnection;
  let kv: KV;
  let bucket: string;
  let backend: NatsBackend | undefined;

  const open = async (query = '') => {
    backend = await openNatsBackend(target(query));
    return backend;
  };
  const keys = async (b: NatsBackend, table: string) =>
    (await b.reading.page({ database: bucket, table }, { filter: {}, order: 'asc', limit: 100 })).records.map(
      (r) => r.key,
    );

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

  it('declares events, no per-record expiry, and no setExpiry', async () => {
    const b = await open();
    expect(canEdit(b)).toBe(true);
    expect(b.capabilities).toMatchObject({ perRecordExpiry: false, liveChanges: 'events', orderedPaging: true });
    expect(b.editing.setExpiry).toBeUndefined();
  });

  it('reads records go-micro wrote with plain keys, tables found from the envelope keys', async () => {
    await kv.put('users_alice', goMicroEnvelope('alice', 'A', '{"role":"admin"}'));
    await kv.put('users_bob', goMicroEnvelope('bob', 'B', 'null'));
    await kv.put('order_lines_7', goMicroEnvelope('7', 'line', '{}'));
    await kv.put('config', goMicroEnvelope('config', 'c', '{}'));
    await kv.put('feature_flag', goMicroEnvelope('feature_flag', 'on', '{}'));
    const b = await open();
    const mine = (await b.reading.databases()).find((db) => db.database === bucket);
    expect(mine?.tables).toEqual([
      { table: '', count: 2, expired: 0 },
      { table: 'order_lines', count: 1, expired: 0 },
      { table: 'users', count: 2, expired: 0 },
    ]);
    expect(await keys(b, 'users')).toEqual(['alice', 'bob']);
    expect(await keys(b, '')).toEqual(['config', 'feature_flag']);
    const alice = await b.reading.inspect({ database: bucket, table: 'users' }, 'alice', 100);
    expect(Buffer.from(alice.value).toString()).toBe('A');
    expect(alice.metadata).toEqual({ role: 'admin' });
    expect(alice.expiresAt).toBeNull();
    expect((await b.bucketInfo(bucket)).keyEncoding).toEqual({ encoding: 'plain', source: 'detected' });
  });

  it('detects base32 keys (go-micro’s EncodeKeys) and reads them back exactly', async () => {
    await kv.put('OVZWK4TTL52XGZLSGE======', goMicroEnvelope('user1', 'one', '{"n":1}'));
    await kv.put('N5ZGIZLSONP4HPBAGE======', goMicroEnvelope('ü 1', 'order', '{}'));
    const b = await open();
    expect((await b.bucketInfo(bucket)).keyEncoding).toEqual({ encoding: 'base32', source: 'detected' });
    expect(await keys(b, 'users')).toEqual(['user1']);
    expect(await keys(b, 'orders')).toEqual(['ü 1']);
    const [record] = await b.reading.recordsByKey({ database: bucket, table: 'users' }, ['user1']);
    expect(record).toEqual({ key: 'user1', value: Buffer.from('one'), metadata: { n: 1 }, expiry: 0 });
  });

  it('writes what go-micro reads: the envelope at <table>_<key>, base32 when chosen', async () => {
    const ns = { database: bucket, table: 'users' };
    const plain = await openNatsBackend(target());
    try {
      // An empty bucket says nothing about its keys: plain is the default, and a key plain cannot carry is refused.
      expect((await plain.bucketInfo(bucket)).keyEncoding).toEqual({ encoding: 'plain', source: 'default' });
      const batch = [
        { key: 'fine', value: 'v' },
        { key: 'a b', value: 'v' },
      ];
      await expect(plain.editing.writeMany(ns, batch)).rejects.toThrow(/keys=base32/);
      expect(await kv.get('users_fine')).toBeNull();
    } finally {
      await plain.close();
    }
    const b = await open('?keys=base32');
    await b.editing.writeMany(ns, [{ key: 'a b', value: 'v', metadata: { z: 1, a: '<' } }]);
    const entry = await kv.get('OVZWK4TTL5QSAYQ=');
    expect(entry?.string()).toBe('{"key":"a b","data":"dg==","metadata":{"a":"\\u003c","z":1}}');
    expect((await b.bucketInfo(bucket)).keyEncoding.source).toBe('chosen');
  });

  it('writes plain keys in a new bucket go-micro would create, with its description', async () => {
    const b = await open();
    const fresh = { database: `${bucket}_new`, table: 'micro' };
    try {
      await b.editing.writeIfUnchanged(fresh, { key: 'k', value: 'v' }, null);
      const created = await new Kvm(nc).open(fresh.database);
      expect((await created.get('micro_k'))?.string()).toBe('{"key":"k","data":"dg==","metadata":null}');
      expect((await created.status()).description).toBe('KeyValue storage administered by go-micro store plugin');
    } finally {
      await (await new Kvm(nc).open(fresh.database)).destroy();
    }
  });

  it('refuses a per-record TTL with the one wording and writes nothing', async () => {
    const b = await open();
    const ns = { database: bucket, table: 't' };
    const attempt = b.editing.writeMany(ns, [
      { key: 'ok', value: '1' },
      { key: 'ttl', value: '2', expiry: 60_000 },
    ]);
    await expect(attempt).rejects.toBeInstanceOf(RefusedError);
    await expect(attempt).rejects.toThrow('NATS KV has no per-record TTL: nothing was written');
    expect(await kv.get('t_ok')).toBeNull();
  });

  it('reports a conflict by entry revision, and writes when the revision is the one seen', async () => {
    const b = await open();
    const ns = { database: bucket, table: 't' };
    const first = await b.editing.writeIfUnchanged(ns, { key: 'k', value: 'one' }, null);
    await expect(b.editing.writeIfUnchanged(ns, { key: 'k', value: 'again' }, null)).rejects.toBeInstanceOf(
      ConflictError,
    );
    await kv.put('t_k', goMicroEnvelope('k', 'service', '{}'));
    const stale = b.editing.writeIfUnchanged(ns, { key: 'k', value: 'mine' }, first);
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    const conflict = (await stale.catch((e: unknown) => e)) as ConflictError;
    expect(Buffer.from(conflict.current?.value ?? []).toString()).toBe('service');
    const seen = conflict.current?.revision ?? '';
    const written = await b.editing.writeIfUnchanged(ns, { key: 'k', value: 'mine' }, seen);
    expect(Number(written)).toBeGreaterThan(Number(seen));
    expect((await kv.get('t_k'))?.json()).toMatchObject({ key: 'k', data: Buffer.from('mine').toString('base64') });
  });

  it('deletes as go-micro does: a delete marker, and the key is missing', async () => {
    await kv.put('t_a', goMicroEnvelope('a', '1', '{}'));
    await kv.put('t_b', goMicroEnvelope('b', '2', '{}'));
    const b = await open();
    const ns = { database: bucket, table: 't' };
    expect(await b.editing.deleteMany(ns, ['a', 'missing'])).toBe(1);
    expect((await kv.get('t_a'))?.operation).toBe('DEL');
    expect(await keys(b, 't')).toEqual(['b']);
    await expect(b.reading.inspect(ns, 'a', 10)).rejects.toBeInstanceOf(NotFoundError);
    expect(await b.reading.count(ns, {})).toBe(1);
  });

  it('reads entries by direct get where the bucket allows it, else by STREAM.MSG.GET, with the same rows', async () => {
    const direct = `si_test_${randomBytes(6).toString('hex')}`;
    const plain = `si_test_${randomBytes(6).toString('hex')}`;
    const kvm = new Kvm(nc);
    const made = [
      await kvm.create(direct, { history: 1 }),
      await kvm.create(plain, { history: 1, allow_direct: false }),
    ];
    // Each get is a request the server answers: a subscriber of the same subjects hears each one too (only
    // these buckets': other tests share the server).
    const heard = { direct: 0, msgGet: 0 };
    const subs = [direct, plain].flatMap((name) => [
      nc.subscribe(`$JS.API.DIRECT.GET.KV_${name}.>`, {
        callback: () => {
          heard.direct++;
        },
      }),
      nc.subscribe(`$JS.API.STREAM.MSG.GET.KV_${name}`, {
        callback: () => {
          heard.msgGet++;
        },
      }),
    ]);
    try {
      for (const made1 of made) {
        await made1.put('users_a', goMicroEnvelope('a', 'A', '{"role":"admin"}'));
        await made1.put('users_b', goMicroEnvelope('b', 'B', 'null'));
      }
      await nc.flush();
      const b = await open();
      const pageOf = async (database: string) => {
        const before = { ...heard };
        const page = await b.reading.page({ database, table: 'users' }, { filter: {}, order: 'asc', limit: 10 });
        await nc.flush();
        return { page, direct: heard.direct - before.direct, msgGet: heard.msgGet - before.msgGet };
      };
      // Loaded first (the replay and the table's envelope), so that the page alone is counted.
      await b.reading.count({ database: direct, table: 'users' }, {});
      await b.reading.count({ database: plain, table: 'users' }, {});
      await nc.flush();
      const fast = await pageOf(direct);
      const slow = await pageOf(plain);
      expect([fast.direct, fast.msgGet]).toEqual([2, 0]);
      expect([slow.direct, slow.msgGet]).toEqual([0, 2]);
      // The same rows, each with its own entry's revision and write time.
      const rows = async (page: RecordPage, from: KV) =>
        Promise.all(
          page.records.map(async ({ updatedAt, revision, ...rest }) => {
            const entry = await from.get(`users_${rest.key}`);
            expect([updatedAt, revision]).toEqual([entry?.created.getTime(), String(entry?.revision)]);
            expect(Math.abs(updatedAt - Date.now())).toBeLessThan(60_000);
            return rest;
          }),
        );
      expect(await rows(slow.page, made[1] as KV)).toEqual(await rows(fast.page, made[0] as KV));
      expect(fast.page.records.map((r) => [r.key, Buffer.from(r.preview).toString(), r.metadata])).toEqual([
        ['a', 'A', { role: 'admin' }],
        ['b', 'B', {}],
      ]);
    } finally {
      for (const sub of subs) sub.unsubscribe();
      for (const made1 of made) await made1.destroy();
    }
  });

  it('pages in key byte order with keyset cursors and prefix, suffix and metadata filters', async () => {
    const b = await open();
    const ns = { database: bucket, table: 'p' };
    const records = Array.from({ length: 30 }, (_, i) => ({
      key: `k${String(i).padStart(2, '0')}`,
      value: `${i}`,
      metadata: { even: i % 2 === 0 },
    }));
    await b.editing.writeMany(ns, records.reverse());
    const first = await b.reading.page(ns, { filter: {}, order: 'asc', limit: 10 });
    expect(first.records.map((r) => r.key)).toEqual(
      records
        .map((r) => r.key)
        .reverse()
        .slice(0, 10),
    );
    const second = await b.reading.page(ns, { filter: {}, order: 'asc', after: first.next ?? '', limit: 10 });
    expect(second.records[0]?.key).toBe('k10');
    const desc = await b.reading.page(ns, { filter: {}, order: 'desc', limit: 2 });
    expect(desc.records.map((r) => r.key)).toEqual(['k29', 'k28']);
    expect(await b.reading.count(ns, { prefix: 'k1' })).toBe(10);
    expect(await b.reading.count(ns, { suffix: '5' })).toBe(3);
    expect(await b.reading.count(ns, { metadata: [{ field: 'even', value: 'true' }] })).toBe(15);
    const evens = await b.reading.page(ns, {
      filter: { metadata: [{ field: 'even', value: 'true' }] },
      order: 'asc',
      limit: 3,
    });
    expect(evens.records.map((r) => r.key)).toEqual(['k00', 'k02', 'k04']);
    expect(await b.reading.count(ns, { expiry: 'expired' })).toBe(0);
  });

  it('renames and duplicates with the envelope key rewritten', async () => {
    await kv.put('t_a', goMicroEnvelope('a', '1', '{"m":1}'));
    const b = await open();
    const ns = { database: bucket, table: 't' };
    await b.editing.duplicate(ns, 'a', 'b');
    await b.editing.rename(ns, 'a', 'c');
    expect(await keys(b, 't')).toEqual(['b', 'c']);
    expect((await kv.get('t_c'))?.string()).toBe(goMicroEnvelope('c', '1', '{"m":1}'));
    await expect(b.editing.duplicate(ns, 'b', 'c')).rejects.toBeInstanceOf(StoreInputError);
  });

  it('reports external writes and deletes through the watch within a second', async () => {
    const b = await open();
    const ns = { database: bucket, table: 'live' };
    await b.editing.createTable(ns);
    const seen: Change[] = [];
    const stop = b.watching.subscribe(ns, (change) => seen.push(change));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await kv.put('live_x', goMicroEnvelope('x', '1', '{}'));
    await kv.put('live_x', goMicroEnvelope('x', '2', '{}'));
    await kv.put('other_y', goMicroEnvelope('y', '1', '{}'));
    await kv.delete('live_x');
    await waitFor(() => (seen.length >= 3 ? true : undefined), 1_000);
    expect(seen.map((c) => [c.key, c.kind])).toEqual([
      ['x', 'create'],
      ['x', 'update'],
      ['x', 'delete'],
    ]);
    stop();
    expect(await keys(b, 'live')).toEqual([]);
  });

  it('lists the keys from one unfiltered replay of the bucket’s stream: overwrites and deletes before it, changes after', async () => {
    for (const key of ['b', 'a', 'c', 'gone']) await kv.put(`users_${key}`, goMicroEnvelope(key, key, '{}'));
    await kv.put('users_a', goMicroEnvelope('a', 'a2', '{}'));
    await kv.delete('users_gone');
    const b = await open();
    const ns = { database: bucket, table: 'users' };
    expect(await keys(b, 'users')).toEqual(['a', 'b', 'c']);
    expect(await b.reading.count(ns, {})).toBe(3);
    // A consumer filtered on the bucket's subject is what kept nats-server 2.9 busy for seconds at a million
    // keys before the first message (docs/backend-nats.md): the watch's has no filter.
    const jsm = await jetstreamManager(nc);
    const consumers = await jsm.consumers.list(`KV_${bucket}`).next();
    expect(consumers.length).toBe(1);
    expect(consumers[0]?.config.filter_subject ?? '').toBe('');
    await kv.put('users_d', goMicroEnvelope('d', 'd', '{}'));
    await kv.delete('users_b');
    let shown = await keys(b, 'users');
    for (const deadline = Date.now() + 2_000; shown.join() !== 'a,c,d' && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      shown = await keys(b, 'users');
    }
    expect(shown).toEqual(['a', 'c', 'd']);
  });

  // A read walking the key snapshot across awaits, while changes arrive (docs/backend-nats.md, "Order, counts
  // and the live view").
  it('a metadata-filtered page in flight is not shifted by keys another read settles meanwhile', async () => {
    const total = 1_500;
    await Promise.all(
      Array.from({ length: total }, (_, i) =>
        kv.put(`users_${keyAt(i)}`, goMicroEnvelope(keyAt(i), keyAt(i), '{"v":1}')),
      ),
    );
    const backend = await open('?keys=plain');
    const users = { database: bucket, table: 'users' };
    const early = { database: bucket, table: 'early' };
    expect(await backend.reading.count(users, {})).toBe(total);
    const heard: string[] = [];
    const stop = backend.watching.subscribe(early, (change) => heard.push(change.key));
    await sleep(100);
    // Batches of gets, one after another: the page is still reading when the keys below arrive.
    const page = backend.reading.page(users, {
      filter: { metadata: [{ path: ['v'], op: 'eq', value: '1' }] },
      order: 'asc',
      limit: total,
    });
    // Another service's burst of keys that sort before the table's, in the snapshot's index range.
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => kv.put(`early_${keyAt(i)}`, goMicroEnvelope(keyAt(i), keyAt(i), '{}'))),
    );
    for (let tries = 0; heard.length < 40 && tries < 200; tries++) await sleep(10);
    expect(heard.length).toBe(40);
    // A read of the other table brings the snapshot up to date while the page is still reading.
    expect(await backend.reading.count(early, {})).toBe(40);
    const keys = (await page).records.map((record) => record.key);
    stop();
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(Array.from({ length: total }, (_, i) => keyAt(i)));
  });

  it('a read while a new table’s envelopes are still being read waits for them', async () => {
    await kv.put('plain', goMicroEnvelope('plain', 'plain', '{}'));
    const backend = await open('?keys=plain');
    const fresh = { database: bucket, table: 'fresh' };
    const defaults = { database: bucket, table: '' };
    expect(await backend.reading.count(defaults, {})).toBe(1);
    const heard: string[] = [];
    const stop = backend.watching.subscribe(fresh, (change) => heard.push(change.key));
    await sleep(100);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => kv.put(`fresh_${keyAt(i)}`, goMicroEnvelope(keyAt(i), keyAt(i), '{}'))),
    );
    for (let tries = 0; heard.length < 20 && tries < 200; tries++) await sleep(10);
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
