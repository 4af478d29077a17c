/**
 * Reading a go-micro MySQL table: keyset pages in byte order of key (never OFFSET), counts, one record, a
 * value's slice, and whole records for export. Expired rows are hidden unless the filter asks for them, as
 * go-micro hides them. A lookup by key goes through the column's index, whose collation may call `A` and `a`
 * the same key: only the row whose key is byte for byte the one asked for is taken.
 */
import type { RowDataPacket } from 'mysql2';
import type { RecordDetail } from '../../store/record-detail.js';
import type { CountOptions, RecordFilter } from '../../store/record-filter.js';
import type { PageQuery, RecordPage } from '../../store/record-page.js';
import { NotFoundError, type StoreRecord } from '../../store/types.js';
import { bytesOf } from '../sql-tables/row-bytes.js';
import type { Queryable } from './my-connection.js';
import { nowText } from './my-expiry.js';
import { filterWhere, Where } from './my-filter.js';
import { orderedKey, qualified, type ShapedTable } from './my-names.js';
import {
  keyText,
  RECORD_COLUMNS,
  type RecordRow,
  recordOf,
  type SummaryRow,
  summaryColumns,
  summaryOf,
} from './my-rows.js';

export async function readPage(db: Queryable, table: ShapedTable, query: PageQuery, now: number): Promise<RecordPage> {
  const where = filterWhere(table, query.filter, now);
  const key = orderedKey(table);
  const direction = query.order === 'desc' ? 'DESC' : 'ASC';
  if (query.after !== undefined) where.add(`${key} ${direction === 'ASC' ? '>' : '<'} ?`, query.after);
  // One row more than asked tells whether a next page exists without a count.
  const sql = `SELECT ${summaryColumns()} FROM ${qualified(table)} ${where.sql} ORDER BY ${key} ${direction} LIMIT ?`;
  const [rows] = await db.query<SummaryRow[]>(sql, [...where.params, query.limit + 1]);
  const shown = rows.slice(0, query.limit).map((row) => summaryOf(row, now));
  const last = shown.at(-1);
  return { records: shown, next: rows.length > query.limit && last !== undefined ? last.key : null };
}

export async function countMatching(
  db: Queryable,
  table: ShapedTable,
  filter: RecordFilter,
  now: number,
  options: CountOptions = {},
): Promise<number> {
  const where = filterWhere(table, filter, now);
  if (options.before !== undefined) where.add(`${orderedKey(table)} < ?`, options.before);
  const limited = options.limit === undefined ? '' : `LIMIT ${Math.trunc(options.limit)}`;
  const sql = `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${qualified(table)} ${where.sql} ${limited}) AS matching`;
  const [rows] = await db.query<({ n: number } & RowDataPacket)[]>(sql, where.params);
  return Number(rows[0]?.n ?? 0);
}

/** One record, expired or not, with at most `maxBytes` of its value. */
export async function inspectRecord(
  db: Queryable,
  table: ShapedTable,
  key: string,
  maxBytes: number,
  now: number,
): Promise<RecordDetail> {
  const sql = `SELECT ${summaryColumns(maxBytes)} FROM ${qualified(table)} WHERE \`key\` = ?`;
  const [rows] = await db.query<SummaryRow[]>(sql, [key]);
  const row = rows.find((found) => keyText(found.key) === key);
  if (row === undefined) throw new NotFoundError();
  const { preview, ...summary } = summaryOf(row, now);
  return { ...summary, value: preview };
}

export async function readValueSlice(
  db: Queryable,
  table: ShapedTable,
  key: string,
  offset: number,
  length: number,
): Promise<Uint8Array> {
  const sql = `SELECT \`key\`, SUBSTRING(value, ?, ?) AS slice FROM ${qualified(table)} WHERE \`key\` = ?`;
  const [rows] = await db.query<({ key: string | Buffer; slice: Buffer | null } & RowDataPacket)[]>(sql, [
    offset + 1,
    length,
    key,
  ]);
  const row = rows.find((found) => keyText(found.key) === key);
  if (row === undefined) throw new NotFoundError();
  return bytesOf(row.slice);
}

/** Whole records in key byte order after `after`: export and copy stream these. */
export async function recordBatch(
  db: Queryable,
  table: ShapedTable,
  filter: RecordFilter,
  after: string | undefined,
  limit: number,
  now: number,
): Promise<StoreRecord[]> {
  const where = filterWhere(table, filter, now);
  const key = orderedKey(table);
  if (after !== undefined) where.add(`${key} > ?`, after);
  const sql = `SELECT ${RECORD_COLUMNS} FROM ${qualified(table)} ${where.sql} ORDER BY ${key} LIMIT ?`;
  const [rows] = await db.query<RecordRow[]>(sql, [...where.params, limit]);
  return rows.map((row) => recordOf(row, now));
}

/** The live records among `keys`, in key byte order (a key go-micro would call missing is left out). */
export async function recordsByKey(
  db: Queryable,
  table: ShapedTable,
  keys: string[],
  now: number,
): Promise<StoreRecord[]> {
  if (keys.length === 0) return [];
  const wanted = new Set(keys);
  const where = new Where().add('`key` IN (?)', keys).add('expiry >= ?', nowText(now));
  const sql = `SELECT ${RECORD_COLUMNS} FROM ${qualified(table)} ${where.sql} ORDER BY ${orderedKey(table)}`;
  const [rows] = await db.query<RecordRow[]>(sql, where.params);
  return rows.filter((row) => wanted.has(keyText(row.key))).map((row) => recordOf(row, now));
}
