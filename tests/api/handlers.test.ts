/**
 * Every call of the contract through dispatch and the handlers, over a real store file, with every
 * argument and result passing through structuredClone as IPC carries them (tests/helpers/api-client).
 */

import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallArg } from '../../electron/api/contract/calls.js';
import type { RecordDetailDto } from '../../electron/api/contract/schemas.js';
import type { HostCapabilities } from '../../electron/api/handlers.js';
import { StoreSession } from '../../electron/api/store-session.js';
import { compareKeys } from '../../electron/common/key-order.js';
import { openDatabase } from '../../electron/store/sqlite-driver.js';
import { type ApiClient, apiClient, base64, expectCode, fromBase64 } from '../helpers/api-client.js';
import { sha256File, tempDirForTest } from '../helpers/files.js';

const NS = { database: 'app', table: 'users' } as const;
const HOUR = 3_600_000;

const open: ApiClient[] = [];
afterEach(async () => {
  for (const client of open.splice(0)) await client.session.close();
});

/** A client with a new store file open; the file and its folder go when the test ends. */
async function withStore(session = new StoreSession()): Promise<{ api: ApiClient; path: string; dir: string }> {
  const dir = tempDirForTest();
  const path = join(dir, 'store.db');
  const api = apiClient(session);
  open.push(api);
  await api.value('store.create', { file: api.file(path, 'write') });
  return { api, path, dir };
}

type WriteArg = CallArg<'record.write'>;
const put = (api: ApiClient, key: string, value: string | Uint8Array, extra: Partial<WriteArg> = {}) =>
  api.value('record.write', { ...NS, key, value: base64(value), expectedRevision: null, ...extra });

const keysOf = (page: { records: { key: string }[] }) => page.records.map((record) => record.key);

describe('store.open, store.create, store.close, store.info', () => {
  it('create makes a new empty store; info describes it; close leaves no store open', async () => {
    const dir = tempDirForTest();
    const path = join(dir, 'new.db');
    const api = apiClient();
    open.push(api);
    expect(await api.value('store.info', {})).toBeNull();

    const info = await api.value('store.create', { file: api.file(path, 'write') });
    expect(info).toMatchObject({ path, readOnly: false, databases: 0, tables: 0, records: 0, schemaVersion: 4 });
    expect(info.fileSize).toBeGreaterThan(0);
    expect(existsSync(path)).toBe(true);
    expect(await api.value('store.info', {})).toMatchObject({ path, records: 0 });

    await put(api, 'a', 'x');
    await put(api, 'b', 'y', { database: 'other' });
    expect(await api.value('store.info', {})).toMatchObject({ databases: 2, tables: 2, records: 2 });

    expect(await api.value('store.close', {})).toBeNull();
    expect(await api.value('store.info', {})).toBeNull();
    // Closing twice is harmless.
    expect(await api.value('store.close', {})).toBeNull();
  });

  it('create refuses a path that already exists, and leaves that file alone', async () => {
    const { api, path } = await withStore();
    await put(api, 'k', 'v');
    await api.value('store.close', {});
    const before = sha256File(path);
    const error = await api.error('store.create', { file: api.file(path, 'write') });
    expect(error.code).toBe('foreign-file');
    expect(error.message).toContain(path);
    expect(sha256File(path)).toBe(before);
  });

  it('open reopens a store with its records, read-write or read-only as asked', async () => {
    const { api, path } = await withStore();
    await put(api, 'k', 'v');
    await api.value('store.close', {});

    expect(await api.value('store.open', { file: api.file(path, 'store') })).toMatchObject({
      path,
      readOnly: false,
      records: 1,
    });
    expect(await api.value('store.open', { file: api.file(path, 'store'), readOnly: true })).toMatchObject({
      path,
      readOnly: true,
      records: 1,
    });
    expect((await api.error('record.write', { ...NS, key: 'n', value: '', expectedRevision: null })).code).toBe(
      'read-only',
    );
  });

  it('open of a missing file read-only creates nothing and says the file is missing', async () => {
    const dir = tempDirForTest();
    const path = join(dir, 'missing.db');
    const api = apiClient();
    open.push(api);
    const error = await api.error('store.open', { file: api.file(path, 'store'), readOnly: true });
    expect(error.code).toBe('missing-file');
    expect(error.message).toContain(path);
    expect(existsSync(path)).toBe(false);
  });

  it('a call with no store open fails with a code and a message that says to open one', async () => {
    const api = apiClient();
    open.push(api);
    for (const error of [
      await api.error('store.databases', {}),
      await api.error('records.page', { ...NS }),
      await api.error('record.get', { ...NS, key: 'k' }),
      await api.error('record.write', { ...NS, key: 'k', value: '', expectedRevision: null }),
    ]) {
      expect(error.code).toBe('no-store');
      expect(error.message).toMatch(/open/i);
    }
  });
});

