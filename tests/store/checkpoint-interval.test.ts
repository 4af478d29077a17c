import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../electron/store/index.js';
import { openDatabase } from '../../electron/store/sqlite-driver.js';
import {
  checkpointPagesFor,
  LARGE_FILE_PAGES,
  MAX_CHECKPOINT_PAGES,
  SMALL_FILE_CHECKPOINT_PAGES,
} from '../../electron/store/writer-settings.js';
import { tempDirForTest } from '../helpers/files.js';

const NS = { database: 'micro', table: 'micro' };
const PAGE = 4096;
/** A WAL frame: the page and its 24-byte header. */
const FRAME = PAGE + 24;

function walPages(path: string): number {
  try {
    return Math.floor(statSync(`${path}-wal`).size / FRAME);
  } catch {
    return 0;
  }
}

/** Single writes of new keys, returning the most pages the WAL held meanwhile. */
async function largestWal(store: ReturnType<typeof createSqliteStore>, path: string, from: number, writes: number) {
  let largest = 0;
  for (let index = from; index < from + writes; index++) {
    await store.write({ key: `single/${index}`, value: Buffer.alloc(200, index) });
    largest = Math.max(largest, walPages(path));
  }
  return largest;
}

/** Grows the file past `pages` with 100 KiB values, then empties the WAL so what follows shows the interval. */
async function growPast(store: ReturnType<typeof createSqliteStore>, path: string, pages: number) {
  for (let batch = 0; statSync(path).size <= pages * PAGE; batch++) {
    const records = Array.from({ length: 100 }, (_, index) => ({
      key: `large/${pages}/${batch}/${index}`,
      value: Buffer.alloc(100 * 1024, index),
    }));
    await store.writeMany(NS, records);
  }
  const other = openDatabase(path);
  other.pragma('wal_checkpoint(TRUNCATE)');
  other.close();
}

// The WAL of a small file stays within 500 pages (the 4 MB bound, docs/file-format.md); from 32 MiB on, a
// writer checkpoints less often, its WAL staying within a quarter of the file (and 8,000 pages).
describe('the WAL checkpoint interval follows the file size', () => {
  it('names the interval for each size', () => {
    expect(checkpointPagesFor(0)).toBe(SMALL_FILE_CHECKPOINT_PAGES);
    expect(checkpointPagesFor(LARGE_FILE_PAGES - 1)).toBe(SMALL_FILE_CHECKPOINT_PAGES);
    expect(checkpointPagesFor(LARGE_FILE_PAGES)).toBe(2_000);
    expect(checkpointPagesFor(32_768)).toBe(8_000);
    expect(checkpointPagesFor(28_000)).toBe(7_000);
    expect(checkpointPagesFor(10_000_000)).toBe(MAX_CHECKPOINT_PAGES);
    for (const pages of [LARGE_FILE_PAGES, 20_000, 65_536, 1_000_000]) {
      expect(checkpointPagesFor(pages)).toBeLessThanOrEqual(pages / 4);
    }
  });

  it('checkpoints a small file at 500 pages, and a larger one at a quarter of its pages', async () => {
    const path = join(tempDirForTest(), 'growing.db');
    const store = createSqliteStore({ path });
    const small = await largestWal(store, path, 0, 1_500);
    expect(small).toBeGreaterThan(SMALL_FILE_CHECKPOINT_PAGES * 0.8);
    expect(small).toBeLessThanOrEqual(SMALL_FILE_CHECKPOINT_PAGES + 10);
    await growPast(store, path, LARGE_FILE_PAGES);
    const large = checkpointPagesFor(statSync(path).size / PAGE);
    expect(large).toBeGreaterThanOrEqual(2_000);
    const largeWal = await largestWal(store, path, 10_000, 1_500);
    expect(largeWal).toBeGreaterThan(large / 2);
    expect(largeWal).toBeLessThanOrEqual(large + 10);
    await growPast(store, path, 32_768);
    const huge = checkpointPagesFor(statSync(path).size / PAGE);
    expect(huge).toBeGreaterThanOrEqual(8_000);
    const hugeWal = await largestWal(store, path, 20_000, 4_000);
    expect(hugeWal).toBeGreaterThan(huge / 2);
    expect(hugeWal).toBeLessThanOrEqual(huge + 10);
    await store.close();
  }, 120_000);
});
