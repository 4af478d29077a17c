/**
 * The guards of browser mode against other local origins and slow or malformed clients (issue 16):
 * the token is bound to this server (no cookie another port's server could receive or overwrite),
 * only same-origin `application/json` calls reach the API, `--allow-host` names the hosts a LAN
 * browser may use, every response carries no-referrer and nosniff, invalid UTF-8 is refused, and a
 * client trickling its headers is cut off while slow bodies and the event stream keep working.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningServer, type ServeOptions, startServer } from '../../electron/serve/server.js';
import { createSqliteStore } from '../../electron/store/index.js';
import { makeTempDir, removeDir } from '../helpers/files.js';
import { callOverHttp, httpRequest, openEventStream } from '../helpers/http.js';

/** This test's folder, its store file and a stand-in for the built renderer. */
let files: { dir: string; storePath: string; rendererDir: string };
let server: RunningServer;
let port: number;
let token: string;
const extraServers: RunningServer[] = [];

async function start(options: Partial<ServeOptions> = {}): Promise<void> {
  server = await startServer({ storePath: files.storePath, rendererDir: files.rendererDir, ...options });
  ({ port, token } = server);
}

beforeEach(async () => {
  const dir = makeTempDir('si-guard-');
  files = { dir, storePath: join(dir, 'store.db'), rendererDir: join(dir, 'renderer') };
  const { storePath, rendererDir } = files;
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Store Inspector</title>');
  writeFileSync(join(rendererDir, 'app.js'), 'console.log("app");');
  const seed = createSqliteStore({ path: storePath });
  await seed.write({ key: 'seeded', value: 'hello' });
  await seed.close();
});

afterEach(async () => {
  for (const extra of extraServers.splice(0)) await extra.close();
  await server?.close();
  removeDir(files.dir);
});

const NS = { database: 'micro', table: 'micro' };
const writeArg = (key: string) => ({ ...NS, key, value: '', expectedRevision: null });

/** The keys in the file, read by another connection: what a refused request must not have changed. */
async function keysInFile(): Promise<string[]> {
  const store = createSqliteStore({ path: files.storePath, readOnly: true });
  try {
    return (await store.list()).sort();
  } finally {
    await store.close();
  }
}

