/**
 * Redis keeps keys in no order and SCAN returns them in hash order, so a grid in key order needs every key of
 * the table first: one SCAN pass (COUNT per step, never KEYS, so the server is never blocked for long), then a
 * sort of the keys' bytes. docs/backend-redis.md gives the cost at 1M keys.
 */
import type { Redis } from 'ioredis';
import { matchPattern, textOf } from './redis-keys.js';

/** Keys per SCAN step: at 1M keys 1,000 costs no more in total than 10,000 and keeps each step ~20 ms. */
export const SCAN_COUNT = 1_000;

/** Every key of `table` starting with `prefix`, as sorted byte strings without the table. */
export async function scanTableKeys(client: Redis, table: string, prefix = ''): Promise<string[]> {
  const pattern = matchPattern(table, prefix);
  const skip = Buffer.byteLength(table, 'utf8');
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await client.scanBuffer(cursor, 'MATCH', pattern, 'COUNT', SCAN_COUNT);
    for (const key of batch) found.push(key.toString('latin1', skip));
    cursor = next.toString();
  } while (cursor !== '0');
  return sortedUnique(found);
}

/** Sorted in place, each key once: SCAN may return a key twice (a rehash during the pass). */
function sortedUnique(keys: string[]): string[] {
  keys.sort();
  let kept = 0;
  for (let index = 0; index < keys.length; index++) {
    if (index === 0 || keys[index] !== keys[kept - 1]) keys[kept++] = keys[index] as string;
  }
  keys.length = kept;
  return keys;
}

/** The same, as go-micro keys (text): for tests and clean-up. */
export async function scanSortedKeys(client: Redis, table: string, prefix = ''): Promise<string[]> {
  return (await scanTableKeys(client, table, prefix)).map(textOf);
}
