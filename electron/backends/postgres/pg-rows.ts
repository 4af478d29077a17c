/**
 * One row of a go-micro table as the inspector shows it. The table has no version or update time, so the
 * row's `xmin` (the transaction that last wrote it, which every write changes) is its revision.
 */
import { PREVIEW_BYTES } from '../../common/page-limits.js';
import type { RecordSummary } from '../../store/record-page.js';
import type { StoreRecord } from '../../store/types.js';
import { bytesOf } from '../sql-tables/row-bytes.js';

/** The row's columns with the value's first `headBytes` (a number, or a `$n` placeholder). */
export function summaryColumns(headBytes: number | string = PREVIEW_BYTES): string {
  return `key, octet_length(value) AS size, substring(value FROM 1 FOR ${headBytes}) AS head,
    metadata, expiry, xmin::text AS revision`;
}

export const RECORD_COLUMNS = 'key, value, metadata, expiry';

/** A subquery's columns that summaryColumns can be taken from outside it (it has no xmin of its own). */
export const SOURCE_COLUMNS = 'key, value, metadata, expiry, xmin::text AS revision';

/** summaryColumns read from a SOURCE_COLUMNS subquery. */
export const SOURCE_SUMMARY_COLUMNS = `key, octet_length(value) AS size,
  substring(value FROM 1 FOR ${PREVIEW_BYTES}) AS head, metadata, expiry, revision`;

export interface SummaryRow {
  key: string;
  size: number | null;
  head: Buffer | null;
  metadata: Record<string, unknown> | null;
  expiry: Date | null;
  revision: string;
}

export interface RecordRow {
  key: string;
  value: Buffer | null;
  metadata: Record<string, unknown> | null;
  expiry: Date | null;
}

export function summaryOf(row: SummaryRow, now: number): RecordSummary {
  const expiresAt = row.expiry?.getTime() ?? null;
  return {
    key: row.key,
    size: row.size ?? 0,
    preview: bytesOf(row.head),
    metadata: row.metadata ?? {},
    expiresAt,
    expired: expiresAt !== null && expiresAt < now,
    // Unknown: go-micro's table records no write time.
    updatedAt: 0,
    revision: row.revision,
  };
}

/** What go-micro's Read returns: the remaining life as Expiry (0 for none). */
export function recordOf(row: RecordRow, now: number): StoreRecord {
  return {
    key: row.key,
    value: bytesOf(row.value),
    metadata: row.metadata ?? {},
    expiry: row.expiry === null ? 0 : Math.max(0, row.expiry.getTime() - now),
  };
}
