/**
 * A large bucket's key listing kept across opens (docs/backend-nats.md, "A key snapshot kept across opens"):
 * a reopen replays only what changed since, and falls back to the whole stream when the kept listing no longer
 * holds. Each test has its own bucket and data folder.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import { type KV, Kvm } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConnectionString, type ServerTarget } from '../../electron/backends/connection-string.js';
import { type NatsBackend, openNatsBackend } from '../../electron/backends/nats/nats-backend.js';
import { NATS, serverAvailable } from './server-available.js';

const reachable = await serverAvailable(NATS);
/** Buckets of fewer messages are listed in well under a second and not kept. */
const LARGE = 10_000;

function target(): ServerTarget {
  const parsed = parseConnectionString('nats://127.0.0.1:4222', {});
  if (parsed.kind === 'path') throw new Error('expected a server');
  return parsed;
}

const envelope = (key: string) =>
  `{"key":${JSON.stringify(key)},"data":"${Buffer.from(key).toString('base64')}","metadata":{}}`;
const keyAt = (i: number) => `k${String(i).padStart(5, '0')}`;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!reachable)('a large NATS bucket’s key listing kept across opens', () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let kv: KV;
  let bucket: string;
  let folder: string;
  const opened: NatsBackend[] = [];
  const ns = () => ({ database: bucket, table: 'users' });

  /** As a service's burst would write them: plain publishes, then waiting until the stream holds them. */
  const fill = async (count: number) => {
    for (let i = 0; i < count; i++) nc.publish(`$KV.${bucket}.users_${keyAt(i)}`, envelope(keyAt(i)));
    await nc.flush();
    while ((await kv.status()).values < count) await delay(50);
  };
  const open = async () => {
    const backend = await openNatsBackend(target(), { dataFolder: folder });
    opened.push(backend);
    return backend;
  };
  /** Opens the bucket, waits for its whole listing and for the listing to be kept, and closes it. */
  const openAndKeep = async () => {
    const backend = await open();
    expect(await backend.reading.count(ns(), {})).toBeGreaterThan(0);
    // Written aside and renamed when whole.
    const kept = async () =>
      (await readdir(join(folder, 'nats-key-listings')).catch(() => [])).filter((name) => name.endsWith('.json.gz'));
    for (let tries = 0; (await kept()).length === 0 && tries < 200; tries++) await delay(50);
    expect(await kept()).toHaveLength(1);
    await backend.close();
  };
  const firstKeys = async (backend: NatsBackend, prefix = '') =>
    (await backend.reading.page(ns(), { filter: { prefix }, order: 'asc', limit: 3 })).records.map((r) => r.key);
  const startSequences = async () =>
    (await jsm.consumers.list(`KV_${bucket}`).next()).map((consumer) => consumer.config.opt_start_seq ?? 0);

  beforeEach(async () => {
    nc = await connect({ servers: '127.0.0.1:4222' });
    jsm = await jetstreamManager(nc);
    bucket = `si_test_${randomBytes(6).toString('hex')}`;
    kv = await new Kvm(nc).create(bucket, { history: 1 });
    folder = await mkdtemp(join(tmpdir(), 'si-nats-kept-'));
  });
  afterEach(async () => {
    for (const backend of opened.splice(0)) await backend.close();
    await kv.destroy().catch(() => undefined);
    await nc.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('reopens from the kept listing, replaying only the changes made since', async () => {
    await fill(LARGE);
    await openAndKeep();
    await kv.delete(`users_${keyAt(0)}`);
    await kv.put(`users_${keyAt(1)}`, envelope(keyAt(1)));
    await kv.put('users_new', envelope('new'));
    const backend = await open();
    expect(await backend.reading.count(ns(), {})).toBe(LARGE);
    expect(await firstKeys(backend)).toEqual([keyAt(1), keyAt(2), keyAt(3)]);
    expect(await firstKeys(backend, 'n')).toEqual(['new']);
    // This open's watch started after the kept sequence, not from the stream's first message (the first
    // open's consumer may linger a while on the server).
    expect(Math.max(...(await startSequences()))).toBeGreaterThan(LARGE);
  });

  it('lists the whole stream again when keys went without a marker (a purge)', async () => {
    await fill(LARGE);
    await openAndKeep();
    await jsm.streams.purge(`KV_${bucket}`, { filter: `$KV.${bucket}.users_${keyAt(0)}` });
    const backend = await open();
    expect(await backend.reading.count(ns(), {})).toBe(LARGE - 1);
    expect(await firstKeys(backend)).toEqual([keyAt(1), keyAt(2), keyAt(3)]);
  });

  it('lists the whole stream again for a bucket deleted and made again', async () => {
    await fill(LARGE);
    await openAndKeep();
    await kv.destroy();
    kv = await new Kvm(nc).create(bucket, { history: 1 });
    await kv.put('users_only', envelope('only'));
    const backend = await open();
    expect(await backend.reading.count(ns(), {})).toBe(1);
    expect(await firstKeys(backend)).toEqual(['only']);
  });
});
