import type { BehindIndex } from './index-coverage.js';
import type { StatementCache } from './statement-cache.js';

/** The ids given, bound as one JSON array, so a chunk of any length is the same statement, prepared once. */
const LISTED = 'id IN (SELECT value FROM json_each(?))';

const CLEAR = {
  metadata: `UPDATE index_pending SET metadata = 0 WHERE ${LISTED}`,
  value: `UPDATE index_pending SET value = 0 WHERE ${LISTED}`,
} as const;
const DROP_CLEARED = `DELETE FROM index_pending WHERE ${LISTED} AND metadata = 0 AND value = 0`;

/**
 * Clears one index's notes of the records an upkeep chunk re-indexed, dropping each row that neither index needs
 * any more. Once per chunk, not per record: a chunk is up to the upkeep's whole call (20,000 records in the app).
 */
export function clearPending(statements: StatementCache, ids: readonly number[], index: BehindIndex): void {
  if (ids.length === 0) return;
  const listed = JSON.stringify(ids);
  statements.get(CLEAR[index]).run(listed);
  statements.get(DROP_CLEARED).run(listed);
}
