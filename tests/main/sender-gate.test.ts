/**
 * The desktop's IPC answers only our own page: a call from any other frame is refused as `forbidden` (a code
 * of the contract, as browser mode's refusals are) and never reaches dispatch.
 */
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { StoreSession } from '../../electron/api/store-session.js';
import { answerIfOwnPage } from '../../electron/main/sender-gate.js';
import { apiClient, base64, expectCode, expectErrorShape } from '../helpers/api-client.js';
import { tempDirForTest } from '../helpers/files.js';

const NS = { database: 'micro', table: 'micro' };
const WRITE = { ...NS, key: 'k', value: base64('v'), expectedRevision: null };

async function storeApi() {
  const session = new StoreSession();
  onTestFinished(() => session.close());
  const api = apiClient(session);
  await api.value('store.create', { file: api.file(join(tempDirForTest(), 'store.db'), 'write') });
  return api;
}

describe('a call over IPC', () => {
  it('from a frame that is not our page: forbidden, and the store is untouched', async () => {
    const api = await storeApi();
    const result = await answerIfOwnPage(false, () => api.raw('record.write', WRITE));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expectErrorShape(result.error);
    expect(expectCode(result.error, 'forbidden').message).toMatch(/did not come from the Store Inspector window/);
    expect(await api.value('records.count', NS)).toBe(0);
  });

  it('from our page: dispatched as it is', async () => {
    const api = await storeApi();
    expect((await answerIfOwnPage(true, () => api.raw('record.write', WRITE))).ok).toBe(true);
    expect(await api.value('records.count', NS)).toBe(1);
  });
});
