/**
 * The NATS KV backend at scale, beside raw @nats-io/kv calls in the same run: a bucket in go-micro's layout
 * (table `users`, envelope values) filled with `--records` entries (default 1,000,000, published with a
 * window of puts in flight), then opening (the key snapshot), the first
 * page, a prefix page (1/16 of the keys), a middle keyset page and counts through NatsBackend, each beside the
 * raw calls that fetch the same entries. The bucket is removed afterwards unless --keep; a kept one is
 * measured again, without filling, with SI_NATS_BENCH_BUCKET=<its name>.
 *
 *   npx tsx bench/index.ts nats --records 1000000     (once bench/index.ts names the suite; or through
 *   bench/backends-bench.ts)
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeliverPolicy,
  type JetStreamClient,
  type JetStreamManager,
  jetstream,
  jetstreamManager,
  type OrderedPushConsumerOptions,
} from '@nats-io/jetstream';
import { type KV, Kvm } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { parseConnectionString, type ServerTarget } from '../../electron/backends/connection-string.js';
import { openNatsBackend } from '../../electron/backends/nats/nats-backend.js';
import { encodeEnvelope } from '../../electron/backends/nats/nats-envelope.js';
import type { BenchArgs } from '../bench-args.js';
import { median, millis, type Row, timeAsync } from '../measure.js';

const SERVER = '127.0.0.1:4222';
const TABLE = 'users';
const PAGE = 100;
const RUNS = 5;
/** Warm pages are a few ms, where one run's noise is as large as the overhead measured: many runs. */
const WARM_RUNS = 25;
const COLD_RUNS = 5;
const SLOW_RUNS = 1;
/** Publishes sent before the client waits for the server to flush them. */
const FILL_BATCH = 10_000;
/** How far the stream may lag behind what was sent before sending more: the window of puts in flight. */
const FILL_WINDOW = 50_000;
const API_TIMEOUT_MS = 60_000;

/**
 * Fills the bucket as a service's burst of writes would, fast: every put is a plain publish to the bucket's
 * subject (what kv.put sends, without waiting for each acknowledgement), at most FILL_WINDOW ahead of what
 * the stream has stored. One awaited put at a time ran ~5,000/s here; this runs several times that. Keys are
 * distinct and the bucket keeps one message per key, so the stream holds `total` messages when all landed;
 * a publish the server dropped (none seen so far) is sent again.
 */
async function fillBucket(nc: NatsConnection, jsm: JetStreamManager, bucket: string, total: number) {
  const stream = `KV_${bucket}`;
  const stored = async () => (await jsm.streams.info(stream)).state.messages;
  const publish = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const key = goMicroKey(i);
      nc.publish(
        `$KV.${bucket}.${TABLE}_${key}`,
        encodeEnvelope(key, Buffer.from(`value ${i} of the bench`), { n: i }),
      );
    }
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    for (let start = 0; start < total; start += FILL_BATCH) {
      publish(start, Math.min(total, start + FILL_BATCH));
      await nc.flush();
      while ((await stored()) < start - FILL_WINDOW) await delay(20);
    }
    // The stream stops growing once every publish has landed.
    let last = -1;
    for (let now = await stored(); now < total && now !== last; now = await stored()) {
      last = now;
      await delay(500);
    }
    if ((await stored()) >= total) return;
  }
  throw new Error(`the bucket holds ${await stored()} of ${total} entries after three fills`);
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function goMicroKey(i: number): string {
  const shard = ((i * 2654435761) >>> 0) % 256;
  return `user/${shard.toString(16).padStart(2, '0')}/${String(i).padStart(8, '0')}`;
}

/**
 * Every live key by the raw client: an ordered push consumer replaying the bucket's stream, headers only and
 * unfiltered. kv.keys() would be the obvious call, but its last-per-key consumer took over 60 s to create at
 * ~900k keys on nats-server 2.9 here, and kv.watch()'s consumer, filtered on the bucket's one subject, took
 * 8-9 s to start at 1M; the unfiltered one delivers the same messages at once.
 */
async function rawKeys(js: JetStreamClient, bucket: string, atMost = Number.POSITIVE_INFINITY): Promise<string[]> {
  // No filter: null, since the client fills in `>` for one left out.
  const options: Partial<OrderedPushConsumerOptions> & { filter_subject: null } = {
    headers_only: true,
    deliver_policy: DeliverPolicy.All,
    filter_subject: null,
  };
  const consumer = await js.consumers.getPushConsumer(`KV_${bucket}`, options);
  const keys = new Set<string>();
  if ((await consumer.info(true)).num_pending === 0) return [];
  const prefix = `$KV.${bucket}.`.length;
  const messages = await consumer.consume();
  for await (const message of messages) {
    const key = message.subject.slice(prefix);
    // A put carries no operation header (the client reads a missing header as '').
    const operation = message.headers?.get('KV-Operation');
    if (operation === 'DEL' || operation === 'PURGE') keys.delete(key);
    else keys.add(key);
    if (message.info.pending === 0 || keys.size >= atMost) break;
  }
  messages.stop();
  return [...keys];
}

