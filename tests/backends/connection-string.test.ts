import { describe, expect, it } from 'vitest';
import {
  ConnectionStringError,
  maskInText,
  PASSWORD_VARIABLE,
  parseConnectionString,
} from '../../electron/backends/connection-string.js';

const noEnv = {};

describe('connection strings', () => {
  it('keeps a plain path, a go-micro folder and a Windows path as paths', () => {
    for (const path of ['./store.sqlite', '/var/lib/micro/store', 'C:\\data\\micro\\store.db', 'relative/x.db']) {
      expect(parseConnectionString(path, noEnv)).toEqual({ kind: 'path', path, display: path });
    }
  });

  it('turns a file:// URL into its path', () => {
    expect(parseConnectionString('file:///tmp/a%20b.db', noEnv)).toMatchObject({ kind: 'path', path: '/tmp/a b.db' });
  });

  it.each([
    ['postgres://u@db:5433/test?sslmode=disable', 'postgres', 5433, 'test', false],
    ['postgresql://u@db/test', 'postgres', 5432, 'test', false],
    ['redis://127.0.0.1:6379/2', 'redis', 6379, '2', false],
    ['rediss://cache.example', 'redis', 6379, '', true],
    ['nats://127.0.0.1', 'nats', 4222, '', false],
    ['mysql://root@127.0.0.1/test', 'mysql', 3306, 'test', false],
    ['POSTGRES://u@db/test', 'postgres', 5432, 'test', false],
  ])('chooses the backend from %s', (text, kind, port, path, tls) => {
    expect(parseConnectionString(text, noEnv)).toMatchObject({ kind, port, path, tls });
  });

  it('takes the password from the URL, decoded, and masks it in the display form', () => {
    const target = parseConnectionString('postgres://app:p%40ss%3Aw@db:5432/test', noEnv);
    expect(target).toMatchObject({ user: 'app', password: 'p@ss:w', display: 'postgres://app:****@db:5432/test' });
    if (target.kind === 'path') throw new Error('expected a server');
    expect(new URL(target.secretUrl).password).toBe('p%40ss%3Aw');
  });

  it('takes the password from STORE_INSPECTOR_PASSWORD when the URL has none, and never shows it', () => {
    const target = parseConnectionString('redis://default@cache:6379/0', { [PASSWORD_VARIABLE]: 's3cret/#' });
    if (target.kind === 'path') throw new Error('expected a server');
    expect(target.password).toBe('s3cret/#');
    expect(target.display).toBe('redis://default@cache:6379/0');
    expect(target.display).not.toContain('s3cret');
    expect(decodeURIComponent(new URL(target.secretUrl).password)).toBe('s3cret/#');
  });

  it('prefers the URL password over the environment', () => {
    expect(parseConnectionString('mysql://root:url@h/test', { [PASSWORD_VARIABLE]: 'env' })).toMatchObject({
      password: 'url',
    });
  });

  it('has no password when neither gives one', () => {
    expect(parseConnectionString('nats://127.0.0.1:4222', noEnv)).toMatchObject({ password: undefined });
  });

  it('refuses an unknown scheme, naming what it accepts', () => {
    expect(() => parseConnectionString('mongodb://h/db', noEnv)).toThrow(
      /"mongodb:\/\/" is not a store this app opens: give a file path, postgres:\/\//,
    );
  });

  it('refuses an empty store and a URL without a host', () => {
    expect(() => parseConnectionString('  ', noEnv)).toThrow(ConnectionStringError);
    expect(() => parseConnectionString('redis:///0', noEnv)).toThrow(/needs a host/);
  });

  it('refuses a malformed URL without echoing its password', () => {
    let message = '';
    try {
      parseConnectionString('postgres://app:hunter2@db:port/test', noEnv);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/is not a valid URL/);
    expect(message).not.toContain('hunter2');
    expect(maskInText('postgres://app:hunter2@db/x')).toBe('postgres://app:****@db/x');
  });
});
