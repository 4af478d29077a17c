/**
 * Changes to indexed records are marked on the records' own rows (docs/file-format.md, "Stale marks"), not
 * noted in a table of their own: filters on metadata and values stay exact at every moment, before the app
 * has noted and re-indexed them, whoever wrote and whether or not anyone watched.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSqliteStore, type InspectorStore } from '../../electron/store/index.js';
import { MARK_SCAN, UNLOGGED_CHANGES } from '../../electron/store/migrations/007-stale-marks.js';
import { type Database, openDatabase } from '../../electron/store/sqlite-driver.js';
import { tempDirForTest } from '../helpers/files.js';

const NS = { database: 'micro', table: 'micro' };
const JOB = { metadata: [{ field: 'kind', value: 'job' }] };
const COUNT = 40;
const CHILD_SCRIPT = fileURLToPath(new URL('./service-writes.child.ts', import.meta.url));

const key = (index: number) => `k/${String(index).padStart(2, '0')}`;

interface Model {
  kinds: Map<string, string>;
  values: Map<string, string>;
}

/** A file whose 40 records (every 4th a job) are all indexed, as the app leaves it; and what it holds. */
async function indexedFile(path: string): Promise<Model> {
  const model: Model = { kinds: new Map(), values: new Map() };
  const records = Array.from({ length: COUNT }, (_, index) => {
    const kind = index % 4 === 0 ? 'job' : 'user';
    model.kinds.set(key(index), kind);
    model.values.set(key(index), `blue ${index}`);
    return { key: key(index), value: `blue ${index}`, metadata: { kind } };
  });
  const app = createSqliteStore({ path });
  await app.writeMany(NS, records);
  while ((await app.indexKeys(7)) > 0);
  await app.close();
  return model;
}

const changes = [
  { key: key(1), value: 'blue 1', metadata: { kind: 'job' } },
  { key: key(4), value: 'blue 4', metadata: { kind: 'user' } },
  { key: key(9), value: 'red 9', metadata: { kind: 'user' } },
];

function apply(model: Model, records: typeof changes): void {
  for (const record of records) {
    model.kinds.set(record.key, String(record.metadata.kind));
    model.values.set(record.key, record.value);
  }
}

/** Another process writes the records through its own Store, as a service does. */
async function serviceWrites(path: string, records: typeof changes): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD_SCRIPT, path, JSON.stringify(records)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(errors).toBe('');
  expect(code).toBe(0);
}

/** The filters a user relies on, each against what the file holds. */
async function expectExact(store: InspectorStore, model: Model): Promise<void> {
  const jobs = [...model.kinds].filter(([, kind]) => kind === 'job').map(([k]) => k);
  const page = await store.page(NS, { filter: JOB, order: 'asc', limit: 100 });
  expect(page.records.map((record) => record.key)).toEqual(jobs.sort());
  expect(await store.count(NS, JOB)).toBe(jobs.length);
  expect(await store.count(NS, { ...JOB, expiry: 'all' })).toBe(jobs.length);
  const reds = [...model.values].filter(([, value]) => value.includes('red')).length;
  expect(await store.count(NS, { valueContains: 'red' })).toBe(reds);
  const blues = [...model.values].filter(([, value]) => value.includes('blue')).length;
  expect(await store.count(NS, { valueContains: 'blue' })).toBe(blues);
}

function bookkeeping(db: Database) {
  const row = (name: string) => db.prepare('SELECT value FROM store_inspector WHERE name = ?').pluck().get(name);
  return {
    marked: db.prepare('SELECT count(*) FROM records WHERE stale != 0').pluck().get(),
    notes: db.prepare('SELECT count(*) FROM index_pending').pluck().get(),
    unlogged: row(UNLOGGED_CHANGES) !== undefined,
    scanning: row(MARK_SCAN) !== undefined,
  };
}

const entryOf = (db: Database, recordKey: string) =>
  db.prepare("SELECT value FROM metadata_values WHERE key = ? AND field = 'kind'").pluck().get(recordKey);

