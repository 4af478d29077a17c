/**
 * The file (docs/store-semantics.md §7 and §8): files that are not stores are refused with a clear error and left
 * byte-for-byte unchanged; empty and new paths become stores; read-only never writes; records persist;
 * WAL journal mode is on.
 */
import { copyFileSync, existsSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createSqliteStore, NotFoundError } from '../../electron/store/index.js';
import { openDatabase } from '../../electron/store/sqlite-driver.js';
import { createClock } from '../helpers/clock.js';
import { listDir, sha256File, tempDirForTest } from '../helpers/files.js';
import { type SqliteStore, type SqliteStoreOptions, text } from '../helpers/store.js';

function openAt(path: string, options: SqliteStoreOptions = {}): SqliteStore {
  const store = createSqliteStore({ ...options, path });
  onTestFinished(() => store.close());
  return store;
}

/** A real store file with enough records to span many pages, closed. */
async function makeStoreFile(path: string, records = 2000): Promise<void> {
  const store = createSqliteStore({ path });
  for (let i = 0; i < records; i++) {
    await store.write({ key: `key/${String(i).padStart(5, '0')}`, value: 'x'.repeat(200), metadata: { i } });
  }
  await store.close();
}

function makeForeignDatabase(path: string): void {
  const db = openDatabase(path);
  db.exec('CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  db.exec('CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id), total REAL)');
  db.exec('CREATE INDEX orders_by_user ON orders(user_id)');
  const insert = db.prepare('INSERT INTO users (name) VALUES (?)');
  for (const name of ['ada', 'grace', 'linus']) insert.run(name);
  db.prepare('INSERT INTO orders (user_id, total) VALUES (1, 9.5)').run();
  db.pragma('user_version = 7');
  db.close();
}

/** Opens `path` as a store, expects refusal with a message matching every pattern, and no change to the dir. */
async function expectRefused(path: string, patterns: RegExp[]): Promise<void> {
  const dir = dirname(path);
  const before = { hash: sha256File(path), files: listDir(dir) };
  for (const first of ['init', 'read'] as const) {
    const store = openAt(path);
    const attempt = first === 'init' ? store.init() : store.read('k', { prefix: true });
    const error = await attempt.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error, `${first}() should reject`).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(NotFoundError);
    for (const pattern of patterns) expect((error as Error).message).toMatch(pattern);
    await expect(store.write({ key: 'k', value: 'v' })).rejects.toBeInstanceOf(Error);
    await store.close();
    expect(sha256File(path)).toBe(before.hash);
    expect(listDir(dir)).toEqual(before.files);
  }
  const readOnly = openAt(path, { readOnly: true });
  await expect(readOnly.init()).rejects.toBeInstanceOf(Error);
  await readOnly.close();
  expect(sha256File(path)).toBe(before.hash);
}

const TRUNCATED = /truncat|corrupt|damaged|malformed|broken|incomplete|invalid/i;

describe('files that are not stores are refused and never modified', () => {
  it("another application's SQLite database", async () => {
    const path = join(tempDirForTest(), 'other-app.sqlite');
    makeForeignDatabase(path);
    await expectRefused(path, [/sqlite/i, /store/i]);
    const db = openDatabase(path, { readonly: true });
    expect(db.prepare('SELECT name FROM users ORDER BY id').pluck().all()).toEqual(['ada', 'grace', 'linus']);
    db.close();
  });

  it('a text file', async () => {
    const path = join(tempDirForTest(), 'notes.db');
    writeFileSync(path, 'These are my notes.\nThey are not a database.\n'.repeat(200));
    await expectRefused(path, [/sqlite|database/i, /not/i]);
  });

  it('a file that starts like SQLite but is cut after 1000 bytes', async () => {
    const path = join(tempDirForTest(), 'store.db');
    await makeStoreFile(path);
    truncateSync(path, 1000);
    await expectRefused(path, [TRUNCATED]);
  });

  it('a store file cut in half, and one cut at a page boundary', async () => {
    const dir = tempDirForTest();
    const whole = join(dir, 'whole.db');
    await makeStoreFile(whole);
    const size = statSync(whole).size;
    expect(size).toBeGreaterThan(64 * 1024);
    const half = join(dir, 'half.db');
    copyFileSync(whole, half);
    truncateSync(half, Math.floor(size / 2) + 123);
    const aligned = join(dir, 'aligned.db');
    copyFileSync(whole, aligned);
    truncateSync(aligned, Math.floor(size / 2 / 4096) * 4096);
    await expectRefused(half, [TRUNCATED]);
    await expectRefused(aligned, [TRUNCATED]);
  });
});

describe('paths that become stores', () => {
  it('an empty (0-byte) file becomes a store and keeps its records', async () => {
    const path = join(tempDirForTest(), 'empty.db');
    writeFileSync(path, '');
    const store = openAt(path);
    await store.init();
    await store.write({ key: 'k', value: 'v' });
    await store.close();
    expect(statSync(path).size).toBeGreaterThan(0);
    expect(await openAt(path).list()).toEqual(['k']);
  });

  it('a new path becomes a store', async () => {
    const path = join(tempDirForTest(), 'new.db');
    const store = openAt(path);
    await store.write({ key: 'k', value: 'v' });
    expect(existsSync(path)).toBe(true);
    expect(await store.list()).toEqual(['k']);
  });
});

