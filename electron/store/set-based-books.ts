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
  /** New rows per namespace id, as the batch's writes reported them (see countNewRows). */
  added: Map<number, number>;
}

const LAST_ID = 'SELECT coalesce(max(id), 0) FROM records';

/** The newest record id: one step down the table's b-tree. */
export function lastRecordId(statements: StatementCache): number {
  return statements.get<number>(LAST_ID).pluck().get() ?? 0;
}

/**
 * Runs writes into one namespace and notes how many rows they added. Inside the write transaction
 * ids are handed out one after another (AUTOINCREMENT, and no other connection can insert), so the
 * newest id's rise is the number of new rows: no scan of the rows written.
 */
export function countNewRows<T>(statements: StatementCache, books: SetBasedBooks, nsId: number, write: () => T): T {
  const before = lastRecordId(statements);
  const result = write();
  const added = lastRecordId(statements) - before;
  if (added > 0) books.added.set(nsId, (books.added.get(nsId) ?? 0) + added);
  return result;
}

export function beginSetBasedBooks(statements: StatementCache): SetBasedBooks {
  const firstNewId = lastRecordId(statements) + 1;
  const owner = statements.get('INSERT OR IGNORE INTO bulk_writes (one) VALUES (1)').run().changes === 1;
  return { firstNewId, owner, added: new Map() };
}

export function finishSetBasedBooks(statements: StatementCache, books: SetBasedBooks, now: number): void {
  if (!books.owner) return;
  const run = (sql: string, ...params: unknown[]) => statements.get(sql).run(...params);
  run('DELETE FROM bulk_writes');
  const newest = lastRecordId(statements);
  let noted = 0;
  for (const added of books.added.values()) noted += added;
  if (noted === newest - books.firstNewId + 1) {
    for (const [nsId, added] of books.added) {
      run('UPDATE sqlite_sequence SET seq = seq + ? WHERE name = ?', added, `${COUNT_ROW_PREFIX}${nsId}`);
    }
  } else {
    // Rows this batch's writes did not note (a write through another path in the same transaction):
    // count every new row by namespace instead.
    run(
      `WITH added (name, count) AS (SELECT ? || ns, count(*) FROM records WHERE id >= ? GROUP BY ns)
        UPDATE sqlite_sequence SET seq = seq + added.count FROM added WHERE sqlite_sequence.name = added.name`,
      COUNT_ROW_PREFIX,
      books.firstNewId,
    );
  }
  if (!isWatched(statements, now)) return;
  run(
    `INSERT INTO changes (ns, key, kind, at)
      SELECT ns, key, 'create', updated_at FROM records WHERE id >= ? ORDER BY id`,
    Math.max(books.firstNewId, newest - CHANGE_LOG_LIMIT + 1),
  );
}
