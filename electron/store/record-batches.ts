import { isExpired } from './expiry.js';
import { compareKeys } from './key-order.js';
import { filterConditions, type RecordFilter, whereClause } from './record-filter.js';
import { RECORD_COLUMNS, type RecordRow, toStoreRecord } from './record-row.js';
import type { StatementCache } from './statement-cache.js';
import type { StoreRecord } from './types.js';

/**
 * Whole records in key order, a batch after `after` at a time (keyset, never OFFSET). Each batch is
 * its own statement, so the connection stays free between batches for other calls.
 */
export function readRecordBatch(
  statements: StatementCache,
  nsId: number,
  filter: RecordFilter,
  after: string | undefined,
  limit: number,
  now: number,
): StoreRecord[] {
  const conditions = filterConditions(nsId, filter, now);
  if (after !== undefined) conditions.push({ sql: 'key > ?', params: [after] });
  const where = whereClause(conditions);
  const sql = `SELECT ${RECORD_COLUMNS} FROM records WHERE ${where.sql} ORDER BY key LIMIT ?`;
  return statements
    .get<RecordRow>(sql)
    .all(...where.params, limit)
    .map((row) => toStoreRecord(row, now));
}

/** The live records with these keys, in key order (for exporting a selection). */
export function readRecordsByKey(statements: StatementCache, nsId: number, keys: string[], now: number): StoreRecord[] {
  const select = statements.get<RecordRow>(`SELECT ${RECORD_COLUMNS} FROM records WHERE ns = ? AND key = ?`);
  const sorted = [...new Set(keys)].sort(compareKeys);
  return sorted.flatMap((key) => {
    const row = select.get(nsId, key);
    return row === undefined || isExpired(row.expires_at, now) ? [] : [toStoreRecord(row, now)];
  });
}
