/**
 * Every error the store throws must reach the API as it would in-thread: the same class, so errors.ts gives
 * the same code, and the same message. One test per code the API can answer from a store call.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toErrorResult } from '../../electron/api/errors.js';
import { StoreSession } from '../../electron/api/store-session.js';
import { fromCrossingError, toCrossingError } from '../../electron/api/store-worker/crossing-error.js';
import { createSqliteStore } from '../../electron/store/index.js';
import { ConflictError } from '../../electron/store/record-detail.js';
import { openDatabase } from '../../electron/store/sqlite-driver.js';
import { NotFoundError, StoreInputError, StoreStateError } from '../../electron/store/types.js';
import { type ApiClient, apiClient } from '../helpers/api-client.js';
import { tempDirForTest } from '../helpers/files.js';
import { TABLE } from './slow-store.js';

describe('an error crossing the thread boundary keeps its class, code and message', () => {
  const current = {
    key: 'k',
    value: new Uint8Array([1, 2, 3]),
    size: 3,
    metadata: { a: 1 },
    expiresAt: null,
    expired: false,
    updatedAt: 5,
    revision: 'r1',
  };
  const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
  const missing = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
  const cases: [string, Error, string][] = [
    ['ConflictError', new ConflictError(current), 'conflict'],
    ['ConflictError, record deleted', new ConflictError(undefined), 'conflict'],
    ['NotFoundError', new NotFoundError(), 'not-found'],
    ['StoreInputError', new StoreInputError('key must not be empty'), 'invalid-argument'],
    ...(['closed', 'read-only', 'foreign-file', 'corrupt-file', 'missing-file', 'newer-format'] as const).map(
      (code): [string, Error, string] => [`StoreStateError ${code}`, new StoreStateError(`it is ${code}`, code), code],
    ),
    ['SQLITE_BUSY', busy, 'busy'],
    ['ENOENT', missing, 'missing-file'],
    ['TypeError', new TypeError('record must be an object'), 'internal'],
  ];

  it.each(cases)('%s answers %s', (_name, error, code) => {
    const crossed = fromCrossingError(structuredClone(toCrossingError(error)));
    expect(crossed.constructor).toBe(error.constructor);
    expect(crossed.message).toBe(error.message);
    expect(toErrorResult(crossed)).toEqual(toErrorResult(error));
    expect(toErrorResult(crossed)).toMatchObject({ ok: false, error: { code } });
  });

  it('a conflict’s current record keeps its bytes as a Buffer', () => {
    const crossed = fromCrossingError(structuredClone(toCrossingError(new ConflictError(current))));
    expect(crossed).toBeInstanceOf(ConflictError);
    const value = (crossed as ConflictError).current?.value;
    expect(Buffer.isBuffer(value)).toBe(true);
    expect([...(value ?? [])]).toEqual([1, 2, 3]);
  });
});

describe('store errors through the threads, as the API answers them', () => {
  let api: ApiClient | undefined;
  afterEach(async () => {
    await api?.session.close();
    api = undefined;
  });

  async function created(): Promise<{ client: ApiClient; path: string }> {
    const path = join(tempDirForTest(), 'store.db');
    api = apiClient();
    await api.value('store.create', { file: api.file(path, 'write') });
    return { client: api, path };
  }

  it('conflict, with the record as it is now', async () => {
    const { client } = await created();
    const { revision } = await client.value('record.write', {
      ...TABLE,
      key: 'k',
      value: 'YQ==',
      expectedRevision: null,
    });
    await client.value('record.write', { ...TABLE, key: 'k', value: 'Yg==', expectedRevision: revision });
    const error = await client.error('record.write', { ...TABLE, key: 'k', value: 'Yw==', expectedRevision: revision });
    expect(error).toMatchObject({ code: 'conflict', current: { key: 'k', value: 'Yg==' } });
  });

  it('not-found', async () => {
    const { client } = await created();
    expect(await client.error('record.get', { ...TABLE, key: 'missing' })).toMatchObject({ code: 'not-found' });
  });

  it('invalid-argument, from the store itself', async () => {
    await created();
    const error = await api?.session.store?.list({ limit: -1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreInputError);
    expect(toErrorResult(error)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('read-only', async () => {
    const { path } = await created();
    await api?.session.close();
    api = apiClient();
    await api.value('store.open', { file: api.file(path, 'store'), readOnly: true });
    const error = await api.error('record.write', { ...TABLE, key: 'k', value: 'YQ==', expectedRevision: null });
    expect(error.code).toBe('read-only');
  });

  it.each([
    ['foreign-file', (path: string) => writeFileSync(path, 'just some text, not a store\n'), false],
    ['corrupt-file', (path: string) => writeFileSync(path, Buffer.from('SQLite format 3\0 and then nothing')), false],
    ['missing-file', () => {}, true],
    ['newer-format', (path: string) => newerFormat(path), false],
  ] as const)('%s, when the store is opened', async (code, make, readOnly) => {
    const path = join(tempDirForTest(), 'store.db');
    await make(path);
    api = apiClient();
    expect(await api.error('store.open', { file: api.file(path, 'store'), readOnly })).toMatchObject({ code });
    expect(api.session.store).toBeUndefined();
  });

  it('closed, for a call made after the store was closed', async () => {
    const session = new StoreSession();
    const store = await session.create(join(tempDirForTest(), 'store.db'));
    await session.close();
    const error = await store.reading.databases().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreStateError);
    expect(toErrorResult(error)).toMatchObject({ ok: false, error: { code: 'closed' } });
  });
});

/** A store file whose format number is beyond what this build reads. */
async function newerFormat(path: string): Promise<void> {
  const store = createSqliteStore({ path });
  await store.init();
  await store.close();
  const db = openDatabase(path);
  db.pragma('user_version = 999');
  db.close();
}
