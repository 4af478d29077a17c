/**
 * list and read -p on a database or table -d/-t name that does not exist: an error naming it (stderr, exit 1),
 * as `tables -d` gives; a table that exists but is empty still lists nothing with exit 0.
 */
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../electron/store/index.js';
import { cliOnFreshStore as cli } from '../helpers/cli.js';

describe('a table named with -d/-t that does not exist', () => {
  it('list: the missing database is named, with the ones there are', async () => {
    const { run, store } = cli();
    await run('write', 'a', 'v');
    const result = await run('list', '-d', 'nosuch', '-t', 'nosuch');
    expect(result).toEqual({
      status: 1,
      stdout: '',
      stderr: `database "nosuch" does not exist in ${store} (its databases: micro)\n`,
    });
  });

  it("list and read -p: the missing table is named, with its database's tables", async () => {
    const { run, store } = cli();
    await run('write', 'a', 'v', '-d', 'shop', '-t', 'orders');
    const message = `table "order" does not exist in database "shop" of ${store} (its tables: orders)\n`;
    expect(await run('list', '-d', 'shop', '-t', 'order')).toEqual({ status: 1, stdout: '', stderr: message });
    expect(await run('read', '-p', 'a', '-d', 'shop', '-t', 'order')).toEqual({
      status: 1,
      stdout: '',
      stderr: message,
    });
    expect(await run('list', '-d', 'shop', '-t', 'orders')).toEqual({ status: 0, stdout: 'a\n', stderr: '' });
  });

  it('an existing empty table lists nothing, exit 0', async () => {
    const { run, store } = cli();
    const library = createSqliteStore({ path: store });
    await library.createTable({ database: 'shop', table: 'empty' });
    await library.close();
    expect(await run('list', '-d', 'shop', '-t', 'empty')).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(await run('list', '-d', 'shop', '-t', 'empty', '--prefix', 'x')).toEqual({
      status: 0,
      stdout: '',
      stderr: '',
    });
  });

  it('without -d/-t, the default table lists nothing, exit 0, even when it was never made', async () => {
    const { run } = cli();
    await run('write', 'a', 'v', '-d', 'shop', '-t', 'orders');
    expect(await run('list')).toEqual({ status: 0, stdout: '', stderr: '' });
  });
});
