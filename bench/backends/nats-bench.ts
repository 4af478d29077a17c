/**
 * The NATS KV backend at scale, beside raw @nats-io/kv calls in the same run: a bucket in go-micro's layout
 * (table `users`, envelope values) filled with `--records` entries (default 1,000,000; the fill stops at
 * FILL_BUDGET_MS and the figures are for the size reached, printed), then opening (the key snapshot), the first
 * page, a prefix page (1/16 of the keys), a middle keyset page and counts through NatsBackend, each beside the
 * raw calls that fetch the same entries. The bucket is removed afterwards unless --keep.
 *
 *   npx tsx bench/index.ts nats --records 1000000     (once bench/index.ts names the suite; or through
 *   bench/backends-bench.ts)
 */
import { randomBytes } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { type KV, Kvm, KvWatchInclude } from '@nats-io/kv';
import { connect } from '@nats-io/transport-node';
import { parseConnectionString } from '../../electron/backends/connection-string.js';
import { openNatsBackend } from '../../electron/backends/nats/nats-backend.js';
import { encodeEnvelope } from '../../electron/backends/nats/nats-envelope.js';
import type { BenchArgs } from '../bench-args.js';
import { median, millis, type Row, timeAsync } from '../measure.js';

const SERVER = '127.0.0.1:4222';
const TABLE = 'users';
const PAGE = 100;
const RUNS = 5;
const SLOW_RUNS = 1;
/** A fill longer than this stops; the figures are then for the size reached. */
const FILL_BUDGET_MS = 170_000;
const FILL_BATCH = 2_000;
const API_TIMEOUT_MS = 60_000;

function goMicroKey(i: number): string {
  const shard = ((i * 2654435761) >>> 0) % 256;
  return `user/${shard.toString(16).padStart(2, '0')}/${String(i).padStart(8, '0')}`;
}

/**
 * Every live key by the raw client: a headers-only watch replaying the stream. kv.keys() would be the obvious
 * call, but its last-per-key consumer took over 60 s to create at ~900k keys on nats-server 2.9 here.
 */
async function rawKeys(kv: KV): Promise<string[]> {
  if ((await kv.status()).values === 0) return [];
  const keys = new Set<string>();
  const watch = await kv.watch({ headers_only: true, include: KvWatchInclude.AllHistory });
  for await (const entry of watch) {
    if (entry.operation === 'PUT') keys.add(entry.key);
    else keys.delete(entry.key);
    if (entry.isUpdate) break;
  }
  return [...keys];
}

async function medianOf(work: () => Promise<unknown>, runs = RUNS): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) times.push((await timeAsync(work)).ms);
  return median(times);
}

function row(work: string, ours: number, raw: number, target: string): Row {
  return { work, ours: millis(ours), raw: millis(raw), ratio: `${(ours / raw).toFixed(2)}x`, target };
}

/** measure.ts's table with this run's column names: NatsBackend beside raw @nats-io/kv. */
function printRows(title: string, rows: Row[]): void {
  const header: Row = { work: 'work', ours: 'NatsBackend', raw: 'raw @nats-io/kv', ratio: 'ratio', target: 'target' };
  const columns = Object.keys(header) as (keyof Row)[];
  const widths = columns.map((column) => Math.max(...[header, ...rows].map((r) => r[column].length)));
  const line = (r: Row) => `| ${columns.map((column, i) => r[column].padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(`\n${title}\n\n${line(header)}\n| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const r of rows) console.log(line(r));
}

