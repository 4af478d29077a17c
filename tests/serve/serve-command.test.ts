/**
 * `store-inspector serve` as a user runs it: the real binary in a child process prints one line
 * with its URL; the page answers; Ctrl+C (SIGINT) or SIGTERM closes it with status 0 and the store
 * file closed cleanly. `--read-only` makes every write over HTTP fail with `read-only`.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../electron/store/index.js';
import { base64 } from '../helpers/api-client.js';
import { type ServeProcess, startServe } from '../helpers/cli.js';
import { sha256File, tempDirForTest } from '../helpers/files.js';
import { callOverHttp, httpRequest } from '../helpers/http.js';

const INDEX_HTML = '<!doctype html><title>served</title>';
const running: ServeProcess[] = [];

afterEach(() => {
  // A test that failed half-way must not leave a server behind.
  for (const serve of running.splice(0)) if (serve.child.exitCode === null) serve.child.kill('SIGKILL');
});

function setup(): { dir: string; storePath: string; rendererDir: string } {
  const dir = tempDirForTest();
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), INDEX_HTML);
  return { dir, storePath: join(dir, 'store.db'), rendererDir };
}

async function serve(args: string[]) {
  const serveProc = await startServe(args);
  running.push(serveProc);
  const match = /(http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))/.exec(serveProc.line);
  if (match === null) throw new Error(`no URL in ${JSON.stringify(serveProc.line)}`);
  return { serveProc, url: match[1] ?? '', port: Number(match[2]), token: match[3] ?? '' };
}

describe('store-inspector serve', { timeout: 60_000 }, () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`prints its URL and store, serves the page and the API, and ${signal} closes it cleanly`, async () => {
      const { storePath, rendererDir } = setup();
      const { serveProc, port, token } = await serve([
        '--store',
        storePath,
        '--port',
        '0',
        '--renderer-dir',
        rendererDir,
      ]);
      expect(serveProc.line).toContain(`(store: ${storePath})`);
      expect(serveProc.line.split('\n')).toHaveLength(1);

      const page = await httpRequest({ port, path: `/?token=${token}` });
      expect(page.status).toBe(200);
      expect(page.body).toBe(INDEX_HTML);
      expect((await callOverHttp(port, undefined, 'store.info', {})).status).toBe(401);

      const written = await callOverHttp(port, token, 'record.write', {
        database: 'micro',
        table: 'micro',
        key: 'from-http',
        value: base64('hello'),
        expectedRevision: null,
      });
      expect(written.json).toMatchObject({ ok: true });

      serveProc.child.kill(signal);
      const exit = await serveProc.exited;
      expect(exit).toEqual({ code: 0, signal: null });
      expect(serveProc.stderr()).toBe('');
      // The store was closed cleanly: its write-ahead log is checkpointed away, and the record is there.
      expect(existsSync(`${storePath}-wal`)).toBe(false);
      const store = createSqliteStore({ path: storePath });
      try {
        expect(Buffer.from((await store.read('from-http'))[0]?.value ?? []).toString()).toBe('hello');
        await store.write({ key: 'after', value: 'v' });
      } finally {
        await store.close();
      }
      await expect(httpRequest({ port, path: '/' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    });
  }

  it('--read-only: reads work, every write over HTTP fails with read-only, the file is unchanged', async () => {
    const { storePath, rendererDir } = setup();
    const seed = createSqliteStore({ path: storePath });
    await seed.write({ key: 'k', value: 'v' });
    await seed.close();
    const before = sha256File(storePath);

    const { serveProc, port, token } = await serve([
      '--store',
      storePath,
      '--read-only',
      '--renderer-dir',
      rendererDir,
    ]);
    expect(serveProc.line).toContain('read-only');
    const ns = { database: 'micro', table: 'micro' };
    const read = await callOverHttp(port, token, 'records.page', ns);
    expect(read.json).toMatchObject({ ok: true, value: { records: [{ key: 'k' }] } });
    expect((await callOverHttp(port, token, 'store.info', {})).json).toMatchObject({ value: { readOnly: true } });

    const writes: [string, unknown][] = [
      ['record.write', { ...ns, key: 'new', value: '', expectedRevision: null }],
      ['records.delete', { ...ns, keys: ['k'] }],
      ['records.purgeExpired', {}],
      // Reopening the same file read-write from the page does not lift --read-only.
      ['store.reopen', { readOnly: false }],
      ['record.write', { ...ns, key: 'new', value: '', expectedRevision: null }],
    ];
    for (const [name, arg] of writes) {
      const answer = await callOverHttp(port, token, name, arg);
      if (name === 'store.reopen') expect(answer.json).toMatchObject({ ok: true, value: { readOnly: true } });
      else expect(answer.json, name).toMatchObject({ ok: false, error: { code: 'read-only' } });
    }

    serveProc.child.kill('SIGTERM');
    expect(await serveProc.exited).toEqual({ code: 0, signal: null });
    expect(sha256File(storePath)).toBe(before);
  });

  it('--host 0.0.0.0 warns that the store is reachable from the network; --allow-host names work, others not', async () => {
    const { storePath, rendererDir } = setup();
    // A LAN address of this machine when it has one: the request then really arrives from the network side.
    const lanAddress = Object.values(networkInterfaces())
      .flat()
      .find((each) => each !== undefined && each.family === 'IPv4' && !each.internal)?.address;
    const allowArgs = [
      '--allow-host',
      'Inspector.LAN',
      ...(lanAddress === undefined ? [] : ['--allow-host', lanAddress]),
    ];
    const { serveProc, port, token } = await serve([
      '--store',
      storePath,
      '--host',
      '0.0.0.0',
      ...allowArgs,
      '--renderer-dir',
      rendererDir,
    ]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(serveProc.stderr()).toMatch(/warning: --host 0\.0\.0\.0 makes this store reachable from the network/);
    expect(serveProc.stderr()).toContain(`http://inspector.lan:${port}/?token=${token}`);

    const call = (host: string, address = '127.0.0.1') =>
      httpRequest({
        port,
        address,
        path: '/api/call/store.info',
        method: 'POST',
        headers: { host, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
    expect((await call(`inspector.lan:${port}`)).status).toBe(200);
    expect((await call(`127.0.0.1:${port}`)).status).toBe(200);
    expect((await call(`other.lan:${port}`)).status).toBe(403);
    if (lanAddress !== undefined) {
      expect((await call(`${lanAddress}:${port}`, lanAddress)).status).toBe(200);
      expect((await call(`elsewhere.lan:${port}`, lanAddress)).status).toBe(403);
    } else console.info('no non-loopback IPv4 address here: the LAN request itself is not tried');
    serveProc.child.kill('SIGTERM');
    expect(await serveProc.exited).toEqual({ code: 0, signal: null });
  });

  it('--allow-host with a port or a wildcard is a usage error naming the value', async () => {
    const { storePath, rendererDir } = setup();
    for (const name of ['mybox.lan:8080', '*', 'http://mybox.lan', '[::1]:80']) {
      const failed = startServe(['--store', storePath, '--allow-host', name, '--renderer-dir', rendererDir]);
      await expect(failed, name).rejects.toThrow(/exited \(2\).*--allow-host .* is not a host name or IP address/s);
    }
  });

  it('a renderer folder without index.html is refused with a message and exit 1', async () => {
    const { dir, storePath } = setup();
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const failed = startServe(['--store', storePath, '--renderer-dir', empty]);
    await expect(failed).rejects.toThrow(/exited \(1\).*not built/s);
    expect(existsSync(storePath)).toBe(false);
  });
});
