/**
 * A damaged table in a go-micro folder: the sidebar still lists every table (the damaged one with no
 * records), and reading the damaged one is an error that names the file, as data, never a crash.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureCopy, testApi } from './fixture-store.js';

describe('a go-micro folder with a truncated table file', () => {
  it('lists it with no records, and reading it reports corrupt-file naming the file', async () => {
    const root = fixtureCopy();
    const orders = join(root, 'service', 'orders.db');
    // The meta pages survive, the tree they point to does not.
    writeFileSync(orders, readFileSync(orders).subarray(0, 16_384));
    const api = testApi();
    await api.value('store.open', { file: api.file(root, 'store') });
    expect(await api.value('store.databases')).toContainEqual({
      database: 'service',
      tables: [{ table: 'orders', count: 0, expired: 0 }],
    });
    const page = await api.call('records.page', { database: 'service', table: 'orders' });
    expect(page).toMatchObject({ ok: false, error: { code: 'corrupt-file' } });
    if (!page.ok) expect(page.error.message).toContain('orders.db');
    // The other tables read as ever.
    const users = await api.value<{ records: unknown[] }>('records.page', { database: 'micro', table: 'users' });
    expect(users.records).toHaveLength(6);
  });

  it('a lone .db file that is not bbolt opens as whatever SQLite makes of it: refused as foreign', async () => {
    const root = fixtureCopy();
    const junk = join(root, 'micro', 'junk.db');
    writeFileSync(junk, 'not a database at all, just text');
    const result = await (() => {
      const api = testApi();
      return api.call('store.open', { file: api.file(junk, 'store') });
    })();
    expect(result).toMatchObject({ ok: false, error: { code: 'foreign-file' } });
  });
});
