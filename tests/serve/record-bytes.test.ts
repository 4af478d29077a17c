/**
 * `record.getBytes`, what Load all reads: the whole value as bytes, over real HTTP as browser mode answers it
 * (application/octet-stream, contract/byte-answer.ts) and through dispatch as IPC carries it (structured
 * clone), behind the same token and store identity as every call, with the revision a save is checked against.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BYTE_ANSWER_TYPE, readByteAnswer } from '../../electron/api/contract/byte-answer.js';
import { STORE_ID_HEADER } from '../../electron/api/contract/store-identity.js';
import { StoreSession } from '../../electron/api/store-session.js';
import { type RunningServer, startServer } from '../../electron/serve/server.js';
import { createSqliteStore } from '../../electron/store/index.js';
import { apiClient } from '../helpers/api-client.js';
import { makeTempDir, removeDir } from '../helpers/files.js';
import { callOverHttp, type HttpAnswer, httpRequest } from '../helpers/http.js';

const NS = { database: 'micro', table: 'micro' };
/** Not UTF-8: a lone continuation byte, an overlong form, a cut-off sequence, NULs. */
const BINARY = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc0, 0xaf, 0xc3, 0x28, 0x0a, 0xe2, 0x82]);
/** Over 16 MB (record.valueChunk's largest answer), every byte value in it. */
const LARGE = Buffer.alloc(16 * 1024 * 1024 + 12_345, 0);
for (let index = 0; index < LARGE.length; index++) LARGE[index] = (index * 131 + (index >> 12)) & 0xff;

let dir: string;
let storePath: string;
let server: RunningServer;

beforeEach(async () => {
  dir = makeTempDir('si-bytes-');
  storePath = join(dir, 'store.db');
  const seed = createSqliteStore({ path: storePath });
  await seed.write({ key: 'bin', value: BINARY, metadata: { kind: 'blob' } });
  await seed.write({ key: 'large', value: LARGE });
  await seed.close();
  server = await startServer({ storePath, rendererDir: join(dir, 'renderer') });
});

afterEach(async () => {
  await server.close();
  removeDir(dir);
});

