/**
 * Redis cannot list go-micro's tables (a table is only the start of its keys), so the user names one; these
 * are the suggestions: prefixes that many keys of a SCAN sample share, found where neighbouring keys of the
 * sorted sample part ways.
 */
import type { Redis } from 'ioredis';
import { SCAN_COUNT } from './redis-key-scan.js';

export interface TableSuggestion {
  prefix: string;
  /** Keys of the sample starting with it. */
  sampled: number;
}

/** Up to `limit` prefixes shared by at least 2 (and 1%) of up to `sampleSize` keys, most common first. */
export async function suggestTables(client: Redis, sampleSize = 5_000, limit = 10): Promise<TableSuggestion[]> {
  const sample = await scanSample(client, sampleSize);
  return commonPrefixes(sample, limit);
}

async function scanSample(client: Redis, size: number): Promise<string[]> {
  const found = new Set<string>();
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'COUNT', SCAN_COUNT);
    for (const key of keys) found.add(key);
    cursor = next;
  } while (cursor !== '0' && found.size < size);
  return [...found].slice(0, size).sort();
}

export function commonPrefixes(sortedKeys: readonly string[], limit: number): TableSuggestion[] {
  const minimum = Math.max(2, Math.ceil(sortedKeys.length / 100));
  const candidates = new Set<string>();
  for (let index = 1; index < sortedKeys.length; index++) {
    const shared = sharedStart(sortedKeys[index - 1] ?? '', sortedKeys[index] ?? '');
    if (shared.length >= 2) candidates.add(shared);
  }
  const counted = [...candidates].map((prefix) => ({ prefix, sampled: countStarting(sortedKeys, prefix) }));
  return counted
    .filter(({ sampled }) => sampled >= minimum)
    .sort((a, b) => b.sampled - a.sampled || a.prefix.length - b.prefix.length)
    .slice(0, limit);
}

function sharedStart(a: string, b: string): string {
  let length = 0;
  while (length < a.length && a[length] === b[length]) length++;
  return a.slice(0, length);
}

function countStarting(sortedKeys: readonly string[], prefix: string): number {
  const first = lowerBound(sortedKeys, prefix);
  let last = first;
  while (last < sortedKeys.length && (sortedKeys[last] ?? '').startsWith(prefix)) last++;
  return last - first;
}

function lowerBound(sortedKeys: readonly string[], key: string): number {
  let low = 0;
  let high = sortedKeys.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sortedKeys[middle] ?? '') < key) low = middle + 1;
    else high = middle;
  }
  return low;
}
