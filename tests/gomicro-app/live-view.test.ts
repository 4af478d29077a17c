/**
 * The live view on a go-micro store: the change token moves when a table file commits, appears or goes, and
 * the change watcher turns that into a store-changed event; the next read sees the new records.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChangeWatcher } from '../../electron/api/change-watcher.js';
import type { ApiEvent } from '../../electron/api/contract/events.js';
import { StoreSession } from '../../electron/api/store-session.js';
import { createGoMicroInspector } from '../../electron/gomicro/gomicro-inspector.js';
import { writeGoMicroTable } from '../gomicro/bbolt-writer.js';
import { fixtureCopy, testApi } from './fixture-store.js';

/** Replaces a table file whole, as a fresh commit would leave it (new txid, new content). */
function rewriteTable(path: string, keys: string[], txid: number): void {
  const file = writeGoMicroTable(
    keys.map((key) => ({ key, value: `v:${key}` })),
    { txid },
  );
  writeFileSync(`${path}.tmp`, file.bytes);
  renameSync(`${path}.tmp`, path);
}

async function waitFor(events: ApiEvent[], type: ApiEvent['type'], timeoutMs = 3000): Promise<ApiEvent> {
  const started = Date.now();
  for (;;) {
    const event = events.find((candidate) => candidate.type === type);
    if (event !== undefined) return event;
    if (Date.now() - started > timeoutMs) throw new Error(`no ${type} event within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the change token of a go-micro store', () => {
  it('is stable while nothing changes, and moves on a commit, a new table and a removed one', async () => {
    const root = fixtureCopy();
    const store = createGoMicroInspector({ path: root });
    await store.init();
    const first = store.changeToken();
    expect(store.changeToken()).toBe(first);
    rewriteTable(join(root, 'micro', 'legacy.db'), ['a'], 10);
    const second = store.changeToken();
    expect(second).not.toBe(first);
    rewriteTable(join(root, 'micro', 'added.db'), ['b'], 3);
    const third = store.changeToken();
    expect(third).not.toBe(second);
    rmSync(join(root, 'micro', 'added.db'));
    expect(store.changeToken()).not.toBe(third);
    await store.close();
    expect(() => store.changeToken()).toThrow('closed');
  });
});

describe('the change watcher on a go-micro store', () => {
  it('emits store-changed when a table file commits; a re-read shows the new records', async () => {
    const root = fixtureCopy();
    const session = new StoreSession();
    const api = testApi({}, session);
    await api.value('store.open', { file: api.file(root, 'store') });
    const events: ApiEvent[] = [];
    const watcher = new ChangeWatcher(session, (event) => events.push(event));
    watcher.start();
    try {
      // The first tick only notes the token.
      await new Promise((resolve) => setTimeout(resolve, 450));
      expect(events).toEqual([]);
      rewriteTable(join(root, 'micro', 'legacy.db'), ['new/1', 'new/2'], 99);
      expect(await waitFor(events, 'store-changed')).toMatchObject({ type: 'store-changed', latestChange: 0 });
      const page = await api.value<{ records: { key: string }[] }>('records.page', {
        database: 'micro',
        table: 'legacy',
      });
      expect(page.records.map((record) => record.key)).toEqual(['new/1', 'new/2']);
      expect(await api.value('store.databases')).toContainEqual({
        database: 'micro',
        tables: [
          { table: 'empty', count: 0, expired: 0 },
          { table: 'legacy', count: 2, expired: 0 },
          { table: 'users', count: 6, expired: 1 },
        ],
      });
    } finally {
      watcher.stop();
      await session.close();
    }
  });
});
