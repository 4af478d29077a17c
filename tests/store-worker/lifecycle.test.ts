/** The store's threads: started with the store, restarted when one dies, ended when the store closes. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChangeWatcher } from '../../electron/api/change-watcher.js';
import type { ApiEvent } from '../../electron/api/contract/events.js';
import { toErrorResult } from '../../electron/api/errors.js';
import { StoreSession } from '../../electron/api/store-session.js';
import { openThreadedBackend, ThreadedBackend } from '../../electron/api/store-worker/threaded-backend.js';
import { createSqliteStore } from '../../electron/store/index.js';
import { type ApiClient, apiClient } from '../helpers/api-client.js';
import { tempDirForTest } from '../helpers/files.js';
import { SLOW_FILTER, seededStore, TABLE } from './slow-store.js';

let api: ApiClient | undefined;
afterEach(async () => {
  await api?.session.close();
  api = undefined;
});

function threaded(session: StoreSession): ThreadedBackend {
  const store = session.store;
  if (!(store instanceof ThreadedBackend)) throw new Error('the session did not open the store on threads');
  return store;
}

describe('store threads', () => {
  it('a reader stopped mid-call answers with a clear error, never hangs; the next call gets a fresh reader', async () => {
    const path = await seededStore(tempDirForTest(), 100_000);
    api = apiClient();
    await api.value('store.open', { file: api.file(path, 'store'), readOnly: false });
    const count = api.call('records.count', { ...TABLE, filter: SLOW_FILTER });
    // Cancel as soon as the count is running on its reader.
    let cancelled = 0;
    for (let waited = 0; cancelled === 0 && waited < 10_000; waited += 5) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      cancelled = threaded(api.session).cancelRunningReads();
    }
    expect(cancelled).toBe(1);
    const result = await count;
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('internal');
      expect(result.error.message).toMatch(/reader thread stopped \(its read was cancelled\).*try again/);
    }
    expect(await api.value('records.count', { ...TABLE, filter: SLOW_FILTER })).toBe(0);
    expect(await api.value('records.count', TABLE)).toBe(100_000);
  }, 60_000);

  it('closing the store ends every thread and closes every connection (SQLite removes its log)', async () => {
    const path = join(tempDirForTest(), 'store.db');
    const session = new StoreSession();
    api = apiClient(session);
    await api.value('store.create', { file: api.file(path, 'write') });
    await api.value('record.write', { ...TABLE, key: 'k', value: 'YQ==', expectedRevision: null });
    await api.value('records.page', TABLE);
    await session.store?.changeToken();
    const backend = threaded(session);
    expect(backend.threadCount).toBeGreaterThanOrEqual(4);
    expect(existsSync(`${path}-wal`)).toBe(true);
    await api.value('store.close', {});
    expect(backend.threadCount).toBe(0);
    expect(existsSync(`${path}-wal`)).toBe(false);
    const error = await backend.info().catch((caught: unknown) => caught);
    expect(toErrorResult(error)).toMatchObject({ ok: false, error: { code: 'closed' } });
  });

  it('writes land in the order they were made', async () => {
    const session = new StoreSession();
    api = apiClient(session);
    await api.value('store.create', { file: api.file(join(tempDirForTest(), 'store.db'), 'write') });
    const store = session.store;
    await Promise.all(Array.from({ length: 20 }, (_, i) => store?.write({ key: 'k', value: `v${i}` })));
    const [record] = (await store?.read('k')) ?? [];
    expect(record?.value.toString()).toBe('v19');
  });

  it('an in-memory store has one connection: its writer serves reads too', async () => {
    const { backend } = await openThreadedBackend(':memory:', { readOnly: false });
    try {
      await backend.write({ key: 'k', value: 'v' });
      const [record] = await backend.read('k');
      expect(Buffer.isBuffer(record?.value)).toBe(true);
      expect(record?.value.toString()).toBe('v');
      expect((backend as ThreadedBackend).threadCount).toBe(1);
    } finally {
      await backend.close();
    }
  });

  it('the change watcher sees another connection’s commit through the watcher thread', async () => {
    const path = join(tempDirForTest(), 'store.db');
    const session = new StoreSession();
    api = apiClient(session);
    await api.value('store.create', { file: api.file(path, 'write') });
    const events: ApiEvent[] = [];
    const watcher = new ChangeWatcher(session, (event) => events.push(event));
    watcher.start();
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const other = createSqliteStore({ path });
      await other.write({ key: 'from-elsewhere', value: 'x' });
      await other.close();
      for (let waited = 0; waited < 10_000 && events.length === 0; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(events[0]).toMatchObject({ type: 'store-changed' });
    } finally {
      watcher.stop();
    }
  });
});