describe('store.databases and table.create', () => {
  it('lists every database and table with live and expired counts, in byte order', async () => {
    const { api } = await withStore();
    await put(api, 'a', '1');
    await put(api, 'b', '2');
    await put(api, 'gone', '3', { expiry: { kind: 'ttl', ms: -1 } });
    await put(api, 'c', '4', { table: 'sessions' });
    await put(api, 'd', '5', { database: 'Zeta', table: 't' });
    expect(await api.value('table.create', { database: 'app', table: 'empty' })).toBeNull();

    expect(await api.value('store.databases', {})).toEqual([
      { database: 'Zeta', tables: [{ table: 't', count: 1, expired: 0 }] },
      {
        database: 'app',
        tables: [
          { table: 'empty', count: 0, expired: 0 },
          { table: 'sessions', count: 1, expired: 0 },
          { table: 'users', count: 2, expired: 1 },
        ],
      },
    ]);
  });

  it('table.create of an existing table changes nothing', async () => {
    const { api } = await withStore();
    await put(api, 'a', '1');
    await api.value('table.create', NS);
    expect(await api.value('records.count', NS)).toBe(1);
  });
});

describe('records.page and records.count', () => {
  /** Five records covering the filters: metadata, a live TTL, an expired one, none. */
  async function seed(api: ApiClient) {
    await put(api, 'user/alice', 'A', { metadata: { team: 'core', n: 3 } });
    await put(api, 'user/bob', 'B', { metadata: { team: 'edge', n: '3' } });
    await put(api, 'admin/alice', 'C');
    await put(api, 'user/carol.tmp', 'D', { expiry: { kind: 'ttl', ms: HOUR } });
    await put(api, 'session/x.tmp', 'E', { expiry: { kind: 'ttl', ms: -1 } });
  }

  const page = (api: ApiClient, filter: CallArg<'records.page'>['filter']) =>
    api.value('records.page', { ...NS, filter }).then(keysOf);

  it('filters by prefix, suffix and key substring; expired records are hidden by default', async () => {
    const { api } = await withStore();
    await seed(api);
    expect(await page(api, {})).toEqual(['admin/alice', 'user/alice', 'user/bob', 'user/carol.tmp']);
    expect(await page(api, { prefix: 'user/' })).toEqual(['user/alice', 'user/bob', 'user/carol.tmp']);
    expect(await page(api, { suffix: '.tmp' })).toEqual(['user/carol.tmp']);
    expect(await page(api, { contains: 'alice' })).toEqual(['admin/alice', 'user/alice']);
    expect(await page(api, { prefix: 'user/', contains: 'o' })).toEqual(['user/bob', 'user/carol.tmp']);
    expect(await page(api, { prefix: 'nobody/' })).toEqual([]);
  });

  it('filters by metadata field = value: a typed 3 finds the number and the string, "3" only the string', async () => {
    const { api } = await withStore();
    await seed(api);
    expect(await page(api, { metadata: [{ field: 'team', value: 'core' }] })).toEqual(['user/alice']);
    expect(await page(api, { metadata: [{ field: 'n', value: '3' }] })).toEqual(['user/alice', 'user/bob']);
    expect(await page(api, { metadata: [{ field: 'n', value: '"3"' }] })).toEqual(['user/bob']);
    expect(
      await page(api, {
        metadata: [
          { field: 'n', value: '3' },
          { field: 'team', value: 'edge' },
        ],
      }),
    ).toEqual(['user/bob']);
    expect(await page(api, { metadata: [{ field: 'team', value: 'nobody' }] })).toEqual([]);
  });

  it('filters by expiry state: live, has-ttl, no-ttl, expired, all, and expiring within', async () => {
    const { api } = await withStore();
    await seed(api);
    expect(await page(api, { expiry: 'live' })).toEqual(['admin/alice', 'user/alice', 'user/bob', 'user/carol.tmp']);
    expect(await page(api, { expiry: 'has-ttl' })).toEqual(['user/carol.tmp']);
    expect(await page(api, { expiry: 'no-ttl' })).toEqual(['admin/alice', 'user/alice', 'user/bob']);
    expect(await page(api, { expiry: 'expired' })).toEqual(['session/x.tmp']);
    expect(await page(api, { expiry: 'all', suffix: '.tmp' })).toEqual(['session/x.tmp', 'user/carol.tmp']);
    expect(await page(api, { expiry: 'has-ttl', expiringWithinMs: 2 * HOUR })).toEqual(['user/carol.tmp']);
    expect(await page(api, { expiry: 'has-ttl', expiringWithinMs: 60_000 })).toEqual([]);
  });

  it('summaries carry size, a preview, metadata, expiry and a revision', async () => {
    const { api } = await withStore();
    await seed(api);
    const before = Date.now();
    const { records } = await api.value('records.page', { ...NS, filter: { expiry: 'all' } });
    const byKey = new Map(records.map((record) => [record.key, record]));
    expect(byKey.get('user/alice')).toMatchObject({ size: 1, preview: base64('A'), metadata: { team: 'core', n: 3 } });
    expect(byKey.get('user/alice')).toMatchObject({ expiresAt: null, expired: false });
    const carol = byKey.get('user/carol.tmp');
    expect(carol?.expired).toBe(false);
    expect(carol?.expiresAt).toBeGreaterThan(before + HOUR - 60_000);
    expect(carol?.expiresAt).toBeLessThanOrEqual(Date.now() + HOUR);
    expect(byKey.get('session/x.tmp')).toMatchObject({ expired: true });
    expect(new Set(records.map((record) => record.revision)).size).toBe(records.length);
  });

  it('records.count counts what the same filter pages', async () => {
    const { api } = await withStore();
    await seed(api);
    expect(await api.value('records.count', NS)).toBe(4);
    expect(await api.value('records.count', { ...NS, filter: { prefix: 'user/' } })).toBe(3);
    expect(await api.value('records.count', { ...NS, filter: { expiry: 'expired' } })).toBe(1);
    expect(await api.value('records.count', { ...NS, filter: { expiry: 'all' } })).toBe(5);
    expect(await api.value('records.count', { database: 'none', table: 'none' })).toBe(0);
  });

  it('records.countPrefixes counts every branch in one call, each as records.count with that prefix', async () => {
    const { api } = await withStore();
    await seed(api);
    const prefixes = ['user/', 'admin/', 'session/', 'none/'];
    expect(await api.value('records.countPrefixes', { ...NS, prefixes })).toEqual([3, 1, 0, 0]);
    expect(await api.value('records.countPrefixes', { ...NS, prefixes, filter: { expiry: 'all' } })).toEqual([
      3, 1, 1, 0,
    ]);
    expect(await api.value('records.countPrefixes', { ...NS, prefixes, filter: { suffix: '.tmp' } })).toEqual([
      1, 0, 0, 0,
    ]);
    const error = await api.error('records.countPrefixes', { ...NS, prefixes: Array.from({ length: 501 }, () => 'a') });
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toContain('prefixes');
  });

  it('keyset paging over three pages, ascending and descending, gives every key once in UTF-8 byte order', async () => {
    const { api } = await withStore();
    // JavaScript's < puts U+1F600 (a surrogate pair) before U+FF61; UTF-8 bytes put it after.
    const keys = [
      ...Array.from({ length: 18 }, (_, i) => `k/${String(i).padStart(2, '0')}`),
      '\u{1F600}',
      '\uFF61',
      'é',
      'Z',
      'a\u0000b',
      'a',
      '~',
    ];
    for (const key of keys) await put(api, key, key);
    const expected = [...keys].sort(compareKeys);

    for (const order of ['asc', 'desc'] as const) {
      const seen: string[] = [];
      let after: string | undefined;
      let pages = 0;
      do {
        const result = await api.value('records.page', {
          ...NS,
          order,
          limit: 10,
          ...(after === undefined ? {} : { after }),
        });
        seen.push(...keysOf(result));
        pages++;
        after = result.next ?? undefined;
        if (after !== undefined) expect(after).toBe(result.records.at(-1)?.key);
      } while (after !== undefined && pages < 10);
      expect(pages).toBe(3);
      expect(seen).toEqual(order === 'asc' ? expected : [...expected].reverse());
    }
  });
});

