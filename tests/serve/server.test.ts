/**
 * Browser mode over real HTTP on 127.0.0.1: the token, Host/Origin/Sec-Fetch-Site checks, the
 * static files (no way out of the renderer folder), the contract over POST, server-sent events
 * for changes made by another connection, and a clean close.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { connect, createServer as createTcpServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/api/content-security-policy.js';
import { type RunningServer, startServer } from '../../electron/serve/server.js';
import { createSqliteStore } from '../../electron/store/index.js';
import { base64 } from '../helpers/api-client.js';
import { makeTempDir, removeDir } from '../helpers/files.js';
import { callOverHttp, httpRequest, openEventStream } from '../helpers/http.js';

const INDEX_HTML =
  '<!doctype html><meta name="style-nonce" content="" /><title>Store Inspector</title><script src="/app.js"></script>';
const SECRET = 'TOP SECRET: outside the renderer folder';

let dir: string;
let storePath: string;
let rendererDir: string;
let server: RunningServer;
let port: number;
let token: string;

beforeEach(async () => {
  dir = makeTempDir('si-serve-');
  storePath = join(dir, 'store.db');
  rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(rendererDir, 'app.js'), 'console.log("app");');
  writeFileSync(join(rendererDir, 'assets', 'style.css'), 'body{}');
  writeFileSync(join(dir, 'secret.txt'), SECRET);
  mkdirSync(join(dir, 'renderer-private'));
  writeFileSync(join(dir, 'renderer-private', 'secret.txt'), SECRET);
  const seed = createSqliteStore({ path: storePath });
  await seed.write({ key: 'seeded', value: 'hello' });
  await seed.close();

  server = await startServer({ storePath, rendererDir });
  port = Number(new URL(server.url).port);
  token = server.token;
});

afterEach(async () => {
  await server.close();
  removeDir(dir);
});

const info = (headers: Record<string, string> = {}) => callOverHttp(port, token, 'store.info', {}, headers);

describe('the token', () => {
  it('the printed URL is on 127.0.0.1 with a long random token; each run has its own', async () => {
    const url = new URL(server.url);
    expect(url.protocol).toBe('http:');
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.searchParams.get('token')).toBe(token);
    expect(token.length).toBeGreaterThanOrEqual(24);
    const second = await startServer({ storePath, rendererDir });
    try {
      expect(second.token).not.toBe(token);
      expect(new URL(second.url).port).not.toBe(url.port);
    } finally {
      await second.close();
    }
  });

  it('a call with the token is answered; without it or with a wrong one, 401 and no data', async () => {
    const good = await info();
    expect(good.status).toBe(200);
    expect(good.json).toMatchObject({ ok: true, value: { path: storePath, records: 1 } });

    const wrongSameLength = token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    for (const presented of [undefined, '', 'nope', wrongSameLength, `${token}x`, token.slice(1)]) {
      const answer = await callOverHttp(port, presented, 'store.info', {});
      expect(answer.status, `token ${JSON.stringify(presented)}`).toBe(401);
      expect(JSON.stringify(answer.json)).not.toContain(storePath);
    }
    // The data calls are refused too, not just store.info.
    const page = await callOverHttp(port, 'wrong', 'records.page', { database: 'micro', table: 'micro' });
    expect(page.status).toBe(401);
    expect(JSON.stringify(page.json)).not.toContain('seeded');
  });
});

describe('Host, Origin and Sec-Fetch-Site', () => {
  it('a foreign Host is refused with 403 even with the token (DNS rebinding)', async () => {
    for (const host of [
      `evil.example:${port}`,
      `127.0.0.1.evil.example:${port}`,
      `localhost.evil.example:${port}`,
      `127.0.0.1:${port + 1}`,
      '127.0.0.1',
      `[::1]:${port}`,
      `0.0.0.0:${port}`,
    ]) {
      const answer = await info({ host });
      expect(answer.status, host).toBe(403);
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      expect((await info({ host })).status, host).toBe(200);
    }
  });

  it('a foreign Origin is refused with 403; our own origins are accepted', async () => {
    for (const origin of [
      'http://evil.example',
      `http://evil.example:${port}`,
      `http://127.0.0.1.evil.example:${port}`,
      `https://127.0.0.1:${port}`,
      `http://127.0.0.1:${port + 1}`,
      'null',
      'file://',
    ]) {
      expect((await info({ origin })).status, origin).toBe(403);
    }
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      expect((await info({ origin })).status, origin).toBe(200);
    }
  });

  it('sec-fetch-site: cross-site is refused with 403 even with the token; same-origin is fine', async () => {
    expect((await info({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await info({ 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('the socket listens on 127.0.0.1 only: another loopback address is refused', async () => {
    // Control: on this machine a socket bound to every address does answer on 127.0.0.2.
    const control = createTcpServer((socket) => socket.end());
    await new Promise<void>((resolve) => control.listen(0, '0.0.0.0', resolve));
    const controlPort = (control.address() as { port: number }).port;
    const reach = (address: string, target: number) =>
      new Promise<string>((resolve) => {
        const socket = connect({ host: address, port: target });
        socket.on('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
    try {
      expect(await reach('127.0.0.2', controlPort)).toBe('connected');
    } finally {
      control.close();
    }
    expect(await reach('127.0.0.2', port)).toBe('ECONNREFUSED');
    expect(await reach('127.0.0.1', port)).toBe('connected');
  });
});

describe('the page and its files', () => {
  it('GET / serves index.html with the CSP, and the page’s files come without the token', async () => {
    const page = await httpRequest({ port, path: `/?token=${token}` });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    // The editor's run-time styles get in by a nonce of this load's own, given to the page in its meta tag.
    const nonce = /style-src 'self' 'nonce-([A-Za-z0-9+/]+={0,2})';/.exec(
      String(page.headers['content-security-policy']),
    );
    expect(nonce?.[1]).toBeDefined();
    expect(page.body).toBe(INDEX_HTML.replace('content=""', `content="${nonce?.[1]}"`));
    const again = await httpRequest({ port, path: `/?token=${token}` });
    expect(again.headers['content-security-policy']).not.toBe(page.headers['content-security-policy']);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');

    // The files hold no secret; the page itself keeps the token and sends it with each call.
    const script = await httpRequest({ port, path: '/app.js' });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.body).toBe('console.log("app");');
    expect(script.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const css = await httpRequest({ port, path: '/assets/style.css' });
    expect(css.status).toBe(200);
  });

  it('no path climbs out of the renderer folder: 404, and the secret is never sent', async () => {
    const attempts = [
      '/../secret.txt',
      '/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/..%5csecret.txt',
      '/..%2frenderer-private%2fsecret.txt',
      '/%2e%2e%2frenderer-private/secret.txt',
      '/.%2e/secret.txt',
      '/index.html%00.txt',
      `/${encodeURIComponent(join(dir, 'secret.txt'))}`,
    ];
    for (const path of attempts) {
      const answer = await httpRequest({ port, path, headers: { authorization: `Bearer ${token}` } });
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toContain('TOP SECRET');
    }
    // A folder is not a file.
    expect((await httpRequest({ port, path: '/assets', headers: { authorization: `Bearer ${token}` } })).status).toBe(
      404,
    );
  });

  it('a malformed percent-escape in the path is answered as the client’s error, never a server error', async () => {
    for (const path of ['/%E0%A4%A', '/%zz']) {
      const answer = await httpRequest({ port, path, headers: { authorization: `Bearer ${token}` } });
      expect(answer.status, path).toBe(404);
    }
    // As a call name it names no call: an error as data, like any unknown name.
    const call = await httpRequest({
      port,
      path: '/api/call/%E0%A4%A',
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    expect(call.status).toBeLessThan(500);
    expect(JSON.parse(call.body)).toMatchObject({
      ok: false,
      error: { code: expect.stringMatching(/unknown-call|invalid-argument|not-found/) },
    });
  });
});

describe('the contract over HTTP', () => {
  it('write, then page and get, round-trip over POST /api/call/<name>', async () => {
    const ns = { database: 'app', table: 'items' };
    const value = Buffer.from([0, 1, 2, 250, 251, 255]);
    const written = await callOverHttp(port, token, 'record.write', {
      ...ns,
      key: 'item/1',
      value: base64(value),
      metadata: { owner: 'me' },
      expectedRevision: null,
    });
    expect(written).toMatchObject({ status: 200, json: { ok: true, value: { revision: expect.any(String) } } });
    const page = await callOverHttp(port, token, 'records.page', { ...ns, filter: { prefix: 'item/' } });
    expect(page.json).toMatchObject({
      ok: true,
      value: { records: [{ key: 'item/1', size: 6, metadata: { owner: 'me' } }], next: null },
    });
    const got = await callOverHttp(port, token, 'record.get', { ...ns, key: 'item/1' });
    expect((got.json as { value: { value: string } }).value.value).toBe(base64(value));
    // And the write reached the file: another connection sees it.
    const other = createSqliteStore({ path: storePath, readOnly: true, ...ns });
    try {
      expect(Buffer.from((await other.read('item/1'))[0]?.value ?? []).equals(value)).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('errors come back as data: not-found, invalid-argument, unknown-call, unsupported', async () => {
    const missing = await callOverHttp(port, token, 'record.get', { database: 'micro', table: 'micro', key: 'x' });
    expect(missing).toMatchObject({ status: 200, json: { ok: false, error: { code: 'not-found' } } });
    const invalid = await callOverHttp(port, token, 'records.page', { database: '', table: 'micro' });
    expect(invalid).toMatchObject({ status: 200, json: { ok: false, error: { code: 'invalid-argument' } } });
    const unknown = await callOverHttp(port, token, 'store.format', {});
    expect(unknown).toMatchObject({ status: 200, json: { ok: false, error: { code: 'unknown-call' } } });
    const save = await callOverHttp(port, token, 'record.saveValue', {
      database: 'micro',
      table: 'micro',
      key: 'seeded',
    });
    expect(save).toMatchObject({ status: 200, json: { ok: false, error: { code: 'unsupported' } } });
  });

  it('a body that is not JSON is 400 with a message', async () => {
    for (const body of ['{"path":', 'not json', '{"a":1}}', '\u0000']) {
      const answer = await httpRequest({
        port,
        path: '/api/call/records.page',
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
      expect(answer.status, body).toBe(400);
      const json = JSON.parse(answer.body) as { ok: boolean; error: { message: string } };
      expect(json.ok).toBe(false);
      expect(json.error.message).toMatch(/JSON/);
    }
  });

  it('a deeply nested JSON body is answered with a JSON error, not a bare 500', async () => {
    const depth = 100_000;
    const body = `{"database":"micro","table":"micro","key":"k","value":"","expectedRevision":null,"metadata":{"a":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
    const answer = await httpRequest({
      port,
      path: '/api/call/record.write',
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });
    expect(answer.status).toBeLessThan(500);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('GET on a call path is not a call', async () => {
    const answer = await httpRequest({
      port,
      path: '/api/call/records.purgeExpired',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(answer.status).toBe(404);
  });
});

describe('server-sent events', () => {
  it('another connection writing the file produces a store-changed event within a second', async () => {
    const stream = await openEventStream(port, { authorization: `Bearer ${token}` });
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
      // Let the watcher take its first look at the file before anything changes.
      await new Promise((resolve) => setTimeout(resolve, 300));

      const other = createSqliteStore({ path: storePath });
      await other.write({ key: 'from-another-process', value: 'x' });
      const latest = await other.latestChange();
      await other.close();

      const started = Date.now();
      const event = await stream.waitFor((candidate) => candidate.type === 'store-changed', 1_500);
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(event).toMatchObject({ type: 'store-changed', latestChange: latest });
    } finally {
      stream.close();
    }
  });

  it('a write over HTTP is announced too', async () => {
    const stream = await openEventStream(port, { authorization: `Bearer ${token}` });
    try {
      expect(stream.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const before = stream.events.length;
      await callOverHttp(port, token, 'record.write', {
        database: 'micro',
        table: 'micro',
        key: 'via-http',
        value: '',
        expectedRevision: null,
      });
      await stream.waitFor((event) => event.type === 'store-changed' && stream.events.indexOf(event) >= before, 1_500);
    } finally {
      stream.close();
    }
  });

  it('the event stream needs the token too', async () => {
    const stream = await openEventStream(port, {});
    stream.close();
    expect(stream.status).toBe(401);
    const foreign = await openEventStream(port, { authorization: `Bearer ${token}`, origin: 'http://evil.example' });
    foreign.close();
    expect(foreign.status).toBe(403);
  });
});

describe('close()', () => {
  it('ends event streams, stops answering, and releases the store file', async () => {
    const stream = await openEventStream(port, { authorization: `Bearer ${token}` });
    await callOverHttp(port, token, 'record.write', {
      database: 'micro',
      table: 'micro',
      key: 'k',
      value: '',
      expectedRevision: null,
    });
    expect(existsSync(`${storePath}-wal`)).toBe(true);

    await server.close();
    await stream.ended;
    expect(server.session.store).toBeUndefined();
    await expect(info()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    // The last connection closed cleanly: SQLite checkpointed and removed the write-ahead log.
    expect(existsSync(`${storePath}-wal`)).toBe(false);

    const other = createSqliteStore({ path: storePath });
    await other.write({ key: 'after', value: 'v' });
    expect((await other.list()).sort()).toEqual(['after', 'k', 'seeded']);
    await other.close();
    // Closing twice is harmless (afterEach closes again).
  });

  it('finishes promptly even while a request body is still arriving', async () => {
    const socket = connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    socket.write(
      `POST /api/call/store.info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
    );
    socket.on('error', () => {});
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    const closed = await Promise.race([
      server.close().then(() => 'closed'),
      new Promise((resolve) => setTimeout(() => resolve('still open after 2 s'), 2_000)),
    ]);
    socket.destroy();
    expect(closed).toBe('closed');
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
