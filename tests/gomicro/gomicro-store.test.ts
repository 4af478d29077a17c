import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareKeys } from '../../electron/common/key-order.js';
import { createGoMicroStore, type GoMicroFileStore } from '../../electron/gomicro/gomicro-store.js';
import { detectStoreFileKind } from '../../electron/gomicro/store-file-kind.js';
import { NotFoundError, StoreInputError, StoreStateError } from '../../electron/store/types.js';
import { type GoMicroRecordSpec, goMicroValue, writeBbolt, writeGoMicroTable } from './bbolt-writer.js';

const T0 = Date.parse('2030-01-01T00:00:00Z');
/** Keys whose UTF-8 byte order differs from JavaScript's string order (U+FFFF sorts before U+1F600 in bytes). */
const KEYS = ['a', 'a0', 'a1', 'a2', 'aa', 'aaa', 'b', 'ba', 'x/a', 'x/\uffff', 'x/😀', 'foo', 'foofoo', 'Z%_*'];

let root: string;
let clock: number;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'si-gomicro-store-'));
  clock = T0;
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function saveTable(database: string, table: string, records: GoMicroRecordSpec[]): string {
  mkdirSync(join(root, database), { recursive: true });
  const path = join(root, database, `${table}.db`);
  writeFileSync(path, writeGoMicroTable(records, { maxLeafElements: 3 }).bytes);
  return path;
}

function plain(keys: string[]): GoMicroRecordSpec[] {
  return keys.map((key) => ({ key, value: `v:${key}`, metadata: { key } }));
}

function open(): GoMicroFileStore {
  return createGoMicroStore({ path: root, now: () => clock });
}

