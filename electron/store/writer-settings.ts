import type { Database, Statement } from './sqlite-driver.js';

/**
 * Pages the write-ahead log may hold before the committing writer copies them back into the file.
 * SQLite's default (1,000 pages of 4 KiB) alone lets the WAL of a small store grow past 4 MB; half
 * of it keeps a service's file, log included, within the bound docs/file-format.md promises.
 */
export const WAL_CHECKPOINT_PAGES = 500;
/**
 * From this many pages in the file (32 MiB) on, the WAL checkpoints at SQLite's default again: a 4 MB WAL
 * is then a small part of the file, and each checkpoint syncs the disk twice, which at half the default cost
 * single writers about a fifth of their speed (docs/file-format.md, "Where a write's time goes").
 */
export const LARGE_FILE_PAGES = 8_192;
export const LARGE_FILE_CHECKPOINT_PAGES = 1_000;
/** Records a writing connection writes between two looks at the file's size. */
const RECORDS_BETWEEN_CHECKS = 256;

/**
 * The settings of a connection that writes (each connection keeps its own). The checkpoint interval
 * follows the file's size as writes grow it, looked at every RECORDS_BETWEEN_CHECKS records.
 */
export class WriterSettings {
  private readonly pageCount: Statement<[], number>;
  private checkpointPages = 0;
  private recordsSinceCheck = 0;

  constructor(private readonly db: Database) {
    this.pageCount = db.prepare<[], number>('PRAGMA page_count').pluck();
    this.apply();
  }

  /** Called before a writing call, with how many records it writes. */
  noteWrite(records: number): void {
    this.recordsSinceCheck += records;
    if (this.recordsSinceCheck >= RECORDS_BETWEEN_CHECKS) this.apply();
  }

  private apply(): void {
    this.recordsSinceCheck = 0;
    const pages = (this.pageCount.get() ?? 0) >= LARGE_FILE_PAGES ? LARGE_FILE_CHECKPOINT_PAGES : WAL_CHECKPOINT_PAGES;
    if (pages === this.checkpointPages) return;
    this.db.pragma(`wal_autocheckpoint = ${pages}`);
    this.checkpointPages = pages;
  }
}