describe('record.get and record.valueChunk', () => {
  it('a value larger than maxBytes comes as its head (complete false, size exact); chunks fetch the rest', async () => {
    const { api } = await withStore();
    const value = randomBytes(5_000);
    await put(api, 'big', value, { metadata: { kind: 'blob' } });

    const detail = await api.value('record.get', { ...NS, key: 'big', maxBytes: 1_000 });
    expect(detail).toMatchObject({ key: 'big', size: 5_000, complete: false, metadata: { kind: 'blob' } });
    const head = fromBase64(detail.value);
    expect(head.equals(value.subarray(0, 1_000))).toBe(true);

    const parts = [head];
    for (let offset = head.length; ; ) {
      const chunk = fromBase64(
        (await api.value('record.valueChunk', { ...NS, key: 'big', offset, length: 1_500 })).value,
      );
      if (chunk.length === 0) break;
      parts.push(chunk);
      offset += chunk.length;
    }
    expect(Buffer.concat(parts).equals(value)).toBe(true);

    const whole = await api.value('record.get', { ...NS, key: 'big' });
    expect(whole.complete).toBe(true);
    expect(fromBase64(whole.value).equals(value)).toBe(true);
    const exact = await api.value('record.get', { ...NS, key: 'big', maxBytes: 5_000 });
    expect(exact.complete).toBe(true);
  });

  it('an empty value and a binary value round-trip byte for byte', async () => {
    const { api } = await withStore();
    await put(api, 'empty', '');
    const binary = Buffer.from([0, 255, 0xc3, 0x28, 10, 0]);
    await put(api, 'bin', binary);
    expect(await api.value('record.get', { ...NS, key: 'empty' })).toMatchObject({
      value: '',
      size: 0,
      complete: true,
    });
    expect(fromBase64((await api.value('record.get', { ...NS, key: 'bin' })).value).equals(binary)).toBe(true);
  });

  it('get shows an expired record that is not yet purged, marked expired', async () => {
    const { api } = await withStore();
    await put(api, 'old', 'v', { expiry: { kind: 'ttl', ms: -1 } });
    expect(await api.value('record.get', { ...NS, key: 'old' })).toMatchObject({ key: 'old', expired: true });
  });

  it('a missing key is not-found, for get and for valueChunk, in a known and an unknown namespace', async () => {
    const { api } = await withStore();
    await put(api, 'here', 'v');
    expect((await api.error('record.get', { ...NS, key: 'nope' })).code).toBe('not-found');
    expect((await api.error('record.get', { database: 'x', table: 'y', key: 'here' })).code).toBe('not-found');
    expect((await api.error('record.valueChunk', { ...NS, key: 'nope', offset: 0, length: 10 })).code).toBe(
      'not-found',
    );
  });
});

