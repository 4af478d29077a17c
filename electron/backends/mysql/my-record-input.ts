/**
 * A record as go-micro's MySQL Write stores it: key, value bytes and an expiry instant; no metadata. A record
 * carrying metadata is refused with the one wording (backend-refusals.ts), never stored without it; a key or
 * value the table's columns cannot hold is refused here with the column's limit, not by a server error.
 */
import mysql from 'mysql2';
import { RefusedError, refusalReason } from '../../common/backend-refusals.js';
import { checkWritableKey, valueBytes } from '../../store/record-input.js';
import { type RecordInput, StoreInputError } from '../../store/types.js';
import { expiryParam, FOREVER_SQL } from './my-expiry.js';
import type { ShapedTable } from './my-names.js';

export interface MyRecordParams {
  key: string;
  value: Buffer;
  /** The column text, or null for "never" (my-expiry.ts). */
  expiry: string | null;
}

export function refuseMetadata(record: RecordInput): void {
  if (record.metadata === undefined || Object.keys(record.metadata).length === 0) return;
  throw new RefusedError('metadata', refusalReason('mysql', 'metadata') ?? 'no metadata');
}

export function myRecordParams(table: ShapedTable, record: RecordInput, now: number): MyRecordParams {
  refuseMetadata(record);
  const key = checkWritableKey(record.key);
  const characters = [...key].length;
  if (characters > table.keyChars) {
    throw new StoreInputError(
      `key is ${characters} characters long; go-micro's MySQL key column holds ${table.keyChars}: nothing was written`,
    );
  }
  const value = valueBytes(record.value);
  if (value.length > table.valueBytes) {
    throw new StoreInputError(
      `key ${JSON.stringify(key)}: its value is ${bytes(value.length)}; go-micro's MySQL value column holds ${bytes(table.valueBytes)}: nothing was written`,
    );
  }
  return { key, value, expiry: expiryParam(record.expiry, now) };
}

/** Digits grouped, as the other backends' size refusals read (NATS's max_payload one). */
function bytes(count: number): string {
  return `${count.toLocaleString('en-US')} bytes`;
}

/** The column values of an INSERT row, "never" as the server's own last TIMESTAMP. */
export function rowValues({ key, value, expiry }: MyRecordParams): unknown[] {
  return [key, value, expiry ?? mysql.raw(FOREVER_SQL)];
}

/** The expiry column's value for SET: a text, or the "never" mark. */
export function expiryValue(expiry: string | null): unknown {
  return expiry ?? mysql.raw(FOREVER_SQL);
}
