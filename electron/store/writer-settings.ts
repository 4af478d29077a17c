import type { Database, Statement } from './sqlite-driver.js';

/**
 * Pages the write-ahead log may hold before the committing writer copies them back into the file, by the
 * file's size (docs/file-format.md, "Checkpoints and batches"). Each checkpoint syncs the disk twice and
 * copies every page the log holds, so the longer the interval, the fewer syncs, and a page that commit after
 * commit rewrites (an index page, the counts) is copied once instead of once a commit:
 * - a small file (under 32 MiB): 500 pages (2 MiB). SQLite's default (1,000 pages of 4 KiB) alone would let
 *   the WAL of a small store pass the 4 MB bound docs/file-format.md promises;
 * - from 32 MiB: a quarter of the file, in steps of 1,000 pages, up to 8,000 pages (31 MiB). At 1M records (a
 *   200 MB file), with the interval from 128 MiB at 1,000 and at 8,000 pages, batches ran at 0.88 and 0.95 of
 *   the plain table, single writes of new keys at 0.74 and 0.97. The price: a WAL of up to a quarter of the file, a
 *   longer pause for the write that checkpoints, and readers that look a page up in a longer WAL (16,000 pages
 *   took point reads at 10M from 0.93 to 0.88 of the plain table; 8,000 kept them at 0.93).
 */
export const SMALL_FILE_CHECKPOINT_PAGES = 500;
export const LARGE_FILE_PAGES = 8_192;
export const MAX_CHECKPOINT_PAGES = 8_000;
const STEP_PAGES = 1_000;

/** Records a writing connection writes between two looks at the file's size. */
const RECORDS_BETWEEN_CHECKS = 256;

export function checkpointPagesFor(filePages: number): number {
  if (filePages < LARGE_FILE_PAGES) return SMALL_FILE_CHECKPOINT_PAGES;
  // From LARGE_FILE_PAGES on, a quarter is at least 2,000 pages.
  return Math.min(MAX_CHECKPOINT_PAGES, Math.floor(filePages / 4 / STEP_PAGES) * STEP_PAGES);
}

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
    const pages = checkpointPagesFor(this.pageCount.get() ?? 0);
    if (pages === this.checkpointPages) return;
    this.db.pragma(`wal_autocheckpoint = ${pages}`);
    this.checkpointPages = pages;
  }
}