/** A detail's value is the whole value when complete, else a head of it (conflict's `current` may carry only a head). */
function expectHeadOf(detail: RecordDetailDto | null, whole: string): void {
  if (detail === null) throw new Error(`expected a record holding ${JSON.stringify(whole)}, got null`);
  const value = fromBase64(detail.value);
  if (detail.complete) expect(value.toString()).toBe(whole);
  else expect(Buffer.from(whole).subarray(0, value.length).equals(value)).toBe(true);
}

describe('record.saveValue', () => {
  /** A host whose save dialog answers `answer` and remembers the name it suggested. */
  function savingHost(answer: string | undefined) {
    const suggested: string[] = [];
    return {
      suggested,
      host: {
        chooseSavePath: async (name: string) => {
          suggested.push(name);
          return answer;
        },
      },
    };
  }

  async function storeWith(host: HostCapabilities) {
    const dir = tempDirForTest();
    const api = apiClient(new StoreSession(), host);
    open.push(api);
    await api.value('store.create', { file: api.file(join(dir, 'store.db'), 'write') });
    return { api, dir };
  }

  it('writes the whole value to the chosen file, byte for byte, and reports its size', async () => {
    const dir = tempDirForTest();
    const target = join(dir, 'saved.bin');
    const { host, suggested } = savingHost(target);
    const { api } = await storeWith(host);
    const value = randomBytes(300_000);
    await put(api, 'files/report.pdf', value);
    expect(await api.value('record.saveValue', { ...NS, key: 'files/report.pdf' })).toEqual({
      path: target,
      bytes: value.length,
    });
    expect(readFileSync(target).equals(value)).toBe(true);
    expect(suggested).toEqual(['report.pdf']);
  });

  it('an empty value saves an empty file; a cancelled dialog answers null and writes nothing', async () => {
    const dir = tempDirForTest();
    const target = join(dir, 'empty.bin');
    const { api } = await storeWith(savingHost(target).host);
    await put(api, 'e', '');
    expect(await api.value('record.saveValue', { ...NS, key: 'e' })).toEqual({ path: target, bytes: 0 });
    expect(readFileSync(target).length).toBe(0);

    const cancelled = await storeWith(savingHost(undefined).host);
    await put(cancelled.api, 'k', 'v');
    expect(await cancelled.api.value('record.saveValue', { ...NS, key: 'k' })).toBeNull();
    expect(readdirSync(cancelled.dir).filter((name) => !name.startsWith('store.db'))).toEqual([]);
  });

  it('suggests a safe file name made from the last part of the key', async () => {
    const { host, suggested } = savingHost(undefined);
    const { api } = await storeWith(host);
    for (const key of ['a/b/c.txt', 'svc:cfg', 'x/..', 'bad*name?.txt', 'tail/']) {
      await put(api, key, 'v');
      await api.value('record.saveValue', { ...NS, key });
    }
    expect(suggested).toEqual(['c.txt', 'cfg', 'value', 'bad_name_.txt', 'tail']);
  });

  it('without a save dialog (browser mode) it is unsupported, as data', async () => {
    const { api } = await withStore();
    await put(api, 'k', 'v');
    const error = await api.error('record.saveValue', { ...NS, key: 'k' });
    expect(error.code).toBe('unsupported');
  });

  it('a missing key is not-found and the file the user picked is left as it was', async () => {
    const dir = tempDirForTest();
    const target = join(dir, 'precious.txt');
    writeFileSync(target, 'do not truncate me');
    const { api } = await storeWith(savingHost(target).host);
    expect((await api.error('record.saveValue', { ...NS, key: 'missing' })).code).toBe('not-found');
    expect(readFileSync(target, 'utf8')).toBe('do not truncate me');
  });

  it('works in a read-only session: saving a value reads the store, it does not write it', async () => {
    const dir = tempDirForTest();
    const path = join(dir, 'store.db');
    const writer = apiClient();
    open.push(writer);
    await writer.value('store.create', { file: writer.file(path, 'write') });
    await put(writer, 'k', 'value');
    await writer.value('store.close', {});
    const target = join(dir, 'out.txt');
    const api = apiClient(new StoreSession(true), savingHost(target).host);
    open.push(api);
    await api.value('store.open', { file: api.file(path, 'store') });
    expect(await api.value('record.saveValue', { ...NS, key: 'k' })).toEqual({ path: target, bytes: 5 });
    expect(readFileSync(target, 'utf8')).toBe('value');
  });
});

