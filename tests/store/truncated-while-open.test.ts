/**
 * Another program truncates the store file (a `cp` over it, a sync tool replacing it) while a statement reads
 * it. SQLite answers "database disk image is malformed" and the app says so; a memory-mapped connection
 * would die of SIGBUS instead, taking the window with it (docs/file-format.md, "Measured and not taken:
 * memory-mapped reads"). The read here runs on a connection exactly as the store opens it.
 */
import { statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../electron/store/index.js';
import { openStoreFile } from '../../electron/store/store-file.js';
import { tempDirForTest } from '../helpers/files.js';

const NS = { database: 'micro', table: 'micro' };

describe('a store file truncated by another program during a read', () => {
  it('fails the read with an error, and the process lives on', async () => {
    const path = join(tempDirForTest(), 'cut.db');
    const writer = createSqliteStore({ path });
    const records = Array.from({ length: 5_000 }, (_, index) => ({
      key: `k/${index}`,
      value: Buffer.alloc(2_000, index),
    }));
    await writer.writeMany(NS, records);
    await writer.close();
    expect(statSync(path).size).toBeGreaterThan(10_000_000);

    const { db } = openStoreFile(path, true);
    // Only the page cache SQLite cannot avoid: every page after the cut must come from the file.
    db.pragma('cache_size = 0');
    let seen = 0;
    db.function('cut_during_read', () => {
      if (++seen === 10) truncateSync(path, 65_536);
      return 1;
    });
    const read = () =>
      db.prepare('SELECT length(value) FROM records WHERE cut_during_read() ORDER BY id').pluck().all();
    expect(read).toThrow(/malformed/);
    db.close();
  });
});