describe('stale marks', () => {
  it('finds a record another process changed while nobody watched, right after opening', async () => {
    const path = join(tempDirForTest(), 'store.db');
    const model = await indexedFile(path);
    await serviceWrites(path, changes);
    apply(model, changes);
    const db = openDatabase(path, { readonly: true });
    // No note was written: the marks are on the records' rows, and the first unlogged change said so.
    expect(bookkeeping(db)).toEqual({ marked: 3, notes: 0, unlogged: true, scanning: false });

    const app = createSqliteStore({ path, watchChanges: true });
    await expectExact(app, model);
    while ((await app.indexKeys(7)) > 0) await expectExact(app, model);
    expect(bookkeeping(db)).toEqual({ marked: 0, notes: 0, unlogged: false, scanning: false });
    expect(entryOf(db, key(1))).toBe('job');
    expect(entryOf(db, key(4))).toBe('user');
    await expectExact(app, model);
    db.close();
    await app.close();
  });

  it('while an inspector watches, finds the changed records through the change log before any upkeep', async () => {
    const path = join(tempDirForTest(), 'store.db');
    const model = await indexedFile(path);
    const app = createSqliteStore({ path, watchChanges: true });
    await app.info();
    await serviceWrites(path, changes);
    apply(model, changes);
    const db = openDatabase(path, { readonly: true });
    expect(bookkeeping(db)).toEqual({ marked: 3, notes: 0, unlogged: false, scanning: false });
    await expectExact(app, model);
    // One round of upkeep notes the logged marks and re-indexes them; no scan of the records.
    await app.indexKeys(100);
    expect(bookkeeping(db)).toEqual({ marked: 0, notes: 0, unlogged: false, scanning: false });
    expect(entryOf(db, key(1))).toBe('job');
    await expectExact(app, model);
    db.close();
    await app.close();
  });

  it('re-indexes noted records a chunk at a time, clearing each note only once its record is re-indexed', async () => {
    const path = join(tempDirForTest(), 'store.db');
    const model = await indexedFile(path);
    const app = createSqliteStore({ path, watchChanges: true });
    await app.info();
    // Users become jobs, blue turns red: every note has both flags, each cleared by its own index's upkeep.
    const many = [2, 5, 6, 11, 13, 17, 22, 27, 33].map((index) => ({
      key: key(index),
      value: `red ${index}`,
      metadata: { kind: 'job' },
    }));
    await serviceWrites(path, many);
    apply(model, many);
    const db = openDatabase(path, { readonly: true });
    const notes: unknown[] = [];
    // Two records a call: the notes of the others stay, and filters keep reading those records.
    while ((await app.indexKeys(2)) > 0) {
      notes.push(bookkeeping(db).notes);
      await expectExact(app, model);
    }
    expect(notes).toEqual([7, 5, 3, 1, 0]);
    expect(bookkeeping(db)).toEqual({ marked: 0, notes: 0, unlogged: false, scanning: false });
    expect(entryOf(db, key(13))).toBe('job');
    db.close();
    await app.close();
  });

  it('marks the changes of a program that writes the documented SQL without knowing the marks', async () => {
    const path = join(tempDirForTest(), 'store.db');
    const model = await indexedFile(path);
    const app = createSqliteStore({ path, watchChanges: true });
    await app.info();
    const other = openDatabase(path);
    other.pragma('busy_timeout = 5000');
    const upsert = other.prepare(`INSERT INTO records (ns, key, value, metadata, expires_at, updated_at)
      VALUES (1, ?, ?, ?, NULL, ?)
      ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value, metadata = excluded.metadata,
        expires_at = excluded.expires_at, updated_at = excluded.updated_at, version = version + 1`);
    for (const record of changes) {
      upsert.run(record.key, Buffer.from(record.value), JSON.stringify(record.metadata), Date.now());
    }
    other.prepare('UPDATE records SET metadata = ? WHERE key = ?').run('{"kind":"job"}', key(2));
    other.prepare('DELETE FROM records WHERE key = ?').run(key(8));
    other.close();
    apply(model, changes);
    model.kinds.set(key(2), 'job');
    model.kinds.delete(key(8));
    model.values.delete(key(8));
    await expectExact(app, model);
    while ((await app.indexKeys(7)) > 0) await expectExact(app, model);
    await expectExact(app, model);
    await app.close();
  });

  it('stays exact when the change log cut off changes the notes had not caught up with', async () => {
    const path = join(tempDirForTest(), 'store.db');
    const model = await indexedFile(path);
    const app = createSqliteStore({ path, watchChanges: true });
    await app.info();
    const service = createSqliteStore({ path });
    // A change, then more changes than the log keeps, with no upkeep between: the first one is cut off.
    await service.write({ key: key(5), value: 'blue 5', metadata: { kind: 'job' } });
    for (let round = 0; round < 10_300; round++) {
      await service.write({
        key: key(3),
        value: `blue ${round}`,
        metadata: { kind: round % 2 === 0 ? 'job' : 'user' },
      });
    }
    await service.close();
    model.kinds.set(key(3), 'user');
    model.values.set(key(3), 'blue 10299');
    model.kinds.set(key(5), 'job');
    await expectExact(app, model);
    while ((await app.indexKeys(7)) > 0) await expectExact(app, model);
    const db = openDatabase(path, { readonly: true });
    expect(bookkeeping(db)).toEqual({ marked: 0, notes: 0, unlogged: false, scanning: false });
    db.close();
    await app.close();
  });

  it('starts the scan for marks again when a change nobody logged lands behind it', async () => {
    const path = join(tempDirForTest(), 'store.db');
    const model = await indexedFile(path);
    // An app that does not watch: its writes, like a service's, are not logged.
    const app = createSqliteStore({ path });
    await app.write({ key: key(30), value: 'blue 30', metadata: { kind: 'job' } }, NS);
    model.kinds.set(key(30), 'job');
    await app.indexKeys(10);
    const db = openDatabase(path, { readonly: true });
    expect(bookkeeping(db)).toMatchObject({ unlogged: false, scanning: true });
    await app.write({ key: key(2), value: 'blue 2', metadata: { kind: 'job' } }, NS);
    model.kinds.set(key(2), 'job');
    expect(bookkeeping(db)).toMatchObject({ unlogged: true, scanning: true });
    await expectExact(app, model);
    while ((await app.indexKeys(10)) > 0) await expectExact(app, model);
    expect(bookkeeping(db)).toEqual({ marked: 0, notes: 0, unlogged: false, scanning: false });
    expect(entryOf(db, key(2))).toBe('job');
    await expectExact(app, model);
    db.close();
    await app.close();
  });
});
