import { statSync } from 'node:fs';
import { loadMeta } from './bbolt-meta.js';
import { openFileSource } from './byte-source.js';

/**
 * What identifies one state of a table file, cheaply: its size and mtime (a stat) and the txid of its newest
 * meta page (two small reads). A commit always writes a meta page with a new txid, so the stamp changes even
 * when the size does not and the clock's resolution hides the write. '' when the file is gone.
 */
export function fileStamp(path: string): string {
  let size: number;
  let mtimeMs: number;
  try {
    ({ size, mtimeMs } = statSync(path));
  } catch {
    return '';
  }
  return `${size}:${mtimeMs}:${txidOf(path)}`;
}

/** The file's mtime in whole ms, or 0 when it cannot be read: the records' `updatedAt`. */
export function fileMtime(path: string): number {
  try {
    return Math.floor(statSync(path).mtimeMs);
  } catch {
    return 0;
  }
}

function txidOf(path: string): string {
  try {
    const source = openFileSource(path);
    try {
      return String(loadMeta(source).txid);
    } finally {
      source.close();
    }
  } catch {
    // A file being created or broken has no txid yet; its size and mtime still tell its changes.
    return '?';
  }
}
