import { remainingLife } from './expiry.js';
import { decodeMetadata } from './metadata.js';
import { filterConditions, type RecordFilter, whereClause } from './record-filter.js';
import type { StatementCache } from './statement-cache.js';
import type { StoreRecord } from './types.js';

interface FullRow {
  key: string;
  value: Buffer;
  metadata: string | null;
  expires_at: number | null;
}

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
  const sql = `SELECT key, value, metadata, expires_at FROM records WHERE ${where.sql} ORDER BY key LIMIT ?`;
  return statements
    .get<FullRow>(sql)
    .all(...where.params, limit)
    .map((row) => ({
      key: row.key,
      value: row.value,
      metadata: decodeMetadata(row.metadata),
      expiry: remainingLife(row.expires_at, now),
    }));
}

/** The live records with these keys, in key order (for exporting a selection). */
export function readRecordsByKey(statements: StatementCache, nsId: number, keys: string[], now: number): StoreRecord[] {
  const select = statements.get<FullRow>(
    'SELECT key, value, metadata, expires_at FROM records WHERE ns = ? AND key = ?',
  );
  const sorted = [...new Set(keys)].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return sorted.flatMap((key) => {
    const row = select.get(nsId, key);
    if (row === undefined || (row.expires_at !== null && now > row.expires_at)) return [];
    return [
      { key, value: row.value, metadata: decodeMetadata(row.metadata), expiry: remainingLife(row.expires_at, now) },
    ];
  });
}
