import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../electron/store/index.js';
import { openDatabase } from '../../electron/store/sqlite-driver.js';
import {
  LARGE_FILE_CHECKPOINT_PAGES,
  LARGE_FILE_PAGES,
  WAL_CHECKPOINT_PAGES,
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

// The WAL of a small file stays within half SQLite's default (the 4 MB bound, docs/file-format.md); once
// the file is large (32 MiB), a writer checkpoints at SQLite's default instead, as a plain table would.
describe('the WAL checkpoint interval follows the file size', () => {
  it('checkpoints a small file at 500 pages and a large one at 1,000', async () => {
    const path = join(tempDirForTest(), 'growing.db');
    const store = createSqliteStore({ path });
    const small = await largestWal(store, path, 0, 1_500);
    expect(small).toBeGreaterThan(WAL_CHECKPOINT_PAGES * 0.8);
    expect(small).toBeLessThanOrEqual(WAL_CHECKPOINT_PAGES + 10);
    // Grow the file past the threshold in a few batches of 100 KiB values.
    for (let batch = 0; batch < 4; batch++) {
      const records = Array.from({ length: 100 }, (_, index) => ({
        key: `large/${batch}/${index}`,
        value: Buffer.alloc(100 * 1024, index),
      }));
      await store.writeMany(NS, records);
    }
    // The batches' own frames made the WAL file large; empty it so what follows shows the interval.
    const other = openDatabase(path);
    other.pragma('wal_checkpoint(TRUNCATE)');
    other.close();
    expect(statSync(path).size).toBeGreaterThan(LARGE_FILE_PAGES * PAGE);
    const large = await largestWal(store, path, 10_000, 1_500);
    expect(large).toBeGreaterThan(WAL_CHECKPOINT_PAGES + 100);
    expect(large).toBeLessThanOrEqual(LARGE_FILE_CHECKPOINT_PAGES + 10);
    expect(await store.count(NS, {})).toBe(3_400);
    await store.close();
  }, 60_000);
});