describe('record.write and revisions', () => {
  it('create, update with the right revision, refuse stale or missing revisions with the current record', async () => {
    const { api } = await withStore();
    const first = await put(api, 'doc', 'v1', { metadata: { a: 1 } });
    const detail = await api.value('record.get', { ...NS, key: 'doc' });
    expect(detail.revision).toBe(first.revision);
    const listed = await api.value('records.page', NS);
    expect(listed.records[0]?.revision).toBe(first.revision);

    const second = await put(api, 'doc', 'v2', { expectedRevision: first.revision, metadata: { a: 2 } });
    expect(second.revision).not.toBe(first.revision);
    // A second write replaces value and metadata entirely.
    expect(await api.value('record.get', { ...NS, key: 'doc' })).toMatchObject({
      value: base64('v2'),
      metadata: { a: 2 },
    });

    const stale = await api.error('record.write', {
      ...NS,
      key: 'doc',
      value: base64('lost'),
      expectedRevision: first.revision,
    });
    const { current } = expectCode(stale, 'conflict');
    expect(current).toMatchObject({ key: 'doc', size: 2, revision: second.revision, metadata: { a: 2 } });
    expectHeadOf(current, 'v2');

    const blind = await api.error('record.write', { ...NS, key: 'doc', value: base64('lost'), expectedRevision: null });
    const blindCurrent = expectCode(blind, 'conflict').current;
    expect(blindCurrent?.revision).toBe(second.revision);
    expectHeadOf(blindCurrent, 'v2');
    expect((await api.value('record.get', { ...NS, key: 'doc' })).value).toBe(base64('v2'));

    expect(await api.value('records.delete', { ...NS, keys: ['doc'] })).toEqual({ deleted: 1 });
    const gone = await api.error('record.write', {
      ...NS,
      key: 'doc',
      value: base64('back'),
      expectedRevision: second.revision,
    });
    expect(expectCode(gone, 'conflict').current).toBeNull();
    expect((await api.error('record.get', { ...NS, key: 'doc' })).code).toBe('not-found');
  });

  it('a revision made up by the caller on a new key is a conflict with current null', async () => {
    const { api } = await withStore();
    const error = await api.error('record.write', { ...NS, key: 'new', value: '', expectedRevision: 'r-made-up' });
    expect(expectCode(error, 'conflict').current).toBeNull();
    expect(await api.value('records.count', NS)).toBe(0);
  });

  it('expiry on write: ttl, an absolute time, none, and an instant in the past', async () => {
    const { api } = await withStore();
    const before = Date.now();
    await put(api, 'ttl', 'v', { expiry: { kind: 'ttl', ms: 60_000 } });
    const at = Date.now() + 2 * HOUR;
    await put(api, 'at', 'v', { expiry: { kind: 'at', at } });
    await put(api, 'none', 'v', { expiry: { kind: 'none' } });
    await put(api, 'past', 'v', { expiry: { kind: 'at', at: before - 1_000 } });
    const get = (key: string) => api.value('record.get', { ...NS, key });
    const ttl = await get('ttl');
    expect(ttl.expiresAt).toBeGreaterThanOrEqual(before + 60_000 - 1);
    expect(ttl.expiresAt).toBeLessThanOrEqual(Date.now() + 60_000);
    expect(Math.abs((await get('at')).expiresAt! - at)).toBeLessThanOrEqual(1);
    expect(await get('none')).toMatchObject({ expiresAt: null, expired: false });
    expect(await get('past')).toMatchObject({ expired: true });
  });

  it('the empty key is refused as an invalid argument and nothing is written', async () => {
    const { api } = await withStore();
    expect((await api.error('record.write', { ...NS, key: '', value: '', expectedRevision: null })).code).toBe(
      'invalid-argument',
    );
    expect(await api.value('records.count', { ...NS, filter: { expiry: 'all' } })).toBe(0);
  });

  it('metadata keys named like Object.prototype members are stored as data, not dropped', async () => {
    const { api } = await withStore();
    const metadata = JSON.parse('{"__proto__":{"x":1},"constructor":"c","toString":"t","plain":1}');
    const result = await api.call('record.write', { ...NS, key: 'm', value: '', metadata, expectedRevision: null });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    if (!result.ok) {
      // Refusing is acceptable; silently losing a key is not.
      expect(result.error.code).toBe('invalid-argument');
      return;
    }
    const stored = (await api.value('record.get', { ...NS, key: 'm' })).metadata;
    expect(Object.keys(stored).sort()).toEqual(['__proto__', 'constructor', 'plain', 'toString']);
    expect(JSON.stringify(stored)).toContain('"__proto__":{"x":1}');
  });
});

