import type { StatementCache } from './statement-cache.js';

/** Which index a pending note is for: a flag of `index_pending` (docs/file-format.md, "index_pending"). */
export type PendingIndex = 'metadata' | 'value';

const CLEAR = {
  metadata: 'UPDATE index_pending SET metadata = 0 WHERE id = ?',
  value: 'UPDATE index_pending SET value = 0 WHERE id = ?',
} as const;
const DROP_CLEARED = 'DELETE FROM index_pending WHERE id = ? AND metadata = 0 AND value = 0';

/**
 * Clears one index's note of a record, dropping the row once neither index needs it. On the table itself, not
 * through the `metadata_pending` / `value_pending` views: a DELETE through a view's INSTEAD OF trigger
 * materializes the view's row first, and measured slower by up to a millisecond a note during the upkeep.
 */
export function clearPending(statements: StatementCache, id: number, index: PendingIndex): void {
  statements.get(CLEAR[index]).run(id);
  statements.get(DROP_CLEARED).run(id);
}
