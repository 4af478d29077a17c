/**
 * Browser mode's files over real HTTP: the page uploads what it imports (streamed into the server's private
 * folder, a read grant) and downloads what it exports (written there, fetched once), so the SSH-tunnel use works
 * without the page ever naming a path on the server. A read-only server takes no uploads and writes nothing
 * outside its private folder, which is gone after close.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../electron/serve/server.js';
import { createSqliteStore } from '../../electron/store/index.js';
import { runInProcess } from '../helpers/cli.js';
import { sha256File, tempDirForTest } from '../helpers/files.js';
import { callOverHttp, httpRequest } from '../helpers/http.js';
import { goodLines } from '../transfer/helpers.js';

const NS = { database: 'micro', table: 'micro' };
const servers: RunningServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function serve(readOnly = false) {
  const dir = tempDirForTest();
  const storePath = join(dir, 'store.db');
  const seed = createSqliteStore({ path: storePath });
  await seed.write({ key: 'seeded', value: 'hello' });
  await seed.close();
  const server = await startServer({ storePath, rendererDir: join(dir, 'renderer'), readOnly });
  servers.push(server);
  const port = Number(new URL(server.url).port);
  return { dir, storePath, server, port };
}

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

/** POSTs `body` to /api/upload as the page does; the parsed answer. */
async function upload(
  port: number,
  token: string,
  body: string | Buffer,
  name = 'records.ndjson',
  type = 'application/octet-stream',
) {
  const answer = await httpRequest({
    port,
    method: 'POST',
    path: `/api/upload?name=${encodeURIComponent(name)}`,
    headers: { ...auth(token), 'content-type': type },
    body,
    timeoutMs: 60_000,
  });
  return {
    status: answer.status,
    json: JSON.parse(answer.body) as {
      ok: boolean;
      value?: { id: string; name: string };
      error?: { code: string; message: string };
    },
  };
}