describe('deleting, expiring and renaming', () => {
  it('records.delete deletes the keys that exist and counts them', async () => {
    const { api } = await withStore();
    for (const key of ['a', 'b', 'c']) await put(api, key, key);
    expect(await api.value('records.delete', { ...NS, keys: ['a', 'c', 'missing'] })).toEqual({ deleted: 2 });
    expect(keysOf(await api.value('records.page', NS))).toEqual(['b']);
    expect(await api.value('records.delete', { database: 'no', table: 'such', keys: ['b'] })).toEqual({ deleted: 0 });
  });

  it('records.deleteMatching deletes exactly what the filter matches', async () => {
    const { api } = await withStore();
    for (const key of ['tmp/1', 'tmp/2', 'keep/1', 'keep/tmp']) await put(api, key, key);
    await put(api, 'tmp/other-table', 'x', { table: 'other' });
    expect(await api.value('records.deleteMatching', { ...NS, filter: { prefix: 'tmp/' } })).toEqual({ deleted: 2 });
    expect(keysOf(await api.value('records.page', NS))).toEqual(['keep/1', 'keep/tmp']);
    expect(await api.value('records.count', { ...NS, table: 'other' })).toBe(1);
  });

  it('records.setExpiry sets a ttl, an absolute time or none on the keys that exist', async () => {
    const { api } = await withStore();
    for (const key of ['a', 'b']) await put(api, key, key);
    const get = (key: string) => api.value('record.get', { ...NS, key });

    const before = Date.now();
    expect(
      await api.value('records.setExpiry', { ...NS, keys: ['a', 'b', 'missing'], expiry: { kind: 'ttl', ms: 60_000 } }),
    ).toEqual({ updated: 2 });
    const a = await get('a');
    expect(a.expiresAt).toBeGreaterThanOrEqual(before + 60_000 - 1);
    expect(a.expiresAt).toBeLessThanOrEqual(Date.now() + 60_000);
    expect(await api.value('records.count', { ...NS, filter: { expiry: 'has-ttl' } })).toBe(2);

    const at = Date.now() + 5 * HOUR;
    await api.value('records.setExpiry', { ...NS, keys: ['a'], expiry: { kind: 'at', at } });
    expect((await get('a')).expiresAt).toBe(at);

    await api.value('records.setExpiry', { ...NS, keys: ['a', 'b'], expiry: { kind: 'none' } });
    expect(await get('a')).toMatchObject({ expiresAt: null, expired: false });
    expect(await api.value('records.count', { ...NS, filter: { expiry: 'no-ttl' } })).toBe(2);

    await api.value('records.setExpiry', { ...NS, keys: ['b'], expiry: { kind: 'at', at: Date.now() - 1_000 } });
    expect(await get('b')).toMatchObject({ expired: true });
    expect(keysOf(await api.value('records.page', NS))).toEqual(['a']);
  });

  it('record.rename moves value, metadata and expiry; onto an existing key it fails; a missing key is not-found', async () => {
    const { api } = await withStore();
    await put(api, 'from', 'payload', { metadata: { m: 1 }, expiry: { kind: 'ttl', ms: HOUR } });
    await put(api, 'taken', 'mine');
    const original = await api.value('record.get', { ...NS, key: 'from' });

    expect(await api.value('record.rename', { ...NS, from: 'from', to: 'to' })).toBeNull();
    expect((await api.error('record.get', { ...NS, key: 'from' })).code).toBe('not-found');
    expect(await api.value('record.get', { ...NS, key: 'to' })).toMatchObject({
      key: 'to',
      value: base64('payload'),
      metadata: { m: 1 },
      expiresAt: original.expiresAt,
    });

    const onto = await api.error('record.rename', { ...NS, from: 'to', to: 'taken' });
    expect(['conflict', 'invalid-argument']).toContain(onto.code);
    expect(onto.message).toContain('taken');
    expect((await api.value('record.get', { ...NS, key: 'taken' })).value).toBe(base64('mine'));
    expect((await api.value('record.get', { ...NS, key: 'to' })).value).toBe(base64('payload'));

    expect((await api.error('record.rename', { ...NS, from: 'nope', to: 'x' })).code).toBe('not-found');
    expect((await api.error('record.rename', { database: 'no', table: 'ns', from: 'to', to: 'x' })).code).toBe(
      'not-found',
    );
    expect((await api.error('record.rename', { ...NS, from: 'to', to: '' })).code).toBe('invalid-argument');
    expect(keysOf(await api.value('records.page', NS))).toEqual(['taken', 'to']);
  });

  it('records.purgeExpired removes expired records from every table and counts them', async () => {
    const { api } = await withStore();
    await put(api, 'live', 'v');
    await put(api, 'dead1', 'v', { expiry: { kind: 'ttl', ms: -1 } });
    await put(api, 'dead2', 'v', { expiry: { kind: 'ttl', ms: -5_000 }, table: 'other' });
    expect(await api.value('records.purgeExpired', {})).toEqual({ purged: 2 });
    expect(await api.value('records.count', { ...NS, filter: { expiry: 'all' } })).toBe(1);
    expect(await api.value('records.count', { ...NS, table: 'other', filter: { expiry: 'all' } })).toBe(0);
    expect(await api.value('records.purgeExpired', {})).toEqual({ purged: 0 });
  });
});

