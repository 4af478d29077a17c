import type { CallArg } from '../../../../electron/api/contract/calls.js';
import type { RecordDetailDto } from '../../../../electron/api/contract/schemas.js';
import { bytesToBase64 } from '../../ui/base64.js';
import { plural } from '../../ui/format.js';

/** A record as it was fetched just before it was deleted: enough to write it back exactly. */
export interface DeletedRecord {
  database: string;
  table: string;
  key: string;
  value: Uint8Array;
  metadata: RecordDetailDto['metadata'];
  /** The absolute expiry instant (ms since the epoch), so an undo does not extend a TTL. */
  expiresAt: number | null;
}

/** Deletes of up to this many records can be undone; more would mean holding too much in the page. */
export const UNDO_MAX_RECORDS = 100;
/** Nor more bytes of values than this, in all. */
export const UNDO_MAX_BYTES = 64 * 1024 * 1024;
/** How long the Undo button stays. */
export const UNDO_WINDOW_MS = 10_000;

/**
 * The write that puts a deleted record back: its bytes, metadata and expiry instant, and an expected
 * revision of null, so the write is refused (a conflict) if someone created the key meanwhile.
 * Undefined when the record would already have expired: writing it back would restore nothing live.
 */
export function restoreWrite(record: DeletedRecord, now: number): CallArg<'record.write'> | undefined {
  if (record.expiresAt !== null && record.expiresAt <= now) return undefined;
  return {
    database: record.database,
    table: record.table,
    key: record.key,
    value: bytesToBase64(record.value),
    metadata: record.metadata,
    expiry: record.expiresAt === null ? { kind: 'none' } : { kind: 'at', at: record.expiresAt },
    expectedRevision: null,
  };
}

export interface UndoOutcome {
  restored: number;
  /** Keys someone wrote again meanwhile: left as they are now. */
  taken: string[];
  expired: number;
}

/** What the user is told after an undo. */
export function undoMessage(outcome: UndoOutcome, show: (key: string) => string): string {
  const parts = [`Restored ${plural(outcome.restored, 'record')}`];
  if (outcome.taken.length > 0)
    parts.push(`not restored, written again meanwhile (kept as they are now): ${outcome.taken.map(show).join(', ')}`);
  if (outcome.expired > 0) parts.push(`${outcome.expired} expired meanwhile`);
  return parts.join('; ');
}
