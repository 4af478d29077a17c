import { isWatched } from './change-feed.js';
import { CHANGE_LOG_LIMIT, COUNT_ROW_PREFIX } from './migrations/002-bounded-bookkeeping.js';
import type { Database } from './sqlite-driver.js';
import type { StatementCache } from './statement-cache.js';

/**
 * Bookkeeping for many inserts at once: what the insert triggers do row by row (the per-table
 * counts, a `create` in the change log while watched), done once, set-based, when the batch ends.
 * The `bulk_writes` row switches those triggers off, for this transaction only (it holds the write
 * lock, and the row is gone before it commits). Call both inside one write transaction.
 */
export interface SetBasedBooks {
  /** The first id this transaction's inserts get. */
  firstNewId: number;
  /** False when an outer batch in this transaction keeps the books already. */
  owner: boolean;
  /** The insert triggers this transaction dropped, to create again (their own SQL) before it commits. */
  suspended: string[] | undefined;
}

/**
 * A batch of at least this many records drops the insert triggers for its transaction (see
 * suspendInsertTriggers); below it the schema change costs more than the triggers it saves. An import (a
 * BulkSession, fed by a stream) drops them at its first batch of this size, if it has one.
 */
export const SUSPEND_TRIGGERS_FROM = 1_000;

/** The insert triggers whose work the books do for the whole batch (docs/file-format.md, "bulk_writes"). */
const INSERT_TRIGGERS = "('records_after_insert', 'records_log_insert')";

export function beginSetBasedBooks(statements: StatementCache): SetBasedBooks {
  const firstNewId = (statements.get<number>('SELECT coalesce(max(id), 0) FROM records').pluck().get() ?? 0) + 1;
  const owner = statements.get('INSERT OR IGNORE INTO bulk_writes (one) VALUES (1)').run().changes === 1;
  return { firstNewId, owner, suspended: undefined };
}

/** Before a batch of `records` in the books' transaction: the first of SUSPEND_TRIGGERS_FROM or more drops the insert triggers. */
export function beforeBatch(db: Database, statements: StatementCache, books: SetBasedBooks, records: number): void {
  if (books.owner && books.suspended === undefined && records >= SUSPEND_TRIGGERS_FROM) {
    books.suspended = suspendInsertTriggers(db, statements);
  }
}

/**
 * Drops the insert triggers inside the batch's transaction. With `bulk_writes` holding its row their
 * WHEN clause is false anyway, but SQLite still starts each trigger's program for every row to find
 * that out (docs/file-format.md, "bulk_writes": 2.5% of `writeMany` at 1M records, measured in the same
 * run with and without). Nobody else sees them gone: the drop and the re-creation commit together, and a
 * crash or a rollback undoes both. They come back in the order they were created in (rowid order).
 */
function suspendInsertTriggers(db: Database, statements: StatementCache): string[] {
  const triggers = statements
    .get<{ name: string; sql: string }>(
      `SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name IN ${INSERT_TRIGGERS} ORDER BY rowid`,
    )
    .all();
  for (const { name } of triggers) db.exec(`DROP TRIGGER "${name}"`);
  return triggers.map((trigger) => trigger.sql);
}

export function finishSetBasedBooks(db: Database, statements: StatementCache, books: SetBasedBooks, now: number): void {
  if (!books.owner) return;
  const run = (sql: string, ...params: unknown[]) => statements.get(sql).run(...params);
  run('DELETE FROM bulk_writes');
  for (const sql of books.suspended ?? []) db.exec(sql);
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
