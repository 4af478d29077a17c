/**
 * The command line on a Redis store: a key under the table's prefix that is not a go-micro record (any type
 * but a string) is not found for `read` and `delete` alike, and `delete` leaves it where it is.
 */
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REDIS_URL, randomTable, rawClient, removeTable } from '../backends/redis-fixture.js';
import { REDIS, serverAvailable } from '../backends/server-available.js';
import { runInProcess } from '../helpers/cli.js';

const reachable = await serverAvailable(REDIS);

describe.skipIf(!reachable)('the CLI on a Redis store', () => {
  let client: Redis;
  let table: string;
  const run = (command: string, ...rest: string[]) =>
    runInProcess([command, ...rest, '--store', REDIS_URL, '-t', table]);

  beforeAll(() => {
    client = rawClient();
  });
  afterAll(async () => {
    await client?.quit();
  });
  beforeEach(() => {
    table = randomTable();
  });
  afterEach(async () => {
    await removeTable(client, table);
  });

  it('delete: a hash under the prefix is not found and is kept; a record is deleted', async () => {
    await client.hset(`${table}hash`, 'f', 'v');
    await client.set(`${table}record`, 'value');
    expect(await run('read', 'hash')).toMatchObject({ status: 1, stderr: 'not found\n' });
    expect(await run('delete', 'hash')).toMatchObject({ status: 1, stderr: 'not found\n' });
    expect(await client.hget(`${table}hash`, 'f')).toBe('v');
    expect(await run('delete', 'record')).toMatchObject({ status: 0 });
    expect(await client.exists(`${table}record`)).toBe(0);
  });
});
