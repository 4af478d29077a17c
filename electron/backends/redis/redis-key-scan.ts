/**
 * Redis keeps keys in no order and SCAN returns them in hash order, so a grid in key order needs every key of
 * the table first: one SCAN pass (COUNT per step, never KEYS, so the server is never blocked), then a sort by
 * UTF-8 bytes (Go's order). The sorted list is a snapshot the caller pages through by keyset and renews when
 * it is stale; docs/backends.md gives its cost at 100k keys.
 */
import type { Redis } from 'ioredis';
import { goMicroKey, matchPattern } from './redis-keys.js';

export const SCAN_COUNT = 1_000;

export async function scanSortedKeys(client: Redis, table: string, prefix = ''): Promise<string[]> {
  const pattern = matchPattern(table, prefix);
  const found: Buffer[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await client.scanBuffer(cursor, 'MATCH', pattern, 'COUNT', SCAN_COUNT);
    found.push(...batch);
    cursor = next.toString();
  } while (cursor !== '0');
  // Sorting the raw bytes once beats encoding both strings at every comparison.
  return found.sort(Buffer.compare).map((key) => goMicroKey(table, key));
}
