/** record.rename onto the key it already has: said as such (not "already exists"), and the record is untouched. */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreSession } from '../../electron/api/store-session.js';
import { type ApiClient, apiClient, base64 } from '../helpers/api-client.js';
import { tempDirForTest } from '../helpers/files.js';

const NS = { database: 'edit', table: 'keys' } as const;
const open: ApiClient[] = [];

afterEach(async () => {
  for (const client of open.splice(0)) await client.session.close();
});

describe('record.rename to the same key', () => {
  it('is an invalid-argument saying the keys are equal; the record stays as it was', async () => {
    const api = apiClient(new StoreSession());
    open.push(api);
    await api.value('store.create', { file: api.file(join(tempDirForTest(), 'store.db'), 'write') });
    await api.value('record.write', { ...NS, key: 'edit/c', value: base64('v'), expectedRevision: null });

    const error = await api.error('record.rename', { ...NS, from: 'edit/c', to: 'edit/c' });

    expect(error).toEqual({
      code: 'invalid-argument',
      message: 'the new key is the same as the old one: nothing to rename',
    });
    expect((await api.value('record.get', { ...NS, key: 'edit/c' })).value).toBe(base64('v'));
  });
});