describe('the token is bound to this server and run', () => {
  beforeEach(() => start());

  it('the token as a cookie (as any server on 127.0.0.1 would receive it) is refused with 401', async () => {
    const answer = await callOverHttp(port, undefined, 'record.write', writeArg('via-cookie'), {
      cookie: `si_token=${token}`,
    });
    expect(answer.status).toBe(401);
    expect(await keysInFile()).toEqual(['seeded']);
  });

  it('a token in the API URL is refused too: only the Authorization header carries it', async () => {
    const answer = await httpRequest({
      port,
      path: `/api/call/store.info?token=${token}`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(answer.status).toBe(401);
  });

  it('the page sets no cookie, and its files (no secret in them) are served without the token', async () => {
    for (const path of [`/?token=${token}`, '/', '/app.js']) {
      const answer = await httpRequest({ port, path });
      expect(answer.status, path).toBe(200);
      expect(answer.headers['set-cookie'], path).toBeUndefined();
    }
    // The API and the event stream are not files: they still need the token.
    expect((await callOverHttp(port, undefined, 'store.info', {})).status).toBe(401);
    const stream = await openEventStream(port, {});
    stream.close();
    expect(stream.status).toBe(401);
  });

  it('a second server does not take over the first one’s credential', async () => {
    const second = await startServer({ storePath: files.storePath, rendererDir: files.rendererDir });
    extraServers.push(second);
    const secondPort = Number(new URL(second.url).port);
    expect((await callOverHttp(port, token, 'store.info', {})).status).toBe(200);
    expect((await callOverHttp(secondPort, second.token, 'store.info', {})).status).toBe(200);
    expect((await callOverHttp(secondPort, token, 'store.info', {})).status).toBe(401);
    expect((await callOverHttp(port, second.token, 'store.info', {})).status).toBe(401);
  });

  it('a token with whitespace or another scheme around it does not authenticate', async () => {
    for (const authorization of [
      `Bearer  ${token}`,
      `Bearer ${token} x`,
      `Bearer ${token}\u00a0`,
      `bearer${token}`,
      `Basic ${token}`,
      token,
    ]) {
      const answer = await callOverHttp(port, undefined, 'store.info', {}, { authorization });
      expect(answer.status, JSON.stringify(authorization)).toBe(401);
    }
  });
});

describe('only same-origin application/json calls reach the API', () => {
  beforeEach(() => start());

  it('a "simple" request (text/plain, form, multipart, no type) is refused with 403 and writes nothing', async () => {
    for (const contentType of [
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonx',
      'application/json-patch+json',
      undefined,
    ]) {
      const answer = await httpRequest({
        port,
        path: '/api/call/record.write',
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          ...(contentType === undefined ? {} : { 'content-type': contentType }),
        },
        body: JSON.stringify(writeArg(`via-${contentType}`)),
      });
      expect(answer.status, String(contentType)).toBe(403);
      expect(JSON.parse(answer.body).error.message, String(contentType)).toMatch(/application\/json/);
    }
    expect(await keysInFile()).toEqual(['seeded']);
  });

  it('application/json with a UTF-8 charset, in any letter case, is accepted', async () => {
    for (const contentType of [
      'application/json',
      'application/json; charset=utf-8',
      'Application/JSON;Charset=UTF-8',
    ]) {
      const answer = await callOverHttp(port, token, 'store.info', {}, { 'content-type': contentType });
      expect(answer.status, contentType).toBe(200);
    }
  });

  it('Sec-Fetch-Site same-site (another port) is refused even without an Origin; same-origin and none pass', async () => {
    for (const site of ['same-site', 'cross-site', 'something-new']) {
      const answer = await callOverHttp(port, token, 'record.write', writeArg(`via-${site}`), {
        'sec-fetch-site': site,
      });
      expect(answer.status, site).toBe(403);
    }
    expect(await keysInFile()).toEqual(['seeded']);
    for (const site of ['same-origin', 'none']) {
      expect((await callOverHttp(port, token, 'store.info', {}, { 'sec-fetch-site': site })).status, site).toBe(200);
    }
    const stream = await openEventStream(port, { authorization: `Bearer ${token}`, 'sec-fetch-site': 'same-site' });
    stream.close();
    expect(stream.status).toBe(403);
  });
});

describe('--allow-host: the names a browser on the network may use', () => {
  it('a named host (and its origin) is answered; any other name is refused', async () => {
    await start({ allowHosts: ['Inspector.LAN', '192.168.7.20'] });
    for (const host of [`inspector.lan:${port}`, `192.168.7.20:${port}`, `127.0.0.1:${port}`]) {
      expect((await callOverHttp(port, token, 'store.info', {}, { host })).status, host).toBe(200);
    }
    const origin = `http://inspector.lan:${port}`;
    expect((await callOverHttp(port, token, 'store.info', {}, { host: `inspector.lan:${port}`, origin })).status).toBe(
      200,
    );
    for (const host of [`other.lan:${port}`, `inspector.lan:${port + 1}`, `inspector.lan.evil.example:${port}`]) {
      expect((await callOverHttp(port, token, 'store.info', {}, { host })).status, host).toBe(403);
    }
    // The token is still needed under an allowed name.
    expect((await callOverHttp(port, 'wrong', 'store.info', {}, { host: `inspector.lan:${port}` })).status).toBe(401);
  });

  it('bound to every address, the printed URL is a loopback one that works', async () => {
    await start({ host: '0.0.0.0' });
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
    expect((await callOverHttp(port, token, 'store.info', {})).status).toBe(200);
    expect((await callOverHttp(port, token, 'store.info', {}, { host: `0.0.0.0:${port}` })).status).toBe(403);
  });
});

describe('headers on every response', () => {
  beforeEach(() => start());

  it('Referrer-Policy: no-referrer and X-Content-Type-Options: nosniff, on pages, calls, errors and events', async () => {
    const answers = [
      await httpRequest({ port, path: `/?token=${token}` }),
      await httpRequest({ port, path: '/app.js' }),
      await httpRequest({ port, path: '/missing' }),
      await httpRequest({ port, path: '/', headers: { host: 'evil.example' } }),
      await httpRequest({ port, path: '/api/call/store.info', method: 'POST' }),
    ];
    for (const answer of answers) {
      expect(answer.headers['referrer-policy'], `${answer.status}`).toBe('no-referrer');
      expect(answer.headers['x-content-type-options'], `${answer.status}`).toBe('nosniff');
    }
    const stream = await openEventStream(port, { authorization: `Bearer ${token}` });
    stream.close();
    expect(stream.status).toBe(200);
    expect(stream.headers['referrer-policy']).toBe('no-referrer');
    expect(stream.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('request bodies', () => {
  beforeEach(() => start());

  it('invalid UTF-8 (here in a key) is refused with 400 naming the problem, and nothing is written', async () => {
    const json = Buffer.from(JSON.stringify(writeArg('bad-KEY')));
    const at = json.indexOf('KEY');
    json[at] = 0xff;
    json[at + 1] = 0xfe;
    const answer = await httpRequest({
      port,
      path: '/api/call/record.write',
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: json,
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', message: expect.stringMatching(/UTF-8/) },
    });
    expect(await keysInFile()).toEqual(['seeded']);
  });
});

describe('slow clients', () => {
  beforeEach(() => start({ headersTimeoutMs: 1_000 }));

  it('a client trickling its headers is cut off; a slow body and the event stream are not', async () => {
    const stream = await openEventStream(port, { authorization: `Bearer ${token}` });
    const socket = connect({ host: '127.0.0.1', port });
    socket.on('error', () => {});
    const cutOff = new Promise<string>((resolve) => socket.on('close', () => resolve('closed')));
    let trickle: NodeJS.Timeout | undefined;
    socket.on('connect', () => {
      socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `);
      trickle = setInterval(() => socket.write('a'), 100);
    });
    // A body sent in pieces over twice the header timeout still arrives whole.
    const slowBody = slowPost(JSON.stringify(writeArg('slow-body')), 2_500);
    try {
      const verdict = await Promise.race([
        cutOff,
        new Promise<string>((resolve) => setTimeout(() => resolve('still open after 8 s'), 8_000)),
      ]);
      expect(verdict).toBe('closed');
      expect(await slowBody).toMatch(/^HTTP\/1\.1 200/);
      expect(await keysInFile()).toContain('slow-body');
      // The event stream, open all along, still delivers.
      await stream.waitFor((event) => event.type === 'store-changed', 3_000);
    } finally {
      clearInterval(trickle);
      socket.destroy();
      stream.close();
    }
  });
});

/** A POST whose body is written a piece at a time over `spreadMs`; resolves with the answer's status line. */
function slowPost(body: string, spreadMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.on('connect', () => {
      socket.write(
        `POST /api/call/record.write HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`,
      );
      const pieces = 10;
      const size = Math.ceil(body.length / pieces);
      for (let index = 0; index < pieces; index++) {
        setTimeout(() => socket.write(body.slice(index * size, (index + 1) * size)), (spreadMs / pieces) * (index + 1));
      }
    });
  });
}
