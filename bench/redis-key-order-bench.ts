/**
 * What key order costs on Redis: SCAN gives hash order, so a sorted grid needs the whole table's keys. Times
 * one full SCAN alone (COUNT 1,000, 5,000 and 20,000), a SCAN whose MATCH leaves few keys, then the same SCAN kept as byte strings and sorted (what the backend's
 * snapshot does), beside sorting Buffers by Buffer.compare (the obvious way), at N keys (default 100,000) in a
 * table of its own, removed after. docs/backend-redis.md has the figures.
 *
 *   npx tsx bench/redis-key-order-bench.ts [N]
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { SCAN_COUNT, scanTableKeys } from '../electron/backends/redis/redis-key-scan.js';
import { matchPattern } from '../electron/backends/redis/redis-keys.js';
import { median, timeAsync } from './measure.js';

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

async function rawScan(count = SCAN_COUNT): Promise<Buffer[]> {
  const found: Buffer[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await client.scanBuffer(cursor, 'MATCH', matchPattern(table), 'COUNT', count);
    found.push(...keys);
    cursor = next.toString();
  } while (cursor !== '0');
  return found;
}

async function report(label: string, work: () => Promise<unknown>, runs = 3): Promise<void> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) times.push((await timeAsync(work)).ms);
  console.log(`${label}: median ${median(times).toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(', ')})`);
}

try {
  await fill();
  console.log(`${total} keys in ${table}* (server dbsize ${await client.dbsize()})`);
  for (const count of [1_000, 5_000, 20_000])
    await report(`SCAN alone (hash order), COUNT ${count}`, () => rawScan(count));
  await report('SCAN MATCH of a 1/256 prefix (walks every key, returns few)', () =>
    scanTableKeys(client, table, 'user/ff'),
  );
  await report('SCAN + byte strings + sort (the snapshot)', () => scanTableKeys(client, table));
  await report('SCAN + sort Buffers by Buffer.compare', async () => (await rawScan()).sort(Buffer.compare));
} finally {
  const keys = await rawScan();
  for (let i = 0; i < keys.length; i += 10_000) await client.unlink(...keys.slice(i, i + 10_000));
  await client.quit();
}
