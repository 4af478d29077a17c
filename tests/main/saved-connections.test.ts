/**
 * The desktop's saved connections: passwords only ever sealed in the file, none at all without a keychain,
 * and a damaged file set aside rather than overwritten. The cipher is a real one (AES-GCM under a key of the
 * test's own) standing where Electron's safeStorage stands in the app.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../electron/api/dispatch.js';
import { createHandlers } from '../../electron/api/handlers.js';
import { StoreSession } from '../../electron/api/store-session.js';
import { type PasswordCipher, SavedConnections } from '../../electron/main/saved-connections.js';
import { tempDirForTest } from '../helpers/files.js';

function aesCipher(key = randomBytes(32), unavailable?: string): PasswordCipher {
  return {
    unavailableReason: async () => unavailable,
    seal: async (password) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(password, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    open: async (sealed) => {
      const bytes = Buffer.from(sealed);
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

const PG = { name: 'orders', url: 'postgres://app@db.internal/orders', readOnly: false };
const fileText = (dir: string) => readFileSync(join(dir, 'connections.json'), 'utf8');

describe('saved connections', () => {
  it('keeps the password sealed: never in the file as typed, opened again for connecting', async () => {
    const dir = tempDirForTest();
    const book = new SavedConnections(dir, aesCipher());
    const saved = await book.save({ ...PG, database: 'orders', table: 'micro' }, 'hunter2-secret');
    expect(saved).toMatchObject({ name: 'orders', hasPassword: true, display: PG.url, table: 'micro' });
    expect(fileText(dir)).not.toContain('hunter2');
    expect(await book.unseal(saved.id)).toMatchObject({ password: 'hunter2-secret', entry: { url: PG.url } });
    expect(await new SavedConnections(dir, aesCipher()).list()).toEqual([saved]);
  });

  it('keeps no password at all where the system has no keychain, and says why', async () => {
    const dir = tempDirForTest();
    const book = new SavedConnections(dir, aesCipher(undefined, 'no keyring is running'));
    const saved = await book.save(PG, 'hunter2');
    expect(saved.hasPassword).toBe(false);
    expect(fileText(dir)).not.toContain('hunter2');
    expect(await book.passwordsNotKept()).toBe('no keyring is running');
    expect(await book.unseal(saved.id)).toMatchObject({ password: undefined });
  });

  it('replaces an entry by id, keeping its sealed password when none is typed', async () => {
    const book = new SavedConnections(tempDirForTest(), aesCipher());
    const first = await book.save(PG, 'pw1');
    await book.save({ ...PG, name: 'renamed', readOnly: true }, undefined, first.id);
    expect(await book.list()).toMatchObject([{ id: first.id, name: 'renamed', readOnly: true, hasPassword: true }]);
    expect((await book.unseal(first.id))?.password).toBe('pw1');
    await book.forget(first.id);
    expect(await book.list()).toEqual([]);
    expect(await book.unseal(first.id)).toBeUndefined();
  });

  it('a password sealed under another key is refused with what to do, not passed on garbled', async () => {
    const dir = tempDirForTest();
    const saved = await new SavedConnections(dir, aesCipher()).save(PG, 'pw');
    await expect(new SavedConnections(dir, aesCipher()).unseal(saved.id)).rejects.toThrow(/type it again and save/);
  });

  it('a damaged file is set aside, not overwritten', async () => {
    const dir = tempDirForTest();
    writeFileSync(join(dir, 'connections.json'), '{"connections": [ broken');
    const book = new SavedConnections(dir, aesCipher());
    expect(await book.list()).toEqual([]);
    await book.save(PG, undefined);
    const names = readdirSync(dir);
    const aside = names.find((name) => name.startsWith('connections.json.damaged-'));
    expect(aside).toBeDefined();
    expect(readFileSync(join(dir, aside ?? ''), 'utf8')).toBe('{"connections": [ broken');
  });
});

describe('the connections calls', () => {
  const dispatchWith = (dir: string) =>
    createDispatch(createHandlers(new StoreSession(false), { connections: new SavedConnections(dir, aesCipher()) }));

  it('a password typed into the URL is taken out of it and sealed', async () => {
    const dir = tempDirForTest();
    const dispatch = dispatchWith(dir);
    const saved = await dispatch('connections.save', { name: 'x', url: 'postgres://app:s3cr%40t@db/orders' });
    expect(saved).toMatchObject({ ok: true, value: { url: 'postgres://app@db/orders', hasPassword: true } });
    expect(fileText(dir)).not.toContain('s3cr');
    expect(await dispatch('connections.list', {})).toMatchObject({ ok: true, value: { passwords: { kept: true } } });
  });

  it('refuses a file path and an unknown scheme, saving nothing', async () => {
    const dir = tempDirForTest();
    const dispatch = dispatchWith(dir);
    expect(await dispatch('connections.save', { name: 'x', url: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    });
    expect(await dispatch('connections.save', { name: 'x', url: 'ftp://h/x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('without a book (browser mode) nothing is kept, and the list says why', async () => {
    const dispatch = createDispatch(createHandlers(new StoreSession(false)));
    expect(await dispatch('connections.list', {})).toMatchObject({
      ok: true,
      value: { passwords: { kept: false, reason: expect.stringContaining('browser mode') }, saved: [] },
    });
    expect(await dispatch('connections.save', { name: 'x', url: 'postgres://h/db' })).toMatchObject({
      ok: false,
      error: { code: 'unsupported' },
    });
  });

  it('testing a server that is not there answers unavailable with its reason and no password', async () => {
    const dispatch = createDispatch(createHandlers(new StoreSession(false)));
    const answer = await dispatch('connections.test', { url: 'postgres://app@127.0.0.1:1/test', password: 'pw-9' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'unavailable', reason: 'refused' } });
    expect(JSON.stringify(answer)).not.toContain('pw-9');
  });
});
