/**
 * Files by grant: the page names a file only by the handle a native dialog (or a drop, an upload) gave it. A
 * dialog's choice is still refused where writing it would destroy the open store, whatever the dialog allowed.
 */
import { linkSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileGrants } from '../../electron/api/file-grants.js';
import type { HostCapabilities } from '../../electron/api/handlers.js';
import { StoreSession } from '../../electron/api/store-session.js';
import { type ApiClient, apiClient, base64 } from '../helpers/api-client.js';
import { listDir, sha256File, tempDirForTest } from '../helpers/files.js';

const NS = { database: 'micro', table: 'micro' };
const clients: ApiClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.session.close();
});

/** A desktop host whose dialogs answer what the test says, as the native ones would after the user chose. */
function dialogs(answers: { open?: string; save?: string; folder?: string }): HostCapabilities {
  return {
    chooseOpenPath: async () => answers.open,
    chooseSavePath: async () => answers.save,
    chooseFolder: async () => answers.folder,
  };
}

async function openStore(host: HostCapabilities = {}) {
  const dir = tempDirForTest();
  const storePath = join(dir, 'store.db');
  const api = apiClient(new StoreSession(), host);
  clients.push(api);
  await api.value('store.create', { file: api.file(storePath, 'write') });
  await api.value('record.write', { ...NS, key: 'k', value: base64('v'), expectedRevision: null });
  return { api, dir, storePath };
}

const dumpTo = (file: string) => ({ taskId: 'e', file, format: 'lines', scope: { kind: 'dump' } }) as const;

describe('file.choose*', () => {
  it('answer a handle with the file name, never the path; null when cancelled', async () => {
    const dir = tempDirForTest();
    const api = apiClient(new StoreSession(), dialogs({ open: join(dir, 'in.json'), save: join(dir, 'out.json') }));
    expect(await api.value('file.chooseImport', {})).toEqual({
      id: expect.any(String),
      name: 'in.json',
      download: false,
    });
    const chosen = await api.value('file.chooseExport', { suggestedName: 'out.json' });
    expect(chosen).toMatchObject({ name: 'out.json', download: false });
    expect(JSON.stringify(chosen)).not.toContain(dir);
    const cancelled = apiClient(new StoreSession(), dialogs({}));
    expect(await cancelled.value('file.chooseImport', {})).toBeNull();
    expect(await cancelled.value('file.chooseExport', { suggestedName: 'x.json' })).toBeNull();
    expect(await cancelled.value('file.chooseGoMicroFolder', {})).toBeNull();
  });

  it('a host without dialogs (browser mode without downloads) answers unsupported', async () => {
    const api = apiClient();
    expect((await api.error('file.chooseImport', {})).code).toBe('unsupported');
    expect((await api.error('file.chooseExport', { suggestedName: 'x.json' })).code).toBe('unsupported');
  });

  it('the export handle writes exactly the chosen file', async () => {
    const { api, dir } = await openStore(dialogs({ save: join(tempDirForTest(), 'ignored') }));
    const target = join(dir, 'out.ndjson');
    const result = await api.value('export.run', dumpTo(api.file(target, 'write')));
    expect(result).toMatchObject({ name: 'out.ndjson', records: 1, download: null });
    expect(readFileSync(target, 'utf8')).toContain('"key":"k"');
  });
});

