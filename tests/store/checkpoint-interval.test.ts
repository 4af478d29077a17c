import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../electron/store/index.js';
import { openDatabase } from '../../electron/store/sqlite-driver.js';
import { CHECKPOINT_STEPS, checkpointPagesFor } from '../../electron/store/writer-settings.js';
import { tempDirForTest } from '../helpers/files.js';

const NS = { database: 'micro', table: 'micro' };
const PAGE = 4096;
/** A WAL frame: the page and its 24-byte header. */
const FRAME = PAGE + 24;
const [SMALL, LARGE, HUGE] = CHECKPOINT_STEPS;

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

// The WAL of a small file stays within 500 pages (the 4 MB bound, docs/file-format.md); as the file grows,
// a writer checkpoints less often, its WAL staying within an eighth of the file.
describe('the WAL checkpoint interval follows the file size', () => {
  it('names the interval for each size', () => {
    expect(checkpointPagesFor(0)).toBe(SMALL.checkpointPages);
    expect(checkpointPagesFor(LARGE.fromPages - 1)).toBe(SMALL.checkpointPages);
    expect(checkpointPagesFor(LARGE.fromPages)).toBe(LARGE.checkpointPages);
    expect(checkpointPagesFor(HUGE.fromPages)).toBe(HUGE.checkpointPages);
    for (const step of CHECKPOINT_STEPS)
      expect(step.checkpointPages * 8).toBeLessThanOrEqual(Math.max(step.fromPages, 8_192));
  });

  it('checkpoints a small file at 500 pages, a 32 MiB one at 1,000 and a 128 MiB one at 4,000', async () => {
    const path = join(tempDirForTest(), 'growing.db');
    const store = createSqliteStore({ path });
    const small = await largestWal(store, path, 0, 1_500);
    expect(small).toBeGreaterThan(SMALL.checkpointPages * 0.8);
    expect(small).toBeLessThanOrEqual(SMALL.checkpointPages + 10);
    await growPast(store, path, LARGE.fromPages);
    const large = await largestWal(store, path, 10_000, 1_500);
    expect(large).toBeGreaterThan(SMALL.checkpointPages + 100);
    expect(large).toBeLessThanOrEqual(LARGE.checkpointPages + 10);
    await growPast(store, path, HUGE.fromPages);
    const huge = await largestWal(store, path, 20_000, 3_000);
    expect(huge).toBeGreaterThan(LARGE.checkpointPages + 1_000);
    expect(huge).toBeLessThanOrEqual(HUGE.checkpointPages + 10);
    await store.close();
  }, 120_000);
});
