/**
 * SQLite's schema cookie (`PRAGMA schema_version`), which every CREATE or DROP of a table or index moves, and
 * otherwise only a batch of 1,000 records or more (it drops and re-creates its insert triggers: store/
 * set-based-books.ts): what tells the sort index memory (sqlite-backend.ts) that an index may have come
 * or gone. Read on a read-only connection of its own in this thread, opened at the first question: the store's
 * own connections may be on store threads (api/store-worker/), and a read there would queue behind their work.
 */
import { type Database, openDatabase } from '../../store/sqlite-driver.js';

export class SchemaVersion {
  private db: Database | undefined;

  constructor(private readonly path: string) {}

  /** The cookie now; undefined when it cannot be read at once (a lock, a file gone): then nothing is known. */
  read(): number | undefined {
    try {
      // No busy wait: this thread serves the window, and an unknown answer only costs a question to the writer.
      this.db ??= openDatabase(this.path, { readonly: true, fileMustExist: true, timeout: 0 });
      return Number(this.db.pragma('schema_version', { simple: true }));
    } catch {
      return undefined;
    }
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }
}