/** GETs a download URL; the raw bytes and headers. */
function download(
  port: number,
  token: string,
  path: string,
): Promise<{ status: number; headers: Record<string, unknown>; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}`, ...auth(token) }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** As the page exports in browser mode: a download slot, the export into it; the slot's id and the answer. */
async function exportToDownload(port: number, token: string, name: string, format: string, scope: unknown) {
  const slot = await callOverHttp(port, token, 'file.chooseExport', { suggestedName: name });
  expect(slot.json).toMatchObject({ ok: true, value: { name, download: true } });
  const file = (slot.json as { value: { id: string } }).value.id;
  const exported = await callOverHttp(port, token, 'export.run', { taskId: 'e', file, format, scope });
  const url = (exported.json as { value?: { download: string } }).value?.download ?? '';
  return { file, exported: exported.json, url };
}

describe('upload, then import', () => {
  it('imports a 50,000-record file uploaded over HTTP, and the upload leaves the server after the import', async () => {
    const { server, port } = await serve();
    const text = goodLines(50_000);
    const uploaded = await upload(port, server.token, text);
    expect(uploaded).toMatchObject({
      status: 200,
      json: { ok: true, value: { name: 'records.ndjson', download: false } },
    });
    const file = uploaded.json.value?.id ?? '';
    expect(JSON.stringify(uploaded.json)).not.toContain(server.privateFolder);
    const preview = await callOverHttp(port, server.token, 'import.preview', { ...NS, taskId: 'p', file });
    expect(preview.json).toMatchObject({ ok: true, value: { records: 50_000 } });
    const run = await callOverHttp(port, server.token, 'import.run', { ...NS, taskId: 'i', file });
    expect(run.json).toMatchObject({ ok: true, value: { written: 50_000 } });
    expect((await callOverHttp(port, server.token, 'records.count', NS)).json).toEqual({ ok: true, value: 50_001 });
    expect(readdirSync(server.privateFolder)).toEqual([]);
    // The handle went with its file.
    expect((await callOverHttp(port, server.token, 'import.run', { ...NS, taskId: 'j', file })).json).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    });
  }, 60_000);

  it('streams: the file grows on the server while the body is still arriving', async () => {
    const { server, port } = await serve();
    const half = Buffer.from(goodLines(20_000));
    const sizes: number[] = [];
    const answer = new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/upload?name=big.ndjson',
          headers: { host: `127.0.0.1:${port}`, ...auth(server.token), 'content-type': 'application/octet-stream' },
          agent: false,
        },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => {
            body += chunk.toString();
          });
          res.on('end', () => resolve(body));
        },
      );
      req.on('error', reject);
      req.write(half);
      // Before the second half is sent, the first must already be on disk (not held in memory).
      const waitForDisk = () => {
        const files = readdirSync(server.privateFolder);
        const size = files.length === 1 ? statSync(join(server.privateFolder, files[0] ?? '')).size : 0;
        if (size < half.length) return void setTimeout(waitForDisk, 10);
        sizes.push(size);
        req.end(Buffer.from(goodLines(20_000, 20_000)));
      };
      waitForDisk();
    });
    expect(JSON.parse(await answer)).toMatchObject({ ok: true });
    expect(sizes).toEqual([half.length]);
  }, 60_000);

  it('is refused without the token, as a form or text post, and beyond the size cap; nothing stays behind', async () => {
    const { server, port } = await serve();
    const noToken = await httpRequest({
      port,
      method: 'POST',
      path: '/api/upload?name=x',
      headers: { 'content-type': 'application/octet-stream' },
      body: 'x',
    });
    expect(noToken.status).toBe(401);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      expect((await upload(port, server.token, 'x', 'x', type)).status, type).toBe(415);
    }
    const huge = await httpRequest({
      port,
      method: 'POST',
      path: '/api/upload?name=x',
      headers: { ...auth(server.token), 'content-type': 'application/octet-stream', 'content-length': 5 * 1024 ** 3 },
    });
    expect(huge.status).toBe(413);
    expect(readdirSync(server.privateFolder)).toEqual([]);
  });
});

describe('export, then download', () => {
  it('downloads exactly the bytes the command line exports, once, as an attachment', async () => {
    const { dir, storePath, server, port } = await serve();
    await callOverHttp(port, server.token, 'import.run', {
      ...NS,
      taskId: 'i',
      file: (await upload(port, server.token, goodLines(2_000))).json.value?.id,
    });
    const { exported, url } = await exportToDownload(port, server.token, 'micro-micro.ndjson', 'lines', {
      kind: 'table',
      ...NS,
    });
    expect(exported).toMatchObject({ ok: true, value: { name: 'micro-micro.ndjson', records: 2_001 } });
    expect(url).toMatch(/^\/api\/download\/[\w-]{32}$/);

    const fetched = await download(port, server.token, url);
    expect(fetched.status).toBe(200);
    expect(fetched.headers['content-disposition']).toBe(
      `attachment; filename="micro-micro.ndjson"; filename*=UTF-8''micro-micro.ndjson`,
    );
    const cliOut = join(dir, 'cli.ndjson');
    expect((await runInProcess(['export', '--store', storePath, '--format', 'ndjson', '--out', cliOut])).status).toBe(
      0,
    );
    expect(fetched.bytes.equals(readFileSync(cliOut))).toBe(true);

    expect((await download(port, server.token, url)).status).toBe(404);
    expect(readdirSync(server.privateFolder)).toEqual([]);
    expect((await download(port, server.token, '/api/download/made-up')).status).toBe(404);
  });

  it('a download URL is its own credential: refused from another site or origin, followed as a link from ours', async () => {
    const { server, port } = await serve();
    const { url } = await exportToDownload(port, server.token, 'x.json', 'array', { kind: 'table', ...NS });
    const foreign = [
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'http://127.0.0.1:1' },
      { host: 'evil.example' },
    ];
    for (const headers of foreign) expect((await httpRequest({ port, path: url, headers })).status).toBe(403);
    // A link our page follows carries no token header: the unguessable one-time URL is enough.
    const link = await httpRequest({ port, path: url, headers: { 'sec-fetch-site': 'same-origin' } });
    expect(link.status).toBe(200);
    expect(JSON.parse(link.body)).toMatchObject([{ key: 'seeded' }]);
    expect((await httpRequest({ port, path: url, headers: { 'sec-fetch-site': 'same-origin' } })).status).toBe(404);
  });
});

describe('a read-only server', () => {
  it('takes no upload, writes nothing beside the store, downloads exports, and leaves no private folder', async () => {
    const { dir, storePath, server, port } = await serve(true);
    const before = sha256File(storePath);
    const listing = readdirSync(dir).sort();
    expect(await upload(port, server.token, goodLines(10))).toMatchObject({
      status: 403,
      json: { ok: false, error: { code: 'read-only' } },
    });
    const { file, url } = await exportToDownload(port, server.token, 'all.dump', 'dump', { kind: 'dump' });
    expect((await download(port, server.token, url)).bytes.toString()).toContain('"key":"seeded"');
    // No way to name a path: a store to create or a file to write is refused.
    expect((await callOverHttp(port, server.token, 'store.create', { file })).json).toMatchObject({ ok: false });
    expect(
      (
        await callOverHttp(port, server.token, 'export.run', {
          taskId: 'f',
          path: join(dir, 'x'),
          format: 'dump',
          scope: { kind: 'dump' },
        })
      ).json,
    ).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    const folder = server.privateFolder;
    await server.close();
    servers.splice(0);
    expect(readdirSync(dir).sort()).toEqual(listing);
    expect(sha256File(storePath)).toBe(before);
    expect(existsSync(folder)).toBe(false);
  });
});
