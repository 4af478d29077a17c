/**
 * go-micro's Redis records: the value is the raw bytes of a Redis string, the expiry the key's own TTL, and
 * there is no metadata, so a record carrying some is refused with the one wording rather than stored without
 * it. Writes send what go-micro's go-redis `Set(key, value, expiry)` sends (docs/backend-redis.md).
 */
import type { Redis } from 'ioredis';
import { RefusedError, refusalReason } from '../../common/backend-refusals.js';
import { checkWritableKey, valueBytes } from '../../store/record-input.js';
import type { RecordInput, StoreRecord } from '../../store/types.js';
import { redisKey } from './redis-keys.js';

/** A record checked and encoded for Redis, before anything is sent. */
export interface RedisWrite {
  key: string;
  value: Buffer;
  /** '' for no expiry; go-redis sends EX for whole seconds, PX otherwise. */
  unit: '' | 'EX' | 'PX';
  ttl: number;
}

export function checkedWrite(record: RecordInput): RedisWrite {
  const key = checkWritableKey(record.key);
  if (Object.keys(record.metadata ?? {}).length > 0) throw refusedMetadata();
  const value = valueBytes(record.value);
  return { key, value, ...expiryArgs(record.expiry ?? 0) };
}

function refusedMetadata(): RefusedError {
  return new RefusedError('metadata', refusalReason('redis', 'metadata') ?? 'Redis keeps no metadata');
}

/** go-redis v8/v9 `usePrecise`: EX when the duration is whole seconds, PX (at least 1 ms) otherwise. */
export function expiryArgs(ttlMs: number): Pick<RedisWrite, 'unit' | 'ttl'> {
  if (!(ttlMs > 0)) return { unit: '', ttl: 0 };
  if (ttlMs >= 1_000 && ttlMs % 1_000 === 0) return { unit: 'EX', ttl: ttlMs / 1_000 };
  return { unit: 'PX', ttl: Math.max(1, Math.floor(ttlMs)) };
}

/** go-micro's Write: `SET <table><key> <value>` with EX/PX when the record expires. */
export async function writeRedisRecord(client: Redis, table: string, record: RecordInput): Promise<void> {
  const write = checkedWrite(record);
  const key = redisKey(table, write.key);
  if (write.unit === '') await client.set(key, write.value);
  else if (write.unit === 'EX') await client.set(key, write.value, 'EX', write.ttl);
  else await client.set(key, write.value, 'PX', write.ttl);
}

/** Whole records (value and remaining life) of `keys`; a key gone or not a string is left out. */
export async function readRecords(client: Redis, table: string, keys: readonly string[]): Promise<StoreRecord[]> {
  if (keys.length === 0) return [];
  const pipeline = client.pipeline();
  for (const key of keys) pipeline.getBuffer(redisKey(table, key)).pttl(redisKey(table, key));
  const replies = (await pipeline.exec()) ?? [];
  const records: StoreRecord[] = [];
  keys.forEach((key, index) => {
    const [valueError, value] = replies[index * 2] ?? [];
    const [, pttl] = replies[index * 2 + 1] ?? [];
    // A key of another type (WRONGTYPE) is not a go-micro record and is left out, as go-micro skips it.
    if (valueError && !valueError.message.startsWith('WRONGTYPE')) throw valueError;
    if (!(value instanceof Buffer)) return;
    records.push({
      key,
      value: new Uint8Array(value),
      metadata: {},
      expiry: typeof pttl === 'number' && pttl > 0 ? pttl : 0,
    });
  });
  return records;
}
