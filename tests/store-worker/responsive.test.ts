/**
 * Issue #16 item 14: a slow call (a write waiting for another process's lock, a long count) must not hold
 * every other call. These assert only the order (the others answer while the slow one is pending); the
 * < 50 ms figures are measured by `npm run bench -- responsive`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiClient, apiClient } from '../helpers/api-client.js';
import { tempDirForTest } from '../helpers/files.js';
import { holdWriteLock, releaseWriteLock, SLOW_FILTER, seededStore, TABLE } from './slow-store.js';

let api: ApiClient | undefined;
afterEach(async () => {
  await api?.session.close();
  api = undefined;
});

async function openApi(path: string): Promise<ApiClient> {
  api = apiClient();
  await api.value('store.open', { file: api.file(path, 'store'), readOnly: false });
  return api;
}

/** Runs `others` while `slow` is pending; true for each other call that answered before `slow` settled. */
async function answeredWhilePending(slow: Promise<unknown>, others: (() => Promise<unknown>)[]): Promise<boolean[]> {
  let settled = false;
  const watched = slow.finally(() => {
    settled = true;
  });
  const answers: boolean[] = [];
  for (const other of others) {
    await other();
    answers.push(!settled);
  }
  await watched.catch(() => {});
  return answers;
}

describe('a slow call holds only itself', () => {
  it('a write waiting for another connection’s lock leaves info and page answering; then it fails busy', async () => {
    const path = await seededStore(tempDirForTest(), 100);
    const client = await openApi(path);
    const lock = holdWriteLock(path);
    try {
      const write = client.call('record.write', {
        ...TABLE,
        key: 'new',
        value: Buffer.from('x').toString('base64'),
        expectedRevision: null,
      });
      // Give the write time to reach its thread and start waiting for the lock.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const answered = await answeredWhilePending(write, [
        () => client.value('store.info', {}),
        () => client.value('records.page', { ...TABLE, limit: 10 }),
        () => client.value('records.count', TABLE),
        () => client.value('record.get', { ...TABLE, key: 'key/00000001' }),
      ]);
      expect(answered).toEqual([true, true, true, true]);
      const result = await write;
      expect(result.ok ? 'written' : result.error.code).toBe('busy');
    } finally {
      releaseWriteLock(lock);
    }
    // The lock gone, the same write goes through.
    await client.value('record.write', { ...TABLE, key: 'new', value: 'eA==', expectedRevision: null });
    expect(await client.value('records.count', TABLE)).toBe(101);
  }, 30_000);

  it('a long count leaves info, page and record reads answering, and its own answer is right', async () => {
    const path = await seededStore(tempDirForTest(), 150_000);
    const client = await openApi(path);
    const count = client.value('records.count', { ...TABLE, filter: SLOW_FILTER });
    const answered = await answeredWhilePending(count, [
      () => client.value('store.info', {}),
      () => client.value('records.page', { ...TABLE, limit: 10 }),
    ]);
    expect(answered).toEqual([true, true]);
    expect(await count).toBe(0);
  }, 60_000);

  it('writes go on while a long count runs, and the count’s thread is not the writer', async () => {
    const path = await seededStore(tempDirForTest(), 150_000);
    const client = await openApi(path);
    const count = client.value('records.count', { ...TABLE, filter: SLOW_FILTER });
    const answered = await answeredWhilePending(count, [
      () => client.value('record.write', { ...TABLE, key: 'during', value: 'eA==', expectedRevision: null }),
      () => client.value('record.get', { ...TABLE, key: 'during' }),
    ]);
    expect(answered).toEqual([true, true]);
    await count;
  }, 60_000);
});
