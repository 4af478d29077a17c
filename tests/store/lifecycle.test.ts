/**
 * Lifecycle (docs/store-semantics.md §5 and §8): createSqliteStore never touches the disk; init() or any first call opens
 * the file; every failure is a rejected promise, never a synchronous throw; after close() every call
 * rejects with a "closed" error while options() and toString() still answer.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteStore, NotFoundError } from '../../electron/store/index.js';
import type { RecordInput } from '../../electron/store/types.js';
import { listDir, tempDirForTest } from '../helpers/files.js';
import { fileStore, memoryStore, type SqliteStore } from '../helpers/store.js';

/** Calls `fn` and fails the test if it throws synchronously; returns the promise it gave. */
function callWithoutThrowing(fn: () => Promise<unknown>): Promise<unknown> {
  let promise: Promise<unknown> | undefined;
  expect(() => {
    promise = fn();
  }).not.toThrow();
  expect(promise).toBeInstanceOf(Promise);
  return promise!;
}

describe('opening', () => {
  it('createSqliteStore, options() and toString() never touch the disk; init() creates the file', async () => {
    const { store, path, dir } = fileStore({ table: 't' });
    store.options();
    store.toString();
    expect(listDir(dir)).toEqual([]);
    await store.init();
    expect(existsSync(path)).toBe(true);
  });

  it.each([
    ['read', (s: SqliteStore) => s.read('missing', { prefix: true })],
    ['list', (s: SqliteStore) => s.list()],
    ['write', (s: SqliteStore) => s.write({ key: 'k', value: 'v' })],
    ['delete', (s: SqliteStore) => s.delete('k')],
  ])('a first %s() before init() opens and creates the store file', async (_name, call) => {
    const { store, path, dir } = fileStore();
    expect(listDir(dir)).toEqual([]);
    await call(store);
    expect(existsSync(path)).toBe(true);
    await store.write({ key: 'after', value: 'v' });
    expect(await store.list()).toContain('after');
  });

  it('a path in a missing directory fails on init() as a rejected promise and creates nothing', async () => {
    const dir = tempDirForTest();
    const path = join(dir, 'no', 'such', 'dir', 'store.db');
    let store: SqliteStore | undefined;
    expect(() => {
      store = createSqliteStore({ path });
    }).not.toThrow();
    await expect(callWithoutThrowing(() => store!.init())).rejects.toBeInstanceOf(Error);
    await expect(callWithoutThrowing(() => store!.list())).rejects.toBeInstanceOf(Error);
    expect(listDir(dir)).toEqual([]);
    await store!.close();
  });

  it('a path that is a directory fails on init() as a rejected promise', async () => {
    const dir = tempDirForTest();
    mkdirSync(join(dir, 'folder'));
    const store = createSqliteStore({ path: join(dir, 'folder') });
    await expect(callWithoutThrowing(() => store.init())).rejects.toBeInstanceOf(Error);
    await store.close();
  });
});

describe('failures are rejected promises, never synchronous throws', () => {
  const bad = <T>(value: unknown) => value as T;
  const cycle: Record<string, unknown> = {};
  cycle.self = cycle;

  it.each([
    ['read of a missing key', (s: SqliteStore) => s.read('missing')],
    ['write with an empty key', (s: SqliteStore) => s.write({ key: '', value: 'v' })],
    ['write with a lone surrogate key', (s: SqliteStore) => s.write({ key: '\uD800', value: 'v' })],
    ['write with cyclic metadata', (s: SqliteStore) => s.write({ key: 'k', value: 'v', metadata: cycle })],
    ['write with BigInt metadata', (s: SqliteStore) => s.write({ key: 'k', value: 'v', metadata: { n: 1n } })],
    ['list with a negative limit', (s: SqliteStore) => s.list({ limit: -1 })],
    ['read with a NaN offset', (s: SqliteStore) => s.read('k', { prefix: true, offset: Number.NaN })],
    ['write(null) from untyped JavaScript', (s: SqliteStore) => s.write(bad<RecordInput>(null))],
    ['read(42) from untyped JavaScript', (s: SqliteStore) => s.read(bad<string>(42))],
  ])('%s', async (_name, call) => {
    const store = memoryStore();
    const failure = callWithoutThrowing(() => call(store));
    await expect(failure).rejects.toBeInstanceOf(Error);
  });

  it('a missing key is NotFoundError with the message "not found"', async () => {
    const store = memoryStore();
    const failure = callWithoutThrowing(() => store.read('missing'));
    await expect(failure).rejects.toBeInstanceOf(NotFoundError);
    await expect(failure).rejects.toThrow('not found');
  });
});

describe('close()', () => {
  const CALLS: [string, (s: SqliteStore) => Promise<unknown>][] = [
    ['init', (s) => s.init({ table: 'x' })],
    ['read', (s) => s.read('k')],
    ['read with prefix', (s) => s.read('', { prefix: true })],
    ['write', (s) => s.write({ key: 'k', value: 'v' })],
    ['delete', (s) => s.delete('k')],
    ['list', (s) => s.list()],
  ];

  it.each(CALLS)('%s after close() rejects with an error saying the store is closed', async (_name, call) => {
    const { store } = fileStore();
    await store.write({ key: 'k', value: 'v' });
    await store.close();
    await expect(callWithoutThrowing(() => call(store))).rejects.toThrow(/closed/i);
  });

  it('every call rejects as closed also when the store was closed before it was ever opened', async () => {
    const { store } = fileStore();
    await store.close();
    for (const [, call] of CALLS) await expect(callWithoutThrowing(() => call(store))).rejects.toThrow(/closed/i);
  });

  it('options() and toString() still answer after close, and close() twice is fine', async () => {
    const { store } = fileStore({ database: 'd', table: 't', nodes: ['n'] });
    await store.init();
    await expect(store.close()).resolves.toBeUndefined();
    expect(store.options()).toMatchObject({ database: 'd', table: 't', nodes: ['n'] });
    expect(store.toString()).toBe('sqlite');
    await expect(store.close()).resolves.toBeUndefined();
  });

  it('closing never erases data: a new store on the same file sees it', async () => {
    const { store, path } = fileStore();
    await store.write({ key: 'k', value: 'kept' });
    await store.close();
    const again = createSqliteStore({ path });
    try {
      expect(await again.list()).toEqual(['k']);
    } finally {
      await again.close();
    }
  });
});