describe('persistence', () => {
  it('reopening the file gives back the same records, namespaces, metadata, values and expiry', async () => {
    const clock = createClock();
    const path = join(tempDirForTest(), 'store.db');
    const first = openAt(path, { now: clock.now });
    const binary = new Uint8Array([0, 255, 0, 128]);
    await first.write({ key: 'plain', value: 'text', metadata: { n: 2 ** 53, s: 'é😀', nested: { a: [null] } } });
    await first.write({ key: 'bin', value: binary }, { database: 'd/1', table: 't "2"' });
    await first.write({ key: 'expiring', value: 'soon', expiry: 10_000 });
    await first.write({ key: 'gone', value: 'x' });
    await first.delete('gone');
    await first.close();

    clock.advance(4000);
    const second = openAt(path, { now: clock.now });
    const [plain] = await second.read('plain');
    expect([text(plain), plain?.metadata, plain?.expiry]).toStrictEqual([
      'text',
      { n: 2 ** 53, s: 'é😀', nested: { a: [null] } },
      0,
    ]);
    const [bin] = await second.read('bin', { database: 'd/1', table: 't "2"' });
    expect([...bin!.value]).toEqual([...binary]);
    expect((await second.read('expiring'))[0]?.expiry).toBe(6000);
    expect(await second.list()).toEqual(['expiring', 'plain']);
    clock.advance(6001);
    expect(await second.list()).toEqual(['plain']);
  });

  it('two stores on one file see each other’s writes and deletes at once', async () => {
    const path = join(tempDirForTest(), 'store.db');
    const a = openAt(path);
    const b = openAt(path);
    await a.write({ key: 'k', value: 'from a' });
    expect(text((await b.read('k'))[0])).toBe('from a');
    await b.write({ key: 'k', value: 'from b' });
    expect(text((await a.read('k'))[0])).toBe('from b');
    await a.delete('k');
    await expect(b.read('k')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('the file is in WAL journal mode and records its schema version', async () => {
    const path = join(tempDirForTest(), 'store.db');
    const store = openAt(path);
    await store.write({ key: 'k', value: 'v' });
    const db = openDatabase(path, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });
});

describe('read-only', () => {
  async function prepared() {
    const clock = createClock();
    const dir = tempDirForTest();
    const path = join(dir, 'store.db');
    const writer = createSqliteStore({ path, now: clock.now });
    await writer.write({ key: 'a', value: 'A', metadata: { m: 1 } });
    await writer.write({ key: 'b', value: 'B' }, { table: 'other' });
    await writer.write({ key: 'short', value: 'S', expiry: 100 });
    await writer.close();
    return { clock, dir, path, hash: sha256File(path) };
  }

  it('reads and lists without changing a byte, even with expired records to purge', async () => {
    const { clock, path, hash } = await prepared();
    clock.advance(1000); // 'short' has expired: a read-only store must hide it without purging it
    const store = openAt(path, { readOnly: true, now: clock.now });
    await store.init();
    expect(text((await store.read('a'))[0])).toBe('A');
    expect((await store.read('a'))[0]?.metadata).toStrictEqual({ m: 1 });
    await expect(store.read('short')).rejects.toBeInstanceOf(NotFoundError);
    expect(await store.list()).toEqual(['a']);
    expect(await store.list({ table: 'other' })).toEqual(['b']);
    expect((await store.read('', { prefix: true })).map((r) => r.key)).toEqual(['a']);
    expect(sha256File(path)).toBe(hash);
    await store.close();
    expect(sha256File(path)).toBe(hash);
    // still there for a writer whose clock says it is live
    clock.advance(-1000);
    const writer = openAt(path, { now: clock.now });
    expect(await writer.list()).toEqual(['a', 'short']);
  });

  it('every writing call rejects with an error saying read-only, and nothing changes', async () => {
    const { clock, path, hash } = await prepared();
    const store = openAt(path, { readOnly: true, now: clock.now });
    await expect(store.write({ key: 'new', value: 'v' })).rejects.toThrow(/read[- ]?only/i);
    await expect(store.write({ key: 'a', value: 'replaced' })).rejects.toThrow(/read[- ]?only/i);
    await expect(store.write({ key: 'a', value: 'v' }, { ttl: 1 })).rejects.toThrow(/read[- ]?only/i);
    await expect(store.delete('a')).rejects.toThrow(/read[- ]?only/i);
    await expect(store.delete('missing')).rejects.toThrow(/read[- ]?only/i);
    expect(text((await store.read('a'))[0])).toBe('A');
    expect(await store.list()).toEqual(['a', 'short']);
    await store.close();
    expect(sha256File(path)).toBe(hash);
  });

  it('a missing path fails to open read-only and nothing is created', async () => {
    const dir = tempDirForTest();
    const path = join(dir, 'missing.db');
    const store = openAt(path, { readOnly: true });
    await expect(store.init()).rejects.toThrow(/not exist|no such|missing|not found|does not/i);
    await expect(store.list()).rejects.toBeInstanceOf(Error);
    await expect(store.read('k')).rejects.not.toBeInstanceOf(NotFoundError);
    expect(listDir(dir)).toEqual([]);
  });
});
