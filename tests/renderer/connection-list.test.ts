import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../renderer/src/api/api-client.js';
import {
  addRecent,
  addSaved,
  MAX_RECENT,
  parseRemembered,
  splitPassword,
  urlProblem,
} from '../../renderer/src/connect/connection-list.js';
import { connectionProblem } from '../../renderer/src/connect/connection-problem.js';

describe('remembered connections', () => {
  it('never keep a password: one typed into the URL is taken out', () => {
    expect(splitPassword('postgres://app:s%40cret@db:5432/orders')).toEqual({
      url: 'postgres://app@db:5432/orders',
      password: 's@cret',
    });
    const recent = addRecent([], { url: 'redis://:hunter2@cache:6379', readOnly: false });
    expect(JSON.stringify(recent)).not.toContain('hunter2');
    expect(parseRemembered(JSON.stringify([{ url: 'nats://u:pw@h', readOnly: true }]))).toEqual([
      { url: 'nats://u@h', readOnly: true },
    ]);
  });

  it('recent: newest first, each connection and place once, at most eight', () => {
    let list = addRecent([], { url: 'postgres://a/db', readOnly: false, database: 'x', table: 't' });
    list = addRecent(list, { url: 'postgres://b/db', readOnly: false });
    list = addRecent(list, { url: 'postgres://a/db', readOnly: true, database: 'x', table: 't' });
    expect(list.map((each) => [each.url, each.readOnly])).toEqual([
      ['postgres://a/db', true],
      ['postgres://b/db', false],
    ]);
    for (let i = 0; i < 20; i++) list = addRecent(list, { url: `postgres://h${i}/db`, readOnly: false });
    expect(list).toHaveLength(MAX_RECENT);
    expect(list[0]?.url).toBe('postgres://h19/db');
  });

  it('saved: the same name replaces its entry', () => {
    const list = addSaved(addSaved([], { name: 'orders', url: 'postgres://a/db', readOnly: false }), {
      name: 'orders',
      url: 'postgres://b/db',
      readOnly: true,
    });
    expect(list).toEqual([{ name: 'orders', url: 'postgres://b/db', readOnly: true }]);
  });

  it('a damaged or hand-edited list is read as what is valid in it', () => {
    expect(parseRemembered('not json')).toEqual([]);
    expect(parseRemembered('{"url":"x"}')).toEqual([]);
    expect(parseRemembered('[{"url":1,"readOnly":true},{"url":"redis://h","readOnly":false}]')).toEqual([
      { url: 'redis://h', readOnly: false },
    ]);
  });

  it('says what is wrong with a typed URL before sending it', () => {
    expect(urlProblem('')).toMatch(/Type a server URL/);
    expect(urlProblem('/var/lib/store.db')).toMatch(/files open with Open/);
    expect(urlProblem('ftp://h/x')).toMatch(/"ftp:\/\/" is not a store/);
    expect(urlProblem(' postgresql://root@127.0.0.1/test ')).toBeUndefined();
  });
});

describe('connection problems', () => {
  const failed = (error: ConstructorParameters<typeof ApiCallError>[0]) => new ApiCallError(error);
  it('one heading per reason the server gave', () => {
    const heading = (reason: 'refused' | 'unreachable' | 'auth-failed') =>
      connectionProblem(failed({ code: 'unavailable', message: 'm', reason }), false).heading;
    expect(heading('refused')).toBe('Connection refused');
    expect(heading('unreachable')).toBe('Server unreachable');
    expect(heading('auth-failed')).toBe('Login refused (authentication failed)');
  });

  it('a refused table is its wrong shape; a refused URL is not', () => {
    const error = failed({ code: 'invalid-argument', message: 'x is not a go-micro table' });
    expect(connectionProblem(error, true).heading).toBe('Wrong shape: not a go-micro table');
    expect(connectionProblem(error, false).heading).toBe('Not a connection this app opens');
    expect(connectionProblem(error, true).detail).toBe('x is not a go-micro table');
  });
});