describe('changes.since', () => {
  it('reports create, update and delete in order with increasing seq, and the latest seq', async () => {
    const { api } = await withStore();
    await put(api, 'before', 'v');
    const start = (await api.value('changes.since', { seq: 0 })).latest;
    expect(start).toBeGreaterThan(0);

    const created = await put(api, 'k', 'v1');
    await put(api, 'k', 'v2', { expectedRevision: created.revision });
    await api.value('records.delete', { ...NS, keys: ['k'] });

    const { changes, latest } = await api.value('changes.since', { seq: start });
    expect(changes.map((change) => [change.key, change.kind])).toEqual([
      ['k', 'create'],
      ['k', 'update'],
      ['k', 'delete'],
    ]);
    expect(changes.every((change) => change.database === NS.database && change.table === NS.table)).toBe(true);
    const seqs = changes.map((change) => change.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(seqs).size).toBe(3);
    expect(seqs[0]).toBeGreaterThan(start);
    expect(latest).toBe(seqs.at(-1));

    const limited = await api.value('changes.since', { seq: start, limit: 2 });
    expect(limited.changes.map((change) => change.kind)).toEqual(['create', 'update']);
    expect(limited.latest).toBe(latest);
    expect((await api.value('changes.since', { seq: latest })).changes).toEqual([]);
  });
});

