/**
 * store.search (docs/metadata-queries.md, "Value contains"): the whole store's key and value hits in one call, a few
 * tables at a time on the store's threads, with progress events, stopped by task.cancel.
 */
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ApiEvent } from '../../electron/api/contract/events.js';
import { createDispatch } from '../../electron/api/dispatch.js';
import { FileGrants } from '../../electron/api/file-grants.js';
import { createHandlers } from '../../electron/api/handlers.js';
import { StoreSession } from '../../electron/api/store-session.js';
import { createSqliteStore } from '../../electron/store/index.js';
import { tempDirForTest } from '../helpers/files.js';

async function searchable(tables: Record<string, { key: string; value: string }[]>) {
  const path = join(tempDirForTest(), 'store.db');
  const writer = createSqliteStore({ path });
  for (const [name, records] of Object.entries(tables)) {
    const [database = '', table = ''] = name.split('/');
    await writer.createTable({ database, table });
    await writer.writeMany({ database, table }, records);
  }
  await writer.close();
  const session = new StoreSession();
  const grants = new FileGrants();
  const events: ApiEvent[] = [];
  const dispatch = createDispatch(createHandlers(session, { grants, emit: (event) => events.push(event) }));
  onTestFinished(() => session.close());
  const opened = await dispatch('store.open', { file: grants.grant(path, 'store').id });
  if (!opened.ok) throw new Error(opened.error.message);
  return { dispatch, events };
}

const ns = (name: string) => {
  const [database = '', table = ''] = name.split('/');
  return { database, table };
};

describe('store.search', () => {
  it('counts keys and values holding the text, ignoring case, in the tables given, in their order', async () => {
    const { dispatch, events } = await searchable({
      'micro/users': [
        { key: 'user/1', value: '{"city":"London"}' },
        { key: 'user/2', value: '{"city":"london town"}' },
        { key: 'user/3', value: '{"city":"Helsinki"}' },
      ],
      'shop/orders': [
        { key: 'order/london-1', value: 'ship to LONDON' },
        { key: 'order/2', value: 'ship to Paris' },
      ],
      'shop/empty': [],
      'shop/paris': [{ key: 'p/1', value: 'Paris' }],
    });
    const tables = ['shop/orders', 'shop/empty', 'shop/paris', 'micro/users'].map(ns);
    const result = await dispatch('store.search', { taskId: 's-1', text: 'London', tables });
    expect(result).toEqual({
      ok: true,
      value: {
        tables: [
          { database: 'shop', table: 'orders', keys: 1, values: 1 },
          { database: 'micro', table: 'users', keys: 0, values: 2 },
        ],
      },
    });
    const progress = events.filter((event) => event.type === 'progress' && event.task === 's-1');
    expect(progress.at(-1)).toEqual({ type: 'progress', task: 's-1', done: 4, total: 4 });

    // Counts stop at the limit: enough to tell a few hits from many.
    const capped = await dispatch('store.search', { taskId: 's-2', text: 'user/', tables, limit: 2 });
    expect(capped).toEqual({
      ok: true,
      value: { tables: [{ database: 'micro', table: 'users', keys: 2, values: 0 }] },
    });
  });

  it('stops when its task is cancelled (the user typed on), answering cancelled', async () => {
    const names = Array.from({ length: 40 }, (_, index) => `db/t${index}`);
    const { dispatch, events } = await searchable(
      Object.fromEntries(names.map((name) => [name, [{ key: `${name}/k`, value: 'needle' }]])),
    );
    const searching = dispatch('store.search', { taskId: 's-3', text: 'needle', tables: names.map(ns) });
    expect(await dispatch('task.cancel', { taskId: 's-3' })).toEqual({ ok: true, value: { cancelled: true } });
    const result = await searching;
    expect(result.ok ? undefined : result.error.code).toBe('cancelled');
    const done = events.flatMap((event) => (event.type === 'progress' && event.task === 's-3' ? [event.done] : []));
    expect(Math.max(0, ...done)).toBeLessThan(names.length);

    // The next search runs to its end.
    const again = await dispatch('store.search', { taskId: 's-4', text: 'needle', tables: names.slice(0, 3).map(ns) });
    expect(again).toMatchObject({ ok: true, value: { tables: { length: 3 } } });
  });

  it('answers no tables for none given, and no-store with nothing open', async () => {
    const { dispatch } = await searchable({});
    expect(await dispatch('store.search', { taskId: 's-5', text: 'x', tables: [] })).toEqual({
      ok: true,
      value: { tables: [] },
    });
    const closed = createDispatch(createHandlers(new StoreSession()));
    const refused = await closed('store.search', { taskId: 's-6', text: 'x', tables: [ns('a/b')] });
    expect(refused.ok ? undefined : refused.error.code).toBe('no-store');
  });
});
