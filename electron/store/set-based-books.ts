import { isWatched } from './change-feed.js';
import { CHANGE_LOG_LIMIT, COUNT_ROW_PREFIX } from './migrations/002-bounded-bookkeeping.js';
import type { StatementCache } from './statement-cache.js';

/**
 * Bookkeeping for many inserts at once: what the insert trigger does row by row (the per-table
 * counts, a `create` in the change log while watched), done once, set-based, when the batch ends.
 * The `bulk_writes` row switches the trigger off, for this transaction only (it holds the write
 * lock, and the row is gone before it commits). Call both inside one write transaction.
 */
export interface SetBasedBooks {
  /** The first id this transaction's inserts get. */
  firstNewId: number;
  /** False when an outer batch in this transaction keeps the books already. */
  owner: boolean;
}

export function beginSetBasedBooks(statements: StatementCache): SetBasedBooks {
  const firstNewId = (statements.get<number>('SELECT coalesce(max(id), 0) FROM records').pluck().get() ?? 0) + 1;
  const owner = statements.get('INSERT OR IGNORE INTO bulk_writes (one) VALUES (1)').run().changes === 1;
  return { firstNewId, owner };
}

export function finishSetBasedBooks(statements: StatementCache, books: SetBasedBooks, now: number): void {
  if (!books.owner) return;
  const run = (sql: string, ...params: unknown[]) => statements.get(sql).run(...params);
  run('DELETE FROM bulk_writes');
  run(
    // NOT INDEXED keeps the planner on the rowid range of the new rows: for the GROUP BY it would otherwise
    // scan the whole (ns, key) index, every record of the file, once per batch.
    `WITH added (name, count) AS (SELECT ? || ns, count(*) FROM records NOT INDEXED WHERE id >= ? GROUP BY ns)
      UPDATE sqlite_sequence SET seq = seq + added.count FROM added WHERE sqlite_sequence.name = added.name`,
    COUNT_ROW_PREFIX,
    books.firstNewId,
  );
  if (!isWatched(statements, now)) return;
  const newest = statements.get<number>('SELECT coalesce(max(id), 0) FROM records').pluck().get() ?? 0;
  run(
    `INSERT INTO changes (ns, key, kind, at)
      SELECT ns, key, 'create', updated_at FROM records WHERE id >= ? ORDER BY id`,
    Math.max(books.firstNewId, newest - CHANGE_LOG_LIMIT + 1),
  );
}
