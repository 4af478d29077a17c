/**
 * records.page with a sort (docs/renderer.md, "Sorting"): the composite cursor crosses the contract as
 * `nextSort` → `afterSort`, and a backend that does not list the column in capabilities.sortable refuses
 * the sort as data instead of answering in key order.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openBackend } from '../../electron/api/open-backend.js';
import { StoreSession } from '../../electron/api/store-session.js';
import { createSqliteStore } from '../../electron/store/index.js';
import { openDatabase } from '../../electron/store/sqlite-driver.js';
import { type ApiClient, apiClient, base64 } from '../helpers/api-client.js';
import { tempDirForTest } from '../helpers/files.js';

const NS = { database: 'micro', table: 'micro' };
const open: ApiClient[] = [];
afterEach(async () => {
  for (const client of open.splice(0)) await client.session.close();
});

async function withStore(session = new StoreSession(false, { threads: 'main' })) {
  const api = apiClient(session);
  open.push(api);
  await api.value('store.create', { file: api.file(join(tempDirForTest(), 'store.db'), 'write') });
  for (const [key, size] of [
    ['a', 3],
    ['b', 1],
    ['c', 3],
    ['d', 2],
    ['e', 0],
  ] as const) {
    await api.value('record.write', { ...NS, key, value: base64('x'.repeat(size)), expectedRevision: null });
  }
  return api;
}

/** Notes in `asked` each column the open store's writer is asked to index for (the call still runs). */
function noteAsks(api: ApiClient, asked: string[]): void {
  const store = api.session.store;
  if (store === undefined || !('indexForSort' in store)) throw new Error('no SQLite store is open');
  const indexForSort = store.indexForSort.bind(store);
  store.indexForSort = (column) => {
    asked.push(column);
    return indexForSort(column);
  };
}

describe('records.page sorted', () => {
  it("builds a column's sort index when a page is first sorted by it, and not before", async () => {
    const api = await withStore();
    const path = api.session.path ?? '';
    const indexes = () => {
      const db = openDatabase(path, { readonly: true });
      const sql = "SELECT name FROM sqlite_schema WHERE type = 'index' AND name IN (?, ?, ?) ORDER BY name";
      const names = db.prepare(sql).pluck().all('records_by_size', 'records_by_updated', 'records_never_expire');
      db.close();
      return names;
    };
    expect(indexes()).toEqual([]);
    await api.value('records.page', { ...NS, sort: 'updated', order: 'asc', limit: 2 });
    await expect.poll(indexes).toEqual(['records_by_updated']);
  });

  it('pages by size both ways, carrying the size with the key', async () => {
    const api = await withStore();
    const first = await api.value('records.page', { ...NS, sort: 'size', order: 'desc', limit: 2 });
    expect(first.records.map((record) => record.key)).toEqual(['c', 'a']);
    expect(first).toMatchObject({ next: 'a', nextSort: 3 });
    const rest = await api.value('records.page', {
      ...NS,
      sort: 'size',
      order: 'desc',
      after: first.next ?? '',
      afterSort: first.nextSort ?? null,
    });
    expect(rest.records.map((record) => record.key)).toEqual(['d', 'b', 'e']);
    expect(rest).toEqual(expect.not.objectContaining({ nextSort: expect.anything() }));
  });

  it('refuses a size cursor without its size, and a sort the backend cannot do', async () => {
    const api = await withStore();
    const missing = await api.error('records.page', { ...NS, sort: 'size', after: 'a' });
    expect(missing).toMatchObject({ code: 'invalid-argument' });
    expect(missing.message).toMatch(/afterSort/);

    const keyOnly = new StoreSession(false, {
      threads: 'main',
      openBackend: async (target, options) => {
        const opened = await openBackend(target, options);
        const { sortable: _all, ...capabilities } = opened.backend.capabilities;
        return { ...opened, backend: { ...opened.backend, kind: 'redis', capabilities } };
      },
    });
    const redisLike = await withStore(keyOnly);
    const refused = await redisLike.error('records.page', { ...NS, sort: 'updated' });
    expect(refused.message).toMatch(/cannot sort by updated/);
    expect((await redisLike.value('records.page', { ...NS, sort: 'key' })).records).toHaveLength(5);
  });

  it("asks the store for a column's sort index once per open store, not before every sorted page", async () => {
    const api = await withStore();
    const asked: string[] = [];
    noteAsks(api, asked);
    const sorted = { ...NS, sort: 'size', order: 'desc', limit: 2 } as const;
    const first = await api.value('records.page', sorted);
    await api.value('records.page', { ...sorted, after: first.next ?? '', afterSort: first.nextSort ?? null });
    await api.value('records.page', sorted);
    await api.value('records.page', { ...NS, sort: 'expiry', limit: 2 });
    await api.value('records.page', { ...NS, sort: 'key', limit: 2 });
    expect(asked).toEqual(['size', 'expiry']);

    // The same file opened again is another store: it asks again (and hears the index is there).
    await api.value('store.reopen', { readOnly: false });
    noteAsks(api, asked);
    await api.value('records.page', sorted);
    await api.value('records.page', sorted);
    expect(asked).toEqual(['size', 'expiry', 'size']);
  });

  it('still knows its sort indexes after another program writes records, and asks again once one is dropped', async () => {
    const api = await withStore();
    const path = api.session.path ?? '';
    const asked: string[] = [];
    noteAsks(api, asked);
    const sorted = { ...NS, sort: 'size', order: 'desc', limit: 2 } as const;
    await api.value('records.page', sorted);
    expect(asked).toEqual(['size']);

    // Records written by another program change no index: the next sorted pages do not ask, though the
    // change token (which the window polls) moved.
    const watching = api.session.backend?.watching;
    if (watching?.mode !== 'polling') throw new Error('the SQLite store is polled for changes');
    const before = await watching.changeToken(NS);
    const other = createSqliteStore({ path });
    await other.write({ key: 'f', value: 'from another program' });
    await other.close();
    expect(await watching.changeToken(NS)).not.toBe(before);
    await api.value('records.page', sorted);
    await api.value('records.page', sorted);
    expect(asked).toEqual(['size']);

    // Another program drops the index: the next sorted page asks, and it is built again.
    const db = openDatabase(path);
    db.exec('DROP INDEX records_by_size');
    db.close();
    await api.value('records.page', sorted);
    await api.value('records.page', sorted);
    expect(asked).toEqual(['size', 'size']);
    const rebuilt = openDatabase(path, { readonly: true });
    const sql = "SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = 'records_by_size'";
    expect(rebuilt.prepare(sql).pluck().get()).toBe(1);
    rebuilt.close();
  });
});
