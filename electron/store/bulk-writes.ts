import { expiresAtFor } from './expiry.js';
import { encodeMetadata } from './metadata.js';
import { checkWritableKey, valueBytes } from './record-input.js';
import { INSERT_RECORD_IF_FREE, upsertRecords } from './record-sql.js';
import type { StatementCache } from './statement-cache.js';
import { type RecordInput, RecordInputError, StoreInputError } from './types.js';

/** What to do when a record's key already exists. */
export type ConflictPolicy = 'overwrite' | 'skip' | 'fail';

export interface BulkWriteReport {
  written: number;
  overwritten: number;
  skipped: number;
}

/**
 * Writes records into one namespace. The caller runs this inside a transaction, so a batch is
 * all-or-nothing: a bad record or a `fail` conflict throws and nothing of the batch remains.
 */
export function writeRecords(
  statements: StatementCache,
  nsId: number,
  records: Iterable<RecordInput>,
  policy: ConflictPolicy,
  now: number,
  report: BulkWriteReport = { written: 0, overwritten: 0, skipped: 0 },
): BulkWriteReport {
  const upserts: RowValues[] = [];
  let index = 0;
  for (const record of records) {
    const position = index++;
    const row = atPosition(position, () => recordRow(record, now));
    if (policy === 'overwrite') upserts.push(row);
    else atPosition(position, () => writeIfFree(statements, nsId, row, policy, report));
  }
  // In key order, neighbouring inserts share index pages instead of each reading and dirtying its
  // own. The sort is stable (code-unit order is enough for locality), so a key given twice still
  // ends with its later record.
  upserts.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  if (upserts.length > 0) upsertAll(statements, nsId, upserts, report);
  return report;
}

/**
 * Upserts sorted rows, UPSERT_CHUNK per statement. The report counts the rows with ids above the newest
 * before (one range of the table, just written) instead of a RETURNING row per record. Not the newest
 * id's rise: an upsert that updates still uses up an AUTOINCREMENT id.
 */
function upsertAll(statements: StatementCache, nsId: number, upserts: RowValues[], report: BulkWriteReport) {
  const before = statements.get<number>(LAST_ID).pluck().get() ?? 0;
  const whole = upserts.length - (upserts.length % UPSERT_CHUNK);
  for (let start = 0; start < whole; start += UPSERT_CHUNK) {
    upsertChunk(statements, nsId, upserts, start, UPSERT_CHUNK);
  }
  for (let start = whole; start < upserts.length; start++) upsertChunk(statements, nsId, upserts, start, 1);
  const added = statements.get<number>(ROWS_AFTER).pluck().get(before) ?? 0;
  report.written += added;
  report.overwritten += upserts.length - added;
}

/**
 * Rows per upsert statement. One statement per row costs each row a statement's fixed work, and on
 * a table with an AUTOINCREMENT id a rewrite of its `sqlite_sequence` row: a batch writes many rows
 * per statement instead (duplicate keys within one still resolve in order, the later one winning).
 */
const UPSERT_CHUNK = 64;
const LAST_ID = 'SELECT coalesce(max(id), 0) FROM records';
const ROWS_AFTER = 'SELECT count(*) FROM records WHERE id > ?';
const upsertSql = new Map<number, string>();

function upsertChunk(statements: StatementCache, nsId: number, rows: RowValues[], start: number, count: number) {
  let sql = upsertSql.get(count);
  if (sql === undefined) {
    sql = upsertRecords(count);
    upsertSql.set(count, sql);
  }
  const params: unknown[] = new Array(count * 6);
  for (let index = 0; index < count; index++) {
    const row = rows[start + index] as RowValues;
    params[index * 6] = nsId;
    for (let column = 0; column < 5; column++) params[index * 6 + 1 + column] = row[column];
  }
  statements.get(sql).run(...params);
}

/** Runs `work` for the record at `position`, naming the position in a bad input's message. */
function atPosition<T>(position: number, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof StoreInputError)) throw error;
    throw new RecordInputError(position, error.message);
  }
}

function writeIfFree(
  statements: StatementCache,
  nsId: number,
  row: RowValues,
  policy: ConflictPolicy,
  report: BulkWriteReport,
) {
  if (statements.get(INSERT_RECORD_IF_FREE).run(nsId, ...row).changes === 1) {
    report.written++;
  } else if (policy === 'skip') {
    report.skipped++;
  } else {
    throw new StoreInputError(`key ${JSON.stringify(row[0])} already exists; nothing was written`);
  }
}

type RowValues = [key: string, value: Buffer, metadata: string | null, expiresAt: number | null, updatedAt: number];

function recordRow(record: RecordInput, now: number): RowValues {
  if (typeof record !== 'object' || record === null) throw new StoreInputError('is not an object');
  const key = checkWritableKey(record.key);
  return [key, valueBytes(record.value), encodeMetadata(record.metadata), expiresAtFor(record.expiry, {}, now), now];
}
