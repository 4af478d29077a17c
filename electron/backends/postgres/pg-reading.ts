/**
 * Reading a go-micro table: keyset pages in byte order of key (never OFFSET), counts, one record, a value's
 * slice, and whole records for export. Expired rows are hidden unless the filter asks for them, as go-micro
 * hides them.
 */
import type { RecordDetail } from '../../store/record-detail.js';
import type { CountOptions, RecordFilter } from '../../store/record-filter.js';
import type { PageQuery, RecordPage } from '../../store/record-page.js';
import { NotFoundError, StoreInputError, type StoreRecord } from '../../store/types.js';
import { bytesOf } from '../sql-tables/row-bytes.js';
import type { Queryable } from './pg-errors.js';
import { filterConditions, Params, whereClause } from './pg-filter.js';
import { metadataPageRows } from './pg-metadata-page.js';
import { orderedKey, type PgTable, qualified } from './pg-names.js';
import { limitLiteral, preparedQuery } from './pg-prepared.js';
import { RECORD_COLUMNS, type RecordRow, recordOf, type SummaryRow, summaryColumns, summaryOf } from './pg-rows.js';
import { isPgSort, sortedPageRows } from './pg-sorted-page.js';

export async function readPage(db: Queryable, target: PgTable, query: PageQuery, now: number): Promise<RecordPage> {
  // One row more than asked tells whether a next page exists without a count.
  const sort = query.sort ?? 'key';
  if (sort !== 'key' && !isPgSort(sort)) throw new StoreInputError(`go-micro's Postgres table cannot sort by ${sort}`);
  const rows = isPgSort(sort)
    ? await sortedPageRows(db, target, query, sort, now)
    : (query.filter.metadata?.length ?? 0) > 0
      ? await metadataPageRows(db, target, query, now)
      : await pageRows(db, target, query, now);
  const shown = rows.slice(0, query.limit);
  const last = shown.at(-1);
  return {
    records: shown.map((row) => summaryOf(row, now)),
    next: rows.length > query.limit && last !== undefined ? last.key : null,
    ...(isPgSort(sort) && rows.length > query.limit && last !== undefined ? { nextSort: sortValue(sort, last) } : {}),
  };
}

function sortValue(sort: 'size' | 'expiry', row: SummaryRow): number | null {
  return sort === 'size' ? (row.size ?? 0) : (row.expiry?.getTime() ?? null);
}

async function pageRows(db: Queryable, target: PgTable, query: PageQuery, now: number): Promise<SummaryRow[]> {
  const params = new Params();
  const key = orderedKey(target);
  const conditions = filterConditions(query.filter, now, params, key);
  const direction = query.order === 'desc' ? 'DESC' : 'ASC';
  if (query.after !== undefined)
    conditions.push(`${key} ${direction === 'ASC' ? '>' : '<'} ${params.add(query.after)}`);
  const sql = `SELECT ${summaryColumns()} FROM ${qualified(target)} ${whereClause(conditions)}
    ORDER BY ${key} ${direction} LIMIT ${limitLiteral(query.limit + 1)}`;
  return (await preparedQuery<SummaryRow>(db, sql, params.values)).rows;
}

export async function countMatching(
  db: Queryable,
  target: PgTable,
  filter: RecordFilter,
  now: number,
  options: CountOptions = {},
): Promise<number> {
  const params = new Params();
  const key = orderedKey(target);
  const conditions = filterConditions(filter, now, params, key);
  if (options.before !== undefined) conditions.push(`${key} < ${params.add(options.before)}`);
  const limited = options.limit === undefined ? '' : `LIMIT ${params.add(options.limit)}`;
  const sql = `SELECT count(*)::int AS n FROM (SELECT 1 FROM ${qualified(target)} ${whereClause(conditions)} ${limited}) AS matching`;
  const { rows } = await db.query<{ n: number }>(sql, params.values);
  return rows[0]?.n ?? 0;
}

/** One record, expired or not, with at most `maxBytes` of its value. */
export async function inspectRecord(
  db: Queryable,
  target: PgTable,
  key: string,
  maxBytes: number,
  now: number,
): Promise<RecordDetail> {
  const params = new Params();
  const sql = `SELECT ${summaryColumns(params.add(maxBytes))}
    FROM ${qualified(target)} WHERE key = ${params.add(key)}`;
  const { rows } = await db.query<SummaryRow>(sql, params.values);
  const row = rows[0];
  if (row === undefined) throw new NotFoundError();
  const { preview, ...summary } = summaryOf(row, now);
  return { ...summary, value: preview };
}

export async function readValueSlice(
  db: Queryable,
  target: PgTable,
  key: string,
  offset: number,
  length: number,
): Promise<Uint8Array> {
  const sql = `SELECT substring(value FROM $2 FOR $3) AS slice FROM ${qualified(target)} WHERE key = $1`;
  const { rows } = await db.query<{ slice: Buffer | null }>(sql, [key, offset + 1, length]);
  const row = rows[0];
  if (row === undefined) throw new NotFoundError();
  return bytesOf(row.slice);
}

/** Whole records in key byte order after `after`: export and copy stream these. */
export async function recordBatch(
  db: Queryable,
  target: PgTable,
  filter: RecordFilter,
  after: string | undefined,
  limit: number,
  now: number,
): Promise<StoreRecord[]> {
  const params = new Params();
  const key = orderedKey(target);
  const conditions = filterConditions(filter, now, params, key);
  if (after !== undefined) conditions.push(`${key} > ${params.add(after)}`);
  const sql = `SELECT ${RECORD_COLUMNS} FROM ${qualified(target)} ${whereClause(conditions)}
    ORDER BY ${key} LIMIT ${params.add(limit)}`;
  const { rows } = await db.query<RecordRow>(sql, params.values);
  return rows.map((row) => recordOf(row, now));
}

/** The live records among `keys`, in key byte order (a key go-micro would call missing is left out). */
export async function recordsByKey(
  db: Queryable,
  target: PgTable,
  keys: string[],
  now: number,
): Promise<StoreRecord[]> {
  const sql = `SELECT ${RECORD_COLUMNS} FROM ${qualified(target)}
    WHERE key = ANY($1::text[]) AND (expiry IS NULL OR expiry >= $2) ORDER BY ${orderedKey(target)}`;
  const { rows } = await db.query<RecordRow>(sql, [keys, new Date(now)]);
  return rows.map((row) => recordOf(row, now));
}