describe('foreign files', () => {
  it("another application's SQLite database is refused as foreign-file and left byte for byte unchanged", async () => {
    const { api, dir, path: ours } = await withStore();
    const foreign = join(dir, 'app.sqlite');
    const db = openDatabase(foreign);
    db.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users (name) VALUES ('x')");
    db.close();
    const before = sha256File(foreign);

    for (const readOnly of [false, true]) {
      const error = await api.error('store.open', { file: api.file(foreign, 'store'), readOnly });
      expect(error.code).toBe('foreign-file');
      expect(error.message).toContain(foreign);
    }
    expect(sha256File(foreign)).toBe(before);
    expect(existsSync(`${foreign}-wal`)).toBe(false);
    // A failed open leaves the store that was open in place.
    expect(await api.value('store.info', {})).toMatchObject({ path: ours });
  });

  it('a text file is refused as foreign-file, with a message that says what it is, and left unchanged', async () => {
    const { api, dir } = await withStore();
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'these are my notes, not a database\n'.repeat(20));
    const before = sha256File(text);
    const error = await api.error('store.open', { file: api.file(text, 'store') });
    expect(error.code).toBe('foreign-file');
    expect(error.message).toContain(text);
    expect(error.message).toMatch(/text/);
    expect(sha256File(text)).toBe(before);
  });
});

describe('a read-only session', () => {
  it('refuses every writing call with read-only and never changes the file', async () => {
    const { api: writer, path } = await withStore();
    await put(writer, 'a', 'v');
    await put(writer, 'b', 'v', { metadata: { m: 1 } });
    await put(writer, 'dead', 'v', { expiry: { kind: 'ttl', ms: -1 } });
    await writer.value('store.close', {});
    const before = sha256File(path);

    const api = apiClient(new StoreSession(true));
    open.push(api);
    expect(await api.value('store.open', { file: api.file(path, 'store'), readOnly: false })).toMatchObject({
      readOnly: true,
      records: 2,
    });

    const refused = [
      await api.error('table.create', { database: 'new', table: 't' }),
      await api.error('record.write', { ...NS, key: 'c', value: base64('v'), expectedRevision: null }),
      await api.error('records.delete', { ...NS, keys: ['a'] }),
      await api.error('records.deleteMatching', { ...NS, filter: {} }),
      await api.error('records.setExpiry', { ...NS, keys: ['a'], expiry: { kind: 'ttl', ms: 1_000 } }),
      await api.error('record.rename', { ...NS, from: 'a', to: 'z' }),
      await api.error('records.purgeExpired', {}),
    ];
    for (const error of refused) {
      expect(error.code).toBe('read-only');
      expect(error.message).toMatch(/read-only/);
    }
    // Reading still works.
    expect(keysOf(await api.value('records.page', NS))).toEqual(['a', 'b']);
    expect(await api.value('records.count', { ...NS, filter: { expiry: 'expired' } })).toBe(1);
    expect((await api.value('record.get', { ...NS, key: 'b' })).metadata).toEqual({ m: 1 });

    await api.value('store.close', {});
    expect(sha256File(path)).toBe(before);
  });

  it('refuses store.create as a writing call (read-only), creating nothing', async () => {
    const dir = tempDirForTest();
    const created = join(dir, 'created.db');
    const api = apiClient(new StoreSession(true));
    open.push(api);
    const error = await api.error('store.create', { file: api.file(created, 'write') });
    expect(existsSync(created)).toBe(false);
    expect(error.code).toBe('read-only');
  });
});
