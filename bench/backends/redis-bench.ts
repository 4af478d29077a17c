/**
 * The Redis backend at `--records` keys (default 1M) in go-micro's layout, each figure beside the raw ioredis
 * commands doing the same work in the same run. Pages come from a sorted snapshot of the table's keys, so the
 * raw baseline for a page holds the same snapshot (a sorted array, searched the same way) and reads the page's
 * keys with one pipeline of GET + PEXPIRETIME; building the snapshot is timed on its own against a raw SCAN
 * and sort. Targets: first page < 50 ms, prefix page < 100 ms, within 1.5x of raw. docs/backend-redis.md.
 *
 *   npm run bench -- backends --records 1000000   (or: npx tsx -e "import('./bench/backends/redis-bench.ts')…")
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { parseConnectionString, type ServerTarget } from '../../electron/backends/connection-string.js';
import { openRedisBackend } from '../../electron/backends/redis/redis-backend.js';
import { SCAN_COUNT } from '../../electron/backends/redis/redis-key-scan.js';
import { globLiteral } from '../../electron/backends/redis/redis-keys.js';
import type { BenchArgs } from '../bench-args.js';
import { median, millis, timeAsync } from '../measure.js';

const URL = 'redis://127.0.0.1:6379/0';
const PAGE = 100;
const RUNS = 15;
const COLD_RUNS = 15;
/** Rows whose raw side SCANs the whole table (seconds): fewer runs. */
const WHOLE_SCAN_RUNS = 3;
const PREFIX = 'user/8';

interface Line {
  work: string;
  /** Every run's ms. */
  ours: number[];
  raw: number[];
  target: string;
}

export async function runRedisBench(args: Pick<BenchArgs, 'records' | 'keep'>): Promise<void> {
  const client = new Redis(URL);
  const table = `si_bench_${randomBytes(3).toString('hex')}_`;
  const ns = { database: 'micro', table };
  try {
    const filled = await timeAsync(() => fill(client, table, args.records));
    console.log(`\nRedis: ${args.records.toLocaleString('en-US')} keys in ${table}* filled in ${millis(filled.ms)}`);
    const backend = await openRedisBackend(parseConnectionString(URL) as ServerTarget);
    try {
      const lines: Line[] = [];
      // Cold: a backend opened afresh shows the first of the keys SCAN has listed so far (keysLoading), beside
      // a raw client connecting afresh, scanning as many keys and reading the first 101 of them; then, in key
      // order, the whole listing. Closing is not timed: the page is on screen before the store is closed.
      const firstPage = { filter: {}, order: 'asc', limit: PAGE } as const;
      let listed = 0;
      const opened: { close(): Promise<unknown> }[] = [];
      const closeOpened = async () => {
        await Promise.all(opened.splice(0).map((connection) => connection.close()));
      };
      lines.push(
        await pair(
          'first page, cold: the first of the keys listed so far',
          async () => {
            const fresh = await openRedisBackend(parseConnectionString(URL) as ServerTarget);
            opened.push(fresh);
            const shown = await fresh.reading.page(ns, firstPage);
            listed = shown.keysLoading?.listed ?? args.records;
          },
          async () => {
            const fresh = new Redis(URL);
            opened.push({ close: () => fresh.quit() });
            await rawPage(fresh, table, await rawSnapshot(fresh, table, listed), '');
          },
          '< 50 ms',
          COLD_RUNS,
          closeOpened,
        ),
      );
      lines.push(
        await pair(
          'first page, cold, in key order (whole SCAN + sort)',
          async () => {
            const fresh = await openRedisBackend(parseConnectionString(URL) as ServerTarget);
            opened.push(fresh);
            await fresh.reading.count(ns, {});
            await fresh.reading.page(ns, firstPage);
          },
          async () => rawPage(client, table, await rawSnapshot(client, table), ''),
          '-',
          WHOLE_SCAN_RUNS,
          closeOpened,
        ),
      );
      const snapshot = await rawSnapshot(client, table);
      // The warm rows time pages in key order: the backend's own listing must be over first, or they would
      // time pages of the keys listed so far while a SCAN of the whole table runs beside them.
      await backend.reading.count(ns, {});
      const middle = Buffer.from(snapshot[snapshot.length >> 1] ?? '', 'latin1').toString('utf8');
      const page = (filter: object, after?: string) => () =>
        backend.reading.page(ns, { filter, order: 'asc', after, limit: PAGE });
      lines.push(await pair('first page of 100', page({}), () => rawPage(client, table, snapshot, ''), '< 50 ms'));
      lines.push(
        await pair(
          `prefix page (${PREFIX}, 1/16)`,
          page({ prefix: PREFIX }),
          () => rawPage(client, table, snapshot, PREFIX),
          '< 100 ms',
        ),
      );
      lines.push(
        await pair(
          'middle keyset page',
          page({}, middle),
          () => rawPage(client, table, snapshot, '', middle),
          '< 50 ms',
        ),
      );
      lines.push(
        await pair(
          'count, whole table',
          () => backend.reading.count(ns, {}),
          () => rawCount(client, table, ''),
          '-',
          WHOLE_SCAN_RUNS,
        ),
      );
      lines.push(
        await pair(
          `count, prefix ${PREFIX}`,
          () => backend.reading.count(ns, { prefix: PREFIX }),
          () => rawCount(client, table, PREFIX),
          '-',
          WHOLE_SCAN_RUNS,
        ),
      );
      print(lines, backend.capabilities.liveChanges);
    } finally {
      await backend.close();
    }
  } finally {
    if (!args.keep) await removeTable(client, table);
    await client.quit();
  }
}