const rawGet = (kv: KV, keys: string[]) => Promise.all(keys.map((key) => kv.get(key)));

/**
 * The raw client's bucket, reading by direct get as `kvm.create` sets it up on nats-server 2.9+ (every bucket
 * here is made so): `kvm.open` alone would read through STREAM.MSG.GET, 1.5x slower, and flatter ours.
 */
const openRaw = (js: JetStreamClient, bucket: string) => new Kvm(js).open(bucket, { allow_direct: true });

interface Paired {
  ours: number;
  raw: number;
  oursFastest: number;
  rawFastest: number;
}

/** Medians and fastest of ours and raw, their runs alternating so that a change in the machine's load hits both. */
async function pair(ours: () => Promise<unknown>, raw: () => Promise<unknown>, runs = RUNS): Promise<Paired> {
  const oursMs: number[] = [];
  const rawMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    oursMs.push((await timeAsync(ours)).ms);
    rawMs.push((await timeAsync(raw)).ms);
  }
  return { ours: median(oursMs), raw: median(rawMs), oursFastest: Math.min(...oursMs), rawFastest: Math.min(...rawMs) };
}

function row(work: string, { ours, raw, oursFastest, rawFastest }: Paired, target: string): Row {
  return {
    work,
    ours: `${millis(ours)} (${millis(oursFastest)})`,
    raw: `${millis(raw)} (${millis(rawFastest)})`,
    ratio: `${(ours / raw).toFixed(2)}x (${(oursFastest / rawFastest).toFixed(2)}x)`,
    target,
  };
}

/** measure.ts's table with this run's column names: NatsBackend beside raw @nats-io/kv. */
function printRows(title: string, rows: Row[]): void {
  const header: Row = {
    work: 'work',
    ours: 'NatsBackend median (fastest)',
    raw: 'raw @nats-io/kv',
    ratio: 'ratio',
    target: 'target',
  };
  const columns = Object.keys(header) as (keyof Row)[];
  const widths = columns.map((column) => Math.max(...[header, ...rows].map((r) => r[column].length)));
  const line = (r: Row) => `| ${columns.map((column, i) => r[column].padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(`\n${title}\n\n${line(header)}\n| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const r of rows) console.log(line(r));
}

/** A bucket filled by an earlier run with --keep, named here, is measured again without refilling (and kept). */
const REUSED_BUCKET = process.env.SI_NATS_BENCH_BUCKET;

/**
 * The raw client's cold first page: a connection of its own, the stream replayed (unfiltered) until `listed`
 * keys, those sorted, the first 101 fetched; the bucket opened for the gets while the keys come.
 */
async function rawColdPage(bucket: string, listed: number): Promise<void> {
  const nc = await connect({ servers: SERVER });
  try {
    const js = jetstream(nc, { timeout: API_TIMEOUT_MS });
    const [keys, kv] = await Promise.all([rawKeys(js, bucket, listed), openRaw(js, bucket)]);
    await rawGet(kv, keys.sort().slice(0, PAGE + 1));
  } finally {
    await nc.close();
  }
}

/**
 * A reopen of the bucket whose listing an earlier open kept (in a data folder of the bench's own): from the
 * connect to the first page in key order, beside the raw client's only way there, the whole listing and a
 * sort (the cold row's raw figures, same run).
 */
async function reopenWithKeptListing(
  target: ServerTarget,
  ns: { database: string; table: string },
  cold: Paired,
): Promise<Paired> {
  const dataFolder = await mkdtemp(join(tmpdir(), 'si-nats-bench-'));
  try {
    const first = await openNatsBackend(target, { dataFolder });
    await first.reading.count(ns, {});
    const kept = join(dataFolder, 'nats-key-listings');
    while (!(await readdir(kept).catch(() => [])).some((name) => name.endsWith('.json.gz'))) await delay(100);
    await first.close();
    const runs: number[] = [];
    for (let run = 0; run < COLD_RUNS; run++) {
      const { ms } = await timeAsync(async () => {
        const backend = await openNatsBackend(target, { dataFolder });
        await backend.reading.page(ns, { filter: {}, order: 'asc', limit: PAGE }).finally(() => backend.close());
      });
      runs.push(ms);
    }
    return { ours: median(runs), oursFastest: Math.min(...runs), raw: cold.raw, rawFastest: cold.rawFastest };
  } finally {
    await rm(dataFolder, { recursive: true, force: true });
  }
}

