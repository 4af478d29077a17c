import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConnectionString, type ServerTarget } from '../../electron/backends/connection-string.js';
import { openRedisBackend, type RedisBackend } from '../../electron/backends/redis/redis-backend.js';
import { revisionOf } from '../../electron/backends/redis/redis-scripts.js';
import { RefusedError } from '../../electron/common/backend-refusals.js';
import { compareKeys } from '../../electron/store/key-order.js';
import { ConflictError } from '../../electron/store/record-detail.js';
import { NotFoundError, StoreInputError } from '../../electron/store/types.js';
import { REDIS_URL, randomTable, rawClient, removeTable } from './redis-fixture.js';
import { REDIS, serverAvailable } from './server-available.js';

const reachable = await serverAvailable(REDIS);
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe.skipIf(!reachable)('RedisBackend', () => {
  let client: Redis;
  let backend: RedisBackend;
  let table: string;
  const ns = () => ({ database: 'micro', table });

  beforeAll(async () => {
    client = rawClient();
    backend = await openRedisBackend(parseConnectionString(REDIS_URL) as ServerTarget);
  });
  afterAll(async () => {
    await backend?.close();
    await client?.quit();
  });
  beforeEach(() => {
    table = randomTable();
  });
  afterEach(async () => {
    await removeTable(client, table);
  });

  it("pages what a go-micro service wrote, in Go's byte order, by keyset and in both directions", async () => {
    const keys = ['b', 'B', 'a', 'a*', 'a?', 'é', 'e', 'z', '😀', '\uffff', 'Z', '~'];
    for (const key of keys) await client.set(`${table}${key}`, `value of ${key}`);
    await client.set(`${table}e`, Buffer.from([0, 1, 255]), 'EX', 60);
    const sorted = [...keys].sort(compareKeys);
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await backend.reading.page(ns(), { filter: {}, order: 'asc', after, limit: 5 });
      seen.push(...page.records.map((row) => row.key));
      after = page.next ?? undefined;
    } while (after !== undefined);
    expect(seen).toEqual(sorted);
    const desc = await backend.reading.page(ns(), { filter: {}, order: 'desc', after: 'b', limit: 3 });
    expect(desc.records.map((row) => row.key)).toEqual(['a?', 'a*', 'a']);
    const detail = await backend.reading.inspect(ns(), 'e', 1024);
    expect([...detail.value]).toEqual([0, 1, 255]);
    expect(detail.metadata).toEqual({});
    expect(detail.expiresAt).toBeGreaterThan(Date.now() + 55_000);
    expect(await backend.reading.count(ns(), {})).toBe(keys.length);
  });

  it('filters by literal prefix, suffix, contains and expiry', async () => {
    for (const key of ['a*1', 'a*2', 'ab', 'xa*', 'x1']) await client.set(`${table}${key}`, key);
    await client.set(`${table}t1`, 'ttl', 'PX', 5_000);
    await client.set(`${table}t2`, 'ttl', 'EX', 600);
    const keysOf = async (filter: object) =>
      (await backend.reading.page(ns(), { filter, order: 'asc', limit: 50 })).records.map((row) => row.key);
    expect(await keysOf({ prefix: 'a*' })).toEqual(['a*1', 'a*2']);
    expect(await keysOf({ suffix: '1' })).toEqual(['a*1', 't1', 'x1']);
    expect(await keysOf({ contains: '*' })).toEqual(['a*1', 'a*2', 'xa*']);
    expect(await keysOf({ expiry: 'has-ttl' })).toEqual(['t1', 't2']);
    expect(await keysOf({ expiry: 'has-ttl', expiringWithinMs: 60_000 })).toEqual(['t1']);
    expect(await keysOf({ expiry: 'no-ttl', prefix: 'x' })).toEqual(['x1', 'xa*']);
    expect(await keysOf({ expiry: 'expired' })).toEqual([]);
    expect(await backend.reading.count(ns(), { expiry: 'has-ttl' })).toBe(2);
    expect(await backend.reading.count(ns(), {}, { before: 't1' })).toBe(3);
    expect(await backend.reading.count(ns(), { prefix: 'a' }, { limit: 2 })).toBe(2);
  });

  it('writes in go-micro layout: raw bytes, EX for whole seconds, and reads the record back exactly', async () => {
    const report = await backend.editing.writeMany(ns(), [
      { key: 'bin', value: new Uint8Array([0, 159, 146, 150]), expiry: 120_000 },
      { key: 'plain', value: 'hello' },
    ]);
    expect(report).toEqual({ written: 2, overwritten: 0, skipped: 0 });
    expect(await client.getBuffer(`${table}bin`)).toEqual(Buffer.from([0, 159, 146, 150]));
    expect(await client.ttl(`${table}bin`)).toBe(120);
    expect(await client.get(`${table}plain`)).toBe('hello');
    expect(await client.pttl(`${table}plain`)).toBe(-1);
    const [record] = await backend.reading.recordsByKey(ns(), ['bin', 'missing']);
    expect(record?.key).toBe('bin');
    expect([...(record?.value ?? [])]).toEqual([0, 159, 146, 150]);
    // Our own write is in the snapshot at once.
    const page = await backend.reading.page(ns(), { filter: {}, order: 'asc', limit: 10 });
    expect(page.records.map((row) => row.key)).toEqual(['bin', 'plain']);
  });

  it('refuses a write carrying metadata with the one wording, writing nothing of the batch', async () => {
    const batch = backend.editing.writeMany(ns(), [
      { key: 'first', value: 'v' },
      { key: 'second', value: 'v', metadata: { owner: 'x' } },
    ]);
    await expect(batch).rejects.toBeInstanceOf(RefusedError);
    await expect(batch).rejects.toThrow('Redis keeps no metadata: nothing was written');
    const single = backend.editing.writeIfUnchanged(ns(), { key: 'k', value: 'v', metadata: { a: 1 } }, null);
    await expect(single).rejects.toThrow('Redis keeps no metadata');
    expect(await client.exists(`${table}first`, `${table}k`)).toBe(0);
    // An empty metadata map is no metadata: it is written.
    await backend.editing.writeIfUnchanged(ns(), { key: 'k', value: 'v', metadata: {} }, null);
    expect(await client.get(`${table}k`)).toBe('v');
  });

  it('detects an edit conflict: a service wrote between open and save; nothing of ours is written', async () => {
    await client.set(`${table}doc`, 'v1');
    const opened = await backend.reading.inspect(ns(), 'doc', 1024);
    const saved = await backend.editing.writeIfUnchanged(ns(), { key: 'doc', value: 'v2' }, opened.revision);
    expect(await client.get(`${table}doc`)).toBe('v2');
    expect(saved).not.toBe(opened.revision);
    expect((await backend.reading.inspect(ns(), 'doc', 1024)).revision).toBe(saved);
    await client.set(`${table}doc`, 'from the service');
    const stale = backend.editing.writeIfUnchanged(ns(), { key: 'doc', value: 'mine' }, saved);
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    const conflict = (await stale.catch((error: unknown) => error)) as ConflictError;
    expect(text(conflict.current?.value ?? new Uint8Array())).toBe('from the service');
    expect(await client.get(`${table}doc`)).toBe('from the service');
    // A TTL set by the service moves the revision too; a key created meanwhile conflicts with "must be new".
    const current = conflict.current?.revision ?? null;
    await client.pexpire(`${table}doc`, 60_000);
    // The revision is sha1(value):PEXPIRETIME, the absolute expiry written out whole (no 1.7e+12).
    const withTtl = await backend.reading.inspect(ns(), 'doc', 1024);
    const expiresAt = await client.pexpiretime(`${table}doc`);
    expect(withTtl.revision).toBe(revisionOf(Buffer.from('from the service'), expiresAt));
    expect(withTtl.expiresAt).toBe(expiresAt);
    await expect(backend.editing.writeIfUnchanged(ns(), { key: 'doc', value: 'x' }, current)).rejects.toBeInstanceOf(
      ConflictError,
    );
    await client.set(`${table}new`, 'raced');
    await expect(backend.editing.writeIfUnchanged(ns(), { key: 'new', value: 'x' }, null)).rejects.toBeInstanceOf(
      ConflictError,
    );
    await client.del(`${table}doc`);
    const deleted = backend.editing.writeIfUnchanged(ns(), { key: 'doc', value: 'x' }, saved);
    await expect(deleted).rejects.toThrow('deleted since it was opened');
  });

  it('gives page rows the revision the editor and the save check give the same bytes, short or long', async () => {
    const values: Record<string, string> = {
      empty: '',
      short: 'a short value',
      // PREVIEW_BYTES exactly: the head came back whole, yet nothing says the value ends there.
      head: 'h'.repeat(256),
      long: `${'l'.repeat(5_000)}tail`,
    };
    for (const [key, value] of Object.entries(values)) await client.set(`${table}${key}`, value);
    await client.pexpire(`${table}short`, 60_000);
    const page = await backend.reading.page(ns(), { filter: {}, order: 'asc', limit: 10 });
    expect(page.records.map((row) => [row.key, row.size, row.preview.length])).toEqual([
      ['empty', 0, 0],
      ['head', 256, 256],
      ['long', 5_004, 256],
      ['short', 13, 13],
    ]);
    for (const row of page.records) {
      const value = Buffer.from(values[row.key] ?? '');
      expect(row.revision).toBe(revisionOf(value, await client.pexpiretime(`${table}${row.key}`)));
      expect(row.revision).toBe((await backend.reading.inspect(ns(), row.key, 0)).revision);
      await backend.editing.writeIfUnchanged(ns(), { key: row.key, value: 'saved' }, row.revision);
      expect(await client.get(`${table}${row.key}`)).toBe('saved');
    }
  });

  it('refuses a save over a page row another client changed since, however little and wherever', async () => {
    await client.set(`${table}short`, 'version 1');
    await client.set(`${table}long`, `${'x'.repeat(5_000)}1`);
    await client.set(`${table}ttl`, 'same bytes');
    const rows = (await backend.reading.page(ns(), { filter: {}, order: 'asc', limit: 10 })).records;
    const seen = new Map(rows.map((row) => [row.key, row.revision]));
    // Same length, one byte apart; the long one past what the page read of it; the third only its expiry.
    await client.set(`${table}short`, 'version 2');
    await client.set(`${table}long`, `${'x'.repeat(5_000)}2`);
    await client.pexpire(`${table}ttl`, 60_000);
    for (const key of ['short', 'long', 'ttl']) {
      const save = backend.editing.writeIfUnchanged(ns(), { key, value: 'mine' }, seen.get(key) ?? null);
      await expect(save).rejects.toBeInstanceOf(ConflictError);
    }
    expect(await client.get(`${table}short`)).toBe('version 2');
    expect(await client.get(`${table}long`)).toBe(`${'x'.repeat(5_000)}2`);
    expect(await client.get(`${table}ttl`)).toBe('same bytes');
  });

  it('finds a value filter past the first bytes, and leaves keys of other types out as go-micro does', async () => {
    await client.set(`${table}a`, `${'-'.repeat(1_000)}needle`);
    await client.set(`${table}b`, 'no match', 'EX', 600);
    await client.hset(`${table}hash`, 'field', 'needle');
    await client.rpush(`${table}list`, 'needle');
    const page = async (filter: object) =>
      (await backend.reading.page(ns(), { filter, order: 'asc', limit: 10 })).records;
    const found = await page({ valueContains: 'needle' });
    expect(found.map((row) => [row.key, row.size, row.preview.length])).toEqual([['a', 1_006, 256]]);
    expect(found[0]?.revision).toBe((await backend.reading.inspect(ns(), 'a', 0)).revision);
    expect((await page({})).map((row) => row.key)).toEqual(['a', 'b']);
    expect(await backend.reading.count(ns(), { expiry: 'no-ttl' })).toBe(1);
    expect(await backend.reading.count(ns(), { expiry: 'has-ttl' })).toBe(1);
    expect(await backend.reading.count(ns(), { valueContains: 'needle' })).toBe(1);
    await expect(backend.reading.inspect(ns(), 'hash', 10)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('skips or fails on existing keys as asked, the failing batch writing nothing', async () => {
    await client.set(`${table}taken`, 'old');
    const skipped = await backend.editing.writeMany(
      ns(),
      [
        { key: 'taken', value: 'new' },
        { key: 'free', value: 'new' },
      ],
      'skip',
    );
    expect(skipped).toEqual({ written: 1, overwritten: 0, skipped: 1 });
    const failing = backend.editing.writeMany(
      ns(),
      [
        { key: 'other', value: 'new' },
        { key: 'taken', value: 'new' },
      ],
      'fail',
    );
    await expect(failing).rejects.toBeInstanceOf(StoreInputError);
    expect(await client.exists(`${table}other`)).toBe(0);
    expect(await client.get(`${table}taken`)).toBe('old');
  });

  it('deletes, sets expiry, renames and duplicates', async () => {
    for (const key of ['a1', 'a2', 'b1', 'b2', 'c']) await client.set(`${table}${key}`, key);
    expect(await backend.editing.deleteMany(ns(), ['a1', 'missing'])).toBe(1);
    expect(await backend.editing.deleteMatching(ns(), { prefix: 'a' })).toBe(1);
    expect(await client.exists(`${table}a1`, `${table}a2`)).toBe(0);
    const setExpiry = backend.editing.setExpiry;
    expect(await setExpiry?.(ns(), ['b1', 'missing'], { ttl: 30_000 })).toBe(1);
    expect(await client.pttl(`${table}b1`)).toBeGreaterThan(29_000);
    expect(await setExpiry?.(ns(), ['b1'], { none: true })).toBe(1);
    expect(await client.pttl(`${table}b1`)).toBe(-1);
    await backend.editing.rename(ns(), 'b1', 'renamed');
    expect(await client.get(`${table}renamed`)).toBe('b1');
    await expect(backend.editing.rename(ns(), 'renamed', 'b2')).rejects.toThrow('already exists');
    await expect(backend.editing.rename(ns(), 'gone', 'x')).rejects.toBeInstanceOf(NotFoundError);
    await backend.editing.duplicate(ns(), 'c', 'c copy');
    expect(await client.get(`${table}c copy`)).toBe('c');
    await expect(backend.editing.duplicate(ns(), 'c', 'b2')).rejects.toThrow('already exists');
    const page = await backend.reading.page(ns(), { filter: {}, order: 'asc', limit: 10 });
    expect(page.records.map((row) => row.key)).toEqual(['b2', 'c', 'c copy', 'renamed']);
  });

  it('leaves keys that are not go-micro records alone on every delete, expiry, rename and duplicate', async () => {
    await client.set(`${table}a1`, 'a1');
    await client.hset(`${table}a hash`, 'f', 'v');
    await client.rpush(`${table}a list`, 'x');
    await client.sadd(`${table}b set`, 'm');
    expect(await backend.editing.deleteMany(ns(), ['a hash'])).toBe(0);
    await expect(
      backend.editing.writeMany(ns(), [
        { key: 'new', value: 'n' },
        { key: 'a hash', value: 'x' },
      ]),
    ).rejects.toThrow('key "a hash" holds a Redis value of another type than a string, not a go-micro record');
    expect(await backend.editing.deleteMany(ns(), ['a1', 'a list', 'b set'])).toBe(1);
    await client.set(`${table}a2`, 'a2');
    expect(await backend.editing.deleteMatching(ns(), { prefix: 'a' })).toBe(1);
    expect(await backend.editing.deleteMatching(ns(), {})).toBe(0);
    await expect(backend.editing.rename(ns(), 'a hash', 'moved')).rejects.toBeInstanceOf(NotFoundError);
    await expect(backend.editing.duplicate(ns(), 'a hash', 'copied')).rejects.toBeInstanceOf(NotFoundError);
    expect(await backend.editing.setExpiry?.(ns(), ['a hash', 'a list'], { ttl: 1 })).toBe(0);
    await client.set(`${table}c`, 'c');
    expect(await backend.editing.setExpiry?.(ns(), ['c', 'b set'], { at: Date.now() + 60_000 })).toBe(1);
    expect(await backend.editing.setExpiry?.(ns(), ['c', 'b set'], { none: true })).toBe(1);
    await expect(backend.editing.rename(ns(), 'c', 'b set')).rejects.toThrow('already exists');
    await expect(backend.editing.duplicate(ns(), 'c', 'b set')).rejects.toThrow('already exists');
    expect(await client.hget(`${table}a hash`, 'f')).toBe('v');
    expect(await client.lrange(`${table}a list`, 0, -1)).toEqual(['x']);
    expect(await client.smembers(`${table}b set`)).toEqual(['m']);
    expect(await client.exists(`${table}moved`, `${table}a2`, `${table}copied`, `${table}new`)).toBe(0);
    expect(await client.pttl(`${table}a hash`)).toBe(-1);
    expect(await client.get(`${table}c`)).toBe('c');
  });

  it('declares what Redis cannot do and reads values in slices', async () => {
    expect(backend.capabilities).toMatchObject({ metadata: false, listsTables: false, cheapCount: false });
    await client.set(`${table}big`, 'abcdefghij');
    expect(text(await backend.reading.readValue(ns(), 'big', 2, 3))).toBe('cde');
    await expect(backend.reading.readValue(ns(), 'none', 0, 3)).rejects.toBeInstanceOf(NotFoundError);
    await backend.editing.createTable(ns());
    await client.set(`${table}small`, 'x');
    const suggestions = await backend.suggestTables(100_000);
    expect(suggestions.some(({ prefix }) => table.startsWith(prefix) || prefix.startsWith(table))).toBe(true);
  });
});
