import type { BehindIndex } from './index-coverage.js';
import type { StatementCache } from './statement-cache.js';

const CLEAR = {
  metadata: 'UPDATE index_pending SET metadata = 0 WHERE id = ?',
  value: 'UPDATE index_pending SET value = 0 WHERE id = ?',
} as const;
const DROP_CLEARED = 'DELETE FROM index_pending WHERE id = ? AND metadata = 0 AND value = 0';

/** Clears one index's note of a record once it is re-indexed, dropping the row once neither index needs it. */
export function clearPending(statements: StatementCache, id: number, index: BehindIndex): void {
  statements.get(CLEAR[index]).run(id);
  statements.get(DROP_CLEARED).run(id);
}
