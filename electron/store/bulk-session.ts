import { type BulkWriteReport, type ConflictPolicy, writeRecords } from './bulk-writes.js';
import type { Namespace, Namespaces } from './namespaces.js';
import { LIVE_RECORD_EXISTS } from './record-sql.js';
import { beforeBatch, beginSetBasedBooks, finishSetBasedBooks, type SetBasedBooks } from './set-based-books.js';
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
  private books: SetBasedBooks | undefined;

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
      this.books = beginSetBasedBooks(statements);
    }
  }

  write(namespace: Namespace, records: readonly RecordInput[], policy: ConflictPolicy): void {
    if (this.dryRun || this.books === undefined) throw new Error('a dry run writes nothing');
    beforeBatch(this.db, this.statements, this.books, records.length);
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
    const exists = this.statements.get(LIVE_RECORD_EXISTS);
    const now = this.now();
    return keys.reduce((count, key) => count + (exists.get(nsId, key, now) === undefined ? 0 : 1), 0);
  }

  commit(): void {
    if (this.open && this.books !== undefined) finishSetBasedBooks(this.db, this.statements, this.books, this.now());
    this.finish('COMMIT');
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
