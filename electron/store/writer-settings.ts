import type { Database } from './sqlite-driver.js';

/**
 * Pages the write-ahead log may hold before the committing writer copies them back into the file.
 * SQLite's default (1,000 pages of 4 KiB) alone lets the WAL of a small store grow past 4 MB; half
 * of it keeps a service's file, log included, within the bound docs/file-format.md promises.
 */
export const WAL_CHECKPOINT_PAGES = 500;

/** Settings of a connection that writes (each connection keeps its own). */
export function applyWriterSettings(db: Database): void {
  db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
}
