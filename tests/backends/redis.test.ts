import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { scanSortedKeys } from '../../electron/backends/redis/redis-key-scan.js';
import { readRecords, readRedisPage, writeRedisRecord } from '../../electron/backends/redis/redis-records.js';
import { RefusedError } from '../../electron/common/backend-refusals.js';
import { compareKeys } from '../../electron/store/key-order.js';
import { REDIS, serverAvailable } from './server-available.js';

const reachable = await serverAvailable(REDIS);

describe.skipIf(!reachable)("Redis in go-micro's layout", () => {
  let client: Redis;
  let table: string;

  beforeAll(() => {
    client = new Redis('redis://127.0.0.1:6379/0', { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    await client?.quit();
  });
  beforeEach(() => {
    // A table name holding glob characters proves they are escaped in MATCH.
    table = `si_test_${randomBytes(4).toString('hex')}[*]`;
  });
  afterEach(async () => {
    const keys = await scanSortedKeys(client, table);
    if (keys.length > 0) await client.del(...keys.map((key) => `${table}${key}`));
  });

  it("reads back exactly what go-micro's Write stored: raw bytes, the key's TTL", async () => {
    const binary = Buffer.from([0, 255, 10, 128]);
    // go-redis Set(key, value, 30*time.Second) sends EX 30; Set(…, 0) no expiry.
    await client.set(`${table}user/1`, binary, 'EX', 30);
    await client.set(`${table}user/ü`, 'plain');
    await client.set(`other${table}user/2`, 'not ours');
    const keys = await scanSortedKeys(client, table);
    expect(keys).toEqual(['user/1', 'user/ü']);
    const records = await readRecords(client, table, keys);
    expect(records[0]?.value).toEqual(new Uint8Array(binary));
    expect(records[0]?.expiry).toBeGreaterThan(29_000);
    expect(records[1]).toEqual({ key: 'user/ü', value: new Uint8Array(Buffer.from('plain')), metadata: {}, expiry: 0 });
    await client.del(`other${table}user/2`);
  });

  it('writes what go-micro reads: SET <table><key> with PX, and refuses metadata with its reason', async () => {
    await writeRedisRecord(client, table, { key: 'k', value: new Uint8Array([1, 2]), expiry: 1_500 });
    await writeRedisRecord(client, table, { key: 'n', value: 'v' });
    expect(await client.getBuffer(`${table}k`)).toEqual(Buffer.from([1, 2]));
    const pttl = await client.pttl(`${table}k`);
    expect(pttl).toBeGreaterThan(1_000);
    expect(pttl).toBeLessThanOrEqual(1_500);
    expect(await client.pttl(`${table}n`)).toBe(-1);
    const refused = writeRedisRecord(client, table, { key: 'm', value: 'v', metadata: { a: 1 } });
    await expect(refused).rejects.toBeInstanceOf(RefusedError);
    await expect(refused).rejects.toThrow('Redis keeps no metadata: nothing was written');
    expect(await client.exists(`${table}m`)).toBe(0);
  });

  it('pages in Go byte order of keys by keyset, prefix literal', async () => {
    const keys = ['b', 'B', 'a', 'a*', 'a?', 'é', 'e', 'z', '😀', 'Z', '~'];
    for (const key of keys) await writeRedisRecord(client, table, { key, value: key });
    const sorted = await scanSortedKeys(client, table);
    expect(sorted).toEqual([...keys].sort(compareKeys));
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await readRedisPage(
        client,
        table,
        sorted,
        { filter: {}, order: 'asc', after, limit: 4 },
        Date.now(),
      );
      seen.push(...page.records.map((row) => row.key));
      after = page.next ?? undefined;
    } while (after !== undefined);
    expect(seen).toEqual(sorted);
    expect(await scanSortedKeys(client, table, 'a*')).toEqual(['a*']);
  });
});