async function fill(client: Redis, table: string, total: number): Promise<void> {
  for (let start = 0; start < total; start += 10_000) {
    const pipeline = client.pipeline();
    for (let i = start; i < Math.min(total, start + 10_000); i++) {
      const value = `{"id":${i},"name":"user ${i}","tags":["a","b"]}`;
      if (i % 10 === 0) pipeline.set(`${table}user/${randomBytes(6).toString('hex')}/${i}`, value, 'EX', 3_600);
      else pipeline.set(`${table}user/${randomBytes(6).toString('hex')}/${i}`, value);
    }
    await pipeline.exec();
  }
}

/** The raw snapshot: SCAN MATCH <table>* COUNT 1000, key bytes as strings, sorted (stopping at `atMost`). */
async function rawSnapshot(client: Redis, table: string, atMost = Number.POSITIVE_INFINITY): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    if (keys.length >= atMost) break;
    const [next, batch] = await client.scanBuffer(cursor, 'MATCH', `${globLiteral(table)}*`, 'COUNT', SCAN_COUNT);
    for (const key of batch) keys.push(key.toString('latin1', table.length));
    cursor = next.toString();
  } while (cursor !== '0');
  return keys.sort();
}

/** A page the plain way over the same snapshot: binary search, then GET + PEXPIRETIME in one pipeline. */
async function rawPage(client: Redis, table: string, sorted: string[], prefix: string, after?: string) {
  let low = 0;
  let high = sorted.length;
  const from = after === undefined ? prefix : Buffer.from(after, 'utf8').toString('latin1');
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] ?? '') < from || (after !== undefined && sorted[middle] === from)) low = middle + 1;
    else high = middle;
  }
  const keys = sorted.slice(low, low + PAGE + 1).filter((key) => key.startsWith(prefix));
  const pipeline = client.pipeline();
  for (const key of keys) {
    const redisKey = Buffer.from(`${table}${key}`, 'latin1');
    pipeline.getBuffer(redisKey).pexpiretime(redisKey);
  }
  return pipeline.exec();
}

/** Without a snapshot, counting is a full SCAN. */
async function rawCount(client: Redis, table: string, prefix: string): Promise<number> {
  let count = 0;
  let cursor = '0';
  do {
    const [next, batch] = await client.scanBuffer(
      cursor,
      'MATCH',
      `${globLiteral(table + prefix)}*`,
      'COUNT',
      SCAN_COUNT,
    );
    count += batch.length;
    cursor = next.toString();
  } while (cursor !== '0');
  return count;
}

/**
 * Ours and raw alternately, the one that goes first swapping every run, so a change of load (other helpers'
 * work on the shared cores) hits both alike.
 */
async function pair(
  work: string,
  ours: () => Promise<unknown>,
  raw: () => Promise<unknown>,
  target: string,
  runs = RUNS,
  untimed: () => Promise<void> = async () => undefined,
): Promise<Line> {
  const oursMs: number[] = [];
  const rawMs: number[] = [];
  const timeOurs = async () => {
    oursMs.push((await timeAsync(ours)).ms);
    await untimed();
  };
  const timeRaw = async () => {
    rawMs.push((await timeAsync(raw)).ms);
    await untimed();
  };
  for (let run = 0; run < runs; run++) {
    if (run % 2 === 0) await timeOurs().then(timeRaw);
    else await timeRaw().then(timeOurs);
  }
  return { work, ours: oursMs, raw: rawMs, target };
}

function print(lines: Line[], live: string): void {
  console.log(
    `(median and fastest of ${RUNS} runs; cold: ${COLD_RUNS}, whole SCAN rows: ${WHOLE_SCAN_RUNS}; ours and raw alternating; live changes: ${live})\n`,
  );
  console.log(
    '| work | RedisBackend: median (fastest) | raw ioredis: median (fastest) | ratio: median (fastest) | target |',
  );
  console.log('| --- | --- | --- | --- | --- |');
  for (const line of lines) {
    const [ours, raw] = [median(line.ours), median(line.raw)];
    const [oursFastest, rawFastest] = [Math.min(...line.ours), Math.min(...line.raw)];
    console.log(
      `| ${line.work} | ${millis(ours)} (${millis(oursFastest)}) | ${millis(raw)} (${millis(rawFastest)}) | ${ratio(ours, raw)} (${ratio(oursFastest, rawFastest)}) | ${line.target} |`,
    );
  }
}

const ratio = (ours: number, raw: number) => `${(ours / raw).toFixed(2)}x`;

async function removeTable(client: Redis, table: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, batch] = await client.scanBuffer(cursor, 'MATCH', `${globLiteral(table)}*`, 'COUNT', 10_000);
    if (batch.length > 0) await client.unlink(...batch);
    cursor = next.toString();
  } while (cursor !== '0');
}
