import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareKeys } from '../../electron/common/key-order.js';
import { BboltFile } from '../../electron/gomicro/bbolt-reader.js';
import { createGoMicroStore, type GoMicroEntry } from '../../electron/gomicro/gomicro-store.js';
import { NotFoundError } from '../../electron/store/types.js';

/** Files written by Go's bbolt 1.3.6 as go-micro's file store does (tests/fixtures/gomicro-file-store/README). */
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'gomicro-file-store');
/** Between the fixtures' 2020 and 2099 expiries. */
const NOW = Date.parse('2030-01-01T00:00:00Z');

interface Expected {
  database: string;
  table: string;
  key: string;
  value: string;
  metadata: Record<string, unknown>;
  expires?: string;
  expired: boolean;
}

const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Expected[];

function expectedFor(database: string, table: string): Expected[] {
  return expected.filter((r) => r.database === database && r.table === table);
}

function byteSorted(keys: string[]): string[] {
  return [...keys].sort(compareKeys);
}

function dbFiles(): string[] {
  return readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.db'))
    .map((f) => join(FIXTURES, f));
}

function hashes(): Map<string, string> {
  const map = new Map<string, string>();
  for (const file of dbFiles()) map.set(file, createHash('sha256').update(readFileSync(file)).digest('hex'));
  return map;
}

function store() {
  return createGoMicroStore({ path: FIXTURES, now: () => NOW });
}

describe('go-micro fixtures written by Go', () => {
  it('reads every record of expected.json back equal: key, value bytes, metadata, expiry, in byte order', async () => {
    const s = store();
    for (const [database, table] of [
      ['micro', 'users'],
      ['micro', 'legacy'],
      ['service', 'orders'],
    ] as const) {
      const want = expectedFor(database, table);
      const got = await s.entries({ database, table, includeExpired: true });
      expect(got.map((e) => e.key)).toEqual(byteSorted(want.map((r) => r.key)));
      got.forEach((entry, i) => {
        expectEntry(entry, want[i]);
      });
    }
  });

  it('hides expired records from read and list, and reports them to the inspector', async () => {
    const s = store();
    const live = expectedFor('service', 'orders').filter((r) => !r.expired);
    const keys = await s.list({ database: 'service', table: 'orders' });
    expect(keys).toEqual(byteSorted(live.map((r) => r.key)));
    const records = await s.read('', { database: 'service', table: 'orders', prefix: true });
    expect(records.map((r) => r.key)).toEqual(keys);
    await expect(s.read('ttl/past', { table: 'users' })).rejects.toBeInstanceOf(NotFoundError);
    const [past] = await s.entries({ table: 'users', prefix: 'ttl/past', includeExpired: true });
    expect(past).toMatchObject({
      key: 'ttl/past',
      expired: true,
      expiry: 0,
      expires: '2020-03-01T12:00:00.123456789Z',
    });
  });

  it('reads a record with an expiry written in a +01:00 zone as time left from the injected clock', async () => {
    const [record] = await store().read('ttl/future', { table: 'users' });
    const expiresAt = Date.parse('2099-06-01T08:30:00.987Z') + 0.654321;
    expect(record?.expiry).toBe(Math.ceil(expiresAt - NOW));
  });

  it('reads binary values, a null value, a unicode key and nested metadata exactly', async () => {
    const s = store();
    const [bin] = await s.read('bin', { table: 'users' });
    expect(Buffer.from(bin?.value ?? []).toString('base64')).toBe('AAEC//7DKA==');
    const [nil] = await s.read('nil-value', { table: 'users' });
    expect(nil?.value.length).toBe(0);
    const [uni] = await s.read('ключ/😀', { table: 'users' });
    expect(uni?.metadata).toEqual({ nested: { a: [1, 'x', null, true] } });
  });

  it('reads the legacy records (go-micro v2.5-v2.8, no Metadata field) with empty metadata', async () => {
    const records = await store().read('old/', { table: 'legacy', prefix: true });
    expect(records.map((r) => [r.key, Buffer.from(r.value).toString(), r.metadata, r.expiry])).toEqual([
      ['old/0', 'v0', {}, 0],
      ['old/1', 'v1', {}, 0],
      ['old/2', 'v2', {}, 0],
    ]);
  });

  it('treats a file without a data bucket as an empty table', async () => {
    const s = store();
    expect(await s.list({ table: 'empty' })).toEqual([]);
    expect(await s.read('', { table: 'empty', prefix: true })).toEqual([]);
    await expect(s.read('x', { table: 'empty' })).rejects.toBeInstanceOf(NotFoundError);
    expect(BboltFile.atPath(join(FIXTURES, 'micro', 'empty.db')).view((snap) => snap.bucket(['data']))).toBeNull();
  });

  it('lists databases and tables with live and expired counts', async () => {
    const s = store();
    expect(await s.databases()).toEqual(['micro', 'service']);
    expect(await s.tables('micro')).toEqual([
      { name: 'empty', records: 0, expired: 0 },
      { name: 'legacy', records: 3, expired: 0 },
      { name: 'users', records: 6, expired: 1 },
    ]);
    expect(await s.tables('service')).toEqual([{ name: 'orders', records: 2582, expired: 118 }]);
  });

  it('opens one .db file as its own database and table, named by its folder and file', async () => {
    const s = createGoMicroStore({ path: join(FIXTURES, 'service', 'orders.db'), now: () => NOW });
    await s.init();
    expect(s.options()).toEqual({ database: 'service', table: 'orders' });
    expect((await s.list({ prefix: 'order/0000001' })).length).toBeGreaterThan(0);
    expect(await s.list({ table: 'other' })).toEqual([]);
    expect(await s.databases()).toEqual(['service']);
  });

  it('leaves every file byte-identical, with the same modification time', async () => {
    const before = hashes();
    const mtimes = dbFiles().map((f) => statSync(f).mtimeMs);
    const s = store();
    await s.tables('micro');
    await s.tables('service');
    await s.entries({ database: 'service', table: 'orders', includeExpired: true });
    await s.read('bin', { table: 'users' });
    await s.close();
    expect(hashes()).toEqual(before);
    expect(dbFiles().map((f) => statSync(f).mtimeMs)).toEqual(mtimes);
  });
});

function expectEntry(entry: GoMicroEntry, want: Expected | undefined): void {
  expect(want).toBeDefined();
  if (want === undefined) return;
  expect(entry.key).toBe(want.key);
  expect(entry.value.toString('base64')).toBe(want.value);
  expect(entry.metadata).toEqual(want.metadata);
  expect(entry.expires).toBe(want.expires ?? null);
  expect(entry.expired).toBe(want.expired);
}
