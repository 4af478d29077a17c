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

type WriteTransaction = (nsId: number, record: RecordValues) => void;
const transactions = new WeakMap<Database, WriteTransaction>();

/**
 * Writes one record in its own transaction: an UPDATE, then an INSERT only when the key is new.
 * Not the upsert: on a table with an AUTOINCREMENT id, every upsert rewrites the `sqlite_sequence`
 * page, even when it only updates, and one more page per commit cost a third of an overwrite's
 * speed (docs/file-format.md, "Where a write's time goes").
 */
export function writeOneRecord(db: Database, statements: StatementCache, nsId: number, record: RecordValues): void {
  let write = transactions.get(db);
  if (write === undefined) {
    write = db.transaction((ns: number, { key, value, metadata, expiresAt, updatedAt }: RecordValues) => {
      const updated = statements.get(UPDATE_RECORD).run(value, metadata, expiresAt, updatedAt, ns, key);
      if (updated.changes === 0) statements.get(INSERT_RECORD).run(ns, key, value, metadata, expiresAt, updatedAt);
    }).immediate;
    transactions.set(db, write);
  }
  write(nsId, record);
}
