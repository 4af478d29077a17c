/**
 * The app watches a store from its watcher thread: polling for changes must keep the change log's lease, or
 * writers stop logging half a minute after the last edit made in the app and the Changes panel goes quiet.
 */
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { StoreSession } from '../../electron/api/store-session.js';
import { WATCH_LEASE_MS } from '../../electron/store/change-feed.js';
import { createSqliteStore } from '../../electron/store/index.js';
import { openDatabase } from '../../electron/store/sqlite-driver.js';
import { tempDirForTest } from '../helpers/files.js';

let session: StoreSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

function latestLease(path: string): number {
  const db = openDatabase(path, { readonly: true });
  try {
    return (db.prepare('SELECT max(until) FROM watchers').pluck().get() as number | null) ?? 0;
  } finally {
    db.close();
  }
}

it('polling for changes renews the lease, so a service writing later is still logged', async () => {
  const path = join(tempDirForTest(), 'store.db');
  await createSqliteStore({ path }).close();
  session = new StoreSession();
  const opened = Date.now();
  await session.open(path, false);
  const store = session.store;
  if (store === undefined) throw new Error('a file opens with its own store');
  // Poll as the change watcher does, until the lease must have been renewed (it renews with 20 s left).
  const until = opened + WATCH_LEASE_MS;
  while (Date.now() < until - 15_000) {
    await store.changeToken();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // Opening took the first lease (a little after `opened`); a renewal reaches well past it.
  expect(latestLease(path)).toBeGreaterThan(until + 10_000);

  const service = createSqliteStore({ path });
  await service.write({ key: 'written/by/the/service', value: 'v' });
  await service.close();
  const changes = await store.changes(0, 10);
  expect(changes.map((change) => change.key)).toContain('written/by/the/service');
}, 40_000);
