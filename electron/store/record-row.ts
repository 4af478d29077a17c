import { remainingLife } from './expiry.js';
import { decodeMetadata } from './metadata.js';
import type { StoreRecord } from './types.js';

/** The columns that make a Store record, as SQLite returns them. */
export interface RecordRow {
  key: string;
  value: Buffer;
  metadata: string | null;
  expires_at: number | null;
}

export const RECORD_COLUMNS = 'key, value, metadata, expires_at';

/** A row as go-micro's record: metadata decoded, expiry as the time left at `now`. */
export function toStoreRecord(row: RecordRow, now: number): StoreRecord {
  return storeRecordOf(row.key, row, now);
}

/** The same for a row read by its key, so the key is not copied out of SQLite again. */
export function storeRecordOf(key: string, row: Omit<RecordRow, 'key'>, now: number): StoreRecord {
  return {
    key,
    value: row.value,
    metadata: decodeMetadata(row.metadata),
    expiry: remainingLife(row.expires_at, now),
  };
}