describe('handles', () => {
  it('an unknown or made-up id is refused with invalid-argument, saying to choose the file again', async () => {
    const { api, dir } = await openStore();
    for (const [name, arg] of [
      ['export.run', dumpTo('not-a-grant')],
      ['import.preview', { ...NS, taskId: 'p', file: 'not-a-grant' }],
      ['import.run', { ...NS, taskId: 'i', file: 'not-a-grant' }],
      ['store.open', { file: 'not-a-grant' }],
      ['store.create', { file: 'not-a-grant' }],
      ['store.copyToSqlite', { taskId: 'c', file: 'not-a-grant' }],
    ] as const) {
      const error = await api.error(name, arg as never);
      expect(error.code, name).toBe('invalid-argument');
      expect(error.message, name).toMatch(/unknown file handle.*choose the file again/);
    }
    expect(listDir(dir)).toEqual(['store.db', 'store.db-shm', 'store.db-wal']);
  });

  it('a handle given for one use is refused for another (a file chosen to import is not written)', async () => {
    const { api, dir } = await openStore();
    const source = join(dir, 'in.ndjson');
    writeFileSync(source, '{"key":"a","value":"QQ=="}\n');
    const before = sha256File(source);
    const error = await api.error('export.run', dumpTo(api.file(source, 'read')));
    expect(error).toMatchObject({
      code: 'invalid-argument',
      message: expect.stringContaining('in.ndjson was chosen to read'),
    });
    expect((await api.error('store.open', { file: api.file(source, 'read') })).code).toBe('invalid-argument');
    expect(sha256File(source)).toBe(before);
  });

  it('a handle from another session (another window, another server) is unknown here', async () => {
    const { api, dir } = await openStore();
    const elsewhere = new FileGrants().grant(join(dir, 'x.ndjson'), 'write');
    expect((await api.error('export.run', dumpTo(elsewhere.id))).code).toBe('invalid-argument');
  });

  it('a path with a lone surrogate from a dialog is refused with a clear error', async () => {
    const dir = tempDirForTest();
    const api = apiClient(
      new StoreSession(),
      dialogs({ save: join(dir, 'bad\ud800.json'), open: join(dir, '\udc00') }),
    );
    for (const error of [
      await api.error('file.chooseExport', { suggestedName: 'x.json' }),
      await api.error('file.chooseImport', {}),
    ]) {
      expect(error.code).toBe('invalid-argument');
      expect(error.message).toMatch(/lone|unpaired.*surrogate/);
    }
    expect((await api.error('file.chooseExport', { suggestedName: 'x\ud800.json' })).code).toBe('invalid-argument');
    expect(listDir(dir)).toEqual([]);
  });
});

describe('never over the open store', () => {
  it('export.run refuses the open store, its -wal and -shm, through a symbolic or hard link; the store is intact', async () => {
    const { api, dir, storePath } = await openStore();
    symlinkSync(storePath, join(dir, 'alias.db'));
    linkSync(storePath, join(dir, 'hard.db'));
    const before = sha256File(storePath);
    for (const target of [
      storePath,
      `${storePath}-wal`,
      `${storePath}-shm`,
      join(dir, 'alias.db'),
      join(dir, 'hard.db'),
    ]) {
      const error = await api.error('export.run', dumpTo(api.file(target, 'write')));
      expect(error.code, target).toBe('foreign-file');
      expect(error.message, target).toMatch(/open store.*would destroy/);
    }
    expect(sha256File(storePath)).toBe(before);
    expect(await api.value('records.count', NS)).toBe(1);
  });

  it('record.saveValue refuses the open store even when the save dialog chose it', async () => {
    const dir = tempDirForTest();
    const storePath = join(dir, 'store.db');
    const api = apiClient(new StoreSession(), dialogs({ save: storePath }));
    clients.push(api);
    await api.value('store.create', { file: api.file(storePath, 'write') });
    await api.value('record.write', { ...NS, key: 'k', value: base64('v'), expectedRevision: null });
    expect((await api.error('record.saveValue', { ...NS, key: 'k' })).code).toBe('foreign-file');
    expect(await api.value('records.count', NS)).toBe(1);
  });
});

describe('store.reopen', () => {
  it('reopens the open store read-only and writable again, without a handle', async () => {
    const { api } = await openStore();
    expect(await api.value('store.reopen', { readOnly: true })).toMatchObject({ readOnly: true, records: 1 });
    expect(await api.value('store.reopen', { readOnly: false })).toMatchObject({ readOnly: false });
  });
});
