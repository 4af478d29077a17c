import { filterConditions, type RecordFilter, whereClause } from './record-filter.js';
import type { StatementCache } from './statement-cache.js';

export interface ExpiryBatch {
  updated: number;
  /** The last key set, where the next batch starts; undefined when nothing was left. */
  last: string | undefined;
}

/**
 * Sets `expiresAt` on the next `limit` records the filter matches after `after`, in key order (keyset, so a
 * record the new expiry takes out of the filter is neither skipped nor set twice). Run inside the caller's
 * write transaction, one per batch: a store a service writes to is never locked for long.
 */
export function setExpiryBatch(
  statements: StatementCache,
  nsId: number,
  filter: RecordFilter,
  after: string | undefined,
  limit: number,
  expiresAt: number | null,
  now: number,
): ExpiryBatch {
  const conditions = filterConditions(nsId, filter, now);
  if (after !== undefined) conditions.push({ sql: 'key > ?', params: [after] });
  const where = whereClause(conditions);
  const keys = statements
    .get<string>(`SELECT key FROM records WHERE ${where.sql} ORDER BY key LIMIT ?`)
    .pluck()
    .all(...where.params, limit);
  const update = statements.get(
    'UPDATE records SET expires_at = ?, updated_at = ?, version = version + 1 WHERE ns = ? AND key = ?',
  );
  for (const key of keys) update.run(expiresAt, now, nsId, key);
  return { updated: keys.length, last: keys.at(-1) };
}
