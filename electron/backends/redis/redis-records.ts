/**
 * Reading and writing go-micro's Redis records: the value is the raw bytes of a Redis string, the expiry the
 * key's own TTL (SET … PX, read back with PTTL), and there is no metadata, so a record carrying some is
 * refused with the one wording rather than stored without it.
 */
import type { Redis } from 'ioredis';
import { RefusedError, refusalReason } from '../../common/backend-refusals.js';
import { compareKeys } from '../../common/key-order.js';
import { PREVIEW_BYTES } from '../../common/page-limits.js';
import { checkWritableKey, valueBytes } from '../../store/record-input.js';
import type { PageQuery, RecordPage, RecordSummary } from '../../store/record-page.js';
import type { RecordInput, StoreRecord } from '../../store/types.js';
import { redisKey } from './redis-keys.js';

/** A page of a sorted key snapshot: keyset after `query.after`, suffix and contains matched here. */
export async function readRedisPage(
  client: Redis,
  table: string,
  sortedKeys: readonly string[],
  query: PageQuery,
  now: number,
): Promise<RecordPage> {
  const wanted = pageKeys(sortedKeys, query);
  const records = await readRecords(client, table, wanted.keys);
  return {
    records: records.map((record) => summaryOf(record, now)),
    next: wanted.more ? (wanted.keys.at(-1) ?? null) : null,
  };
}

/** The page's keys: a binary search finds the cursor in the sorted snapshot, then matching keys are taken. */
function pageKeys(sortedKeys: readonly string[], { filter, order, after, limit }: PageQuery) {
  const step = order === 'desc' ? -1 : 1;
  let index = startIndex(sortedKeys, after, order);
  const keys: string[] = [];
  for (; index >= 0 && index < sortedKeys.length; index += step) {
    const key = sortedKeys[index] ?? '';
    if (!keyMatches(key, filter.prefix, filter.suffix, filter.contains)) continue;
    if (keys.length === limit) return { keys, more: true };
    keys.push(key);
  }
  return { keys, more: false };
}

/** Where a page starts: just past the cursor in the page's direction. */
function startIndex(sortedKeys: readonly string[], after: string | undefined, order: 'asc' | 'desc'): number {
  if (after === undefined) return order === 'desc' ? sortedKeys.length - 1 : 0;
  // The first index whose key is greater than the cursor.
  let low = 0;
  let high = sortedKeys.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (compareKeys(sortedKeys[middle] ?? '', after) <= 0) low = middle + 1;
    else high = middle;
  }
  if (order === 'asc') return low;
  const atCursor = low > 0 && sortedKeys[low - 1] === after;
  return atCursor ? low - 2 : low - 1;
}

export function keyMatches(key: string, prefix = '', suffix = '', contains = ''): boolean {
  return key.startsWith(prefix) && key.endsWith(suffix) && key.includes(contains);
}

/** Values and remaining lives of `keys` in one round trip; a key gone since the scan is left out. */
export async function readRecords(client: Redis, table: string, keys: string[]): Promise<StoreRecord[]> {
  const pipeline = client.pipeline();
  for (const key of keys) pipeline.getBuffer(redisKey(table, key)).pttl(redisKey(table, key));
  const replies = (await pipeline.exec()) ?? [];
  const records: StoreRecord[] = [];
  keys.forEach((key, index) => {
    const [valueError, value] = replies[index * 2] ?? [];
    const [, pttl] = replies[index * 2 + 1] ?? [];
    if (valueError || !(value instanceof Buffer)) return;
    const ttl = typeof pttl === 'number' && pttl > 0 ? pttl : 0;
    records.push({ key, value: new Uint8Array(value), metadata: {}, expiry: ttl });
  });
  return records;
}

function summaryOf(record: StoreRecord, now: number): RecordSummary {
  return {
    key: record.key,
    size: record.value.length,
    preview: record.value.subarray(0, PREVIEW_BYTES),
    metadata: {},
    expiresAt: record.expiry === 0 ? null : now + record.expiry,
    expired: false,
    updatedAt: 0,
    revision: '',
  };
}

/** go-micro's Write: `SET <table><key> <value>`, with PX when the record expires. */
export async function writeRedisRecord(client: Redis, table: string, record: RecordInput): Promise<void> {
  const key = checkWritableKey(record.key);
  if (Object.keys(record.metadata ?? {}).length > 0) {
    throw new RefusedError('metadata', refusalReason('redis', 'metadata') ?? 'Redis keeps no metadata');
  }
  const value = valueBytes(record.value);
  const ttl = record.expiry ?? 0;
  if (ttl > 0) await client.set(redisKey(table, key), value, 'PX', Math.ceil(ttl));
  else await client.set(redisKey(table, key), value);
}