function getBytes(arg: object, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return httpRequest({
    port: server.port,
    path: '/api/call/record.getBytes',
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}`, ...headers },
    body: JSON.stringify(arg),
  });
}

/** The answer as the page reads it: its body as an ArrayBuffer, through the page's own decoder. */
function framed(answer: HttpAnswer) {
  expect(answer.status).toBe(200);
  expect(answer.headers['content-type']).toBe(BYTE_ANSWER_TYPE);
  expect(Number(answer.headers['content-length'])).toBe(answer.bytes.length);
  const body = answer.bytes.buffer.slice(answer.bytes.byteOffset, answer.bytes.byteOffset + answer.bytes.length);
  return readByteAnswer(body as ArrayBuffer);
}

/** A refusal is the usual JSON answer, with none of the value in it. */
function refused(answer: HttpAnswer): { code: string } {
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  const json = JSON.parse(answer.body) as { ok: boolean; error: { code: string } };
  expect(json.ok).toBe(false);
  return json.error;
}

describe('record.getBytes over HTTP', () => {
  it('answers the exact bytes, not UTF-8 and over 16 MB, with the record and the store they came from', async () => {
    const bin = await getBytes({ ...NS, key: 'bin' });
    expect(bin.headers[STORE_ID_HEADER]).toBe(server.session.identity.storeId);
    const answer = framed(bin);
    expect(Buffer.from(answer.value).equals(BINARY)).toBe(true);
    const detail = await callOverHttp(server.port, server.token, 'record.get', { ...NS, key: 'bin' });
    const { value: _base64, ...fields } = (detail.json as { value: Record<string, unknown> }).value;
    expect({ ...answer, value: undefined }).toEqual({ ...fields, value: undefined });
    expect(answer).toMatchObject({ key: 'bin', size: BINARY.length, complete: true, metadata: { kind: 'blob' } });

    const large = framed(await getBytes({ ...NS, key: 'large' }));
    expect(large).toMatchObject({ size: LARGE.length, complete: true });
    expect(Buffer.from(large.value).equals(LARGE)).toBe(true);
  });

  it('answers a head when asked for fewer bytes than the value has', async () => {
    const head = framed(await getBytes({ ...NS, key: 'large', maxBytes: 1000 }));
    expect(head).toMatchObject({ size: LARGE.length, complete: false });
    expect(Buffer.from(head.value).equals(LARGE.subarray(0, 1000))).toBe(true);
  });

  it('refuses a call without the token or with another, for another store, or for a key that is not there', async () => {
    const without = await getBytes({ ...NS, key: 'bin' }, { authorization: '' });
    expect(without.status).toBe(401);
    expect(refused(without).code).toBe('unauthorized');
    const wrong = await getBytes({ ...NS, key: 'bin' }, { authorization: `Bearer ${server.token}x` });
    expect(refused(wrong).code).toBe('unauthorized');
    const notJson = await getBytes({ ...NS, key: 'bin' }, { 'content-type': 'text/plain' });
    expect(refused(notJson).code).toBe('forbidden');

    const otherStore = await getBytes({ ...NS, key: 'bin' }, { [STORE_ID_HEADER]: 'a-store-opened-before' });
    expect(refused(otherStore).code).toBe('store-switched');
    const thisStore = await getBytes({ ...NS, key: 'bin' }, { [STORE_ID_HEADER]: server.session.identity.storeId });
    expect(Buffer.from(framed(thisStore).value).equals(BINARY)).toBe(true);

    expect(refused(await getBytes({ ...NS, key: 'missing' })).code).toBe('not-found');
    expect(refused(await getBytes({ database: 'no', table: 'such', key: 'bin' })).code).toBe('not-found');
    expect(refused(await getBytes({ ...NS, key: 'bin', maxBytes: -1 })).code).toBe('invalid-argument');
  });

  it("a save with the answer's revision is written; after another writer's change it is a conflict", async () => {
    const loaded = framed(await getBytes({ ...NS, key: 'bin' }));
    const other = createSqliteStore({ path: storePath, ...NS });
    await other.write({ key: 'bin', value: 'changed meanwhile' });
    await other.close();
    const save = (expectedRevision: string) =>
      callOverHttp(server.port, server.token, 'record.write', {
        ...NS,
        key: 'bin',
        value: Buffer.from(loaded.value).toString('base64'),
        expectedRevision,
      });
    expect(await save(loaded.revision as string)).toMatchObject({ json: { ok: false, error: { code: 'conflict' } } });

    const again = framed(await getBytes({ ...NS, key: 'bin' }));
    expect(Buffer.from(again.value).toString()).toBe('changed meanwhile');
    expect(await save(again.revision as string)).toMatchObject({ json: { ok: true } });
    expect(Buffer.from(framed(await getBytes({ ...NS, key: 'bin' })).value).equals(BINARY)).toBe(true);
  });
});

describe('record.getBytes through dispatch, as IPC carries it', () => {
  it('answers a Uint8Array of the exact bytes (its schema checked), no base64', async () => {
    const api = apiClient(new StoreSession());
    try {
      await api.value('store.open', { file: api.file(storePath, 'store'), readOnly: true });
      const bin = await api.value('record.getBytes', { ...NS, key: 'bin' });
      expect(bin.value).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(bin.value).equals(BINARY)).toBe(true);
      const large = await api.value('record.getBytes', { ...NS, key: 'large' });
      expect(Buffer.from(large.value).equals(LARGE)).toBe(true);
      expect((await api.error('record.getBytes', { ...NS, key: 'missing' })).code).toBe('not-found');
    } finally {
      await api.session.close();
    }
  });
});
