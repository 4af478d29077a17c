import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WATCH_LEASE_MS } from '../../electron/store/change-feed.js';
import { fileBytes } from '../../electron/store/file-bytes.js';
import { createSqliteStore } from '../../electron/store/index.js';
import { CHANGE_LOG_LIMIT, CHANGE_LOG_TRIM_EVERY } from '../../electron/store/migrations/002-bounded-bookkeeping.js';
import { openDatabase } from '../../electron/store/sqlite-driver.js';
import { createClock } from '../helpers/clock.js';
import { tempDirForTest } from '../helpers/files.js';

const NS = { database: 'micro', table: 'micro' };

function changeRows(path: string): number {
  const db = openDatabase(path, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM changes').pluck().get() as number;
  } finally {
    db.close();
  }
}

describe('the change log is kept by whoever writes, and only while an inspector watches', () => {
  it('a service writing with no inspector open logs nothing, and its counts stay exact', async () => {
    const path = join(tempDirForTest(), 'service.db');
    const service = createSqliteStore({ path });
    for (let index = 0; index < 3_000; index++) await service.write({ key: `k/${index % 100}`, value: `${index}` });
    await service.writeMany(NS, [
      { key: 'batch/1', value: '' },
      { key: 'k/1', value: 'again' },
    ]);
    await service.delete('k/2');
    expect(changeRows(path)).toBe(0);
    expect(await service.count(NS, {})).toBe(100);
    expect((await service.databases())[0]?.tables[0]?.count).toBe(100);
    await service.close();
  });

  it('shows every change another writer makes while an inspector watches, in order', async () => {
    const path = join(tempDirForTest(), 'watched.db');
    const inspector = createSqliteStore({ path, watchChanges: true });
    await inspector.createTable(NS);
    const start = await inspector.latestChange();
    const service = createSqliteStore({ path });
    await service.write({ key: 'a', value: '1' });
    await service.write({ key: 'a', value: '2' });
    await service.writeMany(NS, [
      { key: 'b', value: '' },
      { key: 'a', value: '3' },
    ]);
    await service.delete('b');
    const seen = await inspector.changes(start, 100);
    expect(seen.map((change) => [change.key, change.kind])).toEqual([
      ['a', 'create'],
      ['a', 'update'],
      ['a', 'update'],
      ['b', 'create'],
      ['b', 'delete'],
    ]);
    await inspector.close();
    // Closed: the lease is released, and the service's next writes go unlogged.
    const before = changeRows(path);
    await service.write({ key: 'c', value: '' });
    expect(changeRows(path)).toBe(before);
    await service.close();
  });

  it("a crashed inspector's lease lapses: writers stop logging once it is over", async () => {
    const clock = createClock();
    const path = join(tempDirForTest(), 'lapsed.db');
    const inspector = createSqliteStore({ path, now: clock.now });
    inspector.changeToken();
    const service = createSqliteStore({ path, now: clock.now });
    await service.write({ key: 'while-watched', value: '' });
    clock.advance(WATCH_LEASE_MS + 1);
    await service.write({ key: 'after-the-lease', value: '' });
    expect((await service.changes(0, 10)).map((change) => change.key)).toEqual(['while-watched']);
    await service.close();
    await inspector.close();
  });

  it('caps itself at its limit while watched, whoever writes, and numbering goes on', async () => {
    const path = join(tempDirForTest(), 'capped.db');
    const inspector = createSqliteStore({ path, watchChanges: true });
    await inspector.init();
    const service = createSqliteStore({ path });
    const writes = CHANGE_LOG_LIMIT + 3 * CHANGE_LOG_TRIM_EVERY + 17;
    let largest = 0;
    for (let start = 0; start < writes; start += 1_000) {
      const count = Math.min(1_000, writes - start);
      for (let index = start; index < start + count; index++) {
        await service.write({ key: `k/${index % 1_000}`, value: `${index}` });
      }
      largest = Math.max(largest, changeRows(path));
    }
    expect(largest).toBeLessThanOrEqual(CHANGE_LOG_LIMIT + CHANGE_LOG_TRIM_EVERY);
    expect(await inspector.latestChange()).toBe(writes);
    const newest = await inspector.changes(writes - 3, 10);
    expect(newest.map((change) => change.seq)).toEqual([writes - 2, writes - 1, writes]);
    await service.close();
    await inspector.close();
  });
});

describe('the bound on a service file', () => {
  // The bound holds per write: the log is capped (above), records are overwritten in place, and
  // the WAL of a small file is checkpointed at SMALL_FILE_CHECKPOINT_PAGES. 25,000 overwrites go through dozens of
  // checkpoints and, watched, several times round the capped log; the bench runs the full 1,000,000.
  it('overwriting 1,000 keys keeps the file and its WAL under 4 MB, watched or not', async () => {
    const dir = tempDirForTest();
    for (const watched of [false, true]) {
      const path = join(dir, `bound-${watched}.db`);
      const inspector = watched ? createSqliteStore({ path, watchChanges: true }) : undefined;
      await inspector?.init();
      const service = createSqliteStore({ path });
      let largest = 0;
      for (let index = 0; index < 25_000; index++) {
        await service.write({
          key: `service/${index % 1_000}`,
          value: Buffer.alloc(100, index),
          metadata: { n: index },
        });
        if (index % 2_000 === 1_999) largest = Math.max(largest, fileBytes(path));
      }
      expect(largest).toBeGreaterThan(0);
      expect(largest).toBeLessThan(4_000_000);
      expect(await service.count(NS, {})).toBe(1_000);
      const rows = changeRows(path);
      if (watched) expect(rows).toBeGreaterThanOrEqual(CHANGE_LOG_LIMIT);
      expect(rows).toBeLessThan(watched ? CHANGE_LOG_LIMIT + CHANGE_LOG_TRIM_EVERY : 1);
      await service.close();
      await inspector?.close();
    }
  }, 120_000);
});