describe('reading and listing (docs/store-semantics.md §3)', () => {
  beforeEach(() => {
    saveTable('micro', 'micro', plain(KEYS));
  });

  it('lists every key in UTF-8 byte order', async () => {
    const byteOrder = [...KEYS].sort(compareKeys);
    expect(await open().list()).toEqual(byteOrder);
    expect(byteOrder.indexOf('x/\uffff')).toBeLessThan(byteOrder.indexOf('x/😀'));
  });

  it('filters by prefix, suffix and both, then pages with offset and limit', async () => {
    const s = open();
    expect(await s.list({ prefix: 'a' })).toEqual(['a', 'a0', 'a1', 'a2', 'aa', 'aaa']);
    expect(await s.list({ suffix: 'a' })).toEqual(['a', 'aa', 'aaa', 'ba', 'x/a']);
    expect(await s.list({ prefix: 'a', suffix: 'a' })).toEqual(['a', 'aa', 'aaa']);
    expect(await s.list({ prefix: 'a', offset: 2, limit: 3 })).toEqual(['a1', 'a2', 'aa']);
    expect(await s.list({ prefix: 'a', offset: 6 })).toEqual([]);
    expect(await s.list({ prefix: 'a', limit: 0 })).toHaveLength(6);
    expect(await s.list({ prefix: 'nope' })).toEqual([]);
    expect(await s.list({ prefix: 'Z%_' })).toEqual(['Z%_*']);
  });

  it('reads by prefix and by suffix with the same rules, a key matching both as itself', async () => {
    const s = open();
    const keys = async (key: string, o: object) => (await s.read(key, o)).map((r) => r.key);
    expect(await keys('foo', { prefix: true, suffix: true })).toEqual(['foo', 'foofoo']);
    expect(await keys('', { prefix: true, limit: 2, offset: 1 })).toEqual(['a', 'a0']);
    expect(await keys('', { suffix: true })).toHaveLength(KEYS.length);
    expect(await keys('a', { suffix: true, offset: 1, limit: 2 })).toEqual(['aa', 'aaa']);
    expect(await keys('zzz', { prefix: true })).toEqual([]);
  });

  it('reads one exact key with its value and metadata, and rejects a missing one with NotFoundError', async () => {
    const s = open();
    const [record] = await s.read('x/😀');
    expect(record).toEqual({ key: 'x/😀', value: Buffer.from('v:x/😀'), metadata: { key: 'x/😀' }, expiry: 0 });
    await expect(s.read('x/')).rejects.toBeInstanceOf(NotFoundError);
    await expect(s.read('')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('rejects bad paging and keys that are not valid Unicode', async () => {
    const s = open();
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(s.list({ limit: bad })).rejects.toBeInstanceOf(StoreInputError);
      await expect(s.read('a', { prefix: true, offset: bad })).rejects.toBeInstanceOf(StoreInputError);
    }
    await expect(s.read('a\ud800')).rejects.toBeInstanceOf(StoreInputError);
    expect(await s.read('a', { limit: -1 })).toHaveLength(1);
  });

  it('returns copies: changing a returned value changes nothing read later', async () => {
    const s = open();
    const [first] = await s.read('a');
    first?.value.fill(0);
    const [again] = await s.read('a');
    expect(Buffer.from(again?.value ?? []).toString()).toBe('v:a');
  });
});

describe('expiry from the injected clock (docs/store-semantics.md §4)', () => {
  beforeEach(() => {
    saveTable('micro', 'micro', [
      { key: 'edge', value: 'e', metadata: {}, expiresAt: '2030-01-01T00:00:10.000000500Z' },
      { key: 'later', value: 'l', metadata: {}, expiresAt: '2030-01-01T05:30:00+05:30' },
      { key: 'never', value: 'n', metadata: {} },
    ]);
  });

  it('reports the time left, shrinking, at least 1 ms, hidden only once strictly past', async () => {
    const s = open();
    expect((await s.read('edge'))[0]?.expiry).toBe(10_001);
    clock = T0 + 10_000;
    expect((await s.read('edge'))[0]?.expiry).toBe(1);
    clock = T0 + 10_001;
    await expect(s.read('edge')).rejects.toBeInstanceOf(NotFoundError);
    expect(await s.list()).toEqual(['never']);
    expect((await s.read('never'))[0]?.expiry).toBe(0);
  });

  it('treats an expiry written with a zone offset as the same instant', async () => {
    const s = open();
    expect(await s.list()).toEqual(['edge', 'later', 'never']);
    clock = T0 + 1;
    expect(await s.list()).toEqual(['edge', 'never']);
  });

  it('shows expired records to the inspector, with keyset paging', async () => {
    clock = T0 + 60_000;
    const s = open();
    const all = await s.entries({ includeExpired: true });
    expect(all.map((e) => [e.key, e.expired, e.expires])).toEqual([
      ['edge', true, '2030-01-01T00:00:10.0000005Z'],
      ['later', true, '2030-01-01T00:00:00Z'],
      ['never', false, null],
    ]);
    expect((await s.entries()).map((e) => e.key)).toEqual(['never']);
    expect((await s.entries({ includeExpired: true, after: 'edge', limit: 1 })).map((e) => e.key)).toEqual(['later']);
    expect(await s.tables()).toEqual([{ name: 'micro', records: 1, expired: 2 }]);
  });
});

describe('a read-only store', () => {
  it('refuses every writing call, saying why and what to do, and never changes the file', async () => {
    const path = saveTable('micro', 'micro', plain(['a']));
    const before = createHash('sha256').update(readFileSync(path)).digest('hex');
    const s = open();
    for (const call of [() => s.write({ key: 'b', value: 'x' }), () => s.delete('a'), () => s.purgeExpired()]) {
      const error = await call().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StoreStateError);
      expect(error).toMatchObject({ code: 'read-only' });
      expect((error as Error).message).toContain('read-only go-micro store');
      expect((error as Error).message).toContain('copy them into a Store Inspector store');
    }
    expect(await s.list()).toEqual(['a']);
    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(before);
  });

  it('closes: later calls reject as closed, options and toString still answer', async () => {
    saveTable('micro', 'micro', plain(['a']));
    const s = open();
    await s.init({ table: 'micro' });
    await s.close();
    await s.close();
    await expect(s.list()).rejects.toThrow('closed');
    await expect(s.write({ key: 'a', value: '' })).rejects.toMatchObject({ code: 'closed' });
    expect(s.options()).toEqual({ database: 'micro', table: 'micro' });
    expect(s.toString()).toBe('gomicro-file');
  });

  it('merges init options, ignores empty names, and resolves call options first', async () => {
    saveTable('shop', 'items', plain(['i1']));
    saveTable('shop', 'carts', plain(['c1']));
    const s = createGoMicroStore({ path: root, database: 'shop', table: 'items', now: () => clock });
    await s.init({ table: '' });
    expect(s.options()).toEqual({ database: 'shop', table: 'items' });
    await s.init({ table: 'carts' });
    expect(await s.list()).toEqual(['c1']);
    expect(await s.list({ table: 'items' })).toEqual(['i1']);
    expect(await s.databases()).toEqual(['shop']);
    expect((await s.tables()).map((t) => t.name)).toEqual(['carts', 'items']);
  });

  it('treats a table with no file, or a name that would leave the folder, as empty', async () => {
    saveTable('micro', 'micro', plain(['a']));
    writeFileSync(join(root, 'secret.db'), 'not for us');
    const s = open();
    expect(await s.list({ table: 'missing' })).toEqual([]);
    await expect(s.read('a', { table: 'missing' })).rejects.toBeInstanceOf(NotFoundError);
    expect(await s.list({ database: '..', table: 'secret' })).toEqual([]);
    expect(await s.list({ database: 'micro', table: '../micro' })).toEqual([]);
  });

  it('skips nested buckets inside the data bucket: they are not records', async () => {
    mkdirSync(join(root, 'micro'));
    const entries = [['rec', goMicroValue({ key: 'rec', value: 'v', metadata: {} })]] as const;
    const file = writeBbolt({ data: { entries, buckets: { nested: { entries: [['x', 'y']] } } } });
    writeFileSync(join(root, 'micro', 'micro.db'), file.bytes);
    const s = open();
    expect(await s.list()).toEqual(['rec']);
    await expect(s.read('nested')).rejects.toBeInstanceOf(NotFoundError);
    expect(await s.tables()).toEqual([{ name: 'micro', records: 1, expired: 0 }]);
  });

  it('refuses to open a single file that is not bbolt, saying what it is', async () => {
    const path = join(root, 'app.db');
    writeFileSync(path, Buffer.from('SQLite format 3\0'.padEnd(8192, '\0'), 'latin1'));
    const s = createGoMicroStore({ path });
    await expect(s.init()).rejects.toMatchObject({ code: 'foreign-file' });
    await expect(s.list()).rejects.toThrow(`${path}: not a bbolt database`);
  });

  it('fails on a path that does not exist, creating nothing', async () => {
    const s = createGoMicroStore({ path: join(root, 'nope') });
    await expect(s.init()).rejects.toMatchObject({ code: 'missing-file' });
    await expect(s.list()).rejects.toMatchObject({ code: 'missing-file' });
    expect(detectStoreFileKind(join(root, 'nope'))).toBe('missing');
  });
});

describe('detectStoreFileKind', () => {
  it('tells SQLite, bbolt, go-micro folders and other things apart by content', () => {
    const table = saveTable('micro', 'users', plain(['a']));
    const sqlite = join(root, 'store.sqlite');
    writeFileSync(sqlite, Buffer.from('SQLite format 3\0rest of the header', 'latin1'));
    writeFileSync(join(root, 'empty'), '');
    writeFileSync(join(root, 'text.db'), 'hello');
    mkdirSync(join(root, 'plain'));
    const broken = join(root, 'meta0-gone.db');
    const bytes = readFileSync(table);
    bytes.fill(0, 0, 4096);
    writeFileSync(broken, bytes);
    expect(detectStoreFileKind(table)).toBe('bbolt');
    expect(detectStoreFileKind(broken)).toBe('bbolt');
    expect(detectStoreFileKind(sqlite)).toBe('sqlite');
    expect(detectStoreFileKind(join(root, 'empty'))).toBe('empty-file');
    expect(detectStoreFileKind(join(root, 'text.db'))).toBe('unknown');
    expect(detectStoreFileKind(join(root, 'plain'))).toBe('folder');
    expect(detectStoreFileKind(root)).toBe('gomicro-folder');
  });
});
