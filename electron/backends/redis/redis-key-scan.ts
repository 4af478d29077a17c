/**
 * Redis keeps keys in no order and SCAN returns them in hash order, so a grid in key order needs every key of
 * the table first: one SCAN pass (COUNT per step, never KEYS, so the server is never blocked for long), then a
 * sort of the keys' bytes. docs/backend-redis.md gives the cost at 1M keys.
 */
import type { Redis } from 'ioredis';
import { matchPattern, textOf } from './redis-keys.js';
import { SortedRuns } from './redis-sorted-runs.js';

/** Keys per SCAN step: at 1M keys 1,000 costs no more in total than 10,000 and keeps each step ~20 ms. */
export const SCAN_COUNT = 1_000;

/**
 * A SCAN as it goes: the keys found so far (sorted runs, merged as they come) and the share of the keyspace
 * walked, so a page can show what is listed while the rest is (docs/backend-redis.md, "The first page of a
 * large table"). A page waiting on it wakes at each step rather than polling.
 */
export class ScanProgress {
  readonly runs = new SortedRuns();
  /** 0 to 1: the share of the server's hash table SCAN has walked (scanShare). */
  share = 0;
  /** SCAN steps answered so far. */
  steps = 0;
  private waiting: (() => void)[] = [];
  private held: Promise<unknown> | undefined;

  /**
   * Runs `work` (a page read from the keys listed so far) with the SCAN's further steps held back: on the
   * same connection and thread, they would be answered and sorted before the page's own reply.
   */
  async holding<T>(work: () => Promise<T>): Promise<T> {
    const done = work();
    const held = done.catch(() => undefined);
    this.held = held;
    try {
      return await done;
    } finally {
      if (this.held === held) this.held = undefined;
    }
  }

  /** Resolves when no page holds the SCAN back. */
  released(): Promise<unknown> | undefined {
    return this.held;
  }

  /** Resolves when the next step's keys are in (never, if the SCAN fails: race it with the listing). */
  nextStep(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  stepped(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}

export function newScanProgress(): ScanProgress {
  return new ScanProgress();
}

/**
 * Every key of `table` starting with `prefix`, as sorted byte strings without the table. The next SCAN step
 * is asked for before this one's keys are sorted and merged, so the two overlap.
 */
export async function scanTableKeys(
  client: Redis,
  table: string,
  prefix = '',
  progress: ScanProgress = newScanProgress(),
): Promise<string[]> {
  const pattern = matchPattern(table, prefix);
  const skip = Buffer.byteLength(table, 'utf8');
  const step = (cursor: string) => client.scanBuffer(cursor, 'MATCH', pattern, 'COUNT', SCAN_COUNT);
  let reply = step('0');
  for (;;) {
    const [next, batch] = await reply;
    const cursor = next.toString();
    if (cursor !== '0') {
      await progress.released();
      reply = step(cursor);
      // Awaited below; a failure meanwhile must not count as unhandled.
      reply.catch(() => undefined);
    }
    progress.steps++;
    progress.share = cursor === '0' ? 1 : scanShare(cursor);
    await progress.runs.add(batch.map((key) => key.toString('latin1', skip)));
    progress.stepped();
    if (cursor === '0') return progress.runs.sorted();
  }
}

/**
 * How much of the keyspace a SCAN cursor has walked. Redis advances the cursor by incrementing its
 * bit-reversed value (dict.c, dictScan), so the cursor's bits reversed over 64 bits, read as a fraction of
 * 2^64, is the share of hash buckets visited, whatever the table's size.
 */
export function scanShare(cursor: string): number {
  let value = BigInt(cursor);
  let reversed = 0n;
  for (let bit = 0; bit < 64; bit++) {
    reversed = (reversed << 1n) | (value & 1n);
    value >>= 1n;
  }
  return Number(reversed) / 2 ** 64;
}

/** The same, as go-micro keys (text): for tests and clean-up. */
export async function scanSortedKeys(client: Redis, table: string, prefix = ''): Promise<string[]> {
  return (await scanTableKeys(client, table, prefix)).map(textOf);
}
