/**
 * One row of a go-micro MySQL table as the inspector shows it. The table has no version, write time or
 * metadata: a row's revision is a digest of what go-micro's write replaces (expiry and value), so any write
 * that changes the record changes it (docs/backend-mysql.md, "Conflicts").
 */
import type { RowDataPacket } from 'mysql2';
import { PREVIEW_BYTES } from '../../common/page-limits.js';
import type { RecordSummary } from '../../store/record-page.js';
import type { StoreRecord } from '../../store/types.js';
import { bytesOf } from '../sql-tables/row-bytes.js';
import { FOREVER_SQL, instantOf } from './my-expiry.js';

/** The expiry is fixed-width text, so it and the NULL flag before the value keep the digest unambiguous. */
export const REVISION_SQL = "MD5(CONCAT(CAST(expiry AS CHAR), ISNULL(value), IFNULL(value, '')))";

const EXPIRY_COLUMNS = `expiry, (expiry >= ${FOREVER_SQL}) AS forever`;

/** The row's columns with the value's first `headBytes`. */
export function summaryColumns(headBytes: number = PREVIEW_BYTES): string {
  return `\`key\`, LENGTH(value) AS size, SUBSTRING(value, 1, ${Math.trunc(headBytes)}) AS head,
    ${EXPIRY_COLUMNS}, ${REVISION_SQL} AS revision`;
}

export const RECORD_COLUMNS = `\`key\`, value, ${EXPIRY_COLUMNS}`;

interface ExpiryRow {
  key: string | Buffer;
  expiry: string;
  forever: number;
}

export interface SummaryRow extends RowDataPacket, ExpiryRow {
  size: number | null;
  head: Buffer | null;
  revision: string;
}

export interface RecordRow extends RowDataPacket, ExpiryRow {
  value: Buffer | null;
}

/** A varbinary key column hands back bytes: go-micro scans them into a string. */
export function keyText(key: string | Buffer): string {
  return typeof key === 'string' ? key : key.toString('utf8');
}

function expiresAtOf(row: ExpiryRow): number | null {
  return row.forever ? null : instantOf(row.expiry);
}

export function summaryOf(row: SummaryRow, now: number): RecordSummary {
  const expiresAt = expiresAtOf(row);
  return {
    key: keyText(row.key),
    size: row.size ?? 0,
    preview: bytesOf(row.head),
    metadata: {},
    expiresAt,
    expired: expiresAt !== null && expiresAt < now,
    // Unknown: go-micro's table records no write time.
    updatedAt: 0,
    revision: row.revision,
  };
}

/** What go-micro's Read returns: the remaining life as Expiry (0 for our "never" mark). */
export function recordOf(row: RecordRow, now: number): StoreRecord {
  const expiresAt = expiresAtOf(row);
  return {
    key: keyText(row.key),
    value: bytesOf(row.value),
    metadata: {},
    expiry: expiresAt === null ? 0 : Math.max(0, expiresAt - now),
  };
}
