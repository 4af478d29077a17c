import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallArg, CallName } from '../../electron/api/contract/calls.js';
import type { FileAccess } from '../../electron/api/file-grants.js';
import { StoreSession } from '../../electron/api/store-session.js';
import { createSqliteStore } from '../../electron/store/index.js';
import { apiClient, base64 } from '../helpers/api-client.js';
import { listDir, sha256File, tempDirForTest } from '../helpers/files.js';

const NS = { database: 'micro', table: 'micro' };

type Grant = (path: string, access: FileAccess) => string;

/**
 * Every call of the contract that writes the open store or creates one, with an argument (files granted as a
 * native dialog would) that would succeed in a writable session.
 */
function writingCalls(dir: string, file: Grant): { [N in CallName]?: CallArg<N> } {
  const records = join(dir, 'in.ndjson');
  writeFileSync(records, '{"key":"user/9","value":"QQ=="}\n');
  return {
    'record.write': { ...NS, key: 'user/1', value: base64('changed'), expectedRevision: null },
    'records.delete': { ...NS, keys: ['user/1'] },
    'records.deleteMatching': { ...NS, filter: { prefix: 'user/' } },
    'records.setExpiry': { ...NS, keys: ['user/1'], expiry: { kind: 'ttl', ms: 1_000 } },
    'record.rename': { ...NS, from: 'user/1', to: 'user/2' },
    'record.duplicate': { ...NS, from: 'user/1', to: 'user/2' },
    'records.setExpiryMatching': { ...NS, taskId: 't', filter: {}, expiry: { kind: 'ttl', ms: 1_000 } },
    'records.purgeExpired': {},
    'table.create': { database: 'other', table: 'new' },
    'import.run': { ...NS, taskId: 'import', file: file(records, 'read') },
    'store.create': { file: file(join(dir, 'new.db'), 'write') },
  };
}

describe('a store opened read-only', () => {
  it('refuses every writing call of the contract with a clear error; the file keeps its bytes', async () => {
    const dir = tempDirForTest();
    const path = join(dir, 'store.db');
    const writer = createSqliteStore({ path });
    await writer.write({ key: 'user/1', value: 'Ada' });
    await writer.write({ key: 'old', value: '', expiry: -1 });
    await writer.close();
    const before = sha256File(path);
    const api = apiClient(new StoreSession(true));
    await api.value('store.open', { file: api.file(path, 'store'), readOnly: false });
    for (const [name, arg] of Object.entries(writingCalls(dir, api.file))) {
      const result = await api.call(name as CallName, arg as never);
      expect(result.ok, name).toBe(false);
      if (!result.ok) {
        expect(result.error.code, name).toBe('read-only');
        expect(result.error.message, name).toMatch(/read-only/);
      }
    }
    await api.value('store.close', {});
    expect(sha256File(path)).toBe(before);
    expect(listDir(dir).filter((name) => name.startsWith('store.db'))).toContain('store.db');
    // No new store either.
    expect(listDir(dir).filter((name) => !name.startsWith('store.db'))).toEqual(['in.ndjson']);
  });
});
