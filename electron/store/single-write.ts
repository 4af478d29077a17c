import { INSERT_RECORD, UPDATE_RECORD } from './record-sql.js';
import type { Database } from './sqlite-driver.js';
import type { StatementCache } from './statement-cache.js';

export interface RecordValues {
  key: string;
  value: Buffer;
  metadata: string | null;
  expiresAt: number | null;
  updatedAt: number;
}

/** Tries of the UPDATE-then-INSERT pair when other processes keep creating the key in between. */
const TRIES = 3;

/**
 * Writes one record: an UPDATE, then an INSERT only when the key is new, each its own statement.
 * Not the upsert: on a table with an AUTOINCREMENT id, every upsert rewrites the `sqlite_sequence`
 * page, even when it only updates (docs/file-format.md, "Where a write's time goes"). Not a
 * transaction around the two either: each statement commits by itself (an overwrite, the common
 * case, is then one statement, as the plain table's upsert is, without BEGIN and COMMIT around it).
 * Another process may create the key between the two: the INSERT then fails on the key, and the
 * UPDATE, tried again, replaces what it wrote (the later write wins, as with a transaction).
 */
export function writeOneRecord(db: Database, statements: StatementCache, nsId: number, record: RecordValues): void {
  const { key, value, metadata, expiresAt, updatedAt } = record;
  const update = statements.get(UPDATE_RECORD);
  for (let tries = 1; ; tries++) {
    if (update.run(value, metadata, expiresAt, updatedAt, nsId, key).changes > 0) return;
    try {
      statements.get(INSERT_RECORD).run(nsId, key, value, metadata, expiresAt, updatedAt);
      return;
    } catch (error) {
      const lostRace = (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE' && !db.inTransaction;
      if (!lostRace || tries >= TRIES) throw error;
    }
  }
}
