/**
 * A record as go-micro's Postgres Write stores it: key, value bytes, metadata as JSON (`{}` when none, as
 * go-micro marshals an empty map) and expiry = now + TTL, or NULL. Postgres text and JSONB cannot hold
 * U+0000, so such a record is refused here with that reason rather than by a server error.
 */
import { encodeMetadata } from '../../store/metadata.js';
import { checkWritableKey, valueBytes } from '../../store/record-input.js';
import { type RecordInput, StoreInputError } from '../../store/types.js';

export interface PgRecordParams {
  key: string;
  value: Buffer;
  metadata: string;
  expiry: Date | null;
}

export function pgRecordParams(record: RecordInput, now: number): PgRecordParams {
  const key = checkWritableKey(record.key);
  if (key.includes('\u0000')) throw new StoreInputError('key holds U+0000, which a Postgres text column cannot store');
  const metadata = encodeMetadata(record.metadata) ?? '{}';
  if (metadata.includes('\\u0000')) {
    throw new StoreInputError('metadata holds U+0000, which Postgres JSONB cannot store');
  }
  const ttl = record.expiry ?? 0;
  if (!Number.isFinite(ttl) || ttl < 0)
    throw new StoreInputError(`expiry must be a non-negative number of ms, got ${ttl}`);
  return { key, value: valueBytes(record.value), metadata, expiry: ttl === 0 ? null : new Date(now + ttl) };
}

export function paramList({ key, value, metadata, expiry }: PgRecordParams): unknown[] {
  return [key, value, metadata, expiry];
}
