/**
 * The grid's window over a real store sorted by size and expiry (docs/renderer.md, "Sorting"): scrolled
 * far into the middle it walks there (no key to estimate), scrolled back it pages backwards with the
 * composite cursor, and every row it shows is the row the sort puts there.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreSession } from '../../electron/api/store-session.js';
import { compareKeys } from '../../electron/common/key-order.js';
import { createSqliteStore } from '../../electron/store/index.js';
import type { ApiClient as PageClient } from '../../renderer/src/api/api-client.js';
import { nextSort } from '../../renderer/src/grid/column-sort.js';
import { queryKey, type RecordQuery } from '../../renderer/src/grid/record-query.js';
import { rowAt } from '../../renderer/src/grid/record-window.js';
import { RecordWindowLoader } from '../../renderer/src/grid/record-window-loader.js';
import { type ApiClient, apiClient } from '../helpers/api-client.js';
import { tempDirForTest } from '../helpers/files.js';

const NS = { database: 'micro', table: 'micro' };
const TOTAL = 4_000;
const open: ApiClient[] = [];
afterEach(async () => {
  for (const client of open.splice(0)) await client.session.close();
});

async function sortedStore() {
  const path = join(tempDirForTest(), 'store.db');
  const store = createSqliteStore({ path });
  const records = Array.from({ length: TOTAL }, (_, index) => ({
    key: `k/${String((index * 7919) % TOTAL).padStart(5, '0')}`,
    value: 'x'.repeat(index % 97),
    // A third never expire; the rest in one of 50 lives, so expiries tie and fall back to the key.
    expiry: index % 3 === 0 ? 0 : 3_600_000 + (index % 50) * 1_000,
  }));
  await store.writeMany(NS, records);
  await store.close();
  const api = apiClient(new StoreSession(false, { threads: 'main' }));
  open.push(api);
  await api.value('store.open', { file: api.file(path, 'store') });
  const client = {
    call: (name: string, arg: unknown) => api.value(name as never, arg as never),
  } as unknown as PageClient;
  return { api, client };
}

async function settled(loader: RecordWindowLoader) {
  for (let wait = 0; wait < 2_000; wait++) {
    const snapshot = loader.getSnapshot();
    if (!snapshot.loading && !snapshot.counting) return snapshot;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('the window never settled');
}

describe('a sorted record window', () => {
  it('shows every row where the sort puts it, far into the middle and back', async () => {
    const { api, client } = await sortedStore();
    const all = (
      await Promise.all(
        [0, 1, 2, 3].map(async (part) => {
          const page = await api.value('records.page', { ...NS, filter: { prefix: `k/0${part}` }, limit: 1_000 });
          return page.records;
        }),
      )
    ).flat();
    expect(all).toHaveLength(TOTAL);
    const bySizeDesc = [...all].sort((a, b) => b.size - a.size || compareKeys(b.key, a.key)).map((r) => r.key);

    const loader = new RecordWindowLoader(client);
    const query: RecordQuery = { ...NS, filter: {}, order: 'desc', sort: 'size' };
    loader.setQuery(query);
    loader.setVisible(0, 30);
    let snapshot = await settled(loader);
    expect(snapshot.total).toBe(TOTAL);
    expect(rowAt(snapshot.window, 0)?.key).toBe(bySizeDesc[0]);

    loader.setVisible(2_600, 2_630);
    snapshot = await settled(loader);
    for (const index of [2_600, 2_615, 2_630]) expect(rowAt(snapshot.window, index)?.key).toBe(bySizeDesc[index]);
    expect(snapshot.window.estimated).toBeFalsy();

    loader.setVisible(10, 40);
    snapshot = await settled(loader);
    for (const index of [10, 25, 40]) expect(rowAt(snapshot.window, index)?.key).toBe(bySizeDesc[index]);

    loader.setVisible(TOTAL - 20, TOTAL - 1);
    snapshot = await settled(loader);
    expect(rowAt(snapshot.window, TOTAL - 1)?.key).toBe(bySizeDesc.at(-1));
  });

  it('sorts by expiry with the records that never expire last, and a sort is part of the query', async () => {
    const { client } = await sortedStore();
    const loader = new RecordWindowLoader(client);
    loader.setQuery({ ...NS, filter: {}, order: 'asc', sort: 'expiry' });
    loader.setVisible(TOTAL - 30, TOTAL - 1);
    const snapshot = await settled(loader);
    const tail = [TOTAL - 30, TOTAL - 1].map((index) => rowAt(snapshot.window, index));
    expect(tail.every((record) => record?.expiresAt === null)).toBe(true);
    expect(nextSort({ column: 'expiry', order: 'asc' }, 'expiry')).toEqual({ column: 'expiry', order: 'desc' });
    expect(nextSort({ column: 'expiry', order: 'desc' }, 'size')).toEqual({ column: 'size', order: 'asc' });
    expect(queryKey({ ...NS, filter: {}, order: 'asc' })).not.toBe(
      queryKey({ ...NS, filter: {}, order: 'asc', sort: 'size' }),
    );
  });
});