export async function runNatsBench(args: BenchArgs): Promise<void> {
  const nc = await connect({ servers: SERVER });
  const bucket = `si_bench_${randomBytes(4).toString('hex')}`;
  // Filling and destroying a bucket of a million entries outlasts the client's 5 s API timeout here.
  const kvm = new Kvm(jetstream(nc, { timeout: API_TIMEOUT_MS }));
  const kv = await kvm.create(bucket, { history: 1 });
  try {
    const fillStart = performance.now();
    let filled = 0;
    while (filled < args.records && performance.now() - fillStart < FILL_BUDGET_MS) {
      const batch: Promise<number>[] = [];
      for (let i = filled; i < Math.min(args.records, filled + FILL_BATCH); i++) {
        const key = goMicroKey(i);
        batch.push(kv.put(`${TABLE}_${key}`, encodeEnvelope(key, Buffer.from(`value ${i} of the bench`), { n: i })));
      }
      await Promise.all(batch);
      filled += batch.length;
    }
    const fillMs = performance.now() - fillStart;
    console.log(
      `\nNATS KV: filled ${filled.toLocaleString('en-US')} of ${args.records.toLocaleString('en-US')} entries in ${(fillMs / 1000).toFixed(1)} s` +
        (filled < args.records ? ` (stopped at the ${FILL_BUDGET_MS / 1000} s budget: figures are at this size)` : ''),
    );

    const target = parseConnectionString(`nats://${SERVER}`, {});
    if (target.kind === 'path') throw new Error('expected a server');
    const ns = { database: bucket, table: TABLE };
    const opened = await timeAsync(async () => {
      const backend = await openNatsBackend(target);
      await backend.reading.page(ns, { filter: {}, order: 'asc', limit: PAGE });
      return backend;
    });
    const backend = opened.result;
    const rawList = await timeAsync(async () => (await rawKeys(kv)).sort());

    const sorted = rawList.result;
    const rawGet = (keys: string[]) => Promise.all(keys.map((key) => kv.get(key)));
    const firstKeys = sorted.slice(0, PAGE + 1);
    const prefix = 'user/8';
    const prefixAt = sorted.findIndex((key) => key.startsWith(`${TABLE}_${prefix}`));
    const prefixKeys = sorted.slice(prefixAt, prefixAt + PAGE + 1);
    const middleAt = Math.floor(sorted.length / 2);
    const middleKeys = sorted.slice(middleAt, middleAt + PAGE + 1);
    const middleAfter = (sorted[middleAt - 1] ?? '').slice(TABLE.length + 1);

    const page = (filter: { prefix?: string }, after?: string) => () =>
      backend.reading.page(ns, { filter, order: 'asc', limit: PAGE, ...(after === undefined ? {} : { after }) });
    const rows: Row[] = [
      row('open: key snapshot + first page (once)', opened.ms, rawList.ms, 'raw = key listing + sort'),
      row('first page of 100', await medianOf(page({})), await medianOf(() => rawGet(firstKeys)), '< 50 ms'),
      row(
        `prefix page (${prefix}, 1/16)`,
        await medianOf(page({ prefix })),
        await medianOf(() => rawGet(prefixKeys)),
        '< 100 ms',
      ),
      row(
        'middle keyset page',
        await medianOf(page({}, middleAfter)),
        await medianOf(() => rawGet(middleKeys)),
        '< 100 ms',
      ),
      row(
        'count, whole table',
        await medianOf(() => backend.reading.count(ns, {})),
        await medianOf(async () => (await kv.status()).values),
        'raw = status().values',
      ),
      row(
        `count, prefix ${prefix}`,
        await medianOf(() => backend.reading.count(ns, { prefix })),
        await medianOf(async () => {
          // KV filters only by whole `.`-separated tokens: a prefix inside a token means listing every key.
          return (await rawKeys(kv)).filter((key) => key.startsWith(`${TABLE}_${prefix}`)).length;
        }, SLOW_RUNS),
        'raw = full key listing (1 run)',
      ),
    ];
    printRows(
      `NATS KV backend, ${filled.toLocaleString('en-US')} records (median of ${RUNS}; raw = @nats-io/kv gets of the same entries)`,
      rows,
    );
    await backend.close();
  } finally {
    if (!args.keep) await kv.destroy().catch((error: unknown) => console.error(`bucket ${bucket} not removed:`, error));
    await nc.close();
  }
}