export async function runNatsBench(args: BenchArgs): Promise<void> {
  const nc = await connect({ servers: SERVER });
  const bucket = REUSED_BUCKET ?? `si_bench_${randomBytes(4).toString('hex')}`;
  // Filling and destroying a bucket of a million entries outlasts the client's 5 s API timeout here.
  const js = jetstream(nc, { timeout: API_TIMEOUT_MS });
  const kvm = new Kvm(js);
  const jsm = await jetstreamManager(nc, { timeout: API_TIMEOUT_MS });
  const kv = REUSED_BUCKET === undefined ? await kvm.create(bucket, { history: 1 }) : await openRaw(js, bucket);
  try {
    if (REUSED_BUCKET === undefined) {
      const fill = await timeAsync(() => fillBucket(nc, jsm, bucket, args.records));
      console.log(
        `\nNATS KV: filled ${args.records.toLocaleString('en-US')} entries in ${(fill.ms / 1000).toFixed(1)} s ` +
          `(${Math.round(args.records / (fill.ms / 1000)).toLocaleString('en-US')} puts/s)` +
          (args.keep ? `; kept: measure it again with SI_NATS_BENCH_BUCKET=${bucket}` : ''),
      );
    }
    const records = (await kv.status()).values;

    const target = parseConnectionString(`nats://${SERVER}`, {});
    if (target.kind === 'path') throw new Error('expected a server');
    const ns = { database: bucket, table: TABLE };
    const firstPage = { filter: {}, order: 'asc', limit: PAGE } as const;
    // Cold, what shows first, from the connect on: the first of the keys listed so far (keysLoading), beside
    // the raw client listing as many keys (the same replay) and getting the first 101 of them.
    let listed = 0;
    const coldPartial = await pair(
      async () => {
        const fresh = await openNatsBackend(target);
        const shown = await fresh.reading.page(ns, firstPage).finally(() => fresh.close());
        listed = shown.keysLoading?.listed ?? records;
      },
      () => rawColdPage(bucket, listed),
      COLD_RUNS,
    );
    // Cold, in key order: the whole listing (the bucket's stream replayed) and a sort, then the page.
    const coldOrdered = await pair(
      async () => {
        const fresh = await openNatsBackend(target);
        await fresh.reading.count(ns, {});
        await fresh.reading.page(ns, firstPage).finally(() => fresh.close());
      },
      () => rawColdPage(bucket, Number.POSITIVE_INFINITY),
      SLOW_RUNS,
    );
    const reopened = await reopenWithKeptListing(target, ns, coldOrdered);
    const backend = await openNatsBackend(target);
    await backend.reading.count(ns, {});
    const sorted = (await rawKeys(js, bucket)).sort();
    const firstKeys = sorted.slice(0, PAGE + 1);
    const prefix = 'user/8';
    const prefixAt = sorted.findIndex((key) => key.startsWith(`${TABLE}_${prefix}`));
    const prefixKeys = sorted.slice(prefixAt, prefixAt + PAGE + 1);
    const middleAt = Math.floor(sorted.length / 2);
    const middleKeys = sorted.slice(middleAt, middleAt + PAGE + 1);
    const middleAfter = (sorted[middleAt - 1] ?? '').slice(TABLE.length + 1);

    const page = (filter: { prefix?: string }, after?: string) => () =>
      backend.reading.page(ns, { filter, order: 'asc', limit: PAGE, ...(after === undefined ? {} : { after }) });
    const warm = (ours: () => Promise<unknown>, keys: string[]) => pair(ours, () => rawGet(kv, keys), WARM_RUNS);
    const rows: Row[] = [
      row(`first page, cold: the first of the keys listed so far`, coldPartial, '< 50 ms'),
      row('first page, cold, in key order (whole listing + sort)', coldOrdered, 'raw = listing + sort'),
      row('reopen: first page in key order, from the kept listing', reopened, 'raw = listing + sort'),
      row('first page of 100', await warm(page({}), firstKeys), '< 50 ms'),
      row(`prefix page (${prefix}, 1/16)`, await warm(page({ prefix }), prefixKeys), '< 100 ms'),
      row('middle keyset page', await warm(page({}, middleAfter), middleKeys), '< 100 ms'),
      row(
        'count, whole table',
        await pair(
          () => backend.reading.count(ns, {}),
          async () => (await kv.status()).values,
        ),
        'raw = status().values',
      ),
      row(
        `count, prefix ${prefix}`,
        await pair(
          () => backend.reading.count(ns, { prefix }),
          // KV filters only by whole `.`-separated tokens: a prefix inside a token means listing every key.
          async () => (await rawKeys(js, bucket)).filter((key) => key.startsWith(`${TABLE}_${prefix}`)).length,
          SLOW_RUNS,
        ),
        'raw = full key listing',
      ),
    ];
    printRows(
      `NATS KV backend, ${records.toLocaleString('en-US')} records (median (fastest) of ${WARM_RUNS} pages, ${RUNS} counts, alternating with raw; cold: ${COLD_RUNS} runs from the connect, in key order: ${SLOW_RUNS}; raw = @nats-io/kv gets of the same entries)`,
      rows,
    );
    await backend.close();
  } finally {
    if (!args.keep && REUSED_BUCKET === undefined)
      await kv.destroy().catch((error: unknown) => console.error(`bucket ${bucket} not removed:`, error));
    await nc.close();
  }
}
