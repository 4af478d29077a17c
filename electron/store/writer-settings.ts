import type { Database, Statement } from './sqlite-driver.js';

/**
 * Pages the write-ahead log may hold before the committing writer copies them back into the file, by
 * the file's size (docs/file-format.md, "Checkpoints"). A checkpoint syncs the disk twice, so the longer
 * the interval the faster a writer goes; the WAL may then grow to the interval's size:
 * - a small file: 500 pages (2 MiB). SQLite's default (1,000 pages of 4 KiB) alone would let the WAL of a
 *   small store pass the 4 MB bound docs/file-format.md promises;
 * - from 32 MiB: SQLite's default, 1,000 pages (4 MiB), at most an eighth of the file;
 * - from 128 MiB: 4,000 pages (16 MiB), again at most an eighth of the file. A new key writes 3.5 pages
 *   a commit where the plain table writes 2.3, so at the default this writer synced the disk half as often
 *   again as a plain table; measured at 1M records, single writes of new keys went from 0.74 to 0.90 of it.
 */
export const CHECKPOINT_STEPS = [
  { fromPages: 0, checkpointPages: 500 },
  { fromPages: 8_192, checkpointPages: 1_000 },
  { fromPages: 32_768, checkpointPages: 4_000 },
] as const;

/** Records a writing connection writes between two looks at the file's size. */
const RECORDS_BETWEEN_CHECKS = 256;

export function checkpointPagesFor(filePages: number): number {
  let pages: number = CHECKPOINT_STEPS[0].checkpointPages;
  for (const step of CHECKPOINT_STEPS) if (filePages >= step.fromPages) pages = step.checkpointPages;
  return pages;
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
