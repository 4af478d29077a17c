/**
 * What key order costs on Redis: SCAN gives hash order, so a sorted grid needs the whole table's keys.
 * Times one full SCAN (COUNT 1000) alone, then SCAN plus the byte-order sort, then the first page read from
 * the sorted snapshot, at N keys (default 100,000) in a table of its own, removed after.
 *
 *   npx tsx bench/redis-key-order-bench.ts [N]
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { SCAN_COUNT, scanSortedKeys } from '../electron/backends/redis/redis-key-scan.js';
import { readRedisPage } from '../electron/backends/redis/redis-records.js';

const total = Number(process.argv[2] ?? 100_000);
const table = `si_bench_${randomBytes(4).toString('hex')}_`;
const client = new Redis('redis://127.0.0.1:6379/0');

async function fill(): Promise<void> {
  for (let start = 0; start < total; start += 10_000) {
    const pipeline = client.pipeline();
    for (let i = start; i < Math.min(total, start + 10_000); i++) {
      pipeline.set(`${table}user/${randomBytes(6).toString('hex')}/${i}`, `value ${i}`);
    }
    await pipeline.exec();
  }
}

async function rawScan(): Promise<number> {
  let cursor = '0';
  let found = 0;
  do {
    const [next, keys] = await client.scanBuffer(cursor, 'MATCH', `${table}*`, 'COUNT', SCAN_COUNT);
    found += keys.length;
    cursor = next.toString();
  } while (cursor !== '0');
  return found;
}

async function timed<T>(label: string, work: () => Promise<T>, runs = 3): Promise<T> {
  const times: number[] = [];
  let result: T | undefined;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    result = await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label}: median ${times[Math.floor(runs / 2)]?.toFixed(1)} ms (${times.map((t) => t.toFixed(0)).join(', ')})`,
  );
  return result as T;
}

try {
  await fill();
  console.log(`${total} keys in ${table}* (server dbsize ${await client.dbsize()})`);
  await timed('SCAN alone (hash order)', rawScan);
  const sorted = await timed('SCAN + sort by bytes', () => scanSortedKeys(client, table));
  await timed('first page of 100 from the snapshot', () =>
    readRedisPage(client, table, sorted, { filter: {}, order: 'asc', limit: 100 }, Date.now()),
  );
  await timed('a middle page (keyset) of 100', () =>
    readRedisPage(
      client,
      table,
      sorted,
      { filter: {}, order: 'asc', after: sorted[total >> 1], limit: 100 },
      Date.now(),
    ),
  );
} finally {
  const keys = await scanSortedKeys(client, table);
  for (let i = 0; i < keys.length; i += 10_000)
    await client.unlink(...keys.slice(i, i + 10_000).map((k) => `${table}${k}`));
  await client.quit();
}
