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

interface Writer {
  /** The UPDATE and, for a new key, the INSERT, in one BEGIN IMMEDIATE transaction. */
  inTransaction: (nsId: number, record: RecordValues) => boolean;
  /** Whether this connection's last write created its key. */
  lastCreated: boolean;
}
const writers = new WeakMap<Database, Writer>();

/**
 * Writes one record: an UPDATE, then an INSERT only when the key is new. Not the upsert: on a table
 * with an AUTOINCREMENT id, every upsert rewrites the `sqlite_sequence` page, even when it only
 * updates (docs/file-format.md, "Where a write's time goes").
 *
 * Two ways, chosen by what this connection's last write was, since writers tend to keep doing one
 * thing (a service updating state overwrites; an event log creates): after an overwrite, the UPDATE
 * commits by itself (one statement, as the plain table's upsert is, without BEGIN and COMMIT around
 * it) and a new key's INSERT follows as a second statement; after a creation, both run in one
 * transaction (one lock and one commit for the pair, where an UPDATE that finds nothing would cost a
 * write transaction of its own). Either way the later write wins: another process may create the key
 * between two statements, and the INSERT failing on the key makes the UPDATE run again.
 */
export function writeOneRecord(db: Database, statements: StatementCache, nsId: number, record: RecordValues): void {
  const writer = writerOf(db, statements);
  writer.lastCreated = writer.lastCreated
    ? writer.inTransaction(nsId, record)
    : writeByStatements(db, statements, nsId, record);
}

function writerOf(db: Database, statements: StatementCache): Writer {
  let writer = writers.get(db);
  if (writer === undefined) {
    const inTransaction = db.transaction((nsId: number, record: RecordValues) => {
      if (update(statements, nsId, record)) return false;
      insert(statements, nsId, record);
      return true;
    }).immediate;
    writer = { inTransaction, lastCreated: false };
    writers.set(db, writer);
  }
  return writer;
}

/** True when the key was created. */
function writeByStatements(db: Database, statements: StatementCache, nsId: number, record: RecordValues): boolean {
  for (let tries = 1; ; tries++) {
    if (update(statements, nsId, record)) return false;
    try {
      insert(statements, nsId, record);
      return true;
    } catch (error) {
      const lostRace = (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE' && !db.inTransaction;
      if (!lostRace || tries >= TRIES) throw error;
    }
  }
}

function update(statements: StatementCache, nsId: number, record: RecordValues): boolean {
  const { key, value, metadata, expiresAt, updatedAt } = record;
  const run = statements.get(UPDATE_RECORD).run(metadata, value, value, metadata, expiresAt, updatedAt, nsId, key);
  return run.changes > 0;
}

function insert(statements: StatementCache, nsId: number, record: RecordValues): void {
  const { key, value, metadata, expiresAt, updatedAt } = record;
  statements.get(INSERT_RECORD).run(nsId, key, value, metadata, expiresAt, updatedAt);
}
