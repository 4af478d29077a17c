import { type BulkWriteReport, type ConflictPolicy, writeRecords } from './bulk-writes.js';
import { CHANGE_LOG_LIMIT, COUNT_ROW_PREFIX } from './migrations/002-bounded-bookkeeping.js';
import { isWatched } from './change-feed.js';
import type { Namespace, Namespaces } from './namespaces.js';
import type { Database } from './sqlite-driver.js';
import type { StatementCache } from './statement-cache.js';
import type { RecordInput } from './types.js';

/**
 * One write transaction held open across many batches, so a long import (fed by an asynchronous
 * file stream) is all-or-nothing: commit at the end, roll back on an error or a cancel. Use it on a
 * connection of its own: everything that connection runs meanwhile is inside the transaction.
 */
export class BulkSession {
  readonly report: BulkWriteReport = { written: 0, overwritten: 0, skipped: 0 };
  private open = true;
  /** The first id this import's inserts get; see keepBooks. */
  private firstNewId = 0;

  constructor(
    private readonly db: Database,
    private readonly statements: StatementCache,
    private readonly namespaces: Namespaces,
    private readonly now: () => number,
    /** A dry run only reads: it takes no write lock, so writers are never held up by a preview. */
    private readonly dryRun = false,
  ) {
    db.exec(dryRun ? 'BEGIN' : 'BEGIN IMMEDIATE');
    if (!dryRun) {
      // Under the write lock, every id above this one is a record this import inserts.
      this.firstNewId = (statements.get<number>('SELECT coalesce(max(id), 0) FROM records').pluck().get() ?? 0) + 1;
      statements.get('INSERT INTO bulk_writes (one) VALUES (1)').run();
    }
  }

  write(namespace: Namespace, records: Iterable<RecordInput>, policy: ConflictPolicy): void {
    if (this.dryRun) throw new Error('a dry run writes nothing');
    const nsId = this.namespaces.ensure(namespace, this.now());
    writeRecords(this.statements, nsId, records, policy, this.now(), this.report);
  }

  /** Makes an empty table of a dump exist, so that it survives the round trip. */
  ensureNamespace(namespace: Namespace): void {
    if (!this.dryRun) this.namespaces.ensure(namespace, this.now());
  }

  /** How many of these keys already exist in the namespace (for the import preview). */
  countExisting(namespace: Namespace, keys: string[]): number {
    const nsId = this.namespaces.find(namespace);
    if (nsId === undefined) return 0;
    // Only live records count: an expired one not yet purged is replaced as if absent.
    const exists = this.statements.get(
      'SELECT 1 FROM records WHERE ns = ? AND key = ? AND (expires_at IS NULL OR expires_at >= ?)',
    );
    const now = this.now();
    return keys.reduce((count, key) => count + (exists.get(nsId, key, now) === undefined ? 0 : 1), 0);
  }

  commit(): void {
    if (this.open && !this.dryRun) this.keepBooks();
    this.finish('COMMIT');
  }

  /**
   * What the insert trigger would have done row by row, done once per import: the per-table counts,
   * and, while an inspector watches, the change log's newest entries (it keeps only CHANGE_LOG_LIMIT).
   */
  private keepBooks(): void {
    const run = (sql: string, ...params: unknown[]) => this.statements.get(sql).run(...params);
    run('DELETE FROM bulk_writes');
    run(
      `WITH added (name, count) AS (SELECT ? || ns, count(*) FROM records WHERE id >= ? GROUP BY ns)
        UPDATE sqlite_sequence SET seq = seq + added.count FROM added WHERE sqlite_sequence.name = added.name`,
      COUNT_ROW_PREFIX,
      this.firstNewId,
    );
    if (!isWatched(this.statements, this.now())) return;
    const newest = this.statements.get<number>('SELECT coalesce(max(id), 0) FROM records').pluck().get() ?? 0;
    run(
      `INSERT INTO changes (ns, key, kind, at)
        SELECT ns, key, 'create', updated_at FROM records WHERE id >= ? ORDER BY id`,
      Math.max(this.firstNewId, newest - CHANGE_LOG_LIMIT + 1),
    );
  }

  rollback(): void {
    this.finish('ROLLBACK');
  }

  private finish(statement: 'COMMIT' | 'ROLLBACK'): void {
    if (!this.open) return;
    this.open = false;
    // Forgetting ids matters after a rollback: namespaces created inside it are gone.
    this.namespaces.forget();
    if (this.db.inTransaction) this.db.exec(statement);
  }
}
